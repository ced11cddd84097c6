import { describe, expect, it } from "vitest";
import { guardFormula, unguardFormula } from "~/utils/csv.server";

describe("the spreadsheet-formula guard", () => {
  it("writes text a spreadsheet would run as a formula with a leading apostrophe", () => {
    for (const text of ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "-", "-1e5"]) {
      expect(guardFormula(text)).toBe(`'${text}`);
      expect(unguardFormula(`'${text}`)).toBe(text);
    }
  });

  it("leaves negative amounts as numbers, so a report's sums still add them", () => {
    for (const amount of ["-14439.21", "-1", "-0.05", "1234.56"]) expect(guardFormula(amount)).toBe(amount);
    expect(guardFormula(-14439.21)).toBe(-14439.21);
  });
});
