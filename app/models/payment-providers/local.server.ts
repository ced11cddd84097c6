import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { PaymentProvider, ProviderEvent } from "./provider.server";

/**
 * The built-in test provider (测试支付): no money moves. The buyer is sent to /pay/local/<ref>, whose
 * buttons raise the same provider-neutral events a Stripe webhook would. Used when no Stripe key is
 * configured — the embedded default and the demo.
 */
export const localProvider: PaymentProvider = {
  name: "LOCAL",

  async createCheckout() {
    return this.prepareCheckout!();
  },

  prepareCheckout() {
    const providerRef = `lp_${randomBytes(12).toString("hex")}`;
    return { providerRef, redirectUrl: `/pay/local/${providerRef}` };
  },

  async checkoutState(providerRef) {
    const payment = await prisma.payment.findUnique({ where: { provider_providerRef: { provider: "LOCAL", providerRef } }, select: { status: true } });
    if (payment?.status === "PENDING") return { state: "open", redirectUrl: `/pay/local/${providerRef}` };
    return payment?.status === "SUCCEEDED" ? { state: "complete" } : { state: "expired" };
  },

  async closeCheckout() {
    // Nothing to close: the page refuses once the payment row is no longer PENDING.
  },

  async refund({ idempotencyKey }) {
    return { ok: true, refundRef: `lr_${idempotencyKey}`, status: "succeeded" };
  },
};

export const localActions = ["pay", "fail", "cancel"] as const;
export type LocalAction = (typeof localActions)[number];

const kinds = { pay: "payment-succeeded", fail: "payment-failed", cancel: "checkout-expired" } as const;

/**
 * A button on the test payment page as the provider-neutral event a Stripe webhook would become.
 * One event id per attempt and button, so a double-click is one event.
 */
export function localPaymentEvent(providerRef: string, orderId: number, action: LocalAction): ProviderEvent {
  return { provider: "LOCAL", eventId: `${providerRef}:${action}`, type: `local.${action}`, at: new Date(), kind: kinds[action], providerRef, orderId };
}
