import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links; `hrefFor` builds the URL of a page so filters stay in it. */
export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const linkClass = "rounded border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100";
  return (
    <nav aria-label={t("pagination.page", { page, pages })} className="mt-6 flex items-center justify-center gap-3 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className={linkClass}>
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span>{t("pagination.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next" className={linkClass}>
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
