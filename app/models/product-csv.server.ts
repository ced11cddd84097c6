import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { diffFields, recordAudit } from "~/models/audit.server";
import { editableFieldsSelect, searchFieldsFor } from "~/models/product.server";
import { inBatches, LOOKUP_BATCH, nextTurn } from "~/utils/batches";
import { prisma } from "~/utils/db.server";
import { decodeCsvBytes, guardFormula, unguardFormula } from "~/utils/csv.server";
import { readUploadedTable } from "~/utils/uploaded-table.server";
import { fenToYuanInput } from "~/utils/money";
import {
  CSV_COLUMNS,
  endorsementFields,
  priceField,
  REQUIRED_COLUMNS,
  skuField,
  slugField,
  stockField,
  type CsvColumn,
} from "./product-schema";
import { metrics } from "~/utils/metrics.server";

export { CSV_COLUMNS, MAX_CSV_BYTES, REQUIRED_COLUMNS } from "./product-schema";

/**
 * The catalogue as a spreadsheet: the 1,000+ endorsed goods arrive this way. Rows are matched to
 * products by SKU, so importing the same file twice updates rather than duplicates. A file is
 * written only when every row is valid, in one transaction.
 */
const ENDORSEMENT_COLUMNS = ["secretary_name", "secretary_village", "secretary_township", "dispatching_unit", "endorsement_words"] as const;
const ENDORSEMENT_REQUIRED = ["secretary_name", "secretary_village", "secretary_township"] as const;

export const MAX_CSV_ROWS = 20_000;
export const CSV_IMPORT_REASON = "CSV 导入";

/** A problem with the file; row is the spreadsheet row (the header is row 1), 0 for the file itself. */
export type CsvIssue = { row: number; column?: string; message: string; params?: Record<string, string | number> };

const text = (max: number) => z.string().trim().max(max, "admin:errors.tooLong");
const needed = (max: number) => text(max).min(1, "admin:errors.required");

const RowSchema = z.object({
  sku: skuField,
  slug: slugField,
  name_zh: needed(100),
  name_en: text(200),
  category: needed(80),
  county: needed(80),
  supplier: needed(100),
  township: text(50),
  village: text(50),
  spec: needed(50),
  price_yuan: priceField,
  stock: stockField,
  description_zh: text(5000),
  description_en: text(5000),
  origin_statement: text(1000),
  image_url: text(500).refine((v) => v === "" || /^(https?:\/\/|\/)\S+$/.test(v), "admin:errors.imageUrl"),
  secretary_name: text(50),
  secretary_village: text(50),
  secretary_township: text(50),
  dispatching_unit: endorsementFields.dispatchingUnit,
  endorsement_words: endorsementFields.words,
});
type CsvRow = z.infer<typeof RowSchema>;

export { decodeCsvBytes };

type RawRow = { row: number; values: Record<string, string> };

/**
 * Splits the text into rows keyed by column (read in a worker thread, row limit applied while
 * reading), or reports why the file cannot be read at all.
 */
export async function parseCsvText(input: string): Promise<{ ok: true; rows: RawRow[] } | { ok: false; issues: CsvIssue[] }> {
  const table = await readUploadedTable({ name: "import.csv", bytes: new TextEncoder().encode(input) }, { maxRows: MAX_CSV_ROWS });
  if (!table.ok) return { ok: false, issues: [{ row: 0, ...table.problem }] };
  const [first, ...body] = table.rows;
  const header = first!.values;
  const columns = header.map((c) => c.trim().toLowerCase());
  const issues: CsvIssue[] = [];
  const unknown = columns.filter((c) => c !== "" && !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) issues.push({ row: 1, message: "admin:csv.unknownColumns", params: { columns: unknown.join(", ") } });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) issues.push({ row: 1, message: "admin:csv.missingColumns", params: { columns: missing.join(", ") } });
  const repeated = columns.filter((c, i) => c !== "" && columns.indexOf(c) !== i);
  if (repeated.length > 0) issues.push({ row: 1, message: "admin:csv.repeatedColumns", params: { columns: repeated.join(", ") } });
  if (issues.length > 0) return { ok: false, issues };

  const rows = body.map(({ row, values: cells }): RawRow => {
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) values[column] = unguardFormula(cells[i] ?? "");
    });
    return { row, values };
  });
  if (rows.length === 0) return { ok: false, issues: [{ row: 0, message: "admin:csv.noRows" }] };
  metrics.importRows("products", rows.length);
  return { ok: true, rows };
}

type ProductFields = {
  sku: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  categoryId: number;
  countyId: number;
  supplierId: number;
  township: string;
  village: string;
  spec: string;
  priceFen: number;
  descriptionZh: string;
  descriptionEn: string;
  originStatement: string;
};

