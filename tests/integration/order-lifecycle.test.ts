import { beforeAll, describe, expect, it } from "vitest";
import { transition, type TransitionInput } from "~/models/order-lifecycle.server";
import { orderStatuses, TRANSITIONS, type ChangeAction, type OrderStatus } from "~/models/order-transitions";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../support/db";
import { createBuyer, createShop, placeTestOrder, product } from "../support/order-fixtures";

/**
 * The lifecycle's table, tried exhaustively: every step from every status. A refused step leaves the
 * order, the stock, the ledger, the history and the audit log exactly as they were; an allowed one
 * writes its state, history, audit and ledger rows together — and with a failure injected into its
 * last write, none of them.
 */
const changeActions = (Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]).filter((a): a is ChangeAction => a !== "place");
const PAID_STATUSES: OrderStatus[] = ["PAID", "SHIPPED", "DELIVERED", "COMPLETED", "PARTLY_REFUNDED", "REFUNDED"];

let buyerId: number;
let riceId: number;
let herbId: number;
const QUANTITIES = { rice: 2, herb: 3 };

beforeAll(async () => {
  await resetDatabase();
  const ref = await createShop();
  buyerId = (await createBuyer("E30001")).id;
  riceId = (await product(ref, 1000, 5990)).id;
  herbId = (await product(ref, 1000, 1250, "fengshan")).id;
});

/** An order of two counties' goods put straight into `status` (paid when the status implies it). */
async function orderIn(status: OrderStatus) {
  const order = await placeTestOrder(buyerId, [{ productId: riceId, quantity: QUANTITIES.rice }, { productId: herbId, quantity: QUANTITIES.herb }]);
  await prisma.order.update({ where: { id: order.id }, data: { status, paidAt: PAID_STATUSES.includes(status) ? new Date() : null } });
  return order;
}

async function snapshot(orderId: number) {
  const [order, rice, herb, ledger, events, audits] = await Promise.all([
    prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paidAt: true, refundedFen: true, reservedUntil: true, carrier: true } }),
    prisma.product.findUniqueOrThrow({ where: { id: riceId }, select: { stock: true } }),
    prisma.product.findUniqueOrThrow({ where: { id: herbId }, select: { stock: true } }),
    prisma.ledgerEntry.findMany({ where: { orderId }, select: { amountFen: true, sourceType: true } }),
    prisma.orderEvent.count({ where: { orderId } }),
    prisma.auditLog.count({ where: { entityType: "Order", entityId: String(orderId) } }),
  ]);
  return { order, stock: [rice.stock, herb.stock], ledgerFen: ledger.reduce((sum, e) => sum + e.amountFen, 0), ledgerRows: ledger.length, events, audits };
}

/** The input each step takes: a target where the step has several, a Refund row for a refund. */
async function stepInput(action: ChangeAction, orderId: number, totalFen: number): Promise<TransitionInput> {
  const input: TransitionInput = { orderId, action, note: "table-test", actorUserId: buyerId, audit: { action: `test.${action}` } };
  if (action === "approve") input.to = "AWAITING_PAYMENT";
  if (action === "refund") {
    const refund = await prisma.refund.create({ data: { orderId, amountFen: totalFen, reason: "test", provider: "LOCAL", idempotencyKey: `t-${orderId}-${Math.random()}` } });
    Object.assign(input, { to: "REFUNDED", set: { refundedFen: totalFen }, refund: { id: refund.id, amountFen: totalFen } });
  }
  return input;
}

