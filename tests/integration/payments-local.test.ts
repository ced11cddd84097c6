import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ledgerTotalFen } from "~/models/ledger.server";
import { markShipped } from "~/models/order.server";
import { cancelOrder, refundOrder, startPayment } from "~/models/payment.server";
import { changeCart, getCart } from "~/models/cart.server";
import * as checkoutRoute from "~/routes/checkout";
import * as payPage from "~/routes/pay.local.$ref";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { cookieFor, type ReferenceData } from "../support/admin-fixtures";
import { post, thrown, unwrap } from "../support/buying";
import { resetDatabase } from "../support/db";
import { createBuyer, createShop, placeTestOrder, product, stockOf } from "../support/order-fixtures";

const savedEnv = { ...process.env };
let ref: ReferenceData;
let buyer: { id: number; username: string; password: string };
let buyerCookie: string;
let strangerCookie: string;

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  resetEnvCache();
});

afterAll(() => {
  process.env = { ...savedEnv };
  resetEnvCache();
});

beforeEach(async () => {
  await resetDatabase();
  ref = await createShop();
  buyer = await createBuyer("E30001");
  buyerCookie = await cookieFor(buyer);
  strangerCookie = await cookieFor(await createBuyer("E30002"));
});

async function orderWithLocalPayment() {
  const rice = await product(ref, 10, 5990);
  const herb = await product(ref, 10, 1250, "fengshan");
  const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 1 }, { productId: herb.id, quantity: 2 }]);
  const started = await startPayment(order.id, "http://localhost");
  if (!started.ok) throw new Error(`startPayment failed: ${started.reason}`);
  const payment = await prisma.payment.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { id: "desc" } });
  return { order, rice, herb, ref: payment.providerRef, redirectUrl: started.redirectUrl };
}

function args(ref: string, cookie: string | null, intent?: string) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const init: RequestInit = intent ? { method: "POST", headers, body: new URLSearchParams({ intent }) } : { headers };
  return { request: new Request(`http://localhost/pay/local/${ref}`, init), params: { ref }, context: {} };
}

