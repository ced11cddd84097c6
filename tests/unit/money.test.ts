import { describe, expect, it } from "vitest";
import { fenToYuanInput, formatFen, formatLargeFen, formatWan, parseSignedYuanToFen, parseYuanToFen } from "~/utils/money";

describe("formatFen", () => {
  it("shows yuan with two decimals and grouping", () => {
    expect(formatFen(123456)).toBe("¥1,234.56");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(100)).toBe("¥1.00");
    expect(formatFen(123456, "en")).toBe("¥1,234.56");
  });

  it("keeps every fen of large totals exact", () => {
    expect(formatFen(562_000_001)).toBe("¥5,620,000.01");
    expect(formatFen(900_719_925_474_099)).toBe("¥9,007,199,254,740.99");
  });

  it("shows refunds as negative amounts", () => {
    expect(formatFen(-1050)).toBe("-¥10.50");
  });

  it("refuses fractions of a fen", () => {
    expect(() => formatFen(10.5)).toThrow(/safe integer/);
  });
});

describe("formatWan", () => {
  it("writes large totals in 万元 as the article does", () => {
    expect(formatWan(562_000_000)).toBe("562万元");
    expect(formatWan(562_340_000)).toBe("562.3万元");
    expect(formatWan(135_000_000, "en")).toBe("¥1.35M");
  });

  it("keeps small public totals exact to the fen", () => {
    expect(formatLargeFen(562_340_000)).toBe("562.3万元");
    expect(formatLargeFen(999_999)).toBe("¥9,999.99");
    expect(formatLargeFen(5_000_000, "en")).toBe("¥50,000.00");
  });
});

describe("parseSignedYuanToFen", () => {
  it("reads corrections, negative or not, exactly", () => {
    expect(parseSignedYuanToFen("-120.5")).toBe(-12050);
    expect(parseSignedYuanToFen(" 0.07 ")).toBe(7);
    expect(parseSignedYuanToFen("--1")).toBeNull();
    expect(parseSignedYuanToFen("-1.234")).toBeNull();
  });
});

describe("parseYuanToFen", () => {
  it("turns yuan text into integer fen without floating-point error", () => {
    expect(parseYuanToFen("12.5")).toBe(1250);
    expect(parseYuanToFen("0.07")).toBe(7);
    expect(parseYuanToFen("19.99")).toBe(1999);
    expect(parseYuanToFen(" 8 ")).toBe(800);
    expect(parseYuanToFen("¥3.10")).toBe(310);
  });

  it("rejects anything that is not a plain amount", () => {
    for (const bad of ["", "abc", "-1", "1.234", "1e3", "1,000", "NaN", "12.", ".5"]) {
      expect(parseYuanToFen(bad), bad).toBeNull();
    }
  });

  it("round-trips with fenToYuanInput", () => {
    for (const fen of [0, 1, 99, 100, 1999, 123456]) {
      expect(parseYuanToFen(fenToYuanInput(fen))).toBe(fen);
    }
  });
});
