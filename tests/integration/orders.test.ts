import { beforeEach, describe, expect, it } from "vitest";
import { ledgerTotalFen } from "~/models/ledger.server";
import { cartFingerprint } from "~/models/cart-fingerprint.server";
import { markOrderPaid, placeCartOrder, placeOrder, recordRefund, releaseExpiredReservations, type PlaceOrderInput } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { product as makeProduct, stockOf } from "../support/order-fixtures";

let ref: ReferenceData;
let buyer: { id: number };

beforeEach(async () => {
  await resetDatabase();
  ref = await createReferenceData();
  buyer = await prisma.user.create({ data: { username: "E10001", employeeNo: "E10001", name: "张伟", role: "EMPLOYEE", passwordHash: "x" } });
});

const product = (stock: number, priceFen = 5990, county: "zhenlai" | "fengshan" = "zhenlai", extra: { maxPerOrder?: number } = {}) =>
  makeProduct(ref, stock, priceFen, county, extra);

let keys = 0;
function order(lines: { productId: number; quantity: number }[], overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    userId: buyer.id,
    checkoutKey: `key-${++keys}`,
    lines,
    delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "吉林省长春市汽开区东风大街1号" },
    ...overrides,
  };
}


describe("placing an order", () => {
  it("prices every line on the server and reserves the stock", async () => {
    const rice = await product(10, 5990);
    const herb = await product(5, 1250, "fengshan");
    const result = await placeOrder(order([{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 3 }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.totalFen).toBe(2 * 5990 + 3 * 1250);
    expect(result.order.number).toMatch(/^FP-\d{8}-\d{6}$/);
    expect(await stockOf(rice.id)).toBe(8);
    expect(await stockOf(herb.id)).toBe(2);
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id }, include: { lines: true, events: true } });
    expect(saved.status).toBe("AWAITING_PAYMENT");
    expect(saved.reservedUntil!.getTime() - saved.createdAt.getTime()).toBe(30 * 60_000);
    expect(saved.events.map((e) => e.status)).toEqual(["AWAITING_PAYMENT"]);
  });

  it("makes one order from one checkout however often the form is sent", async () => {
    const rice = await product(10);
    const input = order([{ productId: rice.id, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 5 }, () => placeOrder(input)));
    const numbers = new Set(results.map((r) => (r.ok ? r.order.number : "failed")));
    expect(numbers.size).toBe(1);
    expect(await prisma.order.count()).toBe(1);
    expect(await stockOf(rice.id)).toBe(9);
  });

  it("sells the last 3 units to exactly 3 of 50 concurrent buyers, never below zero", async () => {
    const rice = await product(3);
    const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(order([{ productId: rice.id, quantity: 1 }]))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(47);
    for (const r of refused) expect(r).toMatchObject({ ok: false, reason: "lines", problems: [{ productId: rice.id, problem: "sold-out" }] });
    expect(await stockOf(rice.id)).toBe(0);
    expect(await prisma.order.count()).toBe(3);
  });

  it("sells the last 3 units to exactly 3 of 50 buyers checking out their carts at once, each order with its payment attempt", async () => {
    const rice = await product(3);
    const buyers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        prisma.user.create({
          data: { username: `C${i}`, name: `买家${i}`, role: "EMPLOYEE", passwordHash: "x", cart: { create: { token: `t-${i}`, lines: { create: { productId: rice.id, quantity: 1, priceFenWhenAdded: 5990 } } } } },
        }),
      ),
    );
    const fingerprint = cartFingerprint([{ productId: rice.id, quantity: 1, unitPriceFen: 5990 }]);
    const results = await Promise.all(
      buyers.map((b, i) =>
        placeCartOrder({
          userId: b.id,
          checkoutKey: `cart-key-${i}`,
          cartFingerprint: fingerprint,
          delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
          payment: { provider: "LOCAL", providerRef: `lp_concurrent_${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ reason: "lines", problems: [{ productId: rice.id, problem: "sold-out" }] });
    expect(await stockOf(rice.id)).toBe(0);
    expect(await prisma.order.count()).toBe(3);
    // Each order has its one attempt; a refused buyer has no attempt and keeps the cart line.
    expect(await prisma.payment.count()).toBe(3);
    expect(await prisma.cartLine.count()).toBe(47);
  });

  it("orders a cart only as the page showed it, and answers a resent form with the order it made", async () => {
    const rice = await product(10);
    await prisma.cart.create({ data: { userId: buyer.id, token: "t-single", lines: { create: { productId: rice.id, quantity: 2, priceFenWhenAdded: 5990 } } } });
    const input = { userId: buyer.id, checkoutKey: "cart-key-single", delivery: order([]).delivery };
    const seen = cartFingerprint([{ productId: rice.id, quantity: 2, unitPriceFen: 5990 }]);
    await prisma.product.update({ where: { id: rice.id }, data: { priceFen: 6500 } });
    expect(await placeCartOrder({ ...input, cartFingerprint: seen })).toEqual({ ok: false, reason: "cart-changed" });
    expect(await stockOf(rice.id)).toBe(10);

    const now = cartFingerprint([{ productId: rice.id, quantity: 2, unitPriceFen: 6500 }]);
    const placed = await placeCartOrder({ ...input, cartFingerprint: now });
    expect(placed).toMatchObject({ ok: true, replayed: false, order: { totalFen: 13000 } });
    // Sent again: the cart is empty now, and the answer is the same order.
    const again = await placeCartOrder({ ...input, cartFingerprint: now });
    expect(again).toMatchObject({ ok: true, replayed: true, order: { totalFen: 13000 } });
    expect(await stockOf(rice.id)).toBe(8);
    expect(await prisma.order.count()).toBe(1);
  });

  it("counts two lines drawing on one product together", async () => {
    const rice = await product(3);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => placeOrder(order([{ productId: rice.id, quantity: 1 }, { productId: rice.id, quantity: 1 }]))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await stockOf(rice.id)).toBe(1);
  });

  it("takes nothing when one line of several cannot be had", async () => {
    const rice = await product(5);
    const herb = await product(1, 1000, "fengshan");
    const result = await placeOrder(order([{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 2 }]));
    expect(result).toEqual({ ok: false, reason: "lines", problems: [{ productId: herb.id, problem: "sold-out", available: 1 }] });
    expect(await stockOf(rice.id)).toBe(5);
  });

  it("refuses quantities that are not whole, positive and sane, unknown products and per-order limits", async () => {
    const rice = await product(100, 5990, "zhenlai", { maxPerOrder: 5 });
    for (const quantity of [0, -1, 1.5, 1000, Number.NaN]) {
      expect(await placeOrder(order([{ productId: rice.id, quantity }]))).toEqual({ ok: false, reason: "bad-quantity" });
    }
    expect(await placeOrder(order([]))).toEqual({ ok: false, reason: "empty" });
    expect(await placeOrder(order([{ productId: 99999, quantity: 1 }]))).toMatchObject({ reason: "lines", problems: [{ problem: "unavailable" }] });
    expect(await placeOrder(order([{ productId: rice.id, quantity: 6 }]))).toMatchObject({ reason: "lines", problems: [{ problem: "over-limit", limit: 5 }] });
    expect(await stockOf(rice.id)).toBe(100);
  });
});

describe("reservations", () => {
  it("returns the stock of orders left unpaid past their reservation, once", async () => {
    const rice = await product(5);
    const placed = await placeOrder(order([{ productId: rice.id, quantity: 2 }]), new Date(Date.now() - 31 * 60_000));
    const fresh = await placeOrder(order([{ productId: rice.id, quantity: 1 }]));
    expect(placed.ok && fresh.ok).toBe(true);
    expect(await stockOf(rice.id)).toBe(2);
    const [first, second] = await Promise.all([releaseExpiredReservations(), releaseExpiredReservations()]);
    expect(first + second).toBe(1);
    expect(await stockOf(rice.id)).toBe(4);
    expect(await releaseExpiredReservations()).toBe(0);
  });
});

describe("payment and the ledger", () => {
  it("marks an order paid once and counts it once per county, however often the event comes", async () => {
    const rice = await product(10, 5990);
    const herb = await product(10, 1250, "fengshan");
    const placed = await placeOrder(order([{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 1 }]));
    if (!placed.ok) throw new Error("order failed");
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "x" })));
    expect(outcomes.filter((o) => o === "paid")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already-paid")).toHaveLength(9);
    const entries = await prisma.ledgerEntry.findMany({ orderBy: { countyId: "asc" } });
    expect(entries.map((e) => [e.countyId, e.amountFen, e.channel, e.buyerType, e.sourceType])).toEqual([
      [ref.zhenlai.id, 11980, "ONLINE_HALL", "EMPLOYEE", "ORDER_PAID"],
      [ref.fengshan.id, 1250, "ONLINE_HALL", "EMPLOYEE", "ORDER_PAID"],
    ]);
    const events = await prisma.orderEvent.findMany({ where: { orderId: placed.order.id } });
    expect(events.map((e) => e.status)).toEqual(["AWAITING_PAYMENT", "PAID"]);
  });

  it("takes the stock again for a payment that arrives after the reservation expired, or says it must be refunded", async () => {
    const rice = await product(2);
    const late = await placeOrder(order([{ productId: rice.id, quantity: 2 }]), new Date(Date.now() - 31 * 60_000));
    if (!late.ok) throw new Error("order failed");
    await releaseExpiredReservations();
    expect(await markOrderPaid({ orderId: late.order.id, provider: "LOCAL", providerRef: "a" })).toBe("revived");
    expect(await stockOf(rice.id)).toBe(0);

    const gone = await product(1);
    const second = await placeOrder(order([{ productId: gone.id, quantity: 1 }]), new Date(Date.now() - 31 * 60_000));
    if (!second.ok) throw new Error("order failed");
    await releaseExpiredReservations();
    await placeOrder(order([{ productId: gone.id, quantity: 1 }]));
    expect(await markOrderPaid({ orderId: second.order.id, provider: "LOCAL", providerRef: "b" })).toBe("needs-refund");
    expect(await stockOf(gone.id)).toBe(0);
    expect(await ledgerTotalFen({ orderId: second.order.id })).toBe(0);
  });

  it("takes a refund back out of the count, split over counties to the fen, and never twice", async () => {
    const rice = await product(10, 1000);
    const herb = await product(10, 333, "fengshan");
    const placed = await placeOrder(order([{ productId: rice.id, quantity: 1 }, { productId: herb.id, quantity: 1 }]));
    if (!placed.ok) throw new Error("order failed");
    await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "x" });
    const refund = await prisma.refund.create({
      data: { orderId: placed.order.id, amountFen: 500, reason: "少发一袋", provider: "LOCAL", idempotencyKey: "r1" },
    });
    const results = await Promise.all([recordRefund(refund.id), recordRefund(refund.id), recordRefund(refund.id)]);
    expect(results.every((r) => r.ok)).toBe(true);
    const negatives = await prisma.ledgerEntry.findMany({ where: { sourceType: "REFUND" }, orderBy: { countyId: "asc" } });
    expect(negatives.reduce((s, e) => s + e.amountFen, 0)).toBe(-500);
    expect(negatives.map((e) => e.amountFen)).toEqual([-375, -125]);
    expect(await ledgerTotalFen()).toBe(1333 - 500);
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    expect(saved).toMatchObject({ refundedFen: 500, status: "PARTLY_REFUNDED" });

    const tooMuch = await prisma.refund.create({ data: { orderId: placed.order.id, amountFen: 900, reason: "x", provider: "LOCAL", idempotencyKey: "r2" } });
    expect(await recordRefund(tooMuch.id)).toEqual({ ok: false, reason: "too-much" });
    const rest = await prisma.refund.create({ data: { orderId: placed.order.id, amountFen: 833, reason: "全部退款", provider: "LOCAL", idempotencyKey: "r3" } });
    expect(await recordRefund(rest.id)).toMatchObject({ ok: true, status: "REFUNDED", refundedFen: 1333 });
    expect(await ledgerTotalFen()).toBe(0);
  });

  it("keeps the ledger append-only in the database itself", async () => {
    const rice = await product(10, 1000);
    const placed = await placeOrder(order([{ productId: rice.id, quantity: 1 }]));
    if (!placed.ok) throw new Error("order failed");
    await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "x" });
    const entry = await prisma.ledgerEntry.findFirstOrThrow();
    await expect(prisma.ledgerEntry.update({ where: { id: entry.id }, data: { amountFen: 1 } })).rejects.toThrow();
    await expect(prisma.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "LedgerEntry"`)).rejects.toThrow(/append-only/);
    expect(await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});

describe("the cart and the order", () => {
  it("takes the ordered products out of the buyer's cart in the same commit, and nothing else", async () => {
    const rice = await product(10);
    const herb = await product(10, 1000, "fengshan");
    const cart = await prisma.cart.create({ data: { token: "t1", userId: buyer.id } });
    await prisma.cartLine.createMany({
      data: [
        { cartId: cart.id, productId: rice.id, quantity: 2, priceFenWhenAdded: 5990 },
        { cartId: cart.id, productId: herb.id, quantity: 1, priceFenWhenAdded: 1000 },
      ],
    });
    const sold = await product(0);
    const refused = await placeOrder(order([{ productId: rice.id, quantity: 2 }, { productId: sold.id, quantity: 1 }]));
    expect(refused.ok).toBe(false);
    expect(await prisma.cartLine.count({ where: { cartId: cart.id } })).toBe(2);
    const placed = await placeOrder(order([{ productId: rice.id, quantity: 2 }]));
    expect(placed.ok).toBe(true);
    expect((await prisma.cartLine.findMany({ where: { cartId: cart.id } })).map((l) => l.productId)).toEqual([herb.id]);
  });
});
