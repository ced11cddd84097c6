import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breakdown } from "~/components/ledger/breakdown";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { Money } from "~/components/money";
import { BackupAge } from "~/components/admin/backup-age";
import { TableScroller } from "~/components/admin/table-scroller";
import { backupStatus } from "~/models/backup.server";
import { countyChartRows, countyTableOrder } from "~/models/dashboard-charts";
import { beijingYear, FIRST_YEAR, ledgerFigures, parseYear, topProducts } from "~/models/relief-progress.server";
import { requireAdmin } from "~/utils/auth.server";
import { useLanguage, useLocalize } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "消费扶贫进度 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const [figures, products, backup] = await Promise.all([ledgerFigures({ year, quarter: null }), topProducts(year), backupStatus()]);
  const currentYear = beijingYear();
  const years: number[] = [];
  for (let y = Math.max(currentYear, year); y >= FIRST_YEAR; y--) years.push(y);
  return { year, years, figures, products, backup };
}

export default function Dashboard() {
  const { t } = useTranslation("ledger");
  const localize = useLocalize();
  const locale = useLanguage();
  const formatAmount = (fen: number) => formatFen(fen, locale);
  const { year, years, figures, products, backup } = useLoaderData<typeof loader>();
  const entries = (query: Record<string, string | number>) =>
    `/admin/ledger/entries?${new URLSearchParams(Object.entries({ year, ...query }).map(([k, v]) => [k, String(v)]))}`;
  const targetFen = figures.target?.totalFen ?? null;
  const percent = figures.percent;
  const total = figures.total.amountFen;
  const countyRows = countyTableOrder(
    figures.byCounty.map((c) => ({ key: c.slug, label: localize(c.nameZh, c.nameEn), kind: c.kind, amountFen: c.amountFen, entryCount: c.entryCount, to: entries({ countyId: c.countyId }) })),
  );

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="year" className="block text-sm font-medium">{t("dashboard.year")}</label>
            <select id="year" name="year" defaultValue={year} className="mt-1 rounded border border-stone-400 bg-white px-3 py-2">
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
          <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("dashboard.show")}</button>
        </Form>
      </div>
      <LedgerLinks />
      <BackupAge {...backup} />

      <div className="rounded border border-stone-300 bg-white p-4" data-testid="headline">
        <div className="grid gap-4 sm:grid-cols-4">
          <div>
            <p className="text-sm text-stone-700">{t("dashboard.achieved")}</p>
            <p className="text-3xl font-semibold">
              <Link to={entries({})} className="hover:underline" data-figure="total"><Money fen={total} /></Link>
            </p>
          </div>
          <div>
            <p className="text-sm text-stone-700">{t("dashboard.target")}</p>
            {targetFen === null ? (
              <p className="mt-1">{t("dashboard.noTarget", { year })} <Link to="/admin/ledger/targets" className="text-brand-700 underline">{t("dashboard.setTarget")}</Link></p>
            ) : (
              <p className="text-2xl font-semibold"><Money fen={targetFen} /></p>
            )}
          </div>
          {figures.paceFen !== null ? (
            <div>
              <p className="text-sm text-stone-700" title={t("dashboard.paceHint")}>{t("dashboard.pace")}</p>
              <p className="text-2xl font-semibold"><Money fen={figures.paceFen} /></p>
              <p className={`text-sm ${figures.aheadOfPaceFen! >= 0 ? "text-green-800" : "text-red-800"}`}>
                {figures.aheadOfPaceFen! >= 0 ? t("dashboard.ahead", { amount: formatAmount(figures.aheadOfPaceFen!) }) : t("dashboard.behind", { amount: formatAmount(-figures.aheadOfPaceFen!) })}
              </p>
            </div>
          ) : null}
          {figures.remainingFen !== null ? (
            <div>
              <p className="text-sm text-stone-700">{t("dashboard.remaining")}</p>
              <p className="text-2xl font-semibold">{figures.remainingFen === 0 ? t("dashboard.done") : <Money fen={figures.remainingFen} />}</p>
            </div>
          ) : null}
        </div>
        {percent !== null ? (
          <div className="mt-4">
            <div
              role="progressbar"
              aria-label={t("dashboard.progressLabel", { year })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(100, percent)}
              aria-valuetext={t("dashboard.percentOfTarget", { percent })}
              className="h-4 w-full overflow-hidden rounded bg-stone-200"
            >
              <div className="h-full bg-brand-700" style={{ width: `${Math.min(100, percent)}%` }} />
            </div>
            <p className="mt-1 text-sm font-medium" data-testid="percent">{t("dashboard.percentOfTarget", { percent })}</p>
          </div>
        ) : null}
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-2">
          {(["purchase", "helpedSales"] as const).map((key) => {
            const indicator = figures.indicators[key];
            return (
              <div key={key} className="rounded bg-stone-50 p-2">
                <dt className="text-stone-700">{t(`indicators.${key}`)}</dt>
                <dd className="font-semibold">
                  <Money fen={indicator.amountFen} />
                  {indicator.targetFen !== null ? (
                    <span className="ml-2 font-normal text-stone-700">
                      {t("dashboard.indicatorTarget", { amount: formatAmount(indicator.targetFen) })} · {indicator.percent}%
                    </span>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Breakdown
          id="county"
          title={t("dashboard.byCounty")}
          totalFen={total}
          rows={countyRows}
          chartRows={countyChartRows(countyRows, (count) => t("dashboard.otherCounties", { count }))}
        />
        <Breakdown
          id="channel"
          title={t("dashboard.byChannel")}
          totalFen={total}
          rows={figures.byChannel.map((c) => ({ key: c.channel, label: t(`channels.${c.channel}`), amountFen: c.amountFen, entryCount: c.entryCount, to: entries({ channel: c.channel }) }))}
        />
        <Breakdown
          id="buyer"
          title={t("dashboard.byBuyerType")}
          totalFen={total}
          rows={figures.byBuyerType.map((b) => ({ key: b.buyerType, label: t(`buyerTypes.${b.buyerType}`), amountFen: b.amountFen, entryCount: b.entryCount, to: entries({ buyerType: b.buyerType }) }))}
        />
        <Breakdown
          id="month"
          title={t("dashboard.byMonth")}
          totalFen={total}
          rows={figures.byMonth.map((m) => ({ key: String(m.month), label: t("months", { month: m.month }), amountFen: m.amountFen, entryCount: m.entryCount, to: entries({ month: m.month }) }))}
        />
      </div>

      <section aria-labelledby="top-title" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="top-title" className="text-lg font-semibold">{t("dashboard.topProducts")}</h2>
        <p className="text-sm text-stone-700">{t("dashboard.topProductsNote")}</p>
        {products.length === 0 ? (
          <p className="mt-2 text-sm">{t("dashboard.noProducts")}</p>
        ) : (
          <TableScroller label={t("dashboard.topProducts")}>
            <table className="mt-2 w-full text-left text-sm">
              <tbody>
                {products.map((p) => (
                  <tr key={p.productId} className="border-b border-stone-100">
                    <th scope="row" className="py-1 pr-2 font-normal">{localize(p.nameZh, p.nameEn)} <span className="font-mono text-xs text-stone-600">{p.sku}</span></th>
                    <td className="py-1 text-right">
                      <Link to={entries({ productId: p.productId })} className="text-brand-700 hover:underline"><Money fen={p.amountFen} /></Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>

      <section aria-labelledby="export-title" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="export-title" className="text-lg font-semibold">{t("dashboard.export")}</h2>
        <ul className="mt-2 flex flex-wrap gap-3 text-sm">
          {([1, 2, 3, 4, null] as const).map((quarter) => {
            const query = `year=${year}${quarter ? `&quarter=${quarter}` : ""}`;
            const label = quarter ? t("dashboard.quarter", { quarter }) : t("dashboard.wholeYear");
            return (
              <li key={quarter ?? "year"} className="flex items-center gap-1 rounded border border-stone-300 px-2 py-1">
                <span>{year} {label}:</span>
                <a href={`/admin/ledger/report.xlsx?${query}`} download className="text-brand-700 underline" aria-label={`${year} ${label} XLSX`}>{t("dashboard.xlsx")}</a>
                <a href={`/admin/ledger/report.csv?${query}`} download className="text-brand-700 underline" aria-label={`${year} ${label} CSV`}>{t("dashboard.csv")}</a>
              </li>
            );
          })}
        </ul>
      </section>
    </section>
  );
}
