import { beforeAll, describe, expect, it } from "vitest";
import { parseProductFilters } from "~/models/catalogue-filters";
import { forgetCatalogueCache, getProductBySlug, listCounties, listProducts } from "~/models/catalogue.server";
import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";
import { loadDemoCatalogue } from "../../prisma/demo/load";

// The demo catalogue is the test data: the same source as `npm start` shows.
beforeAll(async () => {
  await loadDemoCatalogue(prisma, { admin: false });
});

const list = (query: string, pageSize?: number) => listProducts(parseProductFilters(new URLSearchParams(query)).filters, pageSize);

async function namesFor(query: string) {
  const { products } = await list(query, 500);
  return products.map((p) => p.nameZh);
}

describe("search", () => {
  it("finds 大米 by characters, full pinyin and initials", async () => {
    const byChars = await namesFor("q=大米");
    expect(byChars.length).toBeGreaterThan(5);
    expect(byChars.every((n) => n.includes("大米"))).toBe(true);
    for (const q of ["dami", "dm"]) {
      const names = await namesFor(`q=${q}`);
      expect(names, q).toEqual(expect.arrayContaining(byChars));
    }
  });

  it("finds English names", async () => {
    const names = await namesFor("q=rice");
    expect(names.some((n) => n.includes("米"))).toBe(true);
  });

  it("requires every word", async () => {
    const both = await namesFor("q=镇赉 dami");
    expect(both.length).toBeGreaterThan(0);
    const { products } = await list("q=镇赉 dami", 500);
    expect(products.every((p) => p.county.nameZh === "镇赉县")).toBe(true);
  });

  it("ranks and paginates consistently: pages do not overlap and add up to the total", async () => {
    const first = await list("q=mu", 10);
    const second = await list("q=mu&page=2", 10);
    expect(first.total).toBeGreaterThan(20);
    const ids = new Set(first.products.map((p) => p.slug));
    expect(second.products.some((p) => ids.has(p.slug))).toBe(false);
    expect(first.pages).toBe(Math.ceil(first.total / 10));
  });

  it("treats FTS5 syntax as plain words and finds nothing for gibberish", async () => {
    await expect(list('q="*" OR NEAR(')).resolves.toBeDefined();
    expect((await list("q=zzqqxx")).total).toBe(0);
  });

  it("keeps the index in step when a product is renamed or archived", async () => {
    const { products } = await list("q=dami", 1);
    const slug = products[0]!.slug;
    const { buildSearchFields } = await import("~/models/search.server");
    await prisma.product.update({ where: { slug }, data: { nameZh: "长白山蓝莓", ...buildSearchFields({ nameZh: "长白山蓝莓" }) } });
    expect((await namesFor("q=dami")).includes("长白山蓝莓")).toBe(false);
    expect(await namesFor("q=cbslm")).toContain("长白山蓝莓");
    await prisma.product.update({ where: { slug }, data: { status: "ARCHIVED" } });
    expect(await namesFor("q=cbslm")).not.toContain("长白山蓝莓");
  });
});

describe("filters", () => {
  it("filters by county and category together", async () => {
    const { products, total } = await list("county=helong&category=fungi", 500);
    expect(total).toBeGreaterThan(0);
    const rows = await prisma.product.findMany({
      where: { slug: { in: products.map((p) => p.slug) } },
      select: { county: { select: { slug: true } }, category: { select: { slug: true } } },
    });
    expect(rows.every((r) => r.county.slug === "helong" && r.category.slug === "fungi")).toBe(true);
  });

  it("shows only endorsed goods when asked, and only goods in stock when asked", async () => {
    const endorsed = await list("endorsed=1", 500);
    expect(endorsed.products.every((p) => p.endorsement !== null)).toBe(true);
    const all = await list("");
    const inStock = await list("inStock=1");
    const soldOut = await prisma.product.count({ where: { status: "ACTIVE", stock: 0, supplier: { status: "ADMITTED" } } });
    expect(soldOut).toBeGreaterThan(0);
    expect(inStock.total).toBe(all.total - soldOut);
  });

  it("filters by price range in yuan, inclusive", async () => {
    const { products } = await list("min=50&max=60", 500);
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => p.priceFen >= 5000 && p.priceFen <= 6000)).toBe(true);
  });

  it("sorts by price both ways and by newest", async () => {
    const asc = (await list("sort=price-asc", 50)).products.map((p) => p.priceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await list("sort=price-desc", 50)).products.map((p) => p.priceFen);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it("lists featured goods first by default", async () => {
    const { products } = await list("", 5);
    const featured = await prisma.product.findMany({ where: { slug: { in: products.map((p) => p.slug) } }, select: { featured: true } });
    expect(featured.every((p) => p.featured)).toBe(true);
  });
});

