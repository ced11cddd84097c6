/**
 * The order lifecycle's table (ADR 019): every status an order can have and every allowed change,
 * with what moves with it. Browser-safe, so pages show only the buttons the table allows; the
 * changes themselves are made by order-lifecycle.server.ts and nowhere else.
 */
export const orderStatuses = [
  "AWAITING_PAYMENT",
  "PAID",
  "SHIPPED",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
  "REFUNDED",
  "PARTLY_REFUNDED",
  // Organisation orders (ADR 011): waiting for the organisation's approver; confirmed to ship on terms.
  "PENDING_APPROVAL",
  "CONFIRMED",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export type Rule = {
  from: readonly OrderStatus[];
  to: readonly OrderStatus[];
  /** Stock moves with the change: taken again, or given back. */
  stock?: "take" | "return";
  /** The relief ledger counts the change: a sale (+) or a refund (−). */
  ledger?: "sale" | "refund";
};

/**
 * Every allowed status change; anything else is refused and changes nothing. Placing is listed for
 * completeness (an order comes into being in one of its states, its stock taken in the same commit).
 */
export const TRANSITIONS = {
  place: { from: [], to: ["AWAITING_PAYMENT", "PENDING_APPROVAL", "CONFIRMED"], stock: "take" },
  approve: { from: ["PENDING_APPROVAL"], to: ["AWAITING_PAYMENT", "CONFIRMED"] },
  reject: { from: ["PENDING_APPROVAL"], to: ["CANCELLED"], stock: "return" },
  // From CONFIRMED only while nothing has been paid on terms (see allows).
  cancel: { from: ["AWAITING_PAYMENT", "PENDING_APPROVAL", "CONFIRMED"], to: ["CANCELLED"], stock: "return" },
  expire: { from: ["AWAITING_PAYMENT"], to: ["CANCELLED"], stock: "return" },
  pay: { from: ["AWAITING_PAYMENT"], to: ["PAID"], ledger: "sale" },
  // A payment that arrives after the reservation ran out: the goods are taken again if still there.
  payAfterExpiry: { from: ["CANCELLED"], to: ["PAID"], stock: "take", ledger: "sale" },
  ship: { from: ["PAID", "CONFIRMED"], to: ["SHIPPED"] },
  deliver: { from: ["SHIPPED"], to: ["DELIVERED"] },
  refund: { from: ["PAID", "SHIPPED", "DELIVERED", "COMPLETED", "PARTLY_REFUNDED"], to: ["PARTLY_REFUNDED", "REFUNDED"], ledger: "refund" },
  // A paid order cancelled before it shipped, once fully refunded: its goods go back on the shelf, once.
  restock: { from: ["REFUNDED"], to: ["REFUNDED"], stock: "return" },
} as const satisfies Record<string, Rule>;

/** Paid, or confirmed on terms, and not wholly refunded: the goods are the buyer's to receive. */
export const GOODS_COMMITTED: readonly OrderStatus[] = ["PAID", "CONFIRMED", "SHIPPED", "DELIVERED", "COMPLETED", "PARTLY_REFUNDED"];

export type Action = keyof typeof TRANSITIONS;
export type ChangeAction = Exclude<Action, "place">;

/** What, beyond its status, decides whether an order may take a step. */
export type OrderFacts = { status: string; paidAt: Date | string | null; termsPaidFen: number; everShipped?: boolean; restocked?: boolean };

/** Whether the table (and the step's own condition) lets an order in this state take this step to `to`. */
export function allows(action: ChangeAction, order: OrderFacts, to?: OrderStatus): boolean {
  const rule: Rule = TRANSITIONS[action];
  if (!(rule.from as readonly string[]).includes(order.status)) return false;
  if (to !== undefined && !rule.to.includes(to)) return false;
  switch (action) {
    case "cancel":
      return order.status !== "CONFIRMED" || order.termsPaidFen === 0;
    case "pay":
    case "payAfterExpiry":
      return order.paidAt === null;
    case "restock":
      return !order.everShipped && !order.restocked;
    default:
      return true;
  }
}

