import { Prisma } from "~/generated/prisma/client";
import { diffFields, recordAudit } from "~/models/audit.server";
import { buildSearchFields } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import type {
  EndorsementInput,
  FieldErrors,
  ProductCreateInput,
  ProductInput,
  ProductStatus,
} from "./product-schema";

type Db = Prisma.TransactionClient | typeof prisma;

export const INITIAL_STOCK_REASON = "初始库存";
export const ADMIN_PAGE_SIZE = 25;

export type WriteResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/** Thrown inside a transaction to roll it back and report field errors to the form. */
class FieldErrorsAbort extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("field errors");
  }
}

/** Which unique column a P2002 error is about; the driver adapter reports it in different places. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  return JSON.stringify(error.meta ?? {}) + error.message;
}

export function searchFieldsFor(p: {
  nameZh: string;
  nameEn: string;
  village: string;
  categoryNameZh: string;
  countyNameZh: string;
}) {
  return buildSearchFields({ nameZh: p.nameZh, nameEn: p.nameEn, extraZh: [p.categoryNameZh, p.countyNameZh, p.village] });
}

/** Checks the references a product form points at and returns the names search needs. */
async function checkReferences(db: Db, input: { categoryId: number; countyId: number; supplierId: number }) {
  const [category, county, supplier] = await Promise.all([
    db.category.findUnique({ where: { id: input.categoryId }, select: { nameZh: true } }),
    db.county.findUnique({ where: { id: input.countyId }, select: { nameZh: true } }),
    db.supplier.findUnique({ where: { id: input.supplierId }, select: { countyId: true } }),
  ]);
  const errors: FieldErrors = {};
  if (!category) errors.categoryId = ["admin:errors.unknownCategory"];
  if (!county) errors.countyId = ["admin:errors.unknownCounty"];
  if (!supplier) errors.supplierId = ["admin:errors.unknownSupplier"];
  else if (county && supplier.countyId !== input.countyId) errors.supplierId = ["admin:errors.supplierCounty"];
  if (!category || !county || Object.keys(errors).length > 0) throw new FieldErrorsAbort(errors);
  return { categoryNameZh: category.nameZh, countyNameZh: county.nameZh };
}

async function checkUnique(db: Db, input: { sku: string; slug: string }, exceptId?: number) {
  const clashes = await db.product.findMany({
    where: { OR: [{ sku: input.sku }, { slug: input.slug }], NOT: exceptId ? { id: exceptId } : undefined },
    select: { sku: true, slug: true },
  });
  const errors: FieldErrors = {};
  if (clashes.some((c) => c.sku === input.sku)) errors.sku = ["admin:errors.skuTaken"];
  if (clashes.some((c) => c.slug === input.slug)) errors.slug = ["admin:errors.slugTaken"];
  if (Object.keys(errors).length > 0) throw new FieldErrorsAbort(errors);
}

/** Runs a write; field problems found inside (or a unique clash from a concurrent write) come back as field errors. */
async function asWriteResult<T>(work: () => Promise<T>): Promise<WriteResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof FieldErrorsAbort) return { ok: false, fieldErrors: error.fieldErrors };
    const unique = uniqueViolation(error);
    if (unique !== null) {
      if (unique.includes("slug")) return { ok: false, fieldErrors: { slug: ["admin:errors.slugTaken"] } };
      return { ok: false, fieldErrors: { sku: ["admin:errors.skuTaken"] } };
    }
    throw error;
  }
}

function productData(input: ProductInput) {
  return {
    sku: input.sku,
    slug: input.slug,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    categoryId: input.categoryId,
    countyId: input.countyId,
    supplierId: input.supplierId,
    township: input.township,
    village: input.village,
    spec: input.spec,
    priceFen: input.price,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    originStatement: input.originStatement,
    featured: input.featured,
  };
}

