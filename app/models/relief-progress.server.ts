import { prisma } from "~/utils/db.server";
import { sql } from "~/utils/sql-dialect.server";
import { buyerTypes, channels, indicatorOf } from "./ledger.server";

/**
 * Where the hall stands against the year's consumption-relief target. The dashboard, the public
 * progress line, /api/progress and the quarterly report all come from `ledgerFigures`, which reads
 * the rollup the database keeps on every ledger insert (docs/decisions/009), so they always agree
 * with each other and with the sum of the entries.
 */

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2100;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar year in Beijing time. */
export function beijingYear(date = new Date()) {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** The instant a Beijing-time month (1–12) or year starts; month 13 is the next year's start. */
export function beijingMonthStart(year: number, month: number) {
  return new Date(Date.UTC(year, month - 1, 1) - BEIJING_OFFSET_MS);
}

/** "2019", "2019-Q4" style periods: months from–to inclusive. */
export type Period = { year: number; quarter: 1 | 2 | 3 | 4 | null };

export function periodMonths({ quarter }: Period): [number, number] {
  return quarter === null ? [1, 12] : [quarter * 3 - 2, quarter * 3];
}

/** A year from a query string, or the current one; anything else falls back rather than failing. */
export function parseYear(value: string | null, today = new Date()) {
  const year = Number(value);
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? year : beijingYear(today);
}

export function parsePeriod(params: URLSearchParams, today = new Date()): Period {
  const quarter = Number(params.get("quarter"));
  return { year: parseYear(params.get("year"), today), quarter: [1, 2, 3, 4].includes(quarter) ? (quarter as Period["quarter"]) : null };
}

/**
 * The share of the year's target the calendar calls for by `today`: target × days elapsed / days in
 * the year (Beijing time) — all of it for a past year, none for a future one.
 */
export function paceFen(targetFen: number, year: number, today = new Date()) {
  const start = beijingMonthStart(year, 1).getTime();
  const end = beijingMonthStart(year, 13).getTime();
  const now = today.getTime();
  if (now >= end) return targetFen;
  if (now <= start) return 0;
  const dayMs = 24 * 60 * 60 * 1000;
  const elapsedDays = Math.floor((now - start) / dayMs) + 1;
  const yearDays = Math.round((end - start) / dayMs);
  return Math.round((targetFen * elapsedDays) / yearDays);
}

/** Percent to one decimal, null when there is no target to compare with. */
export function percentOf(achievedFen: number, targetFen: number | null) {
  if (!targetFen) return null;
  return Math.round((achievedFen * 1000) / targetFen) / 10;
}

type Amount = { amountFen: number; entryCount: number };
const add = (into: Amount, row: Amount) => {
  into.amountFen += row.amountFen;
  into.entryCount += row.entryCount;
};
const zero = (): Amount => ({ amountFen: 0, entryCount: 0 });

export async function getTarget(year: number) {
  return prisma.reliefTarget.findUnique({ where: { year }, select: { year: true, totalFen: true, purchaseFen: true, helpedSalesFen: true } });
}

/** Every figure of a period, from the rollup: a handful of rows whatever the ledger's size. */
export async function ledgerFigures(period: Period, today = new Date()) {
  const [from, to] = periodMonths(period);
  // Summed in SQLite, one GROUP BY per breakdown: a year's rollup may hold thousands of rows
  // (months × counties × channels × buyers) and only the sums need to reach JavaScript. Keys are
  // cast to text: the driver types a UNION's column by its first branch.
  const groups = ["countyId", "channel", "buyerType", "month"] as const;
  const [rows, target, counties] = await Promise.all([
    prisma.$queryRawUnsafe<{ dim: (typeof groups)[number]; k: string; a: number | bigint; n: number | bigint }[]>(
      sql(
        groups
          .map((g) => `SELECT '${g}' AS dim, CAST("${g}" AS TEXT) AS k, SUM("amountFen") AS a, SUM("entryCount") AS n FROM "LedgerRollup" WHERE "year" = ? AND "month" BETWEEN ? AND ? GROUP BY "${g}"`)
          .join(" UNION ALL "),
      ),
      ...groups.flatMap(() => [period.year, from, to]),
    ),
    getTarget(period.year),
    prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, slug: true, nameZh: true, nameEn: true, kind: true } }),
  ]);

  const total = zero();
  const indicators = { purchase: zero(), helpedSales: zero() };
  const byCounty = new Map<number, Amount>();
  const byChannel = new Map<string, Amount>(channels.map((c) => [c, zero()]));
  const byBuyerType = new Map<string, Amount>(buyerTypes.map((b) => [b, zero()]));
  const byMonth = new Map<number, Amount>();
  for (let m = from; m <= to; m++) byMonth.set(m, zero());
  for (const row of rows) {
    const amount = { amountFen: Number(row.a), entryCount: Number(row.n) };
    if (row.dim === "countyId") byCounty.set(Number(row.k), amount);
    else if (row.dim === "channel") byChannel.set(String(row.k), amount);
    else if (row.dim === "month") byMonth.set(Number(row.k), amount);
    else {
      // Every entry has exactly one buyer type: these rows also make the total and the indicators.
      byBuyerType.set(String(row.k), amount);
      add(total, amount);
      add(indicators[indicatorOf(String(row.k))], amount);
    }
  }

  const targetFen = target?.totalFen ?? null;
  // Pace and remaining compare the whole year; for a quarter the report shows the year's target.
  const paceTargetFen = targetFen === null ? null : paceFen(targetFen, period.year, today);
  return {
    period,
    target,
    total,
    percent: percentOf(total.amountFen, targetFen),
    paceFen: paceTargetFen,
    aheadOfPaceFen: paceTargetFen === null ? null : total.amountFen - paceTargetFen,
    remainingFen: targetFen === null ? null : Math.max(0, targetFen - total.amountFen),
    indicators: {
      purchase: { ...indicators.purchase, targetFen: target?.purchaseFen ?? null, percent: percentOf(indicators.purchase.amountFen, target?.purchaseFen ?? null) },
      helpedSales: {
        ...indicators.helpedSales,
        targetFen: target?.helpedSalesFen ?? null,
        percent: percentOf(indicators.helpedSales.amountFen, target?.helpedSalesFen ?? null),
      },
    },
    // Counties with sales, plus the assigned ones even at zero: they are what the office answers for.
    byCounty: counties
      .filter((c) => byCounty.has(c.id) || c.kind === "ASSIGNED")
      .map((c) => ({ countyId: c.id, slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn, kind: c.kind, ...(byCounty.get(c.id) ?? zero()) })),
    byChannel: [...byChannel].map(([channel, a]) => ({ channel, ...a })),
    byBuyerType: [...byBuyerType].map(([buyerType, a]) => ({ buyerType, ...a })),
    byMonth: [...byMonth].map(([month, a]) => ({ month, ...a })),
  };
}
export type LedgerFigures = Awaited<ReturnType<typeof ledgerFigures>>;

