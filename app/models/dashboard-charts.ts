/**
 * How the relief dashboard draws its charts (client-safe, no I/O): round axis ticks in 万元, and the
 * county chart with the three assigned counties first and every other county in one bar.
 */
const FEN_PER_WAN = 1_000_000;
/** formatWan shows tenths of a 万元: no tick may be finer than that. */
const MIN_STEP_WAN = 0.1;

/** Ticks from 0 to just above `maxFen`, at most 5 intervals, each a 1, 2 or 5 × 10ⁿ 万元 step (in fen). */
export function wanTicks(maxFen: number): number[] {
  const maxWan = Math.max(maxFen, 0) / FEN_PER_WAN;
  const raw = Math.max(maxWan / 5, MIN_STEP_WAN);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const stepWan = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12)!;
  const stepFen = Math.round(stepWan * FEN_PER_WAN);
  const count = Math.max(1, Math.ceil(maxFen / stepFen));
  return Array.from({ length: count + 1 }, (_, i) => i * stepFen);
}

type CountyAmount = { key: string; label: string; kind: string; amountFen: number };

/** Assigned counties first (in their order), then all the others as one bar named by `othersLabel`. */
export function countyChartRows<T extends CountyAmount>(rows: T[], othersLabel: (count: number) => string) {
  const assigned = rows.filter((r) => r.kind === "ASSIGNED");
  const others = rows.filter((r) => r.kind !== "ASSIGNED");
  const chart = assigned.map((r) => ({ key: r.key, label: r.label, amountFen: r.amountFen }));
  if (others.length > 0) {
    chart.push({ key: "others", label: othersLabel(others.length), amountFen: others.reduce((sum, r) => sum + r.amountFen, 0) });
  }
  return chart;
}

/** The county table: assigned counties first, then the others by amount, largest first. */
export function countyTableOrder<T extends CountyAmount>(rows: T[]): T[] {
  const assigned = rows.filter((r) => r.kind === "ASSIGNED");
  const others = rows.filter((r) => r.kind !== "ASSIGNED").sort((a, b) => b.amountFen - a.amountFen);
  return [...assigned, ...others];
}
