import { describe, expect, it } from "vitest";
import { countyChartRows, countyTableOrder, wanTicks } from "~/models/dashboard-charts";
import { formatWan } from "~/utils/money";

const labels = (fen: number[]) => fen.map((f) => formatWan(f));

describe("wanTicks", () => {
  it("gives round 万元 ticks where recharts gave 8.5 / 17 / 25.5", () => {
    // 34万元 of sales in the best month.
    expect(labels(wanTicks(34 * 1_000_000))).toEqual(["0万元", "10万元", "20万元", "30万元", "40万元"]);
    expect(labels(wanTicks(8.4 * 1_000_000))).toEqual(["0万元", "2万元", "4万元", "6万元", "8万元", "10万元"]);
    expect(labels(wanTicks(230 * 1_000_000))).toEqual(["0万元", "50万元", "100万元", "150万元", "200万元", "250万元"]);
  });

  it("never steps finer than 0.1 万元 and copes with nothing sold", () => {
    expect(labels(wanTicks(150_000))).toEqual(["0万元", "0.1万元", "0.2万元"]);
    expect(wanTicks(0)).toEqual([0, 100_000]);
  });

  it("always covers the largest value with at most six ticks", () => {
    for (const max of [1, 99_999, 1_234_567, 87_654_321, 5_000_000_000]) {
      const ticks = wanTicks(max);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe("county chart", () => {
  const rows = [
    { key: "zuogong", label: "左贡县", kind: "TIBET", amountFen: 300 },
    { key: "zhenlai", label: "镇赉县", kind: "ASSIGNED", amountFen: 100 },
    { key: "helong", label: "和龙市", kind: "ASSIGNED", amountFen: 0 },
    { key: "fengshan", label: "凤山县", kind: "ASSIGNED", amountFen: 50 },
    { key: "x", label: "某县", kind: "JILIN", amountFen: 900 },
  ];

  it("shows the three assigned counties, then one bar for all others", () => {
    expect(countyChartRows(rows, (n) => `其他${n}县`)).toEqual([
      { key: "zhenlai", label: "镇赉县", amountFen: 100 },
      { key: "helong", label: "和龙市", amountFen: 0 },
      { key: "fengshan", label: "凤山县", amountFen: 50 },
      { key: "others", label: "其他2县", amountFen: 1200 },
    ]);
  });

  it("orders the table assigned first, then the others by amount", () => {
    expect(countyTableOrder(rows).map((r) => r.key)).toEqual(["zhenlai", "helong", "fengshan", "x", "zuogong"]);
  });
});
