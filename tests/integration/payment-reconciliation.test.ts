import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ledgerTotalFen } from "~/models/ledger.server";
import { refundOrder, startPayment } from "~/models/payment.server";
import { reconcilePayments } from "~/models/payment-reconciliation.server";
import * as adminOrders from "~/routes/admin.orders._index";
import * as webhook from "~/routes/webhooks.stripe";
import { prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { resetEnvCache } from "~/utils/env.server";
import { startStripeStandIn, stripeStandInEnv, stripeEvent, webhookRequest, type StripeStandIn } from "../mocks/stripe";
import { cookieFor, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { createBuyer, createShop, placeTestOrder, product } from "../support/order-fixtures";
import { post, thrown, unwrap, type RouteHandler } from "../support/routes";

/**
 * No payment is lost (ADR 020): an event's claim commits with its effect, so a failure between
 * them leaves the provider's retry something to apply; and the reconciliation finds, at the
 * provider, payments and refunds whose webhook never arrived — against the local stand-in for Stripe.
 */
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
  buyer = await createBuyer("E40001");
});

/** An order of two counties' goods with an open Checkout Session at the stand-in. */
async function orderWithSession() {
  const rice = await product(ref, 10, 5990);
  const herb = await product(ref, 10, 1250, "fengshan");
  const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 3 }]);
  const started = await startPayment(order.id, "http://hall.test");
  if (!started.ok) throw new Error(started.reason);
  const payment = await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } });
  return { order, sessionId: payment.providerRef };
}

const deliver = async (payload: string) => (await webhook.action({ request: webhookRequest(payload), params: {}, context: {} })) as Response;

/** Everything a payment touches, to compare before and after. */
async function state(orderId: number) {
  const [order, payments, ledger, events, claims] = await Promise.all([
    prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, refundedFen: true, paidAt: true } }),
    prisma.payment.findMany({ where: { orderId }, select: { status: true }, orderBy: { id: "asc" } }),
    prisma.ledgerEntry.findMany({ where: { orderId }, select: { amountFen: true, sourceType: true, countyId: true }, orderBy: { id: "asc" } }),
    prisma.orderEvent.findMany({ where: { orderId }, select: { status: true, note: true }, orderBy: { id: "asc" } }),
    prisma.paymentEvent.count(),
  ]);
  return { order, payments, ledger, events, claims };
}

describe("an event's claim and its effect commit together", () => {
  it("a failure after the claim (the process stopping before it could release it) leaves nothing, and Stripe's retry pays the order once", async () => {
    const { order, sessionId } = await orderWithSession();
    const payload = stripeEvent("checkout.session.completed", stripe.pay(sessionId));
    // The effect's last write fails, and no claim could be released afterwards (as after a crash).
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "fail_ledger" BEFORE INSERT ON "LedgerEntry" BEGIN SELECT RAISE(ABORT, 'disk gone'); END`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "keep_claims" BEFORE DELETE ON "PaymentEvent" BEGIN SELECT RAISE(ABORT, 'stopped'); END`);
    // tests/setup/per-file.ts spies on the logger and fails a test that logs an error: this one must log one.
    const logged = vi.mocked(logger.error);
    logged.mockClear();
    expect((await deliver(payload)).status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockClear();
    expect(await state(order.id)).toMatchObject({ order: { status: "AWAITING_PAYMENT", paidAt: null }, payments: [{ status: "PENDING" }], ledger: [], claims: 0 });

    await prisma.$executeRawUnsafe(`DROP TRIGGER "fail_ledger"`);
    await prisma.$executeRawUnsafe(`DROP TRIGGER "keep_claims"`);
    const retry = await deliver(payload);
    expect(await retry.json()).toEqual({ received: true, outcome: "handled" });
    expect(await (await deliver(payload)).json()).toEqual({ received: true, outcome: "duplicate" });
    const after = await state(order.id);
    expect(after).toMatchObject({ order: { status: "PAID" }, payments: [{ status: "SUCCEEDED" }], claims: 1 });
    expect(after.ledger.map((e) => [e.countyId, e.amountFen])).toEqual([[ref.zhenlai.id, 11980], [ref.fengshan.id, 3750]]);
    expect(after.events.map((e) => e.status)).toEqual(["AWAITING_PAYMENT", "PAID"]);
  });
});

