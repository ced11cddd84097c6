/**
 * What the hall needs from a payment provider. Stripe is one implementation and the built-in test
 * provider another; a domestic gateway (WeChat Pay, Alipay, UnionPay) would be a third, so nothing
 * outside app/models/payment*.server.ts knows which one took the money.
 */
export type ProviderName = "STRIPE" | "LOCAL";

export type CheckoutOrder = {
  id: number;
  number: string;
  totalFen: number;
  shippingFen: number;
  reservedUntil: Date;
  lines: { nameZh: string; spec: string; unitPriceFen: number; quantity: number; lineTotalFen: number }[];
};

export type CheckoutRequest = {
  order: CheckoutOrder;
  /** 1 for the order's first attempt with this provider, 2 for the next…: part of the idempotency key. */
  attempt: number;
  /** Absolute URL the buyer returns to when done or when they give up. */
  returnUrl: string;
  cancelUrl: string;
};

/** Where a checkout that was opened earlier stands now. */
export type CheckoutState = { state: "open"; redirectUrl: string } | { state: "complete" } | { state: "expired" };

export type ProviderRefundRequest = {
  /** The provider's reference of the payment being refunded (Payment.providerRef). */
  paymentRef: string;
  amountFen: number;
  /** Sent to the provider, so a retried call refunds once. */
  idempotencyKey: string;
  /** Stored with the provider's refund, so its later events find our Refund row. */
  refundId?: number;
};

export type ProviderRefund =
  | { ok: true; refundRef: string; status: "succeeded" | "pending" }
  | { ok: false; message: string };

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(request: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }>;
  /**
   * For a provider that needs no call to anyone to open a checkout (the test provider): the attempt,
   * made up front so it is written in the order's own commit.
   */
  prepareCheckout?(): { providerRef: string; redirectUrl: string };
  checkoutState(providerRef: string): Promise<CheckoutState>;
  /** Closes an open checkout so it can no longer be paid (best effort: it may have just been paid). */
  closeCheckout(providerRef: string): Promise<void>;
  refund(request: ProviderRefundRequest): Promise<ProviderRefund>;
  /**
   * What the provider itself records since `since` — paid and expired checkouts, finished refunds —
   * as events for the same handler a webhook uses, so a webhook that never arrived loses nothing
   * (payment-reconciliation.server.ts). Each event id is derived from the provider's object and its
   * outcome, so finding the same payment twice applies it once. Absent for a provider that keeps no
   * record outside the hall (the test provider: its button press is the event, applied in its own request).
   */
  recentActivity?(since: Date): Promise<ProviderEvent[]>;
}

export type RefundUpdate = { refundRef: string; refundId: number | null; status: "succeeded" | "pending" | "failed" };

/**
 * What a provider told us, in the hall's terms. A Stripe webhook and a button on the test payment
 * page both become one of these and go through the same handler (handlePaymentEvent).
 */
export type ProviderEvent = {
  provider: ProviderName;
  /** The provider's id for this event: handled at most once (PaymentEvent). */
  eventId: string;
  /** The provider's own name for it, kept for the record. */
  type: string;
  at: Date;
} & (
  | {
      kind: "payment-succeeded" | "payment-failed" | "checkout-expired";
      /** The checkout this is about (Payment.providerRef); the Payment row, not the event, names the order. */
      providerRef: string;
      /** What the provider says the order is; checked against the Payment row when present. */
      orderId?: number;
      amount?: { fen: number; currency: string };
    }
  | { kind: "refund-updated"; refunds: RefundUpdate[] }
  /** Recorded but changes nothing (e.g. a checkout completed with a payment still to clear). */
  | { kind: "noted" }
);
