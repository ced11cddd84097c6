import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ledgerTotalFen } from "~/models/ledger.server";
import { releaseExpiredReservations, returnStockOfRefundedOrder } from "~/models/order.server";
import { cancelOrder, refundOrder, startPayment } from "~/models/payment.server";
import * as webhook from "~/routes/webhooks.stripe";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { startStripeStandIn, stripeStandInEnv, stripeEvent, TEST_WEBHOOK_SECRET, webhookRequest, type StripeStandIn } from "../mocks/stripe";
import type { ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { createBuyer, createShop, placeTestOrder, product, stockOf } from "../support/order-fixtures";

let stripe: StripeStandIn;
let ref: ReferenceData;
let buyer: { id: number };
const savedEnv = { ...process.env };

beforeAll(async () => {
  stripe = await startStripeStandIn();
  Object.assign(process.env, stripeStandInEnv(stripe.port));
  resetEnvCache();
});

afterAll(async () => {
  process.env = { ...savedEnv };
  resetEnvCache();
  await stripe.close();
});

beforeEach(async () => {
  await resetDatabase();
  stripe.reset();
  ref = await createShop();
  buyer = await createBuyer("E20001");
});

const ORIGIN = "http://hall.test";

/** An order with two counties' goods and an open Checkout Session for it. */
async function orderWithSession(placedAt?: Date) {
  const rice = await product(ref, 10, 5990);
  const herb = await product(ref, 10, 1250, "fengshan");
  const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 3 }], placedAt);
  const started = await startPayment(order.id, ORIGIN);
  if (!started.ok) throw new Error(`startPayment failed: ${started.reason}`);
  const payment = await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } });
  return { order, rice, herb, sessionId: payment.providerRef, redirectUrl: started.redirectUrl };
}

async function deliver(payload: string, options?: Parameters<typeof webhookRequest>[1]) {
  return (await webhook.action({ request: webhookRequest(payload, options), params: {}, context: {} })) as Response;
}

async function payViaWebhook(sessionId: string) {
  const response = await deliver(stripeEvent("checkout.session.completed", stripe.pay(sessionId)));
  expect(response.status).toBe(200);
}

const orderOf = (id: number) => prisma.order.findUniqueOrThrow({ where: { id } });
const eventsOf = async (orderId: number) => (await prisma.orderEvent.findMany({ where: { orderId }, orderBy: { id: "asc" } })).map((e) => e.status);

describe("starting a Stripe payment", () => {
  it("opens a CNY Checkout Session priced from the order's lines, with an idempotency key from the order", async () => {
    const { order, sessionId, redirectUrl } = await orderWithSession();
    const creates = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    expect(creates).toHaveLength(1);
    const sent = creates[0]!;
    expect(sent.idempotencyKey).toBe(`order-${order.id}-checkout-1`);
    const lines = await prisma.orderLine.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(sent.params.line_items).toEqual(
      lines.map((l) => ({
        quantity: String(l.quantity),
        price_data: { currency: "cny", unit_amount: String(l.unitPriceFen), product_data: { name: `${l.nameZh} ${l.spec}` } },
      })),
    );
    expect(stripe.sessions.get(sessionId)!.amount_total).toBe(order.totalFen);
    expect(order.totalFen).toBe(2 * 5990 + 3 * 1250);
    expect(sent.params).toMatchObject({
      mode: "payment",
      metadata: { orderId: String(order.id), orderNumber: order.number },
      success_url: `${ORIGIN}/orders/${order.number}?payment=returned`,
      cancel_url: `${ORIGIN}/orders/${order.number}?payment=cancelled`,
    });
    const saved = await orderOf(order.id);
    expect(Number(sent.params.expires_at)).toBe(Math.floor(saved.reservedUntil!.getTime() / 1000) + 31 * 60);
    expect(redirectUrl).toBe(stripe.sessions.get(sessionId)!.url);
    expect(await prisma.payment.findMany({ where: { orderId: order.id } })).toMatchObject([
      { provider: "STRIPE", providerRef: sessionId, status: "PENDING", amountFen: order.totalFen },
    ]);
  });

  it("reuses the open session, and makes one session of five simultaneous clicks", async () => {
    const { order, redirectUrl } = await orderWithSession();
    expect(await startPayment(order.id, ORIGIN)).toEqual({ ok: true, redirectUrl });
    expect(stripe.sessions.size).toBe(1);

    const rice = await product(ref, 5, 1000);
    const second = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 5 }, () => startPayment(second.id, ORIGIN)));
    expect(new Set(results.map((r) => (r.ok ? r.redirectUrl : r.reason))).size).toBe(1);
    expect(await prisma.payment.count({ where: { orderId: second.id } })).toBe(1);
    expect(stripe.sessions.size).toBe(2);
  });

  it("opens a new attempt with a new key once the old session expired", async () => {
    const { order, sessionId } = await orderWithSession();
    stripe.expire(sessionId);
    const again = await startPayment(order.id, ORIGIN);
    expect(again.ok).toBe(true);
    expect(stripe.requests.at(-1)!.idempotencyKey).toBe(`order-${order.id}-checkout-2`);
    expect((await prisma.payment.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } })).map((p) => p.status)).toEqual(["EXPIRED", "PENDING"]);
  });

  it("refuses orders that cannot be paid and reports a provider failure without recording a payment", async () => {
    const { order, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    expect(await startPayment(order.id, ORIGIN)).toEqual({ ok: false, reason: "not-payable" });
    expect(await startPayment(999_999, ORIGIN)).toEqual({ ok: false, reason: "not-payable" });

    const rice = await product(ref, 5, 1000);
    const other = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 1 }]);
    stripe.failNext("POST /v1/checkout/sessions");
    expect(await startPayment(other.id, ORIGIN)).toEqual({ ok: false, reason: "provider-failed" });
    expect(await prisma.payment.count({ where: { orderId: other.id } })).toBe(0);
  });
});