describe("payment reconciliation", () => {
  it("turns a paid session whose webhook never came into a paid order with its ledger entries, once; a second run and the late webhook change nothing", async () => {
    const { order, sessionId } = await orderWithSession();
    const paid = stripe.pay(sessionId);
    const untouched = await orderWithSession();

    const first = await reconcilePayments();
    expect(first).toMatchObject({ ok: true, provider: "STRIPE", found: 1, applied: 1, failed: 0 });
    const reconciled = await state(order.id);
    expect(reconciled).toMatchObject({ order: { status: "PAID" }, payments: [{ status: "SUCCEEDED" }] });
    expect(reconciled.ledger.map((e) => [e.sourceType, e.amountFen])).toEqual([["ORDER_PAID", 11980], ["ORDER_PAID", 3750]]);
    expect(await ledgerTotalFen()).toBe(order.totalFen);
    // The other order's checkout is still open: nothing to do there.
    expect(await state(untouched.order.id)).toMatchObject({ order: { status: "AWAITING_PAYMENT" }, payments: [{ status: "PENDING" }] });

    expect(await reconcilePayments()).toMatchObject({ ok: true, found: 0, applied: 0 });
    expect((await deliver(stripeEvent("checkout.session.completed", paid))).status).toBe(200);
    expect(await state(order.id)).toEqual({ ...reconciled, claims: reconciled.claims + 1 });
    expect(await ledgerTotalFen()).toBe(order.totalFen);
  });

  it("records a refund Stripe finished without telling us, once, and marks expired checkouts", async () => {
    const { order, sessionId } = await orderWithSession();
    await deliver(stripeEvent("checkout.session.completed", stripe.pay(sessionId)));
    stripe.settings.refundStatus = "pending";
    expect(await refundOrder({ orderId: order.id, amountFen: 1000, reason: "少发一袋", requestedById: null, idempotencyKey: "slow-refund" })).toMatchObject({ ok: true, status: "PAID" });
    const refund = await prisma.refund.findUniqueOrThrow({ where: { idempotencyKey: "slow-refund" } });
    expect(await reconcilePayments()).toMatchObject({ ok: true, found: 0 });

    stripe.settleRefund(refund.providerRef);
    const abandoned = await orderWithSession();
    stripe.expire(abandoned.sessionId);
    expect(await reconcilePayments()).toMatchObject({ ok: true, found: 2, applied: 2 });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await state(order.id)).toMatchObject({ order: { status: "PARTLY_REFUNDED", refundedFen: 1000 } });
    expect(await ledgerTotalFen()).toBe(order.totalFen - 1000);
    expect(await state(abandoned.order.id)).toMatchObject({ order: { status: "AWAITING_PAYMENT" }, payments: [{ status: "EXPIRED" }] });

    expect(await reconcilePayments()).toMatchObject({ ok: true, found: 0, applied: 0 });
    expect(await ledgerTotalFen()).toBe(order.totalFen - 1000);
  });

  it("looks back three days, and changes nothing when Stripe cannot be asked", async () => {
    const old = await orderWithSession();
    stripe.pay(old.sessionId);
    stripe.backdate(old.sessionId, 73 * 3600);
    const recent = await orderWithSession();
    stripe.pay(recent.sessionId);

    stripe.failNext("GET /v1/checkout/sessions");
    expect(await reconcilePayments()).toEqual({ ok: false, provider: "STRIPE", reason: "provider-failed" });
    expect((await state(recent.order.id)).order.status).toBe("AWAITING_PAYMENT");

    expect(await reconcilePayments()).toMatchObject({ ok: true, found: 1, applied: 1 });
    expect((await state(recent.order.id)).order.status).toBe("PAID");
    expect((await state(old.order.id)).order.status).toBe("AWAITING_PAYMENT");
  });

  it("runs from the administrators' order list, audited; others may not run it", async () => {
    const { order, sessionId } = await orderWithSession();
    stripe.pay(sessionId);
    const admin = await createUserWithRole("ops", "ADMIN");
    const adminCookie = await cookieFor(admin);
    const employeeCookie = await cookieFor(await createUserWithRole("E40002", "EMPLOYEE"));

    const refused = await thrown((adminOrders.action as RouteHandler)({ request: post("/admin/orders", employeeCookie, { intent: "reconcile" }), params: {}, context: {} }));
    expect([302, 403, 404]).toContain(refused.status);
    expect((await state(order.id)).order.status).toBe("AWAITING_PAYMENT");

    const done = unwrap<{ reconcile: unknown }>(await (adminOrders.action as RouteHandler)({ request: post("/admin/orders", adminCookie, { intent: "reconcile" }), params: {}, context: {} }));
    expect(done.status).toBe(200);
    expect(done.body.reconcile).toEqual({ ok: true, found: 1, applied: 1, failed: 0 });
    expect((await state(order.id)).order.status).toBe("PAID");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "payment.reconcile" } });
    expect(audit.userId).toBe(admin.id);
    expect(JSON.parse(audit.details)).toMatchObject({ found: 1, applied: 1, failed: 0 });
  });

  it("with the test provider there is nothing outside the hall to ask", async () => {
    process.env.STRIPE_SECRET_KEY = "";
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    try {
      expect(await reconcilePayments()).toEqual({ ok: false, provider: "LOCAL", reason: "not-supported" });
    } finally {
      process.env.STRIPE_SECRET_KEY = "sk_test_hall_stand_in";
      resetEnvCache();
    }
  });
});
