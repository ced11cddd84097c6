import { prisma } from "~/utils/db.server";
import { readUploadedTable, type TableRow } from "~/utils/uploaded-table.server";
import { MAX_ORG_LINES, MAX_ORG_QUANTITY, type DraftRow } from "./org-order-schema";
import { checkOrderQuantity, priceLines, type PricedLine } from "./pricing.server";
import { recordAudit } from "./audit.server";
import { uniqueViolation } from "./product.server";
import { isSellable } from "./sellable.server";

/**
 * The lines of an organisation order before it is placed: the member's quick-order grid (kept on the
 * server as typed, so a reload loses nothing), file uploads, saved lists and reorders. Every way in
 * goes through validateRows, which checks all rows and reports each bad one by its row number.
 */

/** A message key with its values; keys are in the org namespace except the shared quantity rules (shop). */
export type RowProblem = { row: number; sku: string; message: string; params: Record<string, string | number> };
export type NumberedRow = DraftRow & { row: number };
export type ValidLine = {
  row: number;
  productId: number;
  sku: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  stock: number;
  quantity: number;
};
export type Validation = { ok: true; lines: ValidLine[] } | { ok: false; problems: RowProblem[]; lines: ValidLine[] };

function parseQuantity(text: string): number | null {
  const trimmed = text.trim().replace(/[,，]/g, "");
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_ORG_QUANTITY ? n : null;
}

/**
 * Checks every row (SKU known, on sale, quantity a whole number within the product's minimum and case
 * pack, enough stock, no SKU twice) and returns all problems at once. Two queries however many rows.
 */
export async function validateRows(rows: readonly NumberedRow[]): Promise<Validation> {
  const problems: RowProblem[] = [];
  const problem = (row: NumberedRow, message: string, params: Record<string, string | number> = {}) =>
    problems.push({ row: row.row, sku: row.sku, message, params: { sku: row.sku, row: row.row, ...params } });
  if (rows.length === 0) return { ok: false, problems: [{ row: 0, sku: "", message: "org:lineErrors.empty", params: {} }], lines: [] };
  if (rows.length > MAX_ORG_LINES) {
    return { ok: false, problems: [{ row: 0, sku: "", message: "org:lineErrors.tooMany", params: { max: MAX_ORG_LINES } }], lines: [] };
  }
  const skus = [...new Set(rows.map((r) => r.sku.trim().toUpperCase()).filter(Boolean))];
  const products = await prisma.product.findMany({
    where: { sku: { in: skus } },
    select: {
      id: true,
      sku: true,
      nameZh: true,
      nameEn: true,
      spec: true,
      stock: true,
      status: true,
      minOrderQuantity: true,
      casePack: true,
      supplier: { select: { status: true } },
    },
  });
  // SKUs are stored as typed by the office; a buyer's "zl-rice-5kg" finds "ZL-RICE-5KG".
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const firstRowOf = new Map<string, number>();
  const lines: ValidLine[] = [];
  for (const row of rows) {
    const sku = row.sku.trim().toUpperCase();
    if (sku === "") {
      problem(row, "org:lineErrors.skuMissing");
      continue;
    }
    const earlier = firstRowOf.get(sku);
    if (earlier !== undefined) {
      problem(row, "org:lineErrors.duplicate", { firstRow: earlier });
      continue;
    }
    firstRowOf.set(sku, row.row);
    const product = bySku.get(sku);
    if (!product) {
      problem(row, "org:lineErrors.unknownSku");
      continue;
    }
    if (!isSellable(product)) {
      problem(row, "org:lineErrors.notOrderable");
      continue;
    }
    const quantity = parseQuantity(row.quantity);
    if (quantity === null) {
      problem(row, "org:lineErrors.quantity", { quantity: row.quantity, max: MAX_ORG_QUANTITY });
      continue;
    }
    const rules = checkOrderQuantity(product, quantity);
    if (!rules.ok) {
      problem(row, rules.message.key, rules.message.params);
      continue;
    }
    if (product.stock < quantity) {
      problem(row, "org:lineErrors.stock", { inStock: product.stock });
      continue;
    }
    lines.push({ row: row.row, productId: product.id, sku: product.sku, nameZh: product.nameZh, nameEn: product.nameEn, spec: product.spec, stock: product.stock, quantity });
  }
  return problems.length > 0 ? { ok: false, problems, lines } : { ok: true, lines };
}

export type ParsedFile = { ok: true; rows: NumberedRow[] } | { ok: false; message: string; params?: Record<string, string | number> };

const HEADER_WORDS = new Set(["SKU", "商品编码", "编码", "货号"]);

/** Rows as the spreadsheet numbers them (header = row 1), a header row recognised. */
function toRows(cells: TableRow[]): ParsedFile {
  const rows: NumberedRow[] = [];
  for (const { row, values } of cells) {
    const [sku = "", quantity = ""] = values.map((v) => v.trim());
    if (sku === "" && quantity === "") continue;
    if (rows.length === 0 && HEADER_WORDS.has(sku.toUpperCase())) continue;
    rows.push({ row, sku: sku.slice(0, 60), quantity: quantity.slice(0, 20) });
    if (rows.length > MAX_ORG_LINES) return { ok: false, message: "org:upload.tooMany", params: { max: MAX_ORG_LINES } };
  }
  if (rows.length === 0) return { ok: false, message: "org:upload.empty" };
  return { ok: true, rows };
}

