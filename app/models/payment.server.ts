/**
 * Payments: the one place routes call to take or return money. Which provider does the work
 * (Stripe, or the built-in test provider when no Stripe key is set) is decided here and nowhere else.
 *
 * Every provider event — a Stripe webhook, a button on the test payment page, or a payment the
 * reconciliation found (payment-reconciliation.server.ts) — goes through handlePaymentEvent: the
 * event id is claimed in the same commit as the event's effect (ADR 020), and the effect uses the
 * order lifecycle's status-guarded steps, so redeliveries and events out of order change nothing twice.
 */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recordAudit, type AuditEntry } from "./audit.server";
import { sqliteDateTime } from "./ledger.server";
import { StockShortage } from "./order-lifecycle.server";
import type { OrderStatus } from "./order-transitions";
import {
  cancelUnpaidOrder,
  markPaymentAttempt,
  payOrderIn,
  recordRefundIn,
  returnStockOfRefundedOrderIn,
  type PreparedPayment,
  type RefundResult,
} from "./order.server";
import { localProvider } from "./payment-providers/local.server";
import type { PaymentProvider, ProviderEvent, RefundUpdate } from "./payment-providers/provider.server";
import { stripeProvider } from "./payment-providers/stripe.server";
import { logger } from "~/utils/logger.server";
import { metrics } from "~/utils/metrics.server";

/** Stripe when a key is configured; otherwise the test provider (测试支付). */
export function activeProvider(): PaymentProvider {
  return getEnv().STRIPE_SECRET_KEY ? stripeProvider : localProvider;
}

/** The provider that took a given payment, for refunds; null if it is no longer configured. */
export function providerNamed(name: string): PaymentProvider | null {
  if (name === "LOCAL") return localProvider;
  if (name === "STRIPE" && getEnv().STRIPE_SECRET_KEY) return stripeProvider;
  return null;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A payment attempt to open in the same commit as the order, when the active provider needs no
 * network call for it (the test provider); null for Stripe, whose session is made after the order.
 */
export function prepareInstantPayment(): { payment: PreparedPayment; redirectUrl: string } | null {
  const provider = activeProvider();
  const prepared = provider.prepareCheckout?.();
  return prepared ? { payment: { provider: provider.name, providerRef: prepared.providerRef }, redirectUrl: prepared.redirectUrl } : null;
}

export type StartPaymentResult = { ok: true; redirectUrl: string } | { ok: false; reason: "not-payable" | "provider-failed" };

/**
 * Opens a payment for an order awaiting payment and says where to send the buyer. A checkout that
 * is still open is reused, so an order never has two payable checkouts at once; a double-submitted
 * form gets the same one (same idempotency key at Stripe, same Payment row here).
 */
export async function startPayment(orderId: number, origin: string): Promise<StartPaymentResult> {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      organisationId: true,
      status: true,
      totalFen: true,
      shippingFen: true,
      reservedUntil: true,
      lines: { select: { nameZh: true, spec: true, unitPriceFen: true, quantity: true, lineTotalFen: true }, orderBy: { id: "asc" } },
    },
  });
  if (!order || order.status !== "AWAITING_PAYMENT" || !order.reservedUntil || order.reservedUntil <= new Date()) {
    return { ok: false, reason: "not-payable" };
  }
  const provider = activeProvider();
  try {
    const pending = await prisma.payment.findMany({
      where: { orderId, provider: provider.name, status: "PENDING" },
      orderBy: { id: "desc" },
      select: { providerRef: true },
    });
    for (const { providerRef } of pending) {
      const state = await provider.checkoutState(providerRef);
      if (state.state === "open") return { ok: true, redirectUrl: state.redirectUrl };
      // Paid, and the confirmation is on its way: taking the money twice is worse than waiting.
      if (state.state === "complete") return { ok: false, reason: "not-payable" };
      await markPaymentAttempt(provider.name, providerRef, "EXPIRED");
    }
    const attempt = (await prisma.payment.count({ where: { orderId, provider: provider.name } })) + 1;
    const orderUrl = `${(getEnv().PUBLIC_URL ?? origin).replace(/\/+$/, "")}${orderPagePath(order)}`;
    const checkout = await provider.createCheckout({
      order: { ...order, reservedUntil: order.reservedUntil },
      attempt,
      returnUrl: `${orderUrl}?payment=returned`,
      cancelUrl: `${orderUrl}?payment=cancelled`,
    });
    try {
      await prisma.payment.create({ data: { orderId, provider: provider.name, providerRef: checkout.providerRef, amountFen: order.totalFen } });
    } catch (error) {
      // A concurrent submission got the same checkout back and recorded it first.
      if (!isUniqueViolation(error)) throw error;
    }
    return { ok: true, redirectUrl: checkout.redirectUrl };
  } catch (error) {
    logger.warn(`Payment could not be started for order ${orderId} (${provider.name}): ${describe(error)}`);
    return { ok: false, reason: "provider-failed" };
  }
}