type EndorsementFields = {
  secretaryName: string;
  village: string;
  township: string;
  dispatchingUnit: string;
  words: string;
  countyId: number;
};

export type PlannedRow = {
  row: number;
  action: "create" | "update";
  productId: number | null;
  fields: ProductFields;
  search: { categoryNameZh: string; countyNameZh: string };
  stock: number;
  stockDelta: number;
  imageUrl: string;
  endorsement: EndorsementFields | null;
  changes: Record<string, [unknown, unknown]>;
};

export type ImportPlan = { rows: PlannedRow[]; creates: number; updates: number; unchanged: number };
export type ValidationResult = { ok: true; plan: ImportPlan } | { ok: false; issues: CsvIssue[]; rowCount: number };

type Db = Prisma.TransactionClient | typeof prisma;


const existingSelect = {
  id: true,
  ...editableFieldsSelect,
  stock: true,
  images: { orderBy: { sortOrder: "asc" }, take: 1, select: { url: true } },
  endorsement: {
    select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true, countyId: true },
  },
} satisfies Prisma.ProductSelect;

/** The products a file's SKUs or slugs already belong to, a few hundred keys per query. */
async function findExisting(db: Db, skus: string[], slugs: string[]) {
  const batches = await Promise.all([
    ...inBatches(skus).map((part) => db.product.findMany({ where: { sku: { in: part } }, select: existingSelect })),
    ...inBatches(slugs).map((part) => db.product.findMany({ where: { slug: { in: part } }, select: existingSelect })),
  ]);
  return [...new Map(batches.flat().map((p) => [p.id, p])).values()];
}

/**
 * Checks every row and works out what importing would do. Reference data and existing products
 * are loaded in a handful of batch queries whatever the file's size.
 */
export async function validateCsv(input: string, db: Db = prisma): Promise<ValidationResult> {
  const parsed = await parseCsvText(input);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, rowCount: 0 };
  return checkRows(parsed.rows, db);
}

