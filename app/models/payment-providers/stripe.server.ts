import Stripe from "stripe";
import { z } from "zod";
import { getEnv } from "~/utils/env.server";
import type { CheckoutRequest, PaymentProvider, ProviderEvent, ProviderRefund, RefundUpdate } from "./provider.server";

/**
 * Stripe: a hosted Checkout Session in CNY (amounts in fen, Stripe's minor unit for CNY), priced from
 * the order's own lines. Payments are confirmed only by signed webhooks (parseStripeWebhook).
 */
let cached: { config: string; client: Stripe } | undefined;

function client(): Stripe {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set");
  const config = [env.STRIPE_SECRET_KEY, env.STRIPE_API_HOST, env.STRIPE_API_PORT, env.STRIPE_API_PROTOCOL].join("|");
  if (cached?.config !== config) {
    const standIn = env.STRIPE_API_HOST !== undefined;
    cached = {
      config,
      client: new Stripe(env.STRIPE_SECRET_KEY, {
        ...(standIn ? { host: env.STRIPE_API_HOST, port: env.STRIPE_API_PORT, protocol: env.STRIPE_API_PROTOCOL ?? "https" } : {}),
        // The SDK retries with the same idempotency key; a local stand-in answers at once or not at all.
        maxNetworkRetries: standIn ? 0 : 2,
        timeout: 20_000,
      }),
    };
  }
  return cached.client;
}

/** Stripe refuses a Checkout Session that closes sooner than 30 minutes or later than 24 hours. */
const MIN_SESSION_SECONDS = 31 * 60;
const MAX_SESSION_SECONDS = 23 * 60 * 60;

function lineItems(order: CheckoutRequest["order"]): Stripe.Checkout.SessionCreateParams.LineItem[] {
  const items = order.lines.map((line) => ({
    quantity: line.quantity,
    price_data: { currency: "cny", unit_amount: line.unitPriceFen, product_data: { name: `${line.nameZh} ${line.spec}`.trim() } },
  }));
  if (order.shippingFen > 0) {
    items.push({ quantity: 1, price_data: { currency: "cny", unit_amount: order.shippingFen, product_data: { name: "运费 Shipping" } } });
  }
  const charged = items.reduce((sum, item) => sum + item.price_data.unit_amount * item.quantity, 0);
  // Discounts do not exist yet; if they come, they must reach Stripe too, never a different total.
  if (charged !== order.totalFen) throw new Error(`order ${order.id}: lines add up to ${charged}, total is ${order.totalFen}`);
  return items;
}

function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}

export const stripeProvider: PaymentProvider = {
  name: "STRIPE",

  async createCheckout({ order, attempt, returnUrl, cancelUrl }) {
    const metadata = { orderId: String(order.id), orderNumber: order.number };
    // Derived from the order, not from the clock, so a double-submitted "pay" sends identical
    // parameters under the same idempotency key and gets the same session back.
    const closesAt = Math.floor(order.reservedUntil.getTime() / 1000) + MIN_SESSION_SECONDS;
    const session = await client().checkout.sessions.create(
      {
        mode: "payment",
        line_items: lineItems(order),
        client_reference_id: order.number,
        metadata,
        payment_intent_data: { metadata },
        success_url: returnUrl,
        cancel_url: cancelUrl,
        expires_at: Math.min(closesAt, Math.floor(Date.now() / 1000) + MAX_SESSION_SECONDS),
      },
      { idempotencyKey: `order-${order.id}-checkout-${attempt}` },
    );
    if (!session.url) throw new Error(`Stripe returned session ${session.id} without a URL`);
    return { providerRef: session.id, redirectUrl: session.url };
  },

  async checkoutState(providerRef) {
    const session = await client().checkout.sessions.retrieve(providerRef);
    if (session.status === "open" && session.url) return { state: "open", redirectUrl: session.url };
    return session.status === "complete" ? { state: "complete" } : { state: "expired" };
  },

  async closeCheckout(providerRef) {
    try {
      await client().checkout.sessions.expire(providerRef);
    } catch (error) {
      // Already expired or completed: its own event says what happened.
      if (!isStripeError(error)) throw error;
    }
  },

  async recentActivity(since) {
    const created = { gte: Math.floor(since.getTime() / 1000) };
    const at = new Date();
    const events: ProviderEvent[] = [];
    for await (const session of client().checkout.sessions.list({ created, limit: 100 })) {
      const base = { provider: "STRIPE" as const, at, providerRef: session.id, orderId: orderIdOf(session.metadata) };
      if (session.status === "complete" && session.payment_status === "paid") {
        events.push({
          ...base,
          eventId: `reconcile:${session.id}:paid`,
          type: "reconcile.checkout.session.paid",
          kind: "payment-succeeded",
          amount: { fen: session.amount_total ?? -1, currency: session.currency ?? "" },
        });
      } else if (session.status === "expired") {
        events.push({ ...base, eventId: `reconcile:${session.id}:expired`, type: "reconcile.checkout.session.expired", kind: "checkout-expired" });
      }
    }
    for await (const refund of client().refunds.list({ created, limit: 100 })) {
      const update = refundUpdate({ id: refund.id, object: "refund", status: refund.status, metadata: refund.metadata });
      if (update.status === "pending") continue;
      events.push({ provider: "STRIPE", at, eventId: `reconcile:${refund.id}:${update.status}`, type: `reconcile.refund.${update.status}`, kind: "refund-updated", refunds: [update] });
    }
    return events;
  },

  async refund({ paymentRef, amountFen, idempotencyKey, refundId }): Promise<ProviderRefund> {
    try {
      const session = await client().checkout.sessions.retrieve(paymentRef);
      const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
      if (!paymentIntent) return { ok: false, message: `session ${paymentRef} has no payment intent` };
      const refund = await client().refunds.create(
        { payment_intent: paymentIntent, amount: amountFen, metadata: refundId === undefined ? {} : { refundId: String(refundId) } },
        { idempotencyKey },
      );
      if (refund.status === "failed" || refund.status === "canceled") return { ok: false, message: `refund ${refund.id} ${refund.status}` };
      return { ok: true, refundRef: refund.id, status: refund.status === "succeeded" ? "succeeded" : "pending" };
    } catch (error) {
      if (isStripeError(error)) return { ok: false, message: `${error.type}: ${error.message}` };
      throw error;
    }
  },
};

