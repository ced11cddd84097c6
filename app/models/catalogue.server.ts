import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { PAGE_SIZE, type ProductFilters, type Sort } from "./catalogue-filters";
import { createTtlCache } from "~/utils/ttl-cache.server";
import { sellableWhere, SELLABLE_SQL } from "./sellable.server";
import { isPostgres, sql } from "~/utils/sql-dialect.server";
import { SEARCH_VECTOR, skuCandidates, toFtsQuery, toTsQuery } from "./search.server";

/** What a product card shows. */
export type ProductCard = {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  priceFen: number;
  stock: number;
  images: { url: string }[];
  county: { slug: string; nameZh: string; nameEn: string };
  endorsement: { secretaryName: string } | null;
};


const ORDER_SQL: Record<Sort, string> = {
  // Featured first, then newest: both walk the (status, featured, id) index backwards.
  relevance: `p."featured" DESC, p."id" DESC`,
  "price-asc": `p."priceFen" ASC, p."id" ASC`,
  "price-desc": `p."priceFen" DESC, p."id" ASC`,
  newest: `p."createdAt" DESC, p."id" DESC`,
};

type CardRow = {
  id: number | bigint;
  slug: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  priceFen: number | bigint;
  stock: number | bigint;
  imageUrl: string | null;
  countySlug: string;
  countyNameZh: string;
  countyNameEn: string;
  secretaryName: string | null;
};

type CardQuery = { from: string; where: string[]; params: unknown[]; order: string };

/** Cards are the hot path of every shop page, so they come from one SQL statement, not several. */
async function queryCards(q: CardQuery, limit: number, offset = 0): Promise<ProductCard[]> {
  const rows = await prisma.$queryRawUnsafe<CardRow[]>(
    sql(`SELECT p."id" AS "id", p."slug" AS "slug", p."nameZh" AS "nameZh", p."nameEn" AS "nameEn", p."spec" AS "spec",
            p."priceFen" AS "priceFen", p."stock" AS "stock",
            (SELECT i."url" FROM "ProductImage" i WHERE i."productId" = p."id" ORDER BY i."sortOrder", i."id" LIMIT 1) AS "imageUrl",
            c."slug" AS "countySlug", c."nameZh" AS "countyNameZh", c."nameEn" AS "countyNameEn",
            (SELECT e."secretaryName" FROM "Endorsement" e WHERE e."productId" = p."id") AS "secretaryName"
     FROM ${q.from} JOIN "County" c ON c."id" = p."countyId"
     WHERE ${q.where.join(" AND ")} ORDER BY ${q.order} LIMIT ? OFFSET ?`),
    ...q.params,
    limit,
    offset,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    slug: r.slug,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    spec: r.spec,
    priceFen: Number(r.priceFen),
    stock: Number(r.stock),
    images: r.imageUrl ? [{ url: r.imageUrl }] : [],
    county: { slug: r.countySlug, nameZh: r.countyNameZh, nameEn: r.countyNameEn },
    endorsement: r.secretaryName === null ? null : { secretaryName: r.secretaryName },
  }));
}

// Totals for "N products" and page counts: exact, but up to a minute old.
const totals = createTtlCache<number>({ ttlMs: 60_000, max: 2_000 });
// Reference data that changes only when an administrator edits it.
const reference = createTtlCache<unknown>({ ttlMs: 60_000, max: 10 });

/** For tests, and after administrative changes that should show at once in this process. */
export function forgetCatalogueCache() {
  totals.clear();
  soldCounts.clear();
  reference.clear();
}

function filterQuery(filters: ProductFilters): CardQuery | null {
  const q: CardQuery = { from: `"Product" p`, where: [SELLABLE_SQL], params: [], order: ORDER_SQL[filters.sort] };
  // SKU search runs on SQLite's FTS5 table; PostgreSQL searches names only so far (ADR 025).
  const skus = filters.q && !isPostgres ? skuCandidates(filters.q) : [];
  if (filters.q && isPostgres) {
    // ADR 025: the tsquery joins as a one-row table so WHERE and ORDER BY share one parameter.
    const match = toTsQuery(filters.q);
    if (!match) return null;
    q.from = `"Product" p CROSS JOIN to_tsquery('simple', ?) AS tsq`;
    q.where.push(`${SEARCH_VECTOR} @@ tsq`);
    q.params.push(match);
    if (filters.sort === "relevance") q.order = `ts_rank('{0.4, 0.3, 0.4, 1.0}', ${SEARCH_VECTOR}, tsq) DESC, p."id" ASC`;
  } else if (skus.length > 0) {
    // A product code finds its product, and whatever the words of it match by name as well.
    const match = toFtsQuery(filters.q);
    const byName = match ? ` OR p."id" IN (SELECT rowid FROM "product_search" WHERE "product_search" MATCH ?)` : "";
    q.where.push(`(p."sku" IN (${skus.map(() => "?").join(", ")})${byName})`);
    q.params.push(...skus, ...(match ? [match] : []));
  } else if (filters.q) {
    const match = toFtsQuery(filters.q);
    if (!match) return null;
    q.from = `"product_search" s JOIN "Product" p ON p."id" = s.rowid`;
    q.where.push(`"product_search" MATCH ?`);
    q.params.push(match);
    if (filters.sort === "relevance") q.order = `bm25("product_search", 10.0, 4.0, 3.0, 4.0), p."id" ASC`;
  }
  if (filters.county) {
    q.where.push(`p."countyId" = (SELECT "id" FROM "County" WHERE "slug" = ?)`);
    q.params.push(filters.county);
  }
  if (filters.category) {
    q.where.push(`p."categoryId" = (SELECT "id" FROM "Category" WHERE "slug" = ?)`);
    q.params.push(filters.category);
  }
  if (filters.endorsed) q.where.push(`EXISTS (SELECT 1 FROM "Endorsement" e WHERE e."productId" = p."id")`);
  if (filters.inStock) q.where.push(`p."stock" > 0`);
  if (filters.minFen !== null) {
    q.where.push(`p."priceFen" >= ?`);
    q.params.push(filters.minFen);
  }
  if (filters.maxFen !== null) {
    q.where.push(`p."priceFen" <= ?`);
    q.params.push(filters.maxFen);
  }
  return q;
}

