import { useTranslation } from "react-i18next";
import type { OrderStatus } from "~/models/order-transitions";

const tone: Record<OrderStatus, string> = {
  AWAITING_PAYMENT: "bg-amber-100 text-amber-900",
  PAID: "bg-green-100 text-green-900",
  SHIPPED: "bg-sky-100 text-sky-900",
  DELIVERED: "bg-green-100 text-green-900",
  COMPLETED: "bg-stone-200 text-stone-800",
  CANCELLED: "bg-stone-200 text-stone-800",
  REFUNDED: "bg-stone-200 text-stone-800",
  PARTLY_REFUNDED: "bg-amber-100 text-amber-900",
  PENDING_APPROVAL: "bg-amber-100 text-amber-900",
  CONFIRMED: "bg-green-100 text-green-900",
};

/** An order's status, translated; the colour only repeats what the word says. */
export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("orders");
  const s = status as OrderStatus;
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${tone[s] ?? "bg-stone-200 text-stone-800"}`} data-testid="order-status">
      {t(`status.${s}`, { defaultValue: status })}
    </span>
  );
}