// Webhook payloads: only the fields the hall reads, checked before anything is written.
const metadataSchema = z.record(z.string(), z.string()).nullish();
const sessionSchema = z.object({
  id: z.string().min(1),
  object: z.literal("checkout.session"),
  payment_status: z.string(),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  metadata: metadataSchema,
});
const refundSchema = z.object({
  id: z.string().min(1),
  object: z.literal("refund"),
  status: z.string().nullable(),
  metadata: metadataSchema,
});
const chargeSchema = z.object({
  id: z.string().min(1),
  object: z.literal("charge"),
  refunds: z.object({ data: z.array(refundSchema) }).nullish(),
});
const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.unknown() }),
});

const sessionKinds = {
  "checkout.session.completed": "payment-succeeded",
  "checkout.session.async_payment_succeeded": "payment-succeeded",
  "checkout.session.async_payment_failed": "payment-failed",
  "checkout.session.expired": "checkout-expired",
} as const;
const refundTypes = new Set(["refund.created", "refund.updated", "refund.failed"]);

function refundUpdate(refund: z.infer<typeof refundSchema>): RefundUpdate {
  const refundId = Number(refund.metadata?.refundId);
  const status = refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
  return { refundRef: refund.id, refundId: Number.isSafeInteger(refundId) && refundId > 0 ? refundId : null, status };
}

function orderIdOf(metadata: z.infer<typeof metadataSchema>) {
  const id = Number(metadata?.orderId);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export type ParsedWebhook =
  | { ok: true; event: ProviderEvent | null }
  | { ok: false; reason: "not-configured" | "bad-signature" | "bad-payload" };

/**
 * Verifies a webhook's signature and age on the raw body, then reads it into a provider-neutral
 * event; `event: null` means a type the hall does not handle.
 */
export function parseStripeWebhook(rawBody: string, signature: string | null): ParsedWebhook {
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) return { ok: false, reason: "not-configured" };
  if (!signature) return { ok: false, reason: "bad-signature" };
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return { ok: false, reason: "bad-signature" };
  }
  const envelope = envelopeSchema.safeParse(verified);
  if (!envelope.success) return { ok: false, reason: "bad-payload" };
  const { id: eventId, type, created, data } = envelope.data;
  const base = { provider: "STRIPE" as const, eventId, type, at: new Date(created * 1000) };

  if (type in sessionKinds) {
    const session = sessionSchema.safeParse(data.object);
    if (!session.success) return { ok: false, reason: "bad-payload" };
    const s = session.data;
    const kind = sessionKinds[type as keyof typeof sessionKinds];
    // A completed checkout with a delayed method (bank debit…) is not paid until async_payment_succeeded.
    if (type === "checkout.session.completed" && s.payment_status !== "paid") return { ok: true, event: { ...base, kind: "noted" } };
    return {
      ok: true,
      event: {
        ...base,
        kind,
        providerRef: s.id,
        orderId: orderIdOf(s.metadata),
        ...(kind === "payment-succeeded" ? { amount: { fen: s.amount_total ?? -1, currency: s.currency ?? "" } } : {}),
      },
    };
  }
  if (refundTypes.has(type)) {
    const refund = refundSchema.safeParse(data.object);
    if (!refund.success) return { ok: false, reason: "bad-payload" };
    return { ok: true, event: { ...base, kind: "refund-updated", refunds: [refundUpdate(refund.data)] } };
  }
  if (type === "charge.refunded") {
    const charge = chargeSchema.safeParse(data.object);
    if (!charge.success) return { ok: false, reason: "bad-payload" };
    return { ok: true, event: { ...base, kind: "refund-updated", refunds: (charge.data.refunds?.data ?? []).map(refundUpdate) } };
  }
  return { ok: true, event: null };
}