describe("the Stripe webhook", () => {
  it("marks the order paid on checkout.session.completed and counts it in the ledger per county", async () => {
    const { order, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", paymentProvider: "STRIPE", reservedUntil: null });
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: sessionId } })).toMatchObject({ status: "SUCCEEDED" });
    const entries = await prisma.ledgerEntry.findMany({ where: { orderId: order.id }, orderBy: { countyId: "asc" } });
    expect(entries.map((e) => [e.countyId, e.amountFen, e.sourceType])).toEqual([
      [ref.zhenlai.id, 11980, "ORDER_PAID"],
      [ref.fengshan.id, 3750, "ORDER_PAID"],
    ]);
  });

  it("changes the order once for the same event delivered 10 times in a row and 10 times at once", async () => {
    const { order, sessionId } = await orderWithSession();
    const payload = stripeEvent("checkout.session.completed", stripe.pay(sessionId));
    const inRow: number[] = [];
    for (let i = 0; i < 10; i++) inRow.push((await deliver(payload)).status);
    expect(inRow).toEqual(Array(10).fill(200));
    expect(await eventsOf(order.id)).toEqual(["AWAITING_PAYMENT", "PAID"]);
    expect(await prisma.ledgerEntry.count({ where: { orderId: order.id } })).toBe(2);

    const second = await orderWithSession();
    const concurrentPayload = stripeEvent("checkout.session.completed", stripe.pay(second.sessionId));
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await deliver(concurrentPayload)).status));
    expect(statuses).toEqual(Array(10).fill(200));
    expect(await eventsOf(second.order.id)).toEqual(["AWAITING_PAYMENT", "PAID"]);
    expect(await prisma.ledgerEntry.count({ where: { orderId: second.order.id } })).toBe(2);
    expect(await ledgerTotalFen()).toBe(2 * second.order.totalFen);
    expect(await prisma.paymentEvent.count()).toBe(2);
  });

  it("refuses a bad signature, a tampered body, a missing header and a stale timestamp with 400, writing nothing", async () => {
    const { order, sessionId } = await orderWithSession();
    const payload = stripeEvent("checkout.session.completed", stripe.pay(sessionId));
    const goodHeader = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
    const tampered = payload.replace(`"amount_total":${order.totalFen}`, `"amount_total":1`);
    const refused = [
      await deliver(payload, { secret: "whsec_someone_else" }),
      await deliver(tampered, { signature: goodHeader }),
      await deliver(payload, { signature: null }),
      await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(await prisma.paymentEvent.count()).toBe(0);
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT", paidAt: null });
    expect(await prisma.ledgerEntry.count()).toBe(0);
  });

  it("takes POST only and answers 200 at once to events it does not handle", async () => {
    const get = await (async () => {
      try {
        await webhook.loader();
      } catch (error) {
        return error as Response;
      }
    })();
    expect(get?.status).toBe(405);
    const put = (await webhook.action({ request: new Request("http://localhost/webhooks/stripe", { method: "PUT", body: "{}" }), params: {}, context: {} })) as Response;
    expect(put.status).toBe(405);
    const other = await deliver(stripeEvent("customer.created", { id: "cus_1", object: "customer" }));
    expect(other.status).toBe(200);
    expect(await prisma.paymentEvent.count()).toBe(0);
  });

  it("does not un-pay on expired after completed, and counts async success after completed once", async () => {
    const { order, sessionId } = await orderWithSession();
    const paid = stripe.pay(sessionId);
    await deliver(stripeEvent("checkout.session.completed", paid));
    expect((await deliver(stripeEvent("checkout.session.expired", { ...paid, status: "expired" }))).status).toBe(200);
    expect((await deliver(stripeEvent("checkout.session.async_payment_succeeded", paid))).status).toBe(200);
    expect((await deliver(stripeEvent("checkout.session.async_payment_succeeded", paid))).status).toBe(200);
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID" });
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: sessionId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await eventsOf(order.id)).toEqual(["AWAITING_PAYMENT", "PAID"]);
    expect(await ledgerTotalFen({ orderId: order.id })).toBe(order.totalFen);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(0);
  });

  it("waits for a delayed payment method: completed-unpaid changes nothing, then succeeded or failed decides", async () => {
    const { order, sessionId } = await orderWithSession();
    await deliver(stripeEvent("checkout.session.completed", stripe.pay(sessionId, "unpaid")));
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });
    await deliver(stripeEvent("checkout.session.async_payment_succeeded", stripe.pay(sessionId, "paid")));
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID" });

    const failing = await orderWithSession();
    await deliver(stripeEvent("checkout.session.completed", stripe.pay(failing.sessionId, "unpaid")));
    await deliver(stripeEvent("checkout.session.async_payment_failed", stripe.sessions.get(failing.sessionId)!));
    expect(await orderOf(failing.order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: failing.sessionId } })).toMatchObject({ status: "FAILED" });
  });

  it("ignores a paid session it does not know or whose amount is not the order's", async () => {
    const { order, sessionId } = await orderWithSession();
    const paid = stripe.pay(sessionId);
    expect((await deliver(stripeEvent("checkout.session.completed", { ...paid, id: "cs_test_999999" }))).status).toBe(200);
    expect((await deliver(stripeEvent("checkout.session.completed", { ...paid, amount_total: 1 }))).status).toBe(200);
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT" });
  });

  it("refunds a payment that arrives after the reservation ran out and the goods were sold", async () => {
    const { order, rice, herb, sessionId } = await orderWithSession(new Date(Date.now() - 29 * 60_000));
    await prisma.order.update({ where: { id: order.id }, data: { reservedUntil: new Date(Date.now() - 1000) } });
    expect(await releaseExpiredReservations()).toBe(1);
    await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 10 }, { productId: herb.id, quantity: 10 }]);

    const paid = stripe.pay(sessionId);
    expect((await deliver(stripeEvent("checkout.session.completed", paid))).status).toBe(200);
    const refunds = stripe.requests.filter((r) => r.path === "/v1/refunds");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ idempotencyKey: expect.stringMatching(/^payment-\d+-refund$/), params: { payment_intent: paid.payment_intent, amount: String(order.totalFen) } });
    expect(await orderOf(order.id)).toMatchObject({ status: "CANCELLED", paidAt: null });
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: sessionId } })).toMatchObject({ status: "REFUNDED" });
    expect(await ledgerTotalFen({ orderId: order.id })).toBe(0);

    // Stock back later: a redelivered success for the refunded payment must not revive the order.
    await prisma.product.updateMany({ data: { stock: 100 } });
    await deliver(stripeEvent("checkout.session.async_payment_succeeded", paid));
    expect(await orderOf(order.id)).toMatchObject({ status: "CANCELLED", paidAt: null });
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
  });
});

