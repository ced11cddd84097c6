/**
 * 我的订单 tabs: which order statuses each shows, and the one thing a buyer does next with an order.
 * Client-safe (the page names the tabs and actions); the query is in my-orders.server.ts.
 */
export const ORDER_TABS = {
  all: [],
  unpaid: ["AWAITING_PAYMENT", "PENDING_APPROVAL"],
  toShip: ["PAID", "CONFIRMED"],
  shipped: ["SHIPPED"],
  done: ["DELIVERED", "COMPLETED"],
  refunds: ["REFUNDED", "PARTLY_REFUNDED"],
} as const satisfies Record<string, readonly string[]>;

export type OrderTab = keyof typeof ORDER_TABS;

export function orderTabOf(value: string | null): OrderTab {
  return value && value in ORDER_TABS ? (value as OrderTab) : "all";
}

/** pay: 去支付; track: 查看物流; again: 再来一单; view: 查看订单. */
export type NextAction = "pay" | "track" | "again" | "view";

export function nextActionFor(status: string): NextAction {
  if (status === "AWAITING_PAYMENT") return "pay";
  if (status === "SHIPPED") return "track";
  if (status === "DELIVERED" || status === "COMPLETED") return "again";
  return "view";
}