/**
 * The shop's product list. One SQL path for every filter combination: with a query it joins the
 * FTS5 index (product_search) and ranks by bm25, weighting the Chinese name above pinyin and English.
 */
export async function listProducts(filters: ProductFilters, pageSize = PAGE_SIZE) {
  const q = filterQuery(filters);
  if (!q) return { products: [], total: 0, pages: 0 };
  const countSql = sql(`SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where.join(" AND ")}`);
  const [total, products] = await Promise.all([
    totals.get(JSON.stringify([countSql, q.params]), async () => {
      const rows = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(countSql, ...q.params);
      return Number(rows[0]?.n ?? 0);
    }),
    queryCards(q, pageSize, (filters.page - 1) * pageSize),
  ]);
  return { products, total, pages: Math.ceil(total / pageSize) };
}

export function listFeaturedProducts(take = 8) {
  return queryCards({ from: `"Product" p`, where: [SELLABLE_SQL, `p."featured" = TRUE`], params: [], order: ORDER_SQL.relevance }, take);
}

export async function getProductBySlug(slug: string) {
  const product = await prisma.product.findFirst({
    where: { ...sellableWhere, slug },
    select: {
      id: true,
      slug: true,
      nameZh: true,
      nameEn: true,
      spec: true,
      priceFen: true,
      stock: true,
      sku: true,
      township: true,
      village: true,
      descriptionZh: true,
      descriptionEn: true,
      originStatement: true,
      images: { select: { url: true }, orderBy: { sortOrder: "asc" } },
      category: { select: { slug: true, nameZh: true, nameEn: true } },
      county: { select: { id: true, slug: true, nameZh: true, nameEn: true, provinceZh: true, provinceEn: true } },
      supplier: { select: { name: true, kind: true, county: { select: { nameZh: true, nameEn: true, provinceZh: true, provinceEn: true, kind: true } } } },
      endorsement: {
        select: { secretaryName: true, village: true, township: true, dispatchingUnit: true, words: true, county: { select: { nameZh: true, nameEn: true } } },
      },
    },
  });
  if (!product) return null;
  const [moreFromCounty, sold] = await Promise.all([
    queryCards(
      { from: `"Product" p`, where: [SELLABLE_SQL, `p."countyId" = ?`, `p."id" <> ?`], params: [product.county.id, product.id], order: ORDER_SQL.relevance },
      4,
    ),
    soldCount(product.id),
  ]);
  return { product, moreFromCounty, sold };
}

// 件已售: up to a minute old, like the totals; the product page is the busiest page after the list.
const soldCounts = createTtlCache<number>({ ttlMs: 60_000, max: 5_000 });

/** Units sold so far: lines of orders that were paid and not wholly refunded or cancelled. */
export function soldCount(productId: number) {
  return soldCounts.get(String(productId), async () => {
    const rows = await prisma.$queryRaw<{ n: bigint | number | null }[]>`
      SELECT SUM(l."quantity") AS n FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
      WHERE l."productId" = ${productId} AND o."paidAt" IS NOT NULL AND o."status" NOT IN ('CANCELLED', 'REFUNDED')`;
    return Number(rows[0]?.n ?? 0);
  });
}

/** Typical days from payment to the door, by where the goods come from (Tibet is far from every hall). */
const DELIVERY_DAYS: Record<string, { min: number; max: number }> = {
  ASSIGNED: { min: 3, max: 5 },
  JILIN: { min: 2, max: 4 },
  TIBET: { min: 7, max: 12 },
};

export function typicalDeliveryDays(countyKind: string) {
  return DELIVERY_DAYS[countyKind] ?? { min: 3, max: 7 };
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

export async function listCounties() {
  const [counties, counts] = await Promise.all([
    prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, ...countySelect } }),
    reference.get("countyCounts", async () => {
      const rows = await prisma.$queryRawUnsafe<{ countyId: bigint | number; n: bigint | number }[]>(
        `SELECT p."countyId" AS "countyId", COUNT(*) AS n FROM "Product" p WHERE ${SELLABLE_SQL} GROUP BY p."countyId"`,
      );
      return new Map(rows.map((r) => [Number(r.countyId), Number(r.n)]));
    }) as Promise<Map<number, number>>,
  ]);
  return counties.map(({ id, ...county }) => ({ ...county, productCount: counts.get(id) ?? 0 }));
}

type Option = { slug: string; nameZh: string; nameEn: string };

/** Slugs and names only, for filter menus. */
export function listCountyOptions() {
  return reference.get("countyOptions", () =>
    prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { slug: true, nameZh: true, nameEn: true } }),
  ) as Promise<Option[]>;
}

export function getCountyBySlug(slug: string) {
  return prisma.county.findUnique({ where: { slug }, select: countySelect });
}

export function listCategories() {
  return reference.get("categories", () =>
    prisma.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { slug: true, nameZh: true, nameEn: true } }),
  ) as Promise<Option[]>;
}
