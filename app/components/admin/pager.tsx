import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep the current filters. */
export function Pager({ page, hasNext, summary }: { page: number; hasNext: boolean; summary: string }) {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  const linkClass = "rounded border border-stone-400 bg-white px-3 py-1 hover:bg-stone-100";
  return (
    <nav aria-label={t("common.pages")} className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? <Link to={hrefFor(page - 1)} className={linkClass}>{t("common.previous")}</Link> : null}
      <span>{summary}</span>
      {hasNext ? <Link to={hrefFor(page + 1)} className={linkClass}>{t("common.next")}</Link> : null}
    </nav>
  );
}
