/**
 * Payments: the one place routes call to take or return money. Implemented in issue 3 §3 —
 * these signatures are the contract the cart/checkout/orders pages are written against.
 */
import type { RefundResult } from "./order.server";

export type StartPaymentResult = { ok: true; redirectUrl: string } | { ok: false; reason: "not-payable" | "provider-failed" };

/** Opens a payment for an order awaiting payment and says where to send the buyer. */
export async function startPayment(_orderId: number, _origin: string): Promise<StartPaymentResult> {
  throw new Error("startPayment is not implemented yet");
}

export type RefundRequest = { orderId: number; amountFen: number; reason: string; requestedById: number | null; idempotencyKey: string };

/** Refunds (part of) a paid order through the provider that took the payment, then records it. */
export async function refundOrder(_request: RefundRequest): Promise<RefundResult | { ok: false; reason: "provider-failed" }> {
  throw new Error("refundOrder is not implemented yet");
}

export type CancelResult = { ok: true; refunded: boolean } | { ok: false; reason: "not-found" | "not-cancellable" | "provider-failed" };

/**
 * Cancels an order that has not shipped: unpaid → the reservation is released; paid → the whole
 * amount is refunded through the provider and the stock returns. `userId` limits it to the owner.
 */
export async function cancelOrder(_input: { orderNumber: string; userId?: number; actorUserId: number | null; reason: string }): Promise<CancelResult> {
  throw new Error("cancelOrder is not implemented yet");
}
