import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { releaseExpiredReservations } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData } from "../support/admin-fixtures";

const INITIAL_STOCK = 100_000;

/** Starts the worker and kills it with SIGKILL once it has placed at least `orders` orders. */
function runAndKill(args: string, orders: number) {
  return new Promise<void>((resolve, reject) => {
    // One process (tsx as a loader, not a wrapper), so SIGKILL stops the very process that writes.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/checkout-worker.ts", args], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.stdout.on("data", (d: Buffer) => {
      const counts = [...String(d).matchAll(/orders (\d+)/g)].map((m) => Number(m[1]));
      // A random extra delay so the kill lands at a different point of a transaction each run.
      if (counts.some((c) => c >= orders)) setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 20));
    });
    child.on("exit", (code, signal) => (signal === "SIGKILL" || code === 137 ? resolve() : reject(new Error(`worker exited ${code} ${signal}: ${stderr}`))));
  });
}

describe("a server killed in the middle of checkout", () => {
  it("leaves a consistent database, and a restart releases what it held unpaid", async () => {
    const ref = await createReferenceData();
    const user = await prisma.user.create({ data: { username: "E1", name: "张伟", role: "EMPLOYEE", passwordHash: "x" } });
    const products = await Promise.all(
      [0, 1, 2].map((i) =>
        prisma.product.create({
          data: { sku: `C${i}`, slug: `c-${i}`, nameZh: `商品${i}`, spec: "1kg", priceFen: 1000 + i, stock: INITIAL_STOCK, categoryId: ref.rice.id, countyId: (i ? ref.fengshan : ref.zhenlai).id, supplierId: (i ? ref.fengshanCoop : ref.zhenlaiCoop).id },
        }),
      ),
    );
    await runAndKill([user.id, ...products.map((p) => p.id)].join(","), 60);

    const [integrity] = await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(integrity?.integrity_check).toBe("ok");
    const orders = await prisma.order.findMany({ include: { lines: true } });
    expect(orders.length).toBeGreaterThanOrEqual(60);
    expect(orders.every((o) => o.lines.length > 0)).toBe(true);

    // Every unit is either on the shelf or in an order that holds it: nothing lost, nothing doubled.
    for (const p of products) {
      const { stock } = await prisma.product.findUniqueOrThrow({ where: { id: p.id } });
      const held = orders.flatMap((o) => o.lines).filter((l) => l.productId === p.id).reduce((s, l) => s + l.quantity, 0);
      expect(stock + held).toBe(INITIAL_STOCK);
    }
    // Every paid order is in the ledger exactly once, and nothing unpaid is.
    for (const o of orders) {
      const counted = await prisma.ledgerEntry.aggregate({ where: { orderId: o.id }, _sum: { amountFen: true } });
      expect(counted._sum.amountFen ?? 0).toBe(o.paidAt ? o.totalFen : 0);
      expect(o.status).toBe(o.paidAt ? "PAID" : "AWAITING_PAYMENT");
    }

    const unpaid = orders.filter((o) => !o.paidAt);
    const released = await releaseExpiredReservations(new Date(Date.now() + 31 * 60_000));
    expect(released).toBe(unpaid.length);
    for (const p of products) {
      const { stock } = await prisma.product.findUniqueOrThrow({ where: { id: p.id } });
      const paid = orders.filter((o) => o.paidAt).flatMap((o) => o.lines).filter((l) => l.productId === p.id).reduce((s, l) => s + l.quantity, 0);
      expect(stock).toBe(INITIAL_STOCK - paid);
    }
  }, 60_000);
});
