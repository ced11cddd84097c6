import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import { ProductPhoto } from "~/components/product-photo";
import { OrderStatusBadge } from "./order-status";

type Line = { id: number; sku: string; nameZh: string; nameEn: string; spec: string; unitPriceFen: number; quantity: number; lineTotalFen: number };

/** What was bought, at the prices copied when the order was placed. */
export function OrderLinesTable({
  lines,
  subtotalFen,
  shippingFen,
  totalFen,
  refundedFen,
  lineImages,
}: {
  lines: Line[];
  /** Each SKU's photo, where the page shows them (the buyer's own order page). */
  lineImages?: Record<string, string>;
  subtotalFen: number;
  shippingFen: number;
  totalFen: number;
  refundedFen: number;
}) {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  return (
    <TableScroller label={t("orders.lines")} className="rounded border border-stone-300 bg-white">
      <table className="w-full min-w-[30rem] text-left text-sm">
        <thead className="border-b border-stone-300 bg-stone-100">
          <tr>
            <th scope="col" className="px-3 py-2">{t("cart.product")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("cart.unitPrice")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("cart.quantity")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("cart.lineTotal")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-b border-stone-200">
              <td className="px-3 py-2">
                <div className="flex items-center gap-3">
                  {lineImages ? (
                    <ProductPhoto url={lineImages[l.sku]} alt="" sizes="48px" width={48} height={48} loading="lazy" className="h-12 w-12 shrink-0 rounded bg-stone-100 object-cover" />
                  ) : null}
                  <div>
                    <span className="font-medium">{localize(l.nameZh, l.nameEn)}</span>
                    <span className="block text-xs text-stone-600">{localizeSpec(l.spec)} · {l.sku}</span>
                  </div>
                </div>
              </td>
              <td className="px-3 py-2 text-right"><Money fen={l.unitPriceFen} /></td>
              <td className="px-3 py-2 text-right">{l.quantity}</td>
              <td className="px-3 py-2 text-right"><Money fen={l.lineTotalFen} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3} className="px-3 pt-2 text-right font-normal text-stone-700">{t("orders.subtotal")}</th>
            <td className="px-3 pt-2 text-right"><Money fen={subtotalFen} /></td>
          </tr>
          {shippingFen > 0 ? (
            <tr>
              <th scope="row" colSpan={3} className="px-3 text-right font-normal text-stone-700">{t("orders.shipping")}</th>
              <td className="px-3 text-right"><Money fen={shippingFen} /></td>
            </tr>
          ) : null}
          <tr>
            <th scope="row" colSpan={3} className="px-3 py-2 text-right">{t("orders.total")}</th>
            <td className="px-3 py-2 text-right font-semibold" data-testid="order-total"><Money fen={totalFen} /></td>
          </tr>
          {refundedFen > 0 ? (
            <tr>
              <th scope="row" colSpan={3} className="px-3 pb-2 text-right font-normal text-stone-700">{t("orders.refunded")}</th>
              <td className="px-3 pb-2 text-right"><Money fen={-refundedFen} /></td>
            </tr>
          ) : null}
        </tfoot>
      </table>
    </TableScroller>
  );
}

type OrderEventView = { status: string; note: string; createdAt: Date | string };

/** The order's history, oldest first. Buyers see only notes written for them; administrators see all. */
export function OrderTimeline({ events, showNotes }: { events: OrderEventView[]; showNotes: "buyer" | "all" }) {
  const { t } = useTranslation("orders");
  return (
    <ol className="space-y-2 border-l-2 border-stone-300 pl-4 text-sm" aria-label={t("orders.history")}>
      {events.map((e, i) => {
        const known = t(`orders.events.${e.note}`, { defaultValue: "" });
        const note = known || (showNotes === "all" || e.status === "SHIPPED" ? e.note : "");
        return (
          <li key={i}>
            <OrderStatusBadge status={e.status} /> <DateTime value={e.createdAt} />
            {note ? <span className="block text-stone-700">{note}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

type DeliveryView = {
  deliveryMethod: string;
  recipient: string;
  mobile: string;
  addressText: string;
  note: string;
  carrier: string;
  trackingNumber: string;
  pickupPoint: { nameZh: string; nameEn: string; addressZh: string; addressEn: string } | null;
};

export function DeliveryDetails({ order }: { order: DeliveryView }) {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  return (
    <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-stone-600">{t("checkout.delivery")}</dt>
      <dd>{t(`checkout.methods.${order.deliveryMethod as "DELIVERY" | "PICKUP"}`)}</dd>
      {order.deliveryMethod === "PICKUP" && order.pickupPoint ? (
        <>
          <dt className="text-stone-600">{t("orders.pickupAt")}</dt>
          <dd>
            {localize(order.pickupPoint.nameZh, order.pickupPoint.nameEn)}
            <span className="block text-stone-600">{localize(order.pickupPoint.addressZh, order.pickupPoint.addressEn)}</span>
          </dd>
        </>
      ) : (
        <>
          <dt className="text-stone-600">{t("orders.recipient")}</dt>
          <dd>
            {order.recipient} {order.mobile}
            <span className="block text-stone-600">{order.addressText}</span>
          </dd>
        </>
      )}
      {order.note ? (
        <>
          <dt className="text-stone-600">{t("orders.note")}</dt>
          <dd className="break-words">{order.note}</dd>
        </>
      ) : null}
      {order.trackingNumber ? (
        <>
          <dt className="text-stone-600">{t("orders.carrier")}</dt>
          <dd>{order.carrier}</dd>
          <dt className="text-stone-600">{t("orders.trackingNumber")}</dt>
          <dd className="font-mono" data-testid="tracking-number">{order.trackingNumber}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The lines, delivery and history of one order, as the buyer and the office both see them. */
export function OrderSections({
  order,
  showNotes,
  lineImages,
}: {
  order: Parameters<typeof OrderLinesTable>[0] & DeliveryView & { events: OrderEventView[] };
  showNotes: "buyer" | "all";
  lineImages?: Record<string, string>;
}) {
  const { t } = useTranslation("orders");
  return (
    <>
      <section aria-labelledby="lines-title" className="space-y-2">
        <h2 id="lines-title" className="text-lg font-semibold">{t("orders.lines")}</h2>
        <OrderLinesTable {...order} lineImages={lineImages} />
      </section>
      <section aria-labelledby="delivery-title" className="space-y-2">
        <h2 id="delivery-title" className="text-lg font-semibold">{t("orders.delivery")}</h2>
        <DeliveryDetails order={order} />
      </section>
      <section aria-labelledby="history-title" className="space-y-2">
        <h2 id="history-title" className="text-lg font-semibold">{t("orders.history")}</h2>
        <OrderTimeline events={order.events} showNotes={showNotes} />
      </section>
    </>
  );
}