export function createProduct(input: ProductCreateInput, userId: number | null) {
  return asWriteResult(() =>
    prisma.$transaction(async (tx) => {
      await checkUnique(tx, input);
      const names = await checkReferences(tx, input);
      const data = productData(input);
      const product = await tx.product.create({
        data: {
          ...data,
          stock: input.initialStock,
          ...searchFieldsFor({ ...data, ...names }),
        },
        select: { id: true },
      });
      if (input.initialStock > 0) {
        await tx.stockAdjustment.create({
          data: {
            productId: product.id,
            delta: input.initialStock,
            stockAfter: input.initialStock,
            reason: INITIAL_STOCK_REASON,
            userId,
          },
        });
      }
      await recordAudit(tx, {
        userId,
        action: "product.create",
        entityType: "Product",
        entityId: product.id,
        details: { ...data, stock: input.initialStock },
      });
      return product;
    }),
  );
}

/** The product fields an administrator edits (by form or CSV), as they are compared for the audit. */
export const editableFieldsSelect = {
  sku: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  categoryId: true,
  countyId: true,
  supplierId: true,
  township: true,
  village: true,
  spec: true,
  priceFen: true,
  descriptionZh: true,
  descriptionEn: true,
  originStatement: true,
} satisfies Prisma.ProductSelect;

export function updateProduct(id: number, input: ProductInput, userId: number | null) {
  return asWriteResult(() =>
    prisma.$transaction(async (tx) => {
      const before = await tx.product.findUnique({ where: { id }, select: { ...editableFieldsSelect, featured: true } });
      if (!before) throw new Response("Not found", { status: 404 });
      await checkUnique(tx, input, id);
      const names = await checkReferences(tx, input);
      const data = productData(input);
      const changes = diffFields(before, data);
      if (Object.keys(changes).length === 0) return { id, changed: false };
      const searchInputsChanged = ["nameZh", "nameEn", "village", "categoryId", "countyId"].some((k) => k in changes);
      await tx.product.update({
        where: { id },
        data: { ...data, ...(searchInputsChanged ? searchFieldsFor({ ...data, ...names }) : {}) },
      });
      await recordAudit(tx, { userId, action: "product.update", entityType: "Product", entityId: id, details: changes });
      return { id, changed: true };
    }),
  );
}

/** Archived products leave the shop but keep their orders, stock history and audit trail. */
export async function setProductStatus(id: number, status: ProductStatus, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id }, select: { status: true } });
    if (!before) throw new Response("Not found", { status: 404 });
    if (before.status === status) return false;
    await tx.product.update({ where: { id }, data: { status } });
    await recordAudit(tx, {
      userId,
      action: status === "ARCHIVED" ? "product.archive" : "product.restore",
      entityType: "Product",
      entityId: id,
      details: { status: [before.status, status] },
    });
    return true;
  });
}

export type StockResult =
  | { ok: true; stockAfter: number }
  | { ok: false; reason: "insufficient"; currentStock: number }
  | { ok: false; reason: "not-found" };

/**
 * One conditional UPDATE decides whether a decrease fits, so concurrent adjustments (and, later,
 * orders) can never take stock below zero; the CHECK constraint is the last line of defence.
 */
export async function adjustStock(
  productId: number,
  delta: number,
  reason: string,
  userId: number | null,
  db?: Prisma.TransactionClient,
): Promise<StockResult> {
  const work = async (tx: Prisma.TransactionClient): Promise<StockResult> => {
    const { count } = await tx.product.updateMany({
      where: { id: productId, stock: { gte: Math.max(0, -delta) } },
      data: { stock: { increment: delta } },
    });
    const product = await tx.product.findUnique({ where: { id: productId }, select: { stock: true } });
    if (!product) return { ok: false, reason: "not-found" };
    if (count === 0) return { ok: false, reason: "insufficient", currentStock: product.stock };
    await tx.stockAdjustment.create({
      data: { productId, delta, stockAfter: product.stock, reason, userId },
    });
    await recordAudit(tx, {
      userId,
      action: "product.stock",
      entityType: "Product",
      entityId: productId,
      details: { delta, stock: [product.stock - delta, product.stock], reason },
    });
    return { ok: true, stockAfter: product.stock };
  };
  return db ? work(db) : prisma.$transaction(work);
}