/** Actions and loaders answer by throwing a Response (redirect, 404); this returns it. */
async function outcome(run: () => Promise<unknown>): Promise<Response> {
  try {
    const value = await run();
    if (value instanceof Response) return value;
    const { status, body } = unwrap(value);
    return new Response(JSON.stringify(body), { status });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

const press = (ref: string, intent: string, cookie = buyerCookie) => outcome(() => payPage.action(args(ref, cookie, intent)));
const orderOf = (id: number) => prisma.order.findUniqueOrThrow({ where: { id } });

describe("the test payment page", () => {
  it("is opened by checkout in the order's own commit, and the same form sent again lands on the same page", async () => {
    const rice = await product(ref, 10, 5990);
    await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 2 });
    const pickup = await prisma.pickupPoint.create({ data: { code: "T1", nameZh: "测试自提点", nameEn: "Test point", addressZh: "一号门", addressEn: "Gate 1", kind: "COMPANY" } });
    const fields = { checkoutKey: "key-local-0000000001", cartFingerprint: (await getCart({ userId: buyer.id })).fingerprint, method: "PICKUP", pickupPointId: String(pickup.id), note: "" };
    const submit = () => thrown(checkoutRoute.action({ request: post("/checkout", buyerCookie, fields), params: {}, context: {} }));

    const first = await submit();
    const location = first.headers.get("Location")!;
    expect(location).toMatch(/^\/pay\/local\/lp_[0-9a-f]{24}$/);
    const order = await prisma.order.findFirstOrThrow({ where: { userId: buyer.id }, include: { payments: true } });
    expect(order.payments).toEqual([expect.objectContaining({ provider: "LOCAL", status: "PENDING", amountFen: 11980, providerRef: location.split("/").at(-1) })]);
    expect(order.payments[0]!.createdAt.getTime()).toBe(order.createdAt.getTime());
    expect((await getCart({ userId: buyer.id })).lines).toEqual([]);

    expect((await submit()).headers.get("Location")).toBe(location);
    expect(await prisma.order.count()).toBe(1);
    expect(await prisma.payment.count()).toBe(1);
    expect((await press(location.split("/").at(-1)!, "pay")).status).toBe(302);
    expect((await orderOf(order.id)).status).toBe("PAID");
  });

  it("is where startPayment sends the buyer, and shows the order to its owner only", async () => {
    const { order, ref, redirectUrl } = await orderWithLocalPayment();
    expect(redirectUrl).toBe(`/pay/local/${ref}`);
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: ref } })).toMatchObject({ provider: "LOCAL", status: "PENDING", amountFen: order.totalFen });
    expect(await payPage.loader(args(ref, buyerCookie))).toEqual({ order: { number: order.number, totalFen: order.totalFen, path: `/orders/${order.number}` }, state: "payable" });
    expect((await outcome(() => payPage.loader(args(ref, strangerCookie)))).status).toBe(404);
    expect((await outcome(() => payPage.loader(args("lp_nonexistent", buyerCookie)))).status).toBe(404);
    const anonymous = await outcome(() => payPage.loader(args(ref, null)));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("pays through the same event path as Stripe: PAID, ledger, event recorded once", async () => {
    const { order, ref } = await orderWithLocalPayment();
    const first = await press(ref, "pay");
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/orders/${order.number}`);
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", paymentProvider: "LOCAL" });
    expect(await ledgerTotalFen({ orderId: order.id })).toBe(order.totalFen);
    expect(await prisma.paymentEvent.findMany({ select: { provider: true, eventId: true, type: true } })).toEqual([
      { provider: "LOCAL", eventId: `${ref}:pay`, type: "local.pay" },
    ]);

    const again = await Promise.all([press(ref, "pay"), press(ref, "pay"), press(ref, "fail")]);
    expect(again.map((r) => r.headers.get("Location"))).toEqual(Array(3).fill(`/orders/${order.number}`));
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, status: "PAID" } })).toBe(1);
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: ref } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await payPage.loader(args(ref, buyerCookie))).toMatchObject({ state: "paid" });
  });

  it("fails and cancels an attempt without touching the order, and a new attempt can then pay", async () => {
    const { order, ref } = await orderWithLocalPayment();
    const failed = await press(ref, "fail");
    expect(failed.headers.get("Location")).toBe(`/pay/local/${ref}`);
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: ref } })).toMatchObject({ status: "FAILED" });
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });
    expect(await payPage.loader(args(ref, buyerCookie))).toMatchObject({ state: "failed" });

    const second = await startPayment(order.id, "http://localhost");
    if (!second.ok) throw new Error("second attempt refused");
    const secondRef = second.redirectUrl.split("/").at(-1)!;
    expect(secondRef).not.toBe(ref);
    const cancelled = await press(secondRef, "cancel");
    expect(cancelled.headers.get("Location")).toBe(`/orders/${order.number}?payment=cancelled`);
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: secondRef } })).toMatchObject({ status: "EXPIRED" });
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });

    const third = await startPayment(order.id, "http://localhost");
    if (!third.ok) throw new Error("third attempt refused");
    await press(third.redirectUrl.split("/").at(-1)!, "pay");
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID" });
  });

  it("lets no one else press the buttons, and refuses unknown intents", async () => {
    const { order, ref } = await orderWithLocalPayment();
    expect((await press(ref, "pay", strangerCookie)).status).toBe(404);
    const unknown = await press(ref, "refund");
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).result.error).toEqual({ intent: ["orders:errors.intent"] });
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });
    expect(await prisma.paymentEvent.count()).toBe(0);
  });

  it("takes no payment once the reservation has run out", async () => {
    const { order, ref } = await orderWithLocalPayment();
    await prisma.order.update({ where: { id: order.id }, data: { reservedUntil: new Date(Date.now() - 1000) } });
    expect((await press(ref, "pay")).headers.get("Location")).toBe(`/orders/${order.number}`);
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT", paidAt: null });
    expect(await startPayment(order.id, "http://localhost")).toEqual({ ok: false, reason: "not-payable" });
  });
});

describe("refunds and cancelling with the test provider", () => {
  async function paidOrder() {
    const made = await orderWithLocalPayment();
    await press(made.ref, "pay");
    return made;
  }

  it("validates the amount, refunds at most what was paid, and replays a retried key", async () => {
    const { order } = await paidOrder();
    const base = { orderId: order.id, reason: "质量问题", requestedById: null };
    expect(await refundOrder({ ...base, amountFen: 0, idempotencyKey: "a" })).toEqual({ ok: false, reason: "bad-amount" });
    expect(await refundOrder({ ...base, amountFen: 1.5, idempotencyKey: "a" })).toEqual({ ok: false, reason: "bad-amount" });
    expect(await refundOrder({ ...base, amountFen: order.totalFen + 1, idempotencyKey: "a" })).toEqual({ ok: false, reason: "too-much" });
    expect(await refundOrder({ ...base, orderId: 999_999, amountFen: 1, idempotencyKey: "a" })).toEqual({ ok: false, reason: "not-found" });

    const partly = await Promise.all([1, 2, 3].map(() => refundOrder({ ...base, amountFen: 1000, idempotencyKey: "once" })));
    expect(partly.filter((r) => r.ok)).toHaveLength(3);
    expect(await prisma.refund.count()).toBe(1);
    expect(await orderOf(order.id)).toMatchObject({ refundedFen: 1000, status: "PARTLY_REFUNDED" });

    // Two different requests racing for the rest: only one fits.
    const rest = order.totalFen - 1000;
    const racing = await Promise.all([
      refundOrder({ ...base, amountFen: rest, idempotencyKey: "rest-1" }),
      refundOrder({ ...base, amountFen: rest, idempotencyKey: "rest-2" }),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "too-much" }]);
    expect(await orderOf(order.id)).toMatchObject({ refundedFen: order.totalFen, status: "REFUNDED" });
    expect(await ledgerTotalFen()).toBe(0);
  });

  it("refuses to refund an unpaid order", async () => {
    const { order } = await orderWithLocalPayment();
    expect(await refundOrder({ orderId: order.id, amountFen: 100, reason: "x", requestedById: null, idempotencyKey: "k" })).toEqual({ ok: false, reason: "not-paid" });
  });

  it("cancels an unpaid order: reservation released, the open attempt closed", async () => {
    const { order, rice, ref } = await orderWithLocalPayment();
    expect(await cancelOrder({ orderNumber: order.number, userId: buyer.id, actorUserId: buyer.id, reason: "buyer-cancelled" })).toEqual({ ok: true, refunded: false });
    expect(await orderOf(order.id)).toMatchObject({ status: "CANCELLED" });
    expect(await stockOf(rice.id)).toBe(10);
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: ref } })).toMatchObject({ status: "EXPIRED" });
    expect((await press(ref, "pay")).headers.get("Location")).toBe(`/orders/${order.number}`);
    expect(await orderOf(order.id)).toMatchObject({ status: "CANCELLED", paidAt: null });
  });

  it("cancels a paid order once, however often it is asked at the same time: one refund, stock back once", async () => {
    const { order, rice, herb } = await paidOrder();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => cancelOrder({ orderNumber: order.number, userId: buyer.id, actorUserId: buyer.id, reason: "buyer-cancelled" })),
    );
    expect(results.filter((r) => r.ok)).not.toHaveLength(0);
    expect(await prisma.refund.count()).toBe(1);
    expect(await orderOf(order.id)).toMatchObject({ status: "REFUNDED", refundedFen: order.totalFen });
    expect([await stockOf(rice.id), await stockOf(herb.id)]).toEqual([10, 10]);
    expect(await ledgerTotalFen()).toBe(0);
    const events = await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.status, e.note])).toEqual([
      ["AWAITING_PAYMENT", ""],
      ["PAID", "LOCAL"],
      ["REFUNDED", "buyer-cancelled"],
      ["REFUNDED", "stock-returned"],
    ]);
  });

  it("cancels only the owner's orders, and none that has shipped", async () => {
    const { order } = await paidOrder();
    const stranger = await prisma.user.findUniqueOrThrow({ where: { username: "E30002" } });
    expect(await cancelOrder({ orderNumber: order.number, userId: stranger.id, actorUserId: stranger.id, reason: "x" })).toEqual({ ok: false, reason: "not-found" });
    expect(await cancelOrder({ orderNumber: "FP-00000000-000000", actorUserId: null, reason: "x" })).toEqual({ ok: false, reason: "not-found" });
    await markShipped(order.id, "顺丰", "SF123", buyer.id);
    expect(await cancelOrder({ orderNumber: order.number, actorUserId: null, reason: "x" })).toEqual({ ok: false, reason: "not-cancellable" });
    expect(await orderOf(order.id)).toMatchObject({ status: "SHIPPED", refundedFen: 0 });
  });
});
