import { useTranslation } from "react-i18next";

/** Every problem of an uploaded file, each with its row number, announced as one alert. */
export function ProblemList({ id, title, problems }: { id: string; title: string; problems: { row: number; message: string; params?: Record<string, string | number> }[] }) {
  const { t } = useTranslation("gifts");
  return (
    <div id={id} role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">{title}</p>
      <ul className="mt-1 max-h-96 list-disc overflow-y-auto pl-5" data-testid="file-problems">
        {problems.map((p, i) => (
          <li key={i}>{t(p.message, { row: p.row, ...p.params })}</li>
        ))}
      </ul>
    </div>
  );
}
