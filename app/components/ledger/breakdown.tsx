import { useEffect, useState } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Money } from "~/components/money";
import { TableScroller } from "~/components/admin/table-scroller";
import { useLanguage } from "~/utils/localize";
import { formatFen, formatWan } from "~/utils/money";
import { wanTicks } from "~/models/dashboard-charts";

export type BreakdownRow = { key: string; label: string; amountFen: number; entryCount: number; to: string };

/**
 * One breakdown of the year's figures: a bar chart (drawn in the browser only; it needs the page's
 * width) and the same numbers as a table, which is also what screen readers and phones use.
 * Every amount links to the entries it sums.
 */
export function Breakdown({
  id,
  title,
  rows,
  totalFen,
  chartRows = rows,
}: {
  id: string;
  title: string;
  rows: BreakdownRow[];
  totalFen: number;
  /** What the chart draws, when it groups rows the table lists one by one. */
  chartRows?: { key: string; label: string; amountFen: number }[];
}) {
  const { t } = useTranslation("ledger");
  const locale = useLanguage();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const data = chartRows.map((r) => ({ name: r.label, fen: r.amountFen }));
  const ticks = wanTicks(Math.max(0, ...chartRows.map((r) => r.amountFen)));
  // Up to six bars every label fits; beyond that recharts drops labels that would collide (phones).
  const crowded = chartRows.length > 6;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded border border-stone-300 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
      <div className="mt-2 h-56" aria-hidden="true">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 4, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={crowded ? "preserveStartEnd" : 0} minTickGap={4} height={24} />
              <YAxis ticks={ticks} domain={[0, ticks.at(-1) ?? 0]} tickFormatter={(v: number) => formatWan(v, locale)} tick={{ fontSize: 11 }} width={56} />
              <Tooltip formatter={(_v, _n, item) => formatFen((item.payload as { fen: number }).fen, locale)} />
              <Bar dataKey="fen" fill="#b91c1c" />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <p className="sr-only">{t("dashboard.chartNote")}</p>
      <TableScroller label={title}>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-300">
            <tr>
              <th scope="col" className="py-1 pr-2">{title}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("dashboard.amount")}</th>
              <th scope="col" className="py-1 text-right">{t("dashboard.share")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-stone-100">
                <th scope="row" className="py-1 pr-2 font-normal">{r.label}</th>
                <td className="py-1 pr-2 text-right">
                  <Link to={r.to} className="text-brand-700 underline-offset-2 hover:underline" data-figure={`${id}:${r.key}`}>
                    <Money fen={r.amountFen} />
                  </Link>
                  <span className="block text-xs text-stone-600">{t("dashboard.entries", { count: r.entryCount })}</span>
                </td>
                <td className="py-1 text-right">{totalFen > 0 ? `${((r.amountFen * 100) / totalFen).toFixed(1)}%` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </section>
  );
}