describe("Stripe refunds", () => {
  it("refunds through the payment intent with an idempotency key, writes negative ledger entries, and replays a retried request", async () => {
    const { order, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    const request = { orderId: order.id, amountFen: 1000, reason: "少发一袋", requestedById: null, idempotencyKey: "admin-refund-1" };
    const first = await refundOrder(request);
    expect(first).toEqual({ ok: true, refundedFen: 1000, status: "PARTLY_REFUNDED" });
    expect(await refundOrder(request)).toEqual(first);

    const sent = stripe.requests.filter((r) => r.path === "/v1/refunds");
    const refund = await prisma.refund.findUniqueOrThrow({ where: { idempotencyKey: "admin-refund-1" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      idempotencyKey: `refund-${refund.id}`,
      params: { payment_intent: stripe.sessions.get(sessionId)!.payment_intent, amount: "1000", metadata: { refundId: String(refund.id) } },
    });
    expect(refund).toMatchObject({ status: "SUCCEEDED", provider: "STRIPE", providerRef: expect.stringMatching(/^re_/) });
    const negatives = await prisma.ledgerEntry.findMany({ where: { sourceType: "REFUND" } });
    expect(negatives.reduce((sum, e) => sum + e.amountFen, 0)).toBe(-1000);
    expect(negatives.every((e) => e.amountFen < 0)).toBe(true);
    expect(await ledgerTotalFen()).toBe(order.totalFen - 1000);

    // Stripe's own events about the same refund count nothing twice.
    const stripeRefund = { id: refund.providerRef, object: "refund", status: "succeeded", metadata: { refundId: String(refund.id) } };
    expect((await deliver(stripeEvent("refund.updated", stripeRefund))).status).toBe(200);
    expect((await deliver(stripeEvent("charge.refunded", { id: "ch_1", object: "charge", refunds: { data: [stripeRefund] } }))).status).toBe(200);
    expect(await ledgerTotalFen()).toBe(order.totalFen - 1000);
  });

  it("counts nothing when Stripe refuses the refund", async () => {
    const { order, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    stripe.failNext("POST /v1/refunds", { status: 400, type: "invalid_request_error", message: "Charge has been disputed" });
    const request = { orderId: order.id, amountFen: 1000, reason: "x", requestedById: null, idempotencyKey: "fails" };
    expect(await refundOrder(request)).toEqual({ ok: false, reason: "provider-failed" });
    expect(await refundOrder(request)).toEqual({ ok: false, reason: "provider-failed" });
    expect(await prisma.refund.findUniqueOrThrow({ where: { idempotencyKey: "fails" } })).toMatchObject({ status: "FAILED" });
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", refundedFen: 0 });
    expect(await prisma.ledgerEntry.count({ where: { sourceType: "REFUND" } })).toBe(0);
  });

  it("counts a refund Stripe finishes later when its event says so, once, and ignores refunds that are not ours", async () => {
    const { order, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    stripe.settings.refundStatus = "pending";
    expect(await refundOrder({ orderId: order.id, amountFen: 500, reason: "x", requestedById: null, idempotencyKey: "slow" })).toEqual({
      ok: true,
      refundedFen: 0,
      status: "PAID",
    });
    const refund = await prisma.refund.findUniqueOrThrow({ where: { idempotencyKey: "slow" } });
    expect(refund.status).toBe("PENDING");
    // While it is under way, nobody can refund more than is left.
    expect(await refundOrder({ orderId: order.id, amountFen: order.totalFen - 499, reason: "x", requestedById: null, idempotencyKey: "greedy" })).toEqual({
      ok: false,
      reason: "too-much",
    });

    const succeeded = stripeEvent("refund.updated", { id: refund.providerRef, object: "refund", status: "succeeded", metadata: { refundId: String(refund.id) } });
    await Promise.all(Array.from({ length: 3 }, () => deliver(succeeded)));
    await deliver(stripeEvent("refund.updated", { id: refund.providerRef, object: "refund", status: "succeeded", metadata: {} }));
    expect(await orderOf(order.id)).toMatchObject({ status: "PARTLY_REFUNDED", refundedFen: 500 });
    expect(await ledgerTotalFen()).toBe(order.totalFen - 500);

    const response = await deliver(stripeEvent("refund.updated", { id: "re_dashboard", object: "refund", status: "succeeded", metadata: {} }));
    expect(response.status).toBe(200);
    expect(await ledgerTotalFen()).toBe(order.totalFen - 500);
  });

  it("cancels a paid, unshipped order: full refund, status REFUNDED, stock back once", async () => {
    const { order, rice, herb, sessionId } = await orderWithSession();
    await payViaWebhook(sessionId);
    const cancel = () => cancelOrder({ orderNumber: order.number, userId: buyer.id, actorUserId: buyer.id, reason: "buyer-cancelled" });
    expect(await cancel()).toEqual({ ok: true, refunded: true });
    expect(await cancel()).toEqual({ ok: false, reason: "not-cancellable" });
    // Stripe's later event about the same refund, and stray repeats, bring back nothing more.
    const refund = await prisma.refund.findFirstOrThrow({ where: { orderId: order.id } });
    await deliver(stripeEvent("refund.updated", { id: refund.providerRef, object: "refund", status: "succeeded", metadata: { refundId: String(refund.id) } }));
    expect(await Promise.all([returnStockOfRefundedOrder(order.id, null), returnStockOfRefundedOrder(order.id, null)])).toEqual([false, false]);
    expect(await orderOf(order.id)).toMatchObject({ status: "REFUNDED", refundedFen: order.totalFen });
    expect((await eventsOf(order.id)).slice(-2)).toEqual(["REFUNDED", "REFUNDED"]);
    expect([await stockOf(rice.id), await stockOf(herb.id)]).toEqual([10, 10]);
    expect(await ledgerTotalFen()).toBe(0);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds").map((r) => r.params.amount)).toEqual([String(order.totalFen)]);
  });

  it("closes the open Checkout Session when an unpaid order is cancelled", async () => {
    const { order, sessionId } = await orderWithSession();
    expect(await cancelOrder({ orderNumber: order.number, actorUserId: null, reason: "buyer-cancelled" })).toEqual({ ok: true, refunded: false });
    expect(stripe.sessions.get(sessionId)!.status).toBe("expired");
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: sessionId } })).toMatchObject({ status: "EXPIRED" });
  });
});