export function upsertEndorsement(productId: number, input: EndorsementInput, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: {
        countyId: true,
        endorsement: {
          select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true, countyId: true },
        },
      },
    });
    if (!product) throw new Response("Not found", { status: 404 });
    const data = { ...input, countyId: product.countyId };
    const changes = product.endorsement ? diffFields(product.endorsement, data) : data;
    if (Object.keys(changes).length === 0) return false;
    await tx.endorsement.upsert({ where: { productId }, create: { productId, ...data }, update: data });
    await recordAudit(tx, {
      userId,
      action: "product.endorsement",
      entityType: "Product",
      entityId: productId,
      details: changes,
    });
    return true;
  });
}

export function removeEndorsement(productId: number, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.endorsement.findUnique({ where: { productId }, select: { secretaryName: true } });
    if (!existing) return false;
    await tx.endorsement.delete({ where: { productId } });
    await recordAudit(tx, {
      userId,
      action: "product.endorsementRemove",
      entityType: "Product",
      entityId: productId,
      details: { secretaryName: [existing.secretaryName, null] },
    });
    return true;
  });
}

/** County and category names are part of every product's search text; renaming one re-indexes its products. */
export async function refreshSearchFields(tx: Prisma.TransactionClient, where: { countyId?: number; categoryId?: number }) {
  const products = await tx.product.findMany({
    where,
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      village: true,
      category: { select: { nameZh: true } },
      county: { select: { nameZh: true } },
    },
  });
  for (const p of products) {
    await tx.product.update({
      where: { id: p.id },
      data: searchFieldsFor({ ...p, categoryNameZh: p.category.nameZh, countyNameZh: p.county.nameZh }),
    });
  }
  return products.length;
}

export type AdminProductFilter = {
  q?: string;
  status?: ProductStatus;
  countyId?: number;
  page?: number;
};

export async function listProductsForAdmin(filter: AdminProductFilter) {
  const q = filter.q?.trim();
  const where: Prisma.ProductWhereInput = {
    status: filter.status,
    countyId: filter.countyId,
    OR: q ? [{ nameZh: { contains: q } }, { nameEn: { contains: q } }, { sku: { contains: q } }] : undefined,
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, products] = await Promise.all([
    prisma.product.count({ where }),
    prisma.product.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        sku: true,
        nameZh: true,
        nameEn: true,
        spec: true,
        priceFen: true,
        stock: true,
        status: true,
        county: { select: { nameZh: true, nameEn: true } },
        endorsement: { select: { id: true } },
      },
    }),
  ]);
  return { products, total, page, pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

export function getProductForAdmin(id: number) {
  return prisma.product.findUnique({
    where: { id },
    select: {
      id: true,
      ...editableFieldsSelect,
      stock: true,
      status: true,
      featured: true,
      updatedAt: true,
      endorsement: {
        select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true },
      },
    },
  });
}

export function listStockAdjustments(productId: number, take = 50) {
  return prisma.stockAdjustment.findMany({
    where: { productId },
    orderBy: { id: "desc" },
    take,
    select: { id: true, delta: true, stockAfter: true, reason: true, createdAt: true, user: { select: { name: true } } },
  });
}

/** Everything the product forms offer in their selects. */
export async function productFormOptions() {
  const [categories, counties, suppliers] = await Promise.all([
    prisma.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } }),
    prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } }),
    prisma.supplier.findMany({ orderBy: [{ countyId: "asc" }, { name: "asc" }], select: { id: true, name: true, countyId: true, status: true } }),
  ]);
  return { categories, counties, suppliers };
}

export async function productCounts() {
  const [active, archived] = await Promise.all([
    prisma.product.count({ where: { status: "ACTIVE" } }),
    prisma.product.count({ where: { status: "ARCHIVED" } }),
  ]);
  return { active, archived };
}
