import { useTranslation } from "react-i18next";

type Problem = { file: string; code: string; params?: Record<string, string | number> };

/** Every problem of an upload, each with the file it belongs to. */
export function PhotoProblems({ problems }: { problems?: Problem[] }) {
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
            {t(`photos.errors.${p.code}`, p.params ?? {})}
          </li>
        ))}
      </ul>
    </div>
  );
}