describe("what the shop may sell", () => {
  it("hides a suspended supplier's goods everywhere, and shows them again once admitted", async () => {
    const supplier = await prisma.supplier.findFirstOrThrow({ where: { status: "ADMITTED", products: { some: {} } }, include: { products: true } });
    const product = supplier.products[0]!;
    await prisma.supplier.update({ where: { id: supplier.id }, data: { status: "SUSPENDED" } });
    expect(await getProductBySlug(product.slug)).toBeNull();
    expect((await list(`q=${encodeURIComponent(product.nameZh)}`, 500)).products.map((p) => p.slug)).not.toContain(product.slug);
    await prisma.supplier.update({ where: { id: supplier.id }, data: { status: "ADMITTED" } });
    expect(await getProductBySlug(product.slug)).not.toBeNull();
  });

  it("counts each county's goods for sale", async () => {
    const helongBefore = (await listCounties()).find((c) => c.slug === "helong")!;
    expect(helongBefore.productCount).toBe((await list("county=helong")).total);
    const one = await prisma.product.findFirstOrThrow({ where: { county: { slug: "helong" }, status: "ACTIVE" } });
    await prisma.product.update({ where: { id: one.id }, data: { status: "ARCHIVED" } });
    forgetCatalogueCache();
    const helongAfter = (await listCounties()).find((c) => c.slug === "helong")!;
    expect(helongAfter.productCount).toBe(helongBefore.productCount - 1);
  });

  it("gives a product page its endorsement and more goods from the same county", async () => {
    const endorsed = await prisma.product.findFirstOrThrow({ where: { endorsement: { isNot: null }, status: "ACTIVE", supplier: { status: "ADMITTED" } } });
    const found = await getProductBySlug(endorsed.slug);
    expect(found?.product.endorsement?.secretaryName).toBeTruthy();
    expect(found?.moreFromCounty.length).toBeGreaterThan(0);
    expect(found?.moreFromCounty.every((p) => p.county.slug === found.product.county.slug && p.slug !== endorsed.slug)).toBe(true);
  });
});

describe("product codes and sales", () => {
  // SKU search is SQLite-only so far (ADR 025).
  it.skipIf(isPostgres)("finds a product by its SKU, typed in any case, as well as by name", async () => {
    const product = await prisma.product.findFirstOrThrow({ where: { status: "ACTIVE", supplier: { status: "ADMITTED" } }, orderBy: { id: "asc" } });
    for (const typed of [product.sku, product.sku.toLowerCase(), ` ${product.sku} `]) {
      const { products } = await list(`q=${encodeURIComponent(typed)}`, 500);
      expect(products.map((p) => p.slug), typed).toContain(product.slug);
    }
    expect(await namesFor("q=ZL-99999")).toEqual([]);
  });

  it("counts units sold from paid orders only (not unpaid, cancelled or refunded ones)", async () => {
    const product = await prisma.product.findFirstOrThrow({ where: { status: "ACTIVE", supplier: { status: "ADMITTED" } }, orderBy: { id: "desc" } });
    const user = await prisma.user.create({ data: { username: "sold-counter", name: "买家", role: "EMPLOYEE", passwordHash: "x" } });
    const order = (n: number, status: string, quantity: number, paid: boolean) =>
      prisma.order.create({
        data: {
          number: `FP-TEST-${n}`,
          userId: user.id,
          status,
          subtotalFen: product.priceFen * quantity,
          totalFen: product.priceFen * quantity,
          deliveryMethod: "PICKUP",
          checkoutKey: `sold-${n}`,
          paidAt: paid ? new Date() : null,
          lines: {
            create: {
              productId: product.id,
              sku: product.sku,
              nameZh: product.nameZh,
              nameEn: product.nameEn,
              spec: product.spec,
              countyId: product.countyId,
              unitPriceFen: product.priceFen,
              quantity,
              lineTotalFen: product.priceFen * quantity,
            },
          },
        },
      });
    await order(1, "PAID", 3, true);
    await order(2, "COMPLETED", 2, true);
    await order(3, "AWAITING_PAYMENT", 50, false);
    await order(4, "CANCELLED", 40, false);
    await order(5, "REFUNDED", 30, true);
    forgetCatalogueCache();
    const found = await getProductBySlug(product.slug);
    expect(found?.sold).toBe(5);
  });
});

describe("the database itself", () => {
  it("refuses negative stock and non-positive prices even if code tried", async () => {
    const product = await prisma.product.findFirstOrThrow();
    await expect(prisma.product.update({ where: { id: product.id }, data: { stock: -1 } })).rejects.toThrow();
    await expect(prisma.product.update({ where: { id: product.id }, data: { priceFen: 0 } })).rejects.toThrow();
  });

  // NORMAL: a COMMIT appends to the WAL and the connection wrapper fsyncs it before answering (ADR 018).
  // PostgreSQL's durability is the server's configuration (ADR 025).
  it.skipIf(isPostgres)("runs in WAL mode with synchronous=NORMAL on the app's writer connection", async () => {
    const { dbReady } = await import("~/utils/db.server");
    await dbReady;
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await prisma.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    expect(mode?.journal_mode).toBe("wal");
    expect(Number(sync?.synchronous)).toBe(1);
  });
});
