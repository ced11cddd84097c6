/**
 * Orders placed per second on one process: 20 concurrent buyers each placing orders of two lines
 * through the order model (the same code the checkout runs), against the raw limit of the same
 * writes as plain better-sqlite3 transactions on a copy of the same database, in the same run.
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function benchOrders(dbFile: string, { buyers = 20, seconds = 5 } = {}) {
  const rawFile = `${dbFile}.raw.db`;
  rmSync(rawFile, { force: true });
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { prisma } = await import("../../app/utils/db.server");
  const { placeOrder } = await import("../../app/models/order.server");

  const products = await prisma.product.findMany({
    where: { status: "ACTIVE", supplier: { status: "ADMITTED" } },
    select: { id: true },
    take: 200,
  });
  await prisma.product.updateMany({ where: { id: { in: products.map((p) => p.id) } }, data: { stock: 1_000_000 } });
  const run = Date.now().toString(36);
  const users = await Promise.all(
    Array.from({ length: buyers }, (_, i) =>
      prisma.user.create({ data: { username: `bench-${run}-${i}`, name: `买家${i}`, role: "EMPLOYEE", passwordHash: "x" } }),
    ),
  );

  // A consistent copy (WAL included) with the same products and buyers, for the raw comparison.
  await prisma.$executeRawUnsafe(`VACUUM INTO '${rawFile.replaceAll("'", "''")}'`);

  const times: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    users.map(async (user) => {
      while (performance.now() < deadline) {
        const i = n++;
        const t0 = performance.now();
        const result = await placeOrder({
          userId: user.id,
          checkoutKey: `bench-${run}-${i}`,
          lines: [
            { productId: products[i % products.length]!.id, quantity: 1 },
            { productId: products[(i * 7 + 3) % products.length]!.id, quantity: 2 },
          ],
          delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "吉林省长春市" },
        });
        times.push(performance.now() - t0);
        if (!result.ok) failures++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  const ordersPerSecond = times.length / seconds;

  // The same writes, as bare better-sqlite3 transactions, one after another.
  const raw = new Database(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  const decrement = raw.prepare(`UPDATE "Product" SET "stock" = "stock" - ? WHERE "id" = ?`);
  const insertOrder = raw.prepare(
    `INSERT INTO "Order" ("number","userId","status","subtotalFen","totalFen","deliveryMethod","checkoutKey","createdAt","updatedAt")
     VALUES (?, ?, 'AWAITING_PAYMENT', 100, 100, 'DELIVERY', ?, ?, ?)`,
  );
  const insertLine = raw.prepare(
    `INSERT INTO "OrderLine" ("orderId","productId","sku","nameZh","spec","countyId","unitPriceFen","quantity","lineTotalFen") VALUES (?, ?, 'S', 'N', '1kg', 1, 50, ?, 50)`,
  );
  const insertEvent = raw.prepare(`INSERT INTO "OrderEvent" ("orderId","status","note","createdAt") VALUES (?, 'AWAITING_PAYMENT', '', ?)`);
  const place = raw.transaction((i: number) => {
    const a = products[i % products.length]!.id;
    const b = products[(i * 7 + 3) % products.length]!.id;
    decrement.run(1, a);
    decrement.run(2, b);
    const now = new Date().toISOString();
    const id = insertOrder.run(`RAW-${run}-${i}`, users[0]!.id, `raw-${run}-${i}`, now, now).lastInsertRowid;
    insertLine.run(id, a, 1);
    insertLine.run(id, b, 2);
    insertEvent.run(id, now);
  });
  const rawStart = performance.now();
  let rawCount = 0;
  while (performance.now() - rawStart < seconds * 1000) place(rawCount++);
  const rawPerSecond = rawCount / ((performance.now() - rawStart) / 1000);
  raw.close();
  await prisma.$disconnect();

  return {
    buyers,
    seconds,
    orders: times.length,
    failures,
    ordersPerSecond,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rawTransactionsPerSecond: rawPerSecond,
    ratio: ordersPerSecond / rawPerSecond,
  };
}
