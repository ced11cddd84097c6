import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { PAGE_SIZE, type ProductFilters, type Sort } from "./catalogue-filters";
import { toFtsQuery } from "./search.server";

/** What a product card shows. */
const cardSelect = {
  id: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  spec: true,
  priceFen: true,
  stock: true,
  images: { select: { url: true }, orderBy: { sortOrder: "asc" }, take: 1 },
  county: { select: { slug: true, nameZh: true, nameEn: true } },
  endorsement: { select: { secretaryName: true } },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof cardSelect }>;

/**
 * What the shop may sell: active products of admitted suppliers. A suspended supplier's goods leave
 * the shop without being archived, and come back when it is admitted again.
 */
const sellable = { status: "ACTIVE", supplier: { status: "ADMITTED" } } satisfies Prisma.ProductWhereInput;
const SELLABLE_SQL = `p."status" = 'ACTIVE' AND (SELECT sup."status" FROM "Supplier" sup WHERE sup."id" = p."supplierId") = 'ADMITTED'`;

const ORDER_SQL: Record<Sort, string> = {
  // Featured first, then newest: both walk the (status, featured, id) index backwards.
  relevance: `p."featured" DESC, p."id" DESC`,
  "price-asc": `p."priceFen" ASC, p."id" ASC`,
  "price-desc": `p."priceFen" DESC, p."id" ASC`,
  newest: `p."createdAt" DESC, p."id" DESC`,
};

async function fetchCards(ids: number[]): Promise<ProductCard[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.product.findMany({ where: { id: { in: ids } }, select: cardSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ProductCard => r !== undefined);
}

/**
 * The shop's product list. One SQL path for every filter combination: with a query it joins the
 * FTS5 index (product_search) and ranks by bm25, weighting the Chinese name above pinyin and English.
 */
export async function listProducts(filters: ProductFilters, pageSize = PAGE_SIZE) {
  const where: string[] = [SELLABLE_SQL];
  const params: unknown[] = [];
  let from = `"Product" p`;
  let order = ORDER_SQL[filters.sort];

  if (filters.q) {
    const match = toFtsQuery(filters.q);
    if (!match) return { products: [], total: 0, pages: 0 };
    from = `"product_search" s JOIN "Product" p ON p."id" = s.rowid`;
    where.push(`"product_search" MATCH ?`);
    params.push(match);
    if (filters.sort === "relevance") order = `bm25("product_search", 10.0, 4.0, 3.0, 4.0), p."id" ASC`;
  }
  if (filters.county) {
    where.push(`p."countyId" = (SELECT "id" FROM "County" WHERE "slug" = ?)`);
    params.push(filters.county);
  }
  if (filters.category) {
    where.push(`p."categoryId" = (SELECT "id" FROM "Category" WHERE "slug" = ?)`);
    params.push(filters.category);
  }
  if (filters.endorsed) where.push(`EXISTS (SELECT 1 FROM "Endorsement" e WHERE e."productId" = p."id")`);
  if (filters.inStock) where.push(`p."stock" > 0`);
  if (filters.minFen !== null) {
    where.push(`p."priceFen" >= ?`);
    params.push(filters.minFen);
  }
  if (filters.maxFen !== null) {
    where.push(`p."priceFen" <= ?`);
    params.push(filters.maxFen);
  }

  const whereSql = where.join(" AND ");
  const offset = (filters.page - 1) * pageSize;
  const [countRows, idRows] = await Promise.all([
    prisma.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM ${from} WHERE ${whereSql}`, ...params),
    prisma.$queryRawUnsafe<{ id: bigint | number }[]>(
      `SELECT p."id" AS id FROM ${from} WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      ...params,
      pageSize,
      offset,
    ),
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  return {
    products: await fetchCards(idRows.map((r) => Number(r.id))),
    total,
    pages: Math.ceil(total / pageSize),
  };
}

export function listFeaturedProducts(take = 8) {
  return prisma.product.findMany({
    where: { ...sellable, featured: true },
    orderBy: { id: "asc" },
    take,
    select: cardSelect,
  });
}

export async function getProductBySlug(slug: string) {
  const product = await prisma.product.findFirst({
    where: { ...sellable, slug },
    select: {
      ...cardSelect,
      id: true,
      sku: true,
      township: true,
      village: true,
      descriptionZh: true,
      descriptionEn: true,
      originStatement: true,
      images: { select: { url: true }, orderBy: { sortOrder: "asc" } },
      category: { select: { slug: true, nameZh: true, nameEn: true } },
      county: { select: { id: true, slug: true, nameZh: true, nameEn: true, provinceZh: true, provinceEn: true } },
      supplier: { select: { name: true, kind: true } },
      endorsement: {
        select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true, county: { select: { nameZh: true, nameEn: true } } },
      },
    },
  });
  if (!product) return null;
  const moreFromCounty = await prisma.product.findMany({
    where: { ...sellable, countyId: product.county.id, id: { not: product.id } },
    orderBy: [{ featured: "desc" }, { id: "asc" }],
    take: 4,
    select: cardSelect,
  });
  return { product, moreFromCounty };
}

const countySelect = {
  slug: true,
  nameZh: true,
  nameEn: true,
  provinceZh: true,
  provinceEn: true,
  kind: true,
  storyZh: true,
  storyEn: true,
} satisfies Prisma.CountySelect;

export function listCounties() {
  return prisma.county.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { ...countySelect, _count: { select: { products: { where: sellable } } } },
  });
}

export function getCountyBySlug(slug: string) {
  return prisma.county.findUnique({ where: { slug }, select: countySelect });
}

export function listCategories() {
  return prisma.category.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { slug: true, nameZh: true, nameEn: true },
  });
}