async function checkRows(parsedRows: RawRow[], db: Db): Promise<ValidationResult> {
  const parsed = { rows: parsedRows };
  const issues: CsvIssue[] = [];
  // Every row's references are checked, even a row with other problems, so one upload reports them all.
  const checked: { row: number; refs: { category: string; county: string; supplier: string }; data: CsvRow | null }[] = [];

  for (const raw of parsed.rows) {
    const refs = {
      category: (raw.values.category ?? "").trim(),
      county: (raw.values.county ?? "").trim(),
      supplier: (raw.values.supplier ?? "").trim(),
    };
    const result = RowSchema.safeParse(Object.fromEntries(CSV_COLUMNS.map((c) => [c, raw.values[c] ?? ""])));
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ row: raw.row, column: String(issue.path[0] ?? ""), message: issue.message });
      }
      checked.push({ row: raw.row, refs, data: null });
      continue;
    }
    const filled = ENDORSEMENT_COLUMNS.filter((c) => result.data[c] !== "");
    const missing = ENDORSEMENT_REQUIRED.filter((c) => result.data[c] === "");
    if (filled.length > 0 && missing.length > 0) {
      issues.push({ row: raw.row, column: missing.join(", "), message: "admin:csv.endorsementIncomplete" });
      checked.push({ row: raw.row, refs, data: null });
      continue;
    }
    checked.push({ row: raw.row, refs, data: result.data });
  }

  const seenSku = new Map<string, number>();
  const seenSlug = new Map<string, number>();
  for (const { row, data } of checked) {
    if (!data) continue;
    const skuRow = seenSku.get(data.sku);
    if (skuRow !== undefined) issues.push({ row, column: "sku", message: "admin:csv.duplicateSku", params: { other: skuRow } });
    else seenSku.set(data.sku, row);
    const slugRow = seenSlug.get(data.slug);
    if (slugRow !== undefined) issues.push({ row, column: "slug", message: "admin:csv.duplicateSlug", params: { other: slugRow } });
    else seenSlug.set(data.slug, row);
  }

  const categorySlugs = [...new Set(checked.map((r) => r.refs.category).filter(Boolean))];
  const countySlugs = [...new Set(checked.map((r) => r.refs.county).filter(Boolean))];
  const [categories, counties, existing] = await Promise.all([
    db.category.findMany({ where: { slug: { in: categorySlugs } }, select: { id: true, slug: true, nameZh: true } }),
    db.county.findMany({ where: { slug: { in: countySlugs } }, select: { id: true, slug: true, nameZh: true } }),
    findExisting(db, [...seenSku.keys()], [...seenSlug.keys()]),
  ]);
  const suppliers = await db.supplier.findMany({
    where: { countyId: { in: counties.map((c) => c.id) } },
    select: { id: true, name: true, countyId: true },
  });
  const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
  const countyBySlug = new Map(counties.map((c) => [c.slug, c]));
  const supplierByKey = new Map(suppliers.map((s) => [`${s.countyId}\u0000${s.name}`, s]));
  const productBySku = new Map(existing.map((p) => [p.sku, p]));
  const productBySlug = new Map(existing.map((p) => [p.slug, p]));

  const rows: PlannedRow[] = [];
  for (const { row, refs, data } of checked) {
    const category = categoryBySlug.get(refs.category);
    const county = countyBySlug.get(refs.county);
    const supplier = county ? supplierByKey.get(`${county.id}\u0000${refs.supplier}`) : undefined;
    const rowIssues: CsvIssue[] = [];
    // Empty references were already reported as required.
    if (!category && refs.category) {
      rowIssues.push({ row, column: "category", message: "admin:csv.unknownCategory", params: { value: refs.category } });
    }
    if (!county && refs.county) rowIssues.push({ row, column: "county", message: "admin:csv.unknownCounty", params: { value: refs.county } });
    else if (county && !supplier && refs.supplier) {
      rowIssues.push({ row, column: "supplier", message: "admin:csv.unknownSupplier", params: { value: refs.supplier, county: refs.county } });
    }
    if (!data) {
      issues.push(...rowIssues);
      continue;
    }
    const current = productBySku.get(data.sku);
    const slugOwner = productBySlug.get(data.slug);
    if (slugOwner && slugOwner.sku !== data.sku) {
      rowIssues.push({ row, column: "slug", message: "admin:csv.slugTaken", params: { sku: slugOwner.sku } });
    }
    if (rowIssues.length > 0 || !category || !county || !supplier) {
      issues.push(...rowIssues);
      continue;
    }
    const fields: ProductFields = {
      sku: data.sku,
      slug: data.slug,
      nameZh: data.name_zh,
      nameEn: data.name_en,
      categoryId: category.id,
      countyId: county.id,
      supplierId: supplier.id,
      township: data.township,
      village: data.village,
      spec: data.spec,
      priceFen: data.price_yuan,
      descriptionZh: data.description_zh,
      descriptionEn: data.description_en,
      originStatement: data.origin_statement,
    };
    const endorsement: EndorsementFields | null = data.secretary_name
      ? {
          secretaryName: data.secretary_name,
          village: data.secretary_village,
          township: data.secretary_township,
          dispatchingUnit: data.dispatching_unit,
          words: data.endorsement_words,
          countyId: county.id,
        }
      : null;
    const changes: Record<string, [unknown, unknown]> = current ? diffFields(current, fields) : {};
    if (current && current.stock !== data.stock) changes.stock = [current.stock, data.stock];
    if (current && data.image_url && current.images[0]?.url !== data.image_url) {
      changes.imageUrl = [current.images[0]?.url ?? null, data.image_url];
    }
    if (current && endorsement) {
      const endorsementChanges = current.endorsement ? diffFields(current.endorsement, endorsement) : endorsement;
      if (Object.keys(endorsementChanges).length > 0) changes.endorsement = [current.endorsement?.secretaryName ?? null, endorsement.secretaryName];
    }
    rows.push({
      row,
      action: current ? "update" : "create",
      productId: current?.id ?? null,
      fields,
      search: { categoryNameZh: category.nameZh, countyNameZh: county.nameZh },
      stock: data.stock,
      stockDelta: current ? data.stock - current.stock : data.stock,
      imageUrl: data.image_url,
      endorsement,
      changes,
    });
  }

  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    return { ok: false, issues, rowCount: parsed.rows.length };
  }
  const creates = rows.filter((r) => r.action === "create").length;
  const unchanged = rows.filter((r) => r.action === "update" && Object.keys(r.changes).length === 0).length;
  return { ok: true, plan: { rows, creates, updates: rows.length - creates, unchanged } };
}

const SEARCH_INPUTS = ["nameZh", "nameEn", "village", "categoryId", "countyId"];

