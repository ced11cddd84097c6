import { describe, expect, it } from "vitest";
import zhShop from "~/locales/zh/shop";
import { checkOrderQuantity, choosePrice, unitOfSpec, type QuantityMessage } from "~/models/pricing.server";

const rice = {
  priceFen: 5990,
  tiers: [
    { minQuantity: 50, priceFen: 5500 },
    { minQuantity: 10, priceFen: 5800 },
    { minQuantity: 100, priceFen: 5200 },
  ],
};

describe("choosePrice", () => {
  it("charges the list price below the first tier", () => {
    expect(choosePrice(rice, null, 1)).toEqual({ unitPriceFen: 5990, source: "list" });
    expect(choosePrice(rice, null, 9)).toEqual({ unitPriceFen: 5990, source: "list" });
  });

  it("applies a tier from exactly its minimum quantity, and the highest tier reached", () => {
    expect(choosePrice(rice, null, 10)).toEqual({ unitPriceFen: 5800, source: "tier", tierMinQuantity: 10 });
    expect(choosePrice(rice, null, 49)).toEqual({ unitPriceFen: 5800, source: "tier", tierMinQuantity: 10 });
    expect(choosePrice(rice, null, 50)).toEqual({ unitPriceFen: 5500, source: "tier", tierMinQuantity: 50 });
    expect(choosePrice(rice, null, 100_000)).toEqual({ unitPriceFen: 5200, source: "tier", tierMinQuantity: 100 });
  });

  it("gives a contract price at any quantity, even where a tier would be cheaper", () => {
    expect(choosePrice(rice, 5700, 1)).toEqual({ unitPriceFen: 5700, source: "contract" });
    expect(choosePrice(rice, 5700, 100)).toEqual({ unitPriceFen: 5700, source: "contract" });
  });

  it("ignores a contract or tier above the list price, so buying more never costs more", () => {
    expect(choosePrice(rice, 6500, 60)).toEqual({ unitPriceFen: 5500, source: "tier", tierMinQuantity: 50 });
    expect(choosePrice(rice, 6500, 1)).toEqual({ unitPriceFen: 5990, source: "list" });
    const cutPrice = { ...rice, priceFen: 5600 };
    expect(choosePrice(cutPrice, null, 20)).toEqual({ unitPriceFen: 5600, source: "list" });
    expect(choosePrice(cutPrice, null, 60)).toEqual({ unitPriceFen: 5500, source: "tier", tierMinQuantity: 50 });
  });

  it("accepts a contract or tier equal to the list price", () => {
    expect(choosePrice({ priceFen: 100, tiers: [{ minQuantity: 2, priceFen: 100 }] }, null, 2)).toMatchObject({ source: "tier", unitPriceFen: 100 });
    expect(choosePrice({ priceFen: 100, tiers: [] }, 100, 1)).toEqual({ unitPriceFen: 100, source: "contract" });
  });
});

/** The zh message as a buyer reads it. */
function zh(message: QuantityMessage) {
  const [group, name] = message.key.replace(/^shop:tiers\./, "").split(".") as ["problems", keyof typeof zhShop.tiers.problems];
  expect(group).toBe("problems");
  return zhShop.tiers.problems[name].replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(message.params[k]));
}

describe("checkOrderQuantity", () => {
  const bags = { minOrderQuantity: 20, casePack: 10, spec: "5kg/袋" };

  it("accepts whole cases at or above the minimum", () => {
    expect(checkOrderQuantity(bags, 20)).toEqual({ ok: true });
    expect(checkOrderQuantity(bags, 30)).toEqual({ ok: true });
    expect(checkOrderQuantity({ minOrderQuantity: 1, casePack: 1 }, 1)).toEqual({ ok: true });
  });

  it("refuses less than the minimum, naming it", () => {
    const result = checkOrderQuantity(bags, 19);
    expect(result).toMatchObject({ ok: false, problem: "below-minimum", min: 20 });
    if (result.ok) throw new Error("expected a problem");
    expect(zh(result.message)).toBe("起订量为 20 袋，请至少订 20 袋");
  });

  it("rounds the minimum up to whole cases", () => {
    expect(checkOrderQuantity({ minOrderQuantity: 15, casePack: 10 }, 15)).toMatchObject({ problem: "below-minimum", min: 20 });
    expect(checkOrderQuantity({ minOrderQuantity: 1, casePack: 6 }, 5)).toMatchObject({ problem: "below-minimum", min: 6 });
    expect(checkOrderQuantity({ minOrderQuantity: 1, casePack: 6 }, 0)).toMatchObject({ problem: "below-minimum", min: 6 });
  });

  it("suggests the whole cases either side of a broken case", () => {
    const result = checkOrderQuantity(bags, 25);
    expect(result).toMatchObject({ ok: false, problem: "not-case-multiple", casePack: 10, suggestions: [20, 30] });
    if (result.ok) throw new Error("expected a problem");
    expect(zh(result.message)).toBe("按箱订购，每箱 10 袋：可订 20 或 30");
    expect(checkOrderQuantity(bags, 31)).toMatchObject({ suggestions: [30, 40] });
  });

  it("refuses a quantity that is not a whole number", () => {
    expect(() => checkOrderQuantity(bags, 20.5)).toThrow(RangeError);
  });
});

describe("unitOfSpec", () => {
  it("takes the unit after the slash, or 件", () => {
    expect(unitOfSpec("5kg/袋")).toBe("袋");
    expect(unitOfSpec("500g")).toBe("件");
    expect(unitOfSpec(undefined)).toBe("件");
  });
});
