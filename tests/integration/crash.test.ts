import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { releaseExpiredReservations } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData, createUserWithRole } from "../support/admin-fixtures";
import type { Ack, CrashWorkerSetup } from "../support/checkout-worker";
import { bulkProduct, organisationWithMembers } from "../support/org-fixtures";

const INITIAL_STOCK = 100_000;
const KILLS = 4;

/** Starts the worker and kills it with SIGKILL at a random moment after it has acknowledged `acks` writes. */
function runAndKill(setup: CrashWorkerSetup, acks: number) {
  return new Promise<void>((resolve, reject) => {
    // One process (tsx as a loader, not a wrapper), so SIGKILL stops the very process that writes.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/checkout-worker.ts", JSON.stringify(setup)], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let killing = false;
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.stdout.on("data", (d: Buffer) => {
      const counts = [...String(d).matchAll(/acks (\d+)/g)].map((m) => Number(m[1]));
      // A random extra delay so the kill lands at a different point of a different operation each run.
      if (!killing && counts.some((c) => c >= acks)) {
        killing = true;
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 40));
      }
    });
    child.on("exit", (code, signal) => (signal === "SIGKILL" || code === 137 ? resolve() : reject(new Error(`worker exited ${code} ${signal}: ${stderr}`))));
  });
}

describe("a server killed at random moments of checkout, payment, import and approval", () => {
  it("keeps every write it acknowledged, half-applies none, conserves stock and books each payment once", async () => {
    const ref = await createReferenceData();
    const admin = await createUserWithRole("admin", "ADMIN");
    const user = await prisma.user.create({ data: { username: "E1", name: "张伟", role: "EMPLOYEE", passwordHash: "x" } });
    const products = await Promise.all(
      [0, 1, 2].map((i) =>
        prisma.product.create({
          data: { sku: `C${i}`, slug: `c-${i}`, nameZh: `商品${i}`, spec: "1kg", priceFen: 1000 + i, stock: INITIAL_STOCK, categoryId: ref.rice.id, countyId: (i ? ref.fengshan : ref.zhenlai).id, supplierId: (i ? ref.fengshanCoop : ref.zhenlaiCoop).id },
        }),
      ),
    );
    // Every organisation order waits for approval (threshold 0), then awaits payment once approved.
    const org = await organisationWithMembers({ approvalThresholdFen: 0 });
    const bulk = [await bulkProduct(ref, { stock: INITIAL_STOCK, priceFen: 2000 }), await bulkProduct(ref, { stock: INITIAL_STOCK, priceFen: 3500 })];
    const ackFile = path.resolve("tests/.tmp", `acks-${process.pid}.log`);
    rmSync(ackFile, { force: true });
    const setup: CrashWorkerSetup = {
      ackFile,
      userId: user.id,
      productIds: products.map((p) => p.id),
      adminId: admin.id,
      org: { id: org.id, buyerId: org.buyer.id, approverId: org.approver.id, locationId: org.locationId, products: bulk.map((p) => ({ sku: p.sku, priceFen: p.priceFen })) },
      importRows: 20,
      importStock: 7,
    };
    // Several runs on the same file, each killed at another random point: each start recovers the last one's crash.
    for (let run = 0; run < KILLS; run++) await runAndKill(setup, 10 + Math.floor(Math.random() * 20));

    const [integrity] = await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(integrity?.integrity_check).toBe("ok");

    // Every acknowledged write is in the database.
    const acks = readFileSync(ackFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Ack);
    for (const op of ["order", "paid", "import", "org-order", "approved"]) expect(acks.some((a) => a.op === op), `some ${op} acknowledged`).toBe(true);
    const orders = await prisma.order.findMany({ include: { lines: true, events: true } });
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const ack of acks) {
      switch (ack.op) {
        case "order":
        case "org-order":
          expect(byId.get(ack.orderId)?.checkoutKey, JSON.stringify(ack)).toBe(ack.key);
          break;
        case "paid":
          expect(byId.get(ack.orderId)?.status, JSON.stringify(ack)).toBe("PAID");
          break;
        case "approved":
          expect(byId.get(ack.orderId)?.approvalStatus, JSON.stringify(ack)).toBe("APPROVED");
          break;
        case "import":
          expect(await prisma.product.count({ where: { sku: { in: ack.skus }, stock: setup.importStock } }), JSON.stringify(ack)).toBe(ack.skus.length);
      }
    }

    // Nothing is half-applied, acknowledged or not.
    expect(orders.every((o) => o.lines.length > 0 && o.events.length > 0)).toBe(true);
    for (const o of orders) {
      const counted = await prisma.ledgerEntry.aggregate({ where: { orderId: o.id }, _sum: { amountFen: true } });
      expect(counted._sum.amountFen ?? 0).toBe(o.paidAt ? o.totalFen : 0);
      if (o.organisationId === null) expect(o.status).toBe(o.paidAt ? "PAID" : "AWAITING_PAYMENT");
      else {
        // Approved exactly when its approval event and audit entry exist, once each.
        const approvedEvents = o.events.filter((e) => e.note === "approved").length;
        const audits = await prisma.auditLog.count({ where: { action: "organisation.order.approve", entityId: String(o.id) } });
        expect([o.status, o.approvalStatus, approvedEvents, audits]).toEqual(
          o.approvalStatus === "APPROVED" ? ["AWAITING_PAYMENT", "APPROVED", 1, 1] : ["PENDING_APPROVAL", "PENDING", 0, 0],
        );
      }
    }
    const imported = await prisma.product.findMany({ where: { sku: { startsWith: "IMP-" } }, select: { id: true, stock: true } });
    const importAudits = await prisma.auditLog.count({ where: { action: "product.import" } });
    expect(imported).toHaveLength(importAudits * setup.importRows);
    expect(await prisma.stockAdjustment.count({ where: { productId: { in: imported.map((p) => p.id) }, delta: setup.importStock } })).toBe(imported.length);

    // Every unit is either on the shelf or in an order that holds it: nothing lost, nothing doubled.
    const held = (productId: number) =>
      orders.filter((o) => o.status !== "CANCELLED").flatMap((o) => o.lines).filter((l) => l.productId === productId).reduce((s, l) => s + l.quantity, 0);
    for (const p of [...products, ...bulk]) {
      const { stock } = await prisma.product.findUniqueOrThrow({ where: { id: p.id } });
      expect(stock + held(p.id), p.sku).toBe(INITIAL_STOCK);
    }

    // A restart releases what checkout held unpaid past its reservation, once.
    const later = new Date(Date.now() + 31 * 60_000);
    const expired = orders.filter((o) => o.status === "AWAITING_PAYMENT" && o.reservedUntil !== null && o.reservedUntil <= later);
    expect(await releaseExpiredReservations(later)).toBe(expired.length);
    const after = await prisma.order.findMany({ include: { lines: true } });
    for (const p of [...products, ...bulk]) {
      const { stock } = await prisma.product.findUniqueOrThrow({ where: { id: p.id } });
      const kept = after.filter((o) => o.status !== "CANCELLED").flatMap((o) => o.lines).filter((l) => l.productId === p.id).reduce((s, l) => s + l.quantity, 0);
      expect(stock + kept).toBe(INITIAL_STOCK);
    }
  }, 180_000);
});