/**
 * Reads an uploaded CSV (UTF-8 with or without BOM, or GB18030) or XLSX (first sheet) of SKU,
 * quantity — extra columns, such as a product name for the buyer's own reference, are ignored.
 */
export async function parseOrderFile(fileName: string, bytes: Uint8Array): Promise<ParsedFile> {
  const table = await readUploadedTable({ name: fileName, bytes }, { maxRows: MAX_ORG_LINES });
  return table.ok ? toRows(table.rows) : { ok: false, ...table.problem };
}

// —— The grid, kept per member and organisation ——

export async function getDraftRows(organisationId: number, userId: number): Promise<DraftRow[]> {
  return (await getDraft(organisationId, userId)).rows;
}

/** The grid as last saved, and when: the page remounts its inputs when the saved version changes. */
export async function getDraft(organisationId: number, userId: number): Promise<{ rows: DraftRow[]; savedAt: Date | null }> {
  const draft = await prisma.orgOrderDraft.findUnique({ where: { organisationId_userId: { organisationId, userId } }, select: { rows: true, updatedAt: true } });
  if (!draft) return { rows: [], savedAt: null };
  try {
    const rows = JSON.parse(draft.rows) as unknown;
    return { rows: Array.isArray(rows) ? rows.filter((r): r is DraftRow => typeof r?.sku === "string" && typeof r?.quantity === "string") : [], savedAt: draft.updatedAt };
  } catch {
    return { rows: [], savedAt: draft.updatedAt };
  }
}

export async function saveDraftRows(organisationId: number, userId: number, rows: DraftRow[]) {
  const json = JSON.stringify(rows.slice(0, MAX_ORG_LINES).map(({ sku, quantity }) => ({ sku, quantity })));
  await prisma.orgOrderDraft.upsert({
    where: { organisationId_userId: { organisationId, userId } },
    create: { organisationId, userId, rows: json },
    update: { rows: json },
  });
}

/** The grid's rows numbered as the page shows them (1, 2, …). */
export const numbered = (rows: DraftRow[]): NumberedRow[] => rows.map((r, i) => ({ ...r, row: i + 1 }));

/** What the review step shows and the order will charge: the grid, validated and priced by the one rule. */
export async function reviewDraft(organisationId: number, userId: number) {
  const rows = await getDraftRows(organisationId, userId);
  const validation = await validateRows(numbered(rows));
  if (!validation.ok) return { ok: false as const, problems: validation.problems };
  const priced = await priceLines(organisationId, validation.lines);
  if (!priced.ok) return { ok: false as const, problems: [] };
  const lines = validation.lines.map((l, i) => ({ ...l, ...(priced.lines[i] as PricedLine) }));
  return { ok: true as const, lines, totalFen: priced.totalFen };
}

// —— Saved lists and reorders ——

export function listSavedLists(organisationId: number) {
  return prisma.savedList.findMany({
    where: { organisationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, updatedAt: true, _count: { select: { lines: true } } },
  });
}

/** Saves the grid's valid lines under a name; a list with that name is replaced (it is "the weekly list"). */
export async function saveList(organisationId: number, userId: number, name: string, lines: { sku: string; quantity: number }[]) {
  try {
    await prisma.$transaction(async (tx) => {
      const existing = await tx.savedList.findUnique({ where: { organisationId_name: { organisationId, name } }, select: { id: true } });
      const list = existing
        ? await tx.savedList.update({ where: { id: existing.id }, data: { updatedAt: new Date() }, select: { id: true } })
        : await tx.savedList.create({ data: { organisationId, name, createdById: userId }, select: { id: true } });
      await tx.savedListLine.deleteMany({ where: { listId: list.id } });
      await tx.savedListLine.createMany({ data: lines.map((l, position) => ({ listId: list.id, sku: l.sku, quantity: l.quantity, position })) });
      await recordAudit(tx, { userId, action: "organisation.savedList.save", entityType: "Organisation", entityId: organisationId, details: { name, lines: lines.length } });
    });
  } catch (error) {
    // Two members saving a new list of the same name at once: the second one replaces on retry.
    if (uniqueViolation(error) === null) throw error;
    return saveList(organisationId, userId, name, lines);
  }
}

export async function savedListRows(organisationId: number, listId: number): Promise<DraftRow[] | null> {
  const list = await prisma.savedList.findFirst({
    where: { id: listId, organisationId },
    select: { lines: { orderBy: { position: "asc" }, select: { sku: true, quantity: true } } },
  });
  return list ? list.lines.map((l) => ({ sku: l.sku, quantity: String(l.quantity) })) : null;
}

export async function deleteList(organisationId: number, listId: number, userId: number) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.savedList.deleteMany({ where: { id: listId, organisationId } });
    if (count > 0) await recordAudit(tx, { userId, action: "organisation.savedList.delete", entityType: "Organisation", entityId: organisationId, details: { listId } });
  });
}

/** A past order of the organisation as grid rows (SKU and quantity as ordered); null if not theirs. */
export async function pastOrderRows(organisationId: number, number: string): Promise<DraftRow[] | null> {
  const order = await prisma.order.findFirst({
    where: { number, organisationId },
    select: { lines: { orderBy: { id: "asc" }, select: { sku: true, quantity: true } } },
  });
  return order ? order.lines.map((l) => ({ sku: l.sku, quantity: String(l.quantity) })) : null;
}
