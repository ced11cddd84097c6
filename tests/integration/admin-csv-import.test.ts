import { beforeEach, describe, expect, it } from "vitest";
import { CSV_COLUMNS, CSV_IMPORT_REASON, exportCsv, importCsv } from "~/models/product-csv.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData, createUserWithRole } from "../support/admin-fixtures";

let adminId: number;

beforeEach(async () => {
  await prisma.auditLog.deleteMany();
  await prisma.stockAdjustment.deleteMany();
  await prisma.endorsement.deleteMany();
  await prisma.productImage.deleteMany();
  await prisma.product.deleteMany();
  await prisma.supplier.deleteMany();
  await prisma.category.deleteMany();
  await prisma.county.deleteMany();
  await prisma.user.deleteMany();
  await createReferenceData();
  adminId = (await createUserWithRole("admin", "ADMIN")).id;
});

function csv(count: number, row: (i: number) => Partial<Record<(typeof CSV_COLUMNS)[number], string>> = () => ({})) {
  const lines = [CSV_COLUMNS.join(",")];
  for (let i = 1; i <= count; i++) {
    const even = i % 2 === 0;
    const values: Record<string, string> = {
      sku: `SKU-${i}`,
      slug: `product-${i}`,
      name_zh: even ? `凤山山茶油${i}` : `镇赉大米${i}`,
      name_en: "",
      category: even ? "herbs" : "rice",
      county: even ? "fengshan" : "zhenlai",
      supplier: even ? "凤山县文里村合作社" : "镇赉县稻米合作社",
      township: "",
      village: "文里村",
      spec: "500g",
      price_yuan: "19.9",
      stock: "7",
      description_zh: "",
      description_en: "",
      origin_statement: "",
      image_url: `/images/p${i}.jpg`,
      secretary_name: i % 3 === 0 ? "李书记" : "",
      secretary_village: i % 3 === 0 ? "文里村" : "",
      secretary_township: i % 3 === 0 ? "砦牙乡" : "",
      dispatching_unit: "",
      endorsement_words: "",
      ...row(i),
    };
    lines.push(CSV_COLUMNS.map((c) => values[c]).join(","));
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

describe("importCsv", () => {
  it("creates 1,200 products in one go with stock history, images, endorsements and one audit entry", async () => {
    const result = await importCsv(csv(1200), adminId);
    expect(result.ok && result.plan).toMatchObject({ creates: 1200, updates: 0 });
    expect(await prisma.product.count()).toBe(1200);
    expect(await prisma.stockAdjustment.count({ where: { reason: CSV_IMPORT_REASON, delta: 7, stockAfter: 7 } })).toBe(1200);
    expect(await prisma.productImage.count()).toBe(1200);
    expect(await prisma.endorsement.count()).toBe(400);
    const product = await prisma.product.findUniqueOrThrow({ where: { sku: "SKU-2" } });
    expect(product).toMatchObject({ priceFen: 1990, stock: 7 });
    expect(product.searchChars).toContain("凤 山");
    const audits = await prisma.auditLog.findMany();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.details)).toMatchObject({ rows: 1200, created: 1200, updated: 0 });
  });

  it("re-importing the same SKUs updates them, applying stock differences as adjustments", async () => {
    await importCsv(csv(10), adminId);
    const result = await importCsv(
      csv(10, (i) => (i === 1 ? { stock: "3", price_yuan: "25" } : i === 2 ? { name_zh: "凤山茶油新装" } : {})),
      adminId,
    );
    expect(result.ok && result.plan).toMatchObject({ creates: 0, updates: 10, unchanged: 8 });
    expect(await prisma.product.count()).toBe(10);
    const first = await prisma.product.findUniqueOrThrow({ where: { sku: "SKU-1" } });
    expect(first).toMatchObject({ stock: 3, priceFen: 2500 });
    const adjustments = await prisma.stockAdjustment.findMany({ where: { productId: first.id }, orderBy: { id: "asc" } });
    expect(adjustments.map((a) => [a.delta, a.stockAfter, a.reason])).toEqual([
      [7, 7, CSV_IMPORT_REASON],
      [-4, 3, CSV_IMPORT_REASON],
    ]);
    expect((await prisma.product.findUniqueOrThrow({ where: { sku: "SKU-2" } })).searchChars).toContain("新 装");
    const audits = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(JSON.parse(audits[1]!.details)).toMatchObject({ created: 0, updated: 2, unchanged: 8, stockAdjusted: 1 });
  });

  it("writes nothing when one row of the file is bad", async () => {
    const result = await importCsv(csv(50, (i) => (i === 37 ? { price_yuan: "abc" } : {})), adminId);
    expect(result).toMatchObject({ ok: false, issues: [{ row: 38, column: "price_yuan", message: "admin:errors.priceFormat" }] });
    expect(await prisma.product.count()).toBe(0);
    expect(await prisma.stockAdjustment.count()).toBe(0);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("refuses a slug that belongs to another product's SKU", async () => {
    await importCsv(csv(2), adminId);
    const result = await importCsv(csv(1, () => ({ sku: "NEW-1", slug: "product-2" })), adminId);
    expect(result).toMatchObject({ ok: false, issues: [{ row: 2, column: "slug", message: "admin:csv.slugTaken", params: { sku: "SKU-2" } }] });
  });
});

describe("exportCsv", () => {
  it("exports every product, archived too, with a BOM, in a form that re-imports without changes", async () => {
    await importCsv(csv(6), adminId);
    await prisma.product.update({ where: { sku: "SKU-4" }, data: { status: "ARCHIVED" } });
    const text = await exportCsv();
    expect(text.startsWith("\uFEFF" + CSV_COLUMNS.join(","))).toBe(true);
    expect(text.trim().split("\r\n")).toHaveLength(7);
    expect(text).toContain("SKU-4,product-4,凤山山茶油4");
    const again = await importCsv(text, adminId);
    expect(again.ok && again.plan).toMatchObject({ creates: 0, updates: 6, unchanged: 6 });
  });

  it("exports a catalogue read in several pages, every row once and with its photo", async () => {
    await importCsv(csv(1200), adminId);
    const lines = (await exportCsv()).trim().split("\r\n").slice(1);
    expect(lines).toHaveLength(1200);
    expect(lines.at(-1)).toMatch(/^SKU-1200,product-1200,/);
    expect(lines.filter((line, i) => line.includes(`/images/p${i + 1}.jpg`))).toHaveLength(1200);
  });

  it("writes text that a spreadsheet would run as a formula as plain text, and reads it back unchanged", async () => {
    await importCsv(csv(1, () => ({ description_zh: "=WEBSERVICE(A1)", name_en: "-5% off" })), adminId);
    const text = await exportCsv();
    expect(text).toContain("'=WEBSERVICE(A1)");
    expect(text).toContain("'-5% off");
    const again = await importCsv(text, adminId);
    expect(again.ok && again.plan).toMatchObject({ updates: 1, unchanged: 1 });
    const product = await prisma.product.findUniqueOrThrow({ where: { sku: "SKU-1" } });
    expect(product.descriptionZh).toBe("=WEBSERVICE(A1)");
    expect(product.nameEn).toBe("-5% off");
  });
});