/** The year's best-selling products among entries that name one (docs/decisions/009). */
export async function topProducts(year: number, take = 10) {
  const rows = await prisma.ledgerProductRollup.findMany({
    where: { year, amountFen: { gt: 0 } },
    orderBy: [{ amountFen: "desc" }, { productId: "asc" }],
    take,
    select: { productId: true, amountFen: true, entryCount: true },
  });
  const products = await prisma.product.findMany({
    where: { id: { in: rows.map((r) => r.productId) } },
    select: { id: true, sku: true, slug: true, nameZh: true, nameEn: true },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return rows.map((r) => ({ ...r, sku: byId.get(r.productId)?.sku ?? "", nameZh: byId.get(r.productId)?.nameZh ?? `#${r.productId}`, nameEn: byId.get(r.productId)?.nameEn ?? "" }));
}

/**
 * What the public may see: the year's target, what was achieved and the share per county. No
 * buyers, no orders, no channels' details. The home page, county pages and /api/progress use it.
 */
export async function publicProgress(year: number, today = new Date()) {
  const figures = await ledgerFigures({ year, quarter: null }, today);
  return {
    year,
    targetFen: figures.target?.totalFen ?? null,
    achievedFen: figures.total.amountFen,
    percent: figures.percent,
    counties: figures.byCounty.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn, achievedFen: c.amountFen })),
  };
}
export type PublicProgress = Awaited<ReturnType<typeof publicProgress>>;
