import { describe, expect, it } from "vitest";
import { specInEnglish } from "~/utils/spec";
import { allDemoProducts } from "../../prisma/demo/catalogue";

describe("specInEnglish", () => {
  it("spaces the amount from its unit and names the package", () => {
    expect(specInEnglish("5kg/袋")).toBe("5 kg/bag");
    expect(specInEnglish("500g/盒")).toBe("500 g/box");
    expect(specInEnglish("2.5L/桶")).toBe("2.5 L/tub");
    expect(specInEnglish("500ml/瓶")).toBe("500 ml/bottle");
    expect(specInEnglish("250g/罐")).toBe("250 g/jar");
    expect(specInEnglish("10kg/箱")).toBe("10 kg/case");
  });

  it("counts packages inside a package, plural after a number", () => {
    expect(specInEnglish("2.5kg×2袋/箱")).toBe("2.5 kg×2 bags/case");
    expect(specInEnglish("2.5kg×2/盒")).toBe("2.5 kg×2/box");
    expect(specInEnglish("330ml×12/箱")).toBe("330 ml×12/case");
    expect(specInEnglish("30枚/箱")).toBe("30 pieces/case");
    expect(specInEnglish("10穗/箱")).toBe("10 ears/case");
    expect(specInEnglish("1包/件")).toBe("1 pack/item");
    expect(specInEnglish("6瓶/箱")).toBe("6 bottles/case");
  });

  it("turns 斤 (half a kilogram) into grams or kilograms", () => {
    expect(specInEnglish("1斤/袋")).toBe("500 g/bag");
    expect(specInEnglish("5斤/箱")).toBe("2.5 kg/case");
    expect(specInEnglish("2斤×2包/箱")).toBe("1 kg×2 packs/case");
  });

  it("translates the words around the amounts in the demo catalogue", () => {
    expect(specInEnglish("约1.5kg/只")).toBe("about 1.5 kg/piece");
    expect(specInEnglish("精选12枚/盒")).toBe("selected 12 pieces/box");
    expect(specInEnglish("1.5kg/袋（含汤料）")).toBe("1.5 kg/bag (with soup base)");
    expect(specInEnglish("200×230cm 1.5kg/条")).toBe("200×230 cm 1.5 kg/piece");
    expect(specInEnglish("48×74cm/个")).toBe("48×74 cm/piece");
  });

  it("leaves a spec with no Chinese as it is", () => {
    expect(specInEnglish("1 kg")).toBe("1 kg");
    expect(specInEnglish("A4")).toBe("A4");
  });

  it("leaves no Chinese in any spec of the demo catalogue", () => {
    const specs = new Set(allDemoProducts().map((p) => p.spec));
    expect(specs.size).toBeGreaterThan(20);
    for (const spec of specs) expect(specInEnglish(spec), spec).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
