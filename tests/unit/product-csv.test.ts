import { beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, decodeCsvBytes, parseCsvText, validateCsv } from "~/models/product-csv.server";
import { createReferenceData } from "../support/admin-fixtures";

const header = CSV_COLUMNS.join(",");
const good = (sku: string, extra: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) => {
  const row: Record<string, string> = {
    sku,
    slug: sku.toLowerCase(),
    name_zh: "镇赉大米",
    name_en: "Zhenlai rice",
    category: "rice",
    county: "zhenlai",
    supplier: "镇赉县稻米合作社",
    township: "坦途镇",
    village: "东方红村",
    spec: "5kg/袋",
    price_yuan: "59.90",
    stock: "10",
    description_zh: "",
    description_en: "",
    origin_statement: "",
    image_url: "",
    secretary_name: "",
    secretary_village: "",
    secretary_township: "",
    dispatching_unit: "",
    endorsement_words: "",
    ...extra,
  };
  return CSV_COLUMNS.map((c) => (/[",\n]/.test(row[c]!) ? `"${row[c]!.replace(/"/g, '""')}"` : row[c])).join(",");
};

beforeAll(async () => {
  await createReferenceData();
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without a BOM the same way", () => {
    const text = `${header}\n${good("A1")}\n`;
    const plain = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeCsvBytes(withBom)).toBe(text);
    expect(decodeCsvBytes(plain)).toBe(text);
  });

  it("falls back to GB18030 for files Excel saved in the Chinese code page", () => {
    // "大米" in GBK
    expect(decodeCsvBytes(new Uint8Array([0xb4, 0xf3, 0xc3, 0xd7]))).toBe("大米");
  });
});

describe("parseCsvText", () => {
  it("numbers rows as the spreadsheet does, counting blank lines and skipping them", async () => {
    const result = await parseCsvText(`\uFEFF${header}\n${good("A1")}\n\n${good("A2")}\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.row, r.values.sku])).toEqual([
      [2, "A1"],
      [4, "A2"],
    ]);
  });

  it("accepts a header with only the required columns, in any order and case", async () => {
    const result = await parseCsvText("Stock,SKU,slug,name_zh,category,county,supplier,spec,price_yuan\n3,A1,a1,米,rice,zhenlai,s,1kg,1\n");
    expect(result.ok && result.rows[0]!.values).toMatchObject({ sku: "A1", stock: "3" });
  });

  it("names missing and unknown columns", async () => {
    const result = await parseCsvText("sku,slug,name_zh,prcie_yuan\nA1,a1,米,1\n");
    expect(result).toEqual({
      ok: false,
      issues: [
        { row: 1, message: "admin:csv.unknownColumns", params: { columns: "prcie_yuan" } },
        { row: 1, message: "admin:csv.missingColumns", params: { columns: "category, county, supplier, spec, price_yuan, stock" } },
      ],
    });
  });

  it("reports a broken quote and an empty file", async () => {
    expect(await parseCsvText(`${header}\n"A1,unclosed\n`)).toMatchObject({ ok: false, issues: [{ message: "common:table.malformed" }] });
    expect(await parseCsvText("")).toMatchObject({ ok: false, issues: [{ message: "common:table.empty" }] });
    expect(await parseCsvText(`${header}\n\n`)).toMatchObject({ ok: false, issues: [{ message: "admin:csv.noRows" }] });
  });
});

describe("validateCsv", () => {
  it("plans a valid file, handling quoted commas and newlines", async () => {
    const result = await validateCsv(`${header}\n${good("A1", { description_zh: "香，甜\n好吃, 真的" })}\n${good("A2")}\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toMatchObject({ creates: 2, updates: 0 });
    expect(result.plan.rows[0]!.fields).toMatchObject({ priceFen: 5990, descriptionZh: "香，甜\n好吃, 真的" });
  });

  it("reports every bad row with its spreadsheet row number, column and a specific reason", async () => {
    const csv = [
      header,
      good("A1"),
      good("A2", { price_yuan: "12.345" }),
      good("A3", { stock: "-1", slug: "Not A Slug" }),
      good("A4", { county: "nowhere" }),
      good("A5", { supplier: "凤山县文里村合作社" }),
      good("A1", { slug: "a1-again" }),
      good("A7", { secretary_name: "王书记" }),
      good("A8", { category: "toys", price_yuan: "0" }),
    ].join("\n");
    const result = await validateCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rowCount).toBe(8);
    expect(result.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, "price_yuan", "admin:errors.priceFormat"],
      [4, "slug", "admin:errors.slugFormat"],
      [4, "stock", "admin:errors.stockFormat"],
      [5, "county", "admin:csv.unknownCounty"],
      [6, "supplier", "admin:csv.unknownSupplier"],
      [7, "sku", "admin:csv.duplicateSku"],
      [8, "secretary_village, secretary_township", "admin:csv.endorsementIncomplete"],
      [9, "price_yuan", "admin:errors.pricePositive"],
      [9, "category", "admin:csv.unknownCategory"],
    ]);
    expect(result.issues.find((i) => i.row === 7)?.params).toEqual({ other: 2 });
  });

  it("reports an unknown category with the value that was given", async () => {
    const result = await validateCsv(`${header}\n${good("A1", { category: "toys" })}\n`);
    expect(result).toMatchObject({ ok: false, issues: [{ row: 2, column: "category", message: "admin:csv.unknownCategory", params: { value: "toys" } }] });
  });

  it("accepts a complete endorsement", async () => {
    const result = await validateCsv(
      `${header}\n${good("A1", { secretary_name: "王书记", secretary_village: "东方红村", secretary_township: "坦途镇", endorsement_words: "好米" })}\n`,
    );
    expect(result.ok && result.plan.rows[0]!.endorsement).toMatchObject({ secretaryName: "王书记", words: "好米" });
  });
});
