/**
 * One engine's side of scripts/bench/engines.ts: on the database DATABASE_URL names (SQLite or
 * PostgreSQL, already migrated and empty), loads the demo catalogue and times, through the models the
 * pages call: orders placed by concurrent buyers, the product list, a search, the dashboard figures.
 * Prints one JSON line.
 */
import { loadDemoCatalogue } from "../../prisma/demo/load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const BUYERS = 20;
const READERS = 10;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `workers` loops calling `once(i)` for SECONDS: calls per second, p50 and p95 in ms. */
async function measure(workers: number, once: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await once(n++);
        times.push(performance.now() - t0);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { perSecond: times.length / SECONDS, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const { prisma, dbReady } = await import("../../app/utils/db.server");
await dbReady;
const { placeOrder } = await import("../../app/models/order.server");
const { listProducts } = await import("../../app/models/catalogue.server");
const { parseProductFilters } = await import("../../app/models/catalogue-filters");
const { ledgerFigures } = await import("../../app/models/relief-progress.server");

await loadDemoCatalogue(prisma, { admin: false, employees: false });
const products = await prisma.product.findMany({ where: { status: "ACTIVE", supplier: { status: "ADMITTED" } }, select: { id: true }, take: 200 });
await prisma.product.updateMany({ where: { id: { in: products.map((p) => p.id) } }, data: { stock: 1_000_000 } });
const users = await Promise.all(
  Array.from({ length: BUYERS }, (_, i) => prisma.user.create({ data: { username: `bench-${i}`, name: `买家${i}`, role: "EMPLOYEE", passwordHash: "x" } })),
);

const orders = await measure(BUYERS, async (i) => {
  const result = await placeOrder({
    userId: users[i % BUYERS]!.id,
    checkoutKey: `bench-${i}`,
    lines: [
      { productId: products[i % products.length]!.id, quantity: 1 },
      { productId: products[(i * 7 + 3) % products.length]!.id, quantity: 2 },
    ],
    delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "吉林省长春市" },
  });
  if (!result.ok) throw new Error(`order refused: ${JSON.stringify(result)}`);
});
const filters = (query: string) => parseProductFilters(new URLSearchParams(query)).filters;
const list = await measure(READERS, (i) => listProducts(filters(`page=${(i % 5) + 1}`)));
const search = await measure(READERS, () => listProducts(filters("q=dami")));
const dashboard = await measure(READERS, () => ledgerFigures({ year: 2026, quarter: null }));
await prisma.$disconnect();
console.info(JSON.stringify({ orders, list, search, dashboard }));
