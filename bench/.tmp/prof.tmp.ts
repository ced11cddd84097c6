process.env.DATABASE_URL = "file:/work/main/bench/.tmp/bench.db";
const { getProductBySlug, listProducts, listFeaturedProducts } = await import("~/models/catalogue.server");
const { parseProductFilters } = await import("~/models/catalogue-filters");
const { prisma } = await import("~/utils/db.server");
const slug = (await prisma.product.findFirstOrThrow({ where: { supplier: { status: "ADMITTED" }, endorsement: { isNot: null } }, select: { slug: true } })).slug;
async function time(name: string, fn: () => Promise<unknown>) {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) await fn();
  console.info(name, ((performance.now() - t0) / 20).toFixed(2), "ms");
}
await time("product " + slug, () => getProductBySlug(slug));
await time("featured", () => listFeaturedProducts());
await time("list all", () => listProducts(parseProductFilters(new URLSearchParams("")).filters));
await time("list dami", () => listProducts(parseProductFilters(new URLSearchParams("q=dami")).filters));
await time("raw findMany 24 cards", () => prisma.product.findMany({ where: { id: { in: Array.from({ length: 24 }, (_, i) => i + 1) } }, select: { id: true, slug: true, nameZh: true, images: { select: { url: true }, take: 1 }, county: { select: { slug: true } }, endorsement: { select: { secretaryName: true } } } }));