export type EventOutcome = "handled" | "duplicate" | "ignored";

type Tx = Prisma.TransactionClient;

/**
 * Runs an event's effect in one transaction with the claim of its id: both commit or neither. A
 * redelivery (or ten at once) finds the id taken and changes nothing; a failure or a crash before
 * the commit leaves no claim, so the provider's retry (or the next reconciliation) applies it.
 */
function withClaim(event: ProviderEvent, effect: (tx: Tx) => Promise<EventOutcome>): Promise<EventOutcome> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      INSERT INTO "PaymentEvent" ("provider", "eventId", "type", "receivedAt")
      VALUES (${event.provider}, ${event.eventId}, ${event.type}, ${sqliteDateTime(new Date())})
      ON CONFLICT ("provider", "eventId") DO NOTHING`;
    if (claimed === 0) return "duplicate";
    return effect(tx);
  });
}

/** A payment that bought nothing must go back to the buyer first: a network call, outside any transaction. */
class RefundFirst extends Error {
  constructor(
    readonly payment: { id: number; orderId: number; provider: string; providerRef: string; amountFen: number },
    readonly reason: "paid-after-expiry" | "duplicate-payment",
  ) {
    super(`payment ${payment.id}: ${reason}`);
  }
}

/** Applies one provider event, at most once (see withClaim). */
export async function handlePaymentEvent(event: ProviderEvent): Promise<EventOutcome> {
  try {
    return await withClaim(event, (tx) => applyEvent(tx, event));
  } catch (error) {
    if (!(error instanceof RefundFirst)) throw error;
    // Nothing of the event was written. Refund (idempotent at the provider), then claim the event
    // together with the record of the refund; a failure here throws and the event is tried again.
    await refundWholePayment(error.payment);
    return withClaim(event, (tx) => recordWholeRefund(tx, error.payment, error.reason));
  }
}

async function applyEvent(tx: Tx, event: ProviderEvent): Promise<EventOutcome> {
  switch (event.kind) {
    case "noted":
      return "handled";
    case "payment-failed":
    case "checkout-expired":
      // Only a PENDING attempt changes: an expiry after the payment succeeded un-pays nothing.
      await markPaymentAttempt(event.provider, event.providerRef, event.kind === "payment-failed" ? "FAILED" : "EXPIRED", tx);
      return "handled";
    case "refund-updated": {
      let outcome: EventOutcome = "ignored";
      for (const update of event.refunds) if ((await applyRefundUpdate(tx, event.provider, update)) === "handled") outcome = "handled";
      return outcome;
    }
    case "payment-succeeded":
      return applyPayment(tx, event);
  }
}

async function applyPayment(tx: Tx, event: Extract<ProviderEvent, { providerRef: string }>): Promise<EventOutcome> {
  const payment = await tx.payment.findUnique({
    where: { provider_providerRef: { provider: event.provider, providerRef: event.providerRef } },
    select: { id: true, orderId: true, provider: true, providerRef: true, amountFen: true, status: true },
  });
  const mismatch = !payment
    ? "no such payment"
    : event.orderId !== undefined && event.orderId !== payment.orderId
      ? `names order ${event.orderId}, payment is for order ${payment.orderId}`
      : event.amount && (event.amount.currency !== "cny" || event.amount.fen !== payment.amountFen)
        ? `paid ${event.amount.fen} ${event.amount.currency}, expected ${payment.amountFen} cny`
        : null;
  if (!payment || mismatch) {
    logger.warn(`Payment event ${event.provider} ${event.eventId} ignored: ${mismatch}`);
    return "ignored";
  }
  // Money already handed back (paid after the goods were gone): the order must not come back to life.
  if (payment.status === "REFUNDED") return "handled";

  let outcome;
  try {
    outcome = await payOrderIn(tx, { orderId: payment.orderId, provider: payment.provider, providerRef: payment.providerRef, at: event.at });
  } catch (error) {
    // The reservation ran out and the goods were sold meanwhile: no payment is kept without goods.
    if (error instanceof StockShortage) throw new RefundFirst(payment, "paid-after-expiry");
    throw error;
  }
  if (outcome === "paid" || outcome === "revived") metrics.orderPaid();
  // The order was paid by another attempt: this second payment buys nothing, so it goes back.
  if (outcome === "already-paid" && payment.status !== "SUCCEEDED") throw new RefundFirst(payment, "duplicate-payment");
  return "handled";
}

/**
 * Returns a payment that bought nothing (it arrived after the goods were sold to someone else, or
 * the order was already paid). The idempotency key makes a retried call refund once. A provider
 * failure throws, so the event is retried.
 */
async function refundWholePayment(payment: { id: number; provider: string; providerRef: string; amountFen: number }) {
  const provider = providerNamed(payment.provider);
  if (!provider) throw new Error(`payment ${payment.id}: provider ${payment.provider} is not configured, cannot refund`);
  const result = await provider.refund({ paymentRef: payment.providerRef, amountFen: payment.amountFen, idempotencyKey: `payment-${payment.id}-refund` });
  if (!result.ok) throw new Error(`payment ${payment.id}: refund failed: ${result.message}`);
}

/**
 * The payment handed back was never counted in the ledger, so there is no Refund row and no
 * negative entry: the Payment is marked REFUNDED and the order's history says why.
 */
async function recordWholeRefund(tx: Tx, payment: { id: number; orderId: number }, reason: string): Promise<EventOutcome> {
  const changed = await tx.payment.updateMany({ where: { id: payment.id, status: { not: "REFUNDED" } }, data: { status: "REFUNDED" } });
  if (changed.count > 0) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: payment.orderId }, select: { status: true } });
    await tx.orderEvent.create({ data: { orderId: payment.orderId, status: order.status, note: `${reason}-refunded` } });
  }
  return "handled";
}

async function applyRefundUpdate(tx: Tx, provider: string, update: RefundUpdate): Promise<EventOutcome> {
  const refund =
    (update.refundId !== null ? await tx.refund.findFirst({ where: { id: update.refundId, provider }, select: { id: true, providerRef: true, status: true } }) : null) ??
    (await tx.refund.findFirst({ where: { provider, providerRef: update.refundRef }, select: { id: true, providerRef: true, status: true } }));
  if (!refund) {
    // Not one of ours (made in the provider's dashboard, or a returned duplicate payment): nothing to count.
    logger.warn(`Refund ${provider} ${update.refundRef} is not a hall refund; ignored`);
    return "ignored";
  }
  if (!refund.providerRef) await tx.refund.update({ where: { id: refund.id }, data: { providerRef: update.refundRef } });
  if (update.status === "succeeded") {
    const result = await settleRefund(tx, refund.id);
    if (!result.ok) logger.warn(`Refund ${refund.id} succeeded at ${provider} but could not be recorded: ${result.reason}`);
  } else if (update.status === "failed") {
    await tx.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED" } });
  }
  return "handled";
}

export type RefundRequest = {
  orderId: number;
  amountFen: number;
  reason: string;
  requestedById: number | null;
  idempotencyKey: string;
  /** An administrator's request is audited in the same commit as the Refund row it creates. */
  audit?: Omit<AuditEntry, "entityType" | "entityId">;
  /**
   * Runs in the commit that creates the Refund row; false undoes that row. A second administrator's
   * confirmation (ADR 029) marks its request confirmed here, so the two happen together or not at all.
   */
  confirmIn?: (tx: Tx) => Promise<boolean>;
};

class NotConfirmed extends Error {}

async function currentState(orderId: number): Promise<RefundResult> {
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { refundedFen: true, status: true } });
  if (!order) return { ok: false, reason: "not-found" };
  return { ok: true, refundedFen: order.refundedFen, status: order.status as OrderStatus };
}

/** What a request repeated with a known idempotency key gets: the first request's outcome. */
async function replayRefund(refund: { orderId: number; status: string }, orderId: number): Promise<RefundResult | { ok: false; reason: "provider-failed" }> {
  if (refund.orderId !== orderId) return { ok: false, reason: "not-found" };
  if (refund.status === "FAILED") return { ok: false, reason: "provider-failed" };
  return currentState(orderId);
}

/**
 * Refunds (part of) a paid order through the provider that took the payment, then records it.
 * The Refund row is inserted by one guarded statement — only for a paid order, and only if the
 * amount fits in what is left after refunds already made or under way — so two concurrent requests
 * can never refund more than was paid. The same idempotencyKey always gives the first result.
 * A refund the provider accepts but has not finished (Stripe "pending") is counted when its
 * webhook (or the reconciliation) says it succeeded; until then the result shows the order as it is.
 */
export async function refundOrder(request: RefundRequest): Promise<RefundResult | { ok: false; reason: "provider-failed" | "not-confirmed" }> {
  const { orderId, amountFen, reason, requestedById, idempotencyKey } = request;
  const byKey = () => prisma.refund.findUnique({ where: { idempotencyKey }, select: { id: true, orderId: true, status: true } });
  const earlier = await byKey();
  if (earlier) return replayRefund(earlier, orderId);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return { ok: false, reason: "bad-amount" };

  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { paidAt: true, paymentProvider: true, totalFen: true, refundedFen: true } });
  if (!order) return { ok: false, reason: "not-found" };
  if (!order.paidAt) return { ok: false, reason: "not-paid" };
  if (amountFen > order.totalFen - order.refundedFen) return { ok: false, reason: "too-much" };
  const provider = providerNamed(order.paymentProvider);
  const payment = await prisma.payment.findFirst({
    where: { orderId, provider: order.paymentProvider, status: "SUCCEEDED" },
    orderBy: { id: "asc" },
    select: { providerRef: true },
  });
  if (!provider || !payment) {
    logger.warn(`Order ${orderId}: no ${order.paymentProvider || "known"} payment to refund through`);
    return { ok: false, reason: "provider-failed" };
  }

  const now = sqliteDateTime(new Date());
  const inserted = await prisma.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
    INSERT INTO "Refund" ("orderId", "amountFen", "reason", "provider", "providerRef", "status", "requestedById", "idempotencyKey", "createdAt", "updatedAt")
    SELECT o."id", ${amountFen}, ${reason}, ${provider.name}, '', 'PENDING', ${requestedById}, ${idempotencyKey}, ${now}, ${now}
    FROM "Order" o
    WHERE o."id" = ${orderId} AND o."paidAt" IS NOT NULL
      AND o."totalFen" - o."refundedFen"
        - COALESCE((SELECT SUM(r."amountFen") FROM "Refund" r WHERE r."orderId" = o."id" AND r."status" = 'PENDING'), 0) >= ${amountFen}
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
    if (count > 0 && request.audit) await recordAudit(tx, { ...request.audit, entityType: "Order", entityId: orderId });
    if (count > 0 && request.confirmIn && !(await request.confirmIn(tx))) throw new NotConfirmed();
    return count;
  }).catch((error: unknown) => {
    if (error instanceof NotConfirmed) return null;
    throw error;
  });
  if (inserted === null) return { ok: false, reason: "not-confirmed" };
  const refund = await byKey();
  if (!refund) return { ok: false, reason: "too-much" };
  if (inserted === 0) return replayRefund(refund, orderId);

  let result;
  try {
    result = await provider.refund({ paymentRef: payment.providerRef, amountFen, idempotencyKey: `refund-${refund.id}`, refundId: refund.id });
  } catch (error) {
    result = { ok: false as const, message: describe(error) };
  }
  if (!result.ok) {
    await prisma.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED" } });
    logger.warn(`Refund ${refund.id} of order ${orderId} failed at ${provider.name}: ${result.message}`);
    return { ok: false, reason: "provider-failed" };
  }
  await prisma.refund.update({ where: { id: refund.id }, data: { providerRef: result.refundRef } });
  if (result.status === "pending") return currentState(orderId);
  return prisma.$transaction((tx) => settleRefund(tx, refund.id));
}

const cancelKeyPrefix = (orderId: number) => `order-${orderId}-cancel-`;

/**
 * A refund the provider has finished, recorded in the caller's transaction; a cancellation's full
 * refund also brings the goods back into stock (the "restock" step, once) in the same commit.
 */
async function settleRefund(tx: Tx, refundId: number): Promise<RefundResult> {
  const recorded = await recordRefundIn(tx, refundId);
  if (!recorded.ok) return recorded;
  metrics.refundRecorded();
  const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, select: { orderId: true, idempotencyKey: true, requestedById: true } });
  if (refund.idempotencyKey.startsWith(cancelKeyPrefix(refund.orderId))) await returnStockOfRefundedOrderIn(tx, refund.orderId, refund.requestedById);
  return recorded;
}

export type CancelResult = { ok: true; refunded: boolean } | { ok: false; reason: "not-found" | "not-cancellable" | "provider-failed" | "not-confirmed" };

/**
 * Cancels an order that has not shipped. Unpaid → the reservation is released (status CANCELLED)
 * and any open checkout is closed. Paid → the whole amount is refunded through the provider; once
 * the refund is recorded the order is REFUNDED and its stock returns (once: see
 * returnStockOfRefundedOrder). `userId` limits it to the owner (anyone else: not-found).
 * A repeated cancel makes no second refund; after a provider failure it may be tried again.
 */
export async function cancelOrder(input: {
  orderNumber: string;
  userId?: number;
  actorUserId: number | null;
  reason: string;
  /** An administrator's cancellation: audited in the commit that cancels (unpaid) or asks for the refund (paid). */
  audit?: { action: string; details: Record<string, unknown> };
  /** A paid order's cancellation confirmed by a second administrator (see RefundRequest.confirmIn). */
  confirmIn?: RefundRequest["confirmIn"];
}): Promise<CancelResult> {
  const order = await prisma.order.findFirst({
    where: { number: input.orderNumber, ...(input.userId !== undefined ? { userId: input.userId } : {}) },
    select: { id: true, status: true, totalFen: true, refundedFen: true },
  });
  if (!order) return { ok: false, reason: "not-found" };

  if (order.status === "AWAITING_PAYMENT") {
    if (!(await cancelUnpaidOrder(order.id, input.actorUserId, input.reason, new Date(), input.audit && { ...input.audit, details: { ...input.audit.details, refunded: false } }))) {
      return { ok: false, reason: "not-cancellable" };
    }
    await closeOpenCheckouts(order.id);
    return { ok: true, refunded: false };
  }
  if (order.status !== "PAID") return { ok: false, reason: "not-cancellable" };

  // A fresh key after each failed try; a double-click shares one.
  const failedTries = await prisma.refund.count({ where: { orderId: order.id, status: "FAILED", idempotencyKey: { startsWith: cancelKeyPrefix(order.id) } } });
  const result = await refundOrder({
    orderId: order.id,
    amountFen: order.totalFen - order.refundedFen,
    reason: input.reason,
    requestedById: input.actorUserId,
    idempotencyKey: `${cancelKeyPrefix(order.id)}${failedTries + 1}`,
    audit: input.audit && { userId: input.actorUserId, action: input.audit.action, details: { ...input.audit.details, refunded: true } },
    confirmIn: input.confirmIn,
  });
  if (result.ok) return { ok: true, refunded: true };
  if (result.reason === "provider-failed" || result.reason === "not-confirmed") return { ok: false, reason: result.reason };
  return { ok: false, reason: "not-cancellable" };
}

/** A cancelled order's open checkouts are closed so they cannot be paid any more (best effort). */
export async function closeOpenCheckouts(orderId: number) {
  const pending = await prisma.payment.findMany({ where: { orderId, status: "PENDING" }, select: { provider: true, providerRef: true } });
  for (const p of pending) {
    try {
      await providerNamed(p.provider)?.closeCheckout(p.providerRef);
      await markPaymentAttempt(p.provider, p.providerRef, "EXPIRED");
    } catch (error) {
      // If it is paid after all, that payment revives the order or is refunded (markOrderPaid).
      logger.warn(`Could not close checkout ${p.provider} ${p.providerRef}: ${describe(error)}`);
    }
  }
}

/** Where a buyer follows an order: their own orders, or their organisation's. */
export function orderPagePath(order: { number: string; organisationId: number | null }) {
  return `${order.organisationId === null ? "/orders" : "/org/orders"}/${encodeURIComponent(order.number)}`;
}

/**
 * The test payment page's view of one attempt, for whoever may pay the order: the employee who
 * placed it, or — for an organisation's order — any member who may order and pay for that
 * (approved) organisation (ADR 011), as on the organisation's order page.
 */
export async function getLocalPayment(providerRef: string, userId: number) {
  const payment = await prisma.payment.findFirst({
    where: {
      provider: "LOCAL",
      providerRef,
      OR: [
        { order: { userId } },
        { order: { organisation: { status: "APPROVED", members: { some: { userId, role: { in: ["BUYER", "ORG_ADMIN"] } } } } } },
      ],
    },
    select: {
      providerRef: true,
      status: true,
      amountFen: true,
      order: { select: { id: true, number: true, status: true, totalFen: true, reservedUntil: true, organisationId: true } },
    },
  });
  return payment ? { ...payment, orderPath: orderPagePath(payment.order) } : null;
}
