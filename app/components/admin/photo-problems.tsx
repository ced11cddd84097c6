import { useTranslation } from "react-i18next";

/**
 * What went wrong with an upload: a photo the shop refused (`code`, one of photos.errors.*) or the
 * upload itself, refused by the streaming parser while it was read (`message`, an i18n key).
 */
export type ShownPhotoProblem = { file: string; code?: string; message?: string; params?: Record<string, string | number> };

/** Every problem of an upload, each with the file it belongs to. */
export function PhotoProblems({ problems }: { problems?: ShownPhotoProblem[] }) {
  const { t } = useTranslation("admin");
  if (!problems || problems.length === 0) return null;
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">{t("photos.errorsTitle", { count: problems.length })}</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p, i) => (
          <li key={i}>
            {p.file ? <span className="font-mono">{p.file}</span> : null}
            {p.file ? "：" : null}
            {t(p.message ?? `photos.errors.${p.code}`, p.params ?? {})}
          </li>
        ))}
      </ul>
    </div>
  );
}
