/**
 * Pricing and placing a 200-line organisation order on one process, through the model functions the
 * pages call: reviewDraft (validate the grid and price it by the one rule, as the review step does)
 * and placeOrgOrder (validate, re-price, credit check, 200 conditional stock decrements, the order and
 * its lines, in one transaction). Target: under 300 ms server-side. For scale, the same writes as one
 * bare better-sqlite3 transaction are timed on a copy of the same database in the same run.
 *
 *   npm run bench                       (part of the full benchmark)
 *   npx tsx scripts/bench/org-order.ts  (alone, on a fresh demo database under bench/.tmp)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";

const LINES = 200;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function benchOrgOrder(dbFile: string, { runs = 20 } = {}) {
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { prisma } = await import("../../app/utils/db.server");
  const { saveDraftRows, reviewDraft } = await import("../../app/models/org-order-lines.server");
  const { placeOrgOrder } = await import("../../app/models/org-order.server");
  const { creditCodeCheckCharacter } = await import("../../app/models/organisation-schema");

  const products = await prisma.product.findMany({
    where: { status: "ACTIVE", supplier: { status: "ADMITTED" } },
    select: { id: true, sku: true },
    orderBy: { id: "asc" },
    take: LINES,
  });
  if (products.length < LINES) throw new Error(`need ${LINES} products on sale, found ${products.length}`);
  await prisma.product.updateMany({ where: { id: { in: products.map((p) => p.id) } }, data: { stock: 10_000_000, minOrderQuantity: 1, casePack: 1 } });
  const run = Date.now().toString(36);
  const first17 = `9122010199${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const buyer = await prisma.user.create({ data: { username: `org-bench-${run}`, name: "压测采购员", role: "EMPLOYEE", passwordHash: "x" } });
  // On terms with a limit, so the credit check runs as it does for a canteen; no approval threshold.
  const organisation = await prisma.organisation.create({
    data: {
      name: `压测食堂 ${run}`,
      kind: "CANTEEN",
      creditCode: first17 + creditCodeCheckCharacter(first17),
      contactName: "压测",
      contactMobile: "13800000000",
      status: "APPROVED",
      paymentTerms: "ON_TERMS",
      creditLimitFen: 1_000_000_000_000,
      members: { create: { userId: buyer.id, role: "BUYER" } },
      locations: { create: { name: "食堂", address: "长春市", contactName: "压测", contactMobile: "13800000000" } },
    },
    select: { id: true, locations: { select: { id: true } } },
  });
  // Tiers on every other product and contract prices on every fifth, so pricing does real work.
  await prisma.priceTier.createMany({ data: products.filter((_, i) => i % 2 === 0).map((p) => ({ productId: p.id, minQuantity: 10, priceFen: 1 })) });
  await prisma.contractPrice.createMany({ data: products.filter((_, i) => i % 5 === 0).map((p) => ({ organisationId: organisation.id, productId: p.id, priceFen: 1 })) });

  const rawFile = `${dbFile}.org-raw.db`;
  rmSync(rawFile, { force: true });
  await prisma.$executeRawUnsafe(`VACUUM INTO '${rawFile.replaceAll("'", "''")}'`);

  const review: number[] = [];
  const place: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    await saveDraftRows(organisation.id, buyer.id, products.map((p, j) => ({ sku: p.sku, quantity: String(((i + j) % 15) + 1) })));
    const t0 = performance.now();
    const reviewed = await reviewDraft(organisation.id, buyer.id);
    const t1 = performance.now();
    if (!reviewed.ok) throw new Error(`review failed: ${JSON.stringify(reviewed.problems.slice(0, 3))}`);
    const result = await placeOrgOrder({
      organisationId: organisation.id,
      userId: buyer.id,
      details: {
        checkoutKey: `org-bench-${run}-${i}`,
        expectedTotalFen: reviewed.totalFen,
        poNumber: "",
        deliveryLocationId: organisation.locations[0]!.id,
        requestedDeliveryDate: "2099-01-01",
        deliveryWindow: "08:00-10:00",
        note: "",
        wantsInvoice: false,
        invoiceTitle: "",
        invoiceTaxNumber: "",
      },
    });
    const t2 = performance.now();
    if (!result.ok) throw new Error(`placing failed: ${JSON.stringify(result).slice(0, 300)}`);
    if (i < 2) continue; // warm-up: module loading and the first prepared statements
    review.push(t1 - t0);
    place.push(t2 - t1);
    total.push(t2 - t0);
  }

  // The same writes as one bare better-sqlite3 transaction (no validation, no pricing reads).
  const raw = new Database(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  const decrement = raw.prepare(`UPDATE "Product" SET "stock" = "stock" - ? WHERE "id" = ? AND "stock" >= ?`);
  const insertOrder = raw.prepare(
    `INSERT INTO "Order" ("number","userId","status","subtotalFen","totalFen","deliveryMethod","checkoutKey","createdAt","updatedAt")
     VALUES (?, ?, 'CONFIRMED', 100, 100, 'DELIVERY', ?, ?, ?)`,
  );
  const insertLine = raw.prepare(
    `INSERT INTO "OrderLine" ("orderId","productId","sku","nameZh","spec","countyId","unitPriceFen","quantity","lineTotalFen") VALUES (?, ?, 'S', 'N', '1kg', 1, 50, ?, 50)`,
  );
  const rawTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    raw.transaction(() => {
      for (const p of products) decrement.run(2, p.id, 2);
      const now = new Date().toISOString();
      const id = insertOrder.run(`RAW-${run}-${i}`, buyer.id, `raw-${run}-${i}`, now, now).lastInsertRowid;
      for (const p of products) insertLine.run(id, p.id, 2);
    })();
    rawTimes.push(performance.now() - t0);
  }
  raw.close();
  rmSync(rawFile, { force: true });

  for (const list of [review, place, total, rawTimes]) list.sort((a, b) => a - b);
  return {
    lines: LINES,
    runs,
    reviewP50: percentile(review, 50),
    reviewP95: percentile(review, 95),
    placeP50: percentile(place, 50),
    placeP95: percentile(place, 95),
    totalP50: percentile(total, 50),
    totalP95: percentile(total, 95),
    rawP50: percentile(rawTimes, 50),
    ratio: percentile(rawTimes, 50) / percentile(total, 50),
  };
}

export function describeOrgOrderBench(r: Awaited<ReturnType<typeof benchOrgOrder>>) {
  const ms = (n: number) => n.toFixed(1);
  return (
    `organisation order of ${r.lines} lines, ${r.runs} runs: review (validate + price) p50 ${ms(r.reviewP50)} ms, p95 ${ms(r.reviewP95)} ms; ` +
    `place p50 ${ms(r.placeP50)} ms, p95 ${ms(r.placeP95)} ms; both p50 ${ms(r.totalP50)} ms, p95 ${ms(r.totalP95)} ms (target < 300 ms); ` +
    `bare better-sqlite3 writes p50 ${ms(r.rawP50)} ms (ratio ${r.ratio.toFixed(3)})`
  );
}

// Run alone: a fresh demo database, then the benchmark.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = path.resolve("bench/.tmp");
  const file = path.join(dir, "org-order.db");
  mkdirSync(dir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "pipe" });
  const result = await benchOrgOrder(file);
  process.stdout.write(`${describeOrgOrderBench(result)}\n`);
  process.exit(0);
}
