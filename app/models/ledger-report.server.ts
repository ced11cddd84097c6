import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { Language } from "~/i18n";
import { getI18n } from "~/i18n.server";
import { guardFormula } from "~/utils/csv.server";
import { fenToYuanInput } from "~/utils/money";
import { indicatorOf } from "./ledger.server";
import { ledgerFigures, periodMonths, type Period } from "./relief-progress.server";

/**
 * The office's quarterly (or yearly) report: totals by county, channel, buyer type and month against
 * the year's target, from the same `ledgerFigures` as the dashboard, so the two agree to the fen.
 */

type ReportRow = { section: string; name: string; amountFen: number | null; entries: number | null; text?: string };

export async function reportRows(period: Period, lang: Language) {
  const t = getI18n(lang).getFixedT(lang, "ledger");
  const [figures, year] = await Promise.all([ledgerFigures(period), ledgerFigures({ year: period.year, quarter: null })]);
  const [, lastMonth] = periodMonths(period);
  const yearToDateFen = year.byMonth.filter((m) => m.month <= lastMonth).reduce((sum, m) => sum + m.amountFen, 0);
  const periodName = `${period.year} ${period.quarter ? t("dashboard.quarter", { quarter: period.quarter }) : t("dashboard.wholeYear")}`;
  const targetFen = figures.target?.totalFen ?? null;
  const summary = t("report.section");
  const rows: ReportRow[] = [
    { section: summary, name: t("report.period"), amountFen: null, entries: null, text: periodName },
    { section: summary, name: t("report.target"), amountFen: targetFen, entries: null },
    { section: summary, name: t("report.achieved"), amountFen: figures.total.amountFen, entries: figures.total.entryCount },
    { section: summary, name: `${t("dashboard.achieved")} (${period.year}-01 – ${period.year}-${String(lastMonth).padStart(2, "0")})`, amountFen: yearToDateFen, entries: null },
    {
      section: summary,
      name: t("report.percent"),
      amountFen: null,
      entries: null,
      text: targetFen ? `${(Math.round((yearToDateFen * 1000) / targetFen) / 10).toFixed(1)}%` : "–",
    },
  ];
  for (const key of ["purchase", "helpedSales"] as const) {
    rows.push({ section: summary, name: t(`indicators.${key}`), amountFen: figures.indicators[key].amountFen, entries: figures.indicators[key].entryCount });
  }
  const name = (zh: string, en: string) => (lang === "en" ? en : zh);
  for (const c of figures.byCounty) rows.push({ section: t("dashboard.byCounty"), name: name(c.nameZh, c.nameEn), amountFen: c.amountFen, entries: c.entryCount });
  for (const c of figures.byChannel) rows.push({ section: t("dashboard.byChannel"), name: t(`channels.${c.channel}`), amountFen: c.amountFen, entries: c.entryCount });
  for (const b of figures.byBuyerType) {
    rows.push({ section: t("dashboard.byBuyerType"), name: `${t(`buyerTypes.${b.buyerType}`)} (${t(`indicators.${indicatorOf(b.buyerType)}`)})`, amountFen: b.amountFen, entries: b.entryCount });
  }
  for (const m of figures.byMonth) rows.push({ section: t("dashboard.byMonth"), name: `${period.year}-${String(m.month).padStart(2, "0")}`, amountFen: m.amountFen, entries: m.entryCount });
  rows.push({ section: t("report.totals"), name: periodName, amountFen: figures.total.amountFen, entries: figures.total.entryCount });
  const headers = [t("report.section"), t("report.name"), t("report.amount"), t("report.amountFen"), t("report.entries")];
  return { title: `${t("report.title")} · ${periodName}`, headers, rows };
}

export function reportFileName(period: Period) {
  return `relief-report-${period.year}${period.quarter ? `-Q${period.quarter}` : ""}`;
}

/** CSV with a BOM so Excel reads it as UTF-8; amounts in yuan written exactly from fen. */
export async function reportCsv(period: Period, lang: Language) {
  const { headers, rows } = await reportRows(period, lang);
  const records = rows.map((r) => [r.section, r.name, r.amountFen === null ? (r.text ?? "") : fenToYuanInput(r.amountFen), r.amountFen ?? "", r.entries ?? ""].map((v) => guardFormula(v)));
  return "\uFEFF" + stringify([headers, ...records], { record_delimiter: "\r\n" });
}

export async function reportXlsx(period: Period, lang: Language) {
  const { title, headers, rows } = await reportRows(period, lang);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "一汽扶贫馆";
  const sheet = workbook.addWorksheet(reportFileName(period).slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) {
    // Yuan as a number for the spreadsheet's sums; the fen column keeps the exact integer.
    sheet.addRow([r.section, r.name, r.amountFen === null ? (r.text ?? "") : r.amountFen / 100, r.amountFen ?? "", r.entries ?? ""]);
  }
  sheet.getColumn(3).numFmt = "#,##0.00";
  for (const [i, width] of [18, 28, 18, 16, 10].entries()) sheet.getColumn(i + 1).width = width;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
