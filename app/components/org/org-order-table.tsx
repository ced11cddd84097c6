import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/orders/order-status";
import type { listOrgOrders } from "~/models/org-order.server";

type Orders = Awaited<ReturnType<typeof listOrgOrders>>;

/** An organisation's orders (or those waiting for approval), newest first. */
export function OrgOrderTable({ orders, empty }: { orders: (Omit<Orders[number], "createdAt"> & { createdAt: Date | string })[]; empty: string }) {
  const { t } = useTranslation("org");
  if (orders.length === 0) return <p className="text-stone-700">{empty}</p>;
  return (
    <TableScroller label={t("orders.title")} className="rounded border border-stone-300 bg-white">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-stone-300 bg-stone-100">
          <tr>
            <th scope="col" className="px-3 py-2">{t("orders.number")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.placedAt")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.placedBy")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.status")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("orders.total")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.number} className="border-b border-stone-200">
              <td className="px-3 py-2">
                <Link to={`/org/orders/${o.number}`} className="font-mono text-brand-700 underline">{o.number}</Link>
                {o.poNumber ? <span className="block text-xs text-stone-600">{t("orders.po")} {o.poNumber}</span> : null}
              </td>
              <td className="px-3 py-2"><DateTime value={o.createdAt} /></td>
              <td className="px-3 py-2">{o.user.name}</td>
              <td className="px-3 py-2"><OrderStatusBadge status={o.status} /></td>
              <td className="px-3 py-2 text-right"><Money fen={o.totalFen} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
