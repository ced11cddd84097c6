import { TableScroller } from "./table-scroller";
import { useTranslation } from "react-i18next";
import { formatFen, type Locale } from "~/utils/money";
import { DateTime } from "./date-time";

export type AuditRow = {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  details: string;
  createdAt: Date | string;
  user: { username: string; name: string } | null;
};

function formatValue(value: unknown, key: string, locale: Locale): string {
  if (value === null || value === undefined || value === "") return "∅";
  // Amounts are kept in fen; administrators read and type yuan.
  if (key.endsWith("Fen") && typeof value === "number" && Number.isSafeInteger(value)) return formatFen(value, locale);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Each changed field as "field: before → after"; other details as "key: value". */
function DetailList({ details }: { details: string }) {
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(details) as Record<string, unknown>;
  } catch {
    return <span>{details}</span>;
  }
  const entries = Object.entries(parsed);
  if (entries.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {entries.map(([key, value]) => (
        <li key={key} className="break-words">
          <span className="font-mono text-xs text-stone-600">{key}</span>:{" "}
          {Array.isArray(value) && value.length === 2
            ? `${formatValue(value[0], key, locale)} → ${formatValue(value[1], key, locale)}`
            : formatValue(value, key, locale)}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ rows, showEntity = true }: { rows: AuditRow[]; showEntity?: boolean }) {
  const { t } = useTranslation("admin");
  if (rows.length === 0) return <p className="text-sm text-stone-600">{t("audit.empty")}</p>;
  return (
    <TableScroller label={t("audit.title")}>
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("audit.when")}</th>
            <th scope="col" className="py-2 pr-3">{t("audit.who")}</th>
            <th scope="col" className="py-2 pr-3">{t("audit.action")}</th>
            {showEntity ? <th scope="col" className="py-2 pr-3">{t("audit.entity")}</th> : null}
            <th scope="col" className="py-2">{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-stone-200 align-top">
              <td className="whitespace-nowrap py-2 pr-3"><DateTime value={row.createdAt} /></td>
              <td className="py-2 pr-3">{row.user?.name ?? t("audit.system")}</td>
              <td className="py-2 pr-3">{t(`audit.actions.${row.action.replaceAll(".", "_")}`, { defaultValue: row.action })}</td>
              {showEntity ? (
                <td className="whitespace-nowrap py-2 pr-3">
                  {t(`audit.entities.${row.entityType}`, { defaultValue: row.entityType })} {row.entityId === "import" ? "" : `#${row.entityId}`}
                </td>
              ) : null}
              <td className="py-2"><DetailList details={row.details} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