async function withFailingInsert<T>(table: string, run: () => Promise<T>) {
  await prisma.$executeRawUnsafe(`CREATE TRIGGER "inject_failure" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  try {
    return await run();
  } finally {
    await prisma.$executeRawUnsafe(`DROP TRIGGER "inject_failure"`);
  }
}

describe("the order lifecycle table", () => {
  it.each(changeActions)("%s: allowed from exactly its listed statuses, all-or-nothing", async (action) => {
    const rule = TRANSITIONS[action] as { from: readonly OrderStatus[]; to: readonly OrderStatus[]; stock?: "take" | "return"; ledger?: "sale" | "refund" };
    for (const from of orderStatuses) {
      const order = await orderIn(from);
      const before = await snapshot(order.id);
      const input = await stepInput(action, order.id, order.totalFen);

      if (!rule.from.includes(from)) {
        expect(await transition(input), `${action} from ${from}`).toEqual({ ok: false, reason: "refused", status: from });
        expect(await snapshot(order.id), `${action} from ${from} left a trace`).toEqual(before);
        continue;
      }

      // A failure in the step's last write (ledger when it counts money, else audit) undoes all of it.
      await expect(withFailingInsert(rule.ledger ? "LedgerEntry" : "AuditLog", () => transition(input)), `${action} from ${from}`).rejects.toThrow();
      expect(await snapshot(order.id), `${action} from ${from} after a failed last write`).toEqual(before);

      const done = await transition(input);
      const to = input.to ?? rule.to[0]!;
      expect(done, `${action} from ${from}`).toEqual({ ok: true, from, to });
      const after = await snapshot(order.id);
      const moved = rule.stock === "take" ? -1 : rule.stock === "return" ? 1 : 0;
      expect(after.order.status).toBe(to);
      expect(after.stock).toEqual([before.stock[0]! + moved * QUANTITIES.rice, before.stock[1]! + moved * QUANTITIES.herb]);
      expect(after.events).toBe(before.events + 1);
      expect(after.audits).toBe(before.audits + 1);
      const counted = rule.ledger === "sale" ? order.totalFen : rule.ledger === "refund" ? -order.totalFen : 0;
      expect(after.ledgerFen - before.ledgerFen).toBe(counted);
      // Two counties: the sale or refund is split over both.
      expect(after.ledgerRows - before.ledgerRows).toBe(rule.ledger ? 2 : 0);

      // Taking the same step again from where it led changes nothing more, unless the table allows it.
      if (!rule.from.includes(to)) {
        const again = await transition(await stepInput(action, order.id, order.totalFen));
        expect(again).toMatchObject({ ok: false, reason: "refused" });
      }
    }
  });

  it("the steps' own conditions: no cancelling an order on terms once paid on, no stock returned twice or after shipping", async () => {
    const onTerms = await orderIn("CONFIRMED");
    await prisma.order.update({ where: { id: onTerms.id }, data: { termsPaidFen: 100 } });
    expect(await transition({ orderId: onTerms.id, action: "cancel" })).toEqual({ ok: false, reason: "refused", status: "CONFIRMED" });

    const refunded = await orderIn("REFUNDED");
    expect(await transition({ orderId: refunded.id, action: "restock" })).toMatchObject({ ok: true });
    const stock = (await snapshot(refunded.id)).stock;
    expect(await transition({ orderId: refunded.id, action: "restock" })).toMatchObject({ ok: false, reason: "refused" });

    expect((await snapshot(refunded.id)).stock).toEqual(stock);

    const shippedThenRefunded = await orderIn("PAID");
    expect(await transition({ orderId: shippedThenRefunded.id, action: "ship" })).toMatchObject({ ok: true });
    await prisma.order.update({ where: { id: shippedThenRefunded.id }, data: { status: "REFUNDED" } });
    const shippedStock = (await snapshot(shippedThenRefunded.id)).stock;
    expect(await transition({ orderId: shippedThenRefunded.id, action: "restock" })).toMatchObject({ ok: false, reason: "refused" });
    expect((await snapshot(shippedThenRefunded.id)).stock).toEqual(shippedStock);
  });

  it("a payment after expiry whose goods are gone takes nothing and changes nothing", async () => {
    const order = await orderIn("CANCELLED");
    const before = await snapshot(order.id);
    await prisma.product.update({ where: { id: herbId }, data: { stock: 1 } });
    expect(await transition({ orderId: order.id, action: "payAfterExpiry" })).toEqual({ ok: false, reason: "stock" });
    expect(await snapshot(order.id)).toEqual({ ...before, stock: [before.stock[0], 1] });
    await prisma.product.update({ where: { id: herbId }, data: { stock: 1000 } });
  });
});