/** Validates again (the file may have been edited since the preview) and writes it all or nothing. */
export async function importCsv(input: string, userId: number | null): Promise<ValidationResult> {
  // Read outside the transaction: the worker's time is not spent holding the database.
  const parsed = await parseCsvText(input);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, rowCount: 0 };
  return prisma.$transaction(
    async (tx) => {
      const result = await checkRows(parsed.rows, tx);
      if (!result.ok) return result;
      const { plan } = result;
      const creates = plan.rows.filter((r) => r.action === "create");
      const updates = plan.rows.filter((r) => r.action === "update" && Object.keys(r.changes).length > 0);

      const created = creates.length
        ? await tx.product.createManyAndReturn({
            data: creates.map((r) => ({ ...r.fields, stock: r.stock, ...searchFieldsFor({ ...r.fields, ...r.search }) })),
            select: { id: true, sku: true },
          })
        : [];
      const idBySku = new Map(created.map((p) => [p.sku, p.id]));
      const createdId = (r: PlannedRow) => idBySku.get(r.fields.sku)!;
      await tx.stockAdjustment.createMany({
        data: creates
          .filter((r) => r.stock > 0)
          .map((r) => ({ productId: createdId(r), delta: r.stock, stockAfter: r.stock, reason: CSV_IMPORT_REASON, userId })),
      });
      await tx.productImage.createMany({
        data: creates.filter((r) => r.imageUrl).map((r) => ({ productId: createdId(r), url: r.imageUrl, sortOrder: 0 })),
      });
      await tx.endorsement.createMany({
        data: creates.flatMap((r) => (r.endorsement ? [{ productId: createdId(r), ...r.endorsement }] : [])),
      });

      let stockAdjusted = 0;
      for (const r of updates) {
        const id = r.productId!;
        const searchChanged = SEARCH_INPUTS.some((k) => k in r.changes);
        await tx.product.update({
          where: { id },
          data: {
            ...r.fields,
            ...(searchChanged ? searchFieldsFor({ ...r.fields, ...r.search }) : {}),
            ...(r.stockDelta !== 0 ? { stock: { increment: r.stockDelta } } : {}),
          },
        });
        if (r.stockDelta !== 0) {
          stockAdjusted++;
          await tx.stockAdjustment.create({
            data: { productId: id, delta: r.stockDelta, stockAfter: r.stock, reason: CSV_IMPORT_REASON, userId },
          });
        }
        if ("imageUrl" in r.changes) {
          const first = await tx.productImage.findFirst({ where: { productId: id }, orderBy: { sortOrder: "asc" }, select: { id: true } });
          if (first) await tx.productImage.update({ where: { id: first.id }, data: { url: r.imageUrl } });
          else await tx.productImage.create({ data: { productId: id, url: r.imageUrl, sortOrder: 0 } });
        }
        if (r.endorsement && "endorsement" in r.changes) {
          await tx.endorsement.upsert({ where: { productId: id }, create: { productId: id, ...r.endorsement }, update: r.endorsement });
        }
      }

      await recordAudit(tx, {
        userId,
        action: "product.import",
        entityType: "Product",
        entityId: "import",
        details: {
          rows: plan.rows.length,
          created: creates.length,
          updated: updates.length,
          unchanged: plan.unchanged,
          stockAdjusted,
        },
      });
      return result;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

function exportPage(afterId: number) {
  return prisma.product.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: LOOKUP_BATCH,
    select: {
      id: true,
      sku: true,
      slug: true,
      nameZh: true,
      nameEn: true,
      township: true,
      village: true,
      spec: true,
      priceFen: true,
      stock: true,
      descriptionZh: true,
      descriptionEn: true,
      originStatement: true,
      category: { select: { slug: true } },
      county: { select: { slug: true } },
      supplier: { select: { name: true } },
      images: { orderBy: { sortOrder: "asc" }, take: 1, select: { url: true } },
      endorsement: { select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true } },
    },
  });
}

/** Every product, archived too, in the import's columns; the BOM makes Excel read it as UTF-8. */
export async function exportCsv(): Promise<string> {
  // Read by pages of ids: one query's images and endorsements are looked up by its products' ids,
  // more of which than SQLite takes at once. The event loop gets a turn between pages.
  const products: Awaited<ReturnType<typeof exportPage>> = [];
  for (let after = 0; ; ) {
    const page = await exportPage(after);
    products.push(...page);
    if (page.length < LOOKUP_BATCH) break;
    after = page.at(-1)!.id;
    await nextTurn();
  }
  const rows = products.map((p): Record<CsvColumn, string | number> => ({
    sku: p.sku,
    slug: p.slug,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    category: p.category.slug,
    county: p.county.slug,
    supplier: p.supplier.name,
    township: p.township,
    village: p.village,
    spec: p.spec,
    price_yuan: fenToYuanInput(p.priceFen),
    stock: p.stock,
    description_zh: p.descriptionZh,
    description_en: p.descriptionEn,
    origin_statement: p.originStatement,
    image_url: p.images[0]?.url ?? "",
    secretary_name: p.endorsement?.secretaryName ?? "",
    secretary_village: p.endorsement?.village ?? "",
    secretary_township: p.endorsement?.township ?? "",
    dispatching_unit: p.endorsement?.dispatchingUnit ?? "",
    endorsement_words: p.endorsement?.words ?? "",
  }));
  const guarded = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, guardFormula(v)])));
  return "\uFEFF" + stringify(guarded, { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n" });
}
