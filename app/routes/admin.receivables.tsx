import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { listReceivables } from "~/models/org-terms.server";
import { requireAdmin } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "org"] };

export const meta: MetaFunction = () => [{ title: "应收账款 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return listReceivables();
}

export default function Receivables() {
  const { t } = useTranslation("org");
  const { organisations, orders } = useLoaderData<typeof loader>();
  const th = "px-3 py-2";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("receivables.title")}</h1>
      <p className="text-sm text-stone-700">{t("receivables.intro")}</p>
      {orders.length === 0 ? <p className="text-stone-700">{t("receivables.empty")}</p> : null}
      {organisations.length > 0 ? (
        <section aria-labelledby="by-org" className="space-y-2">
          <h2 id="by-org" className="text-lg font-semibold">{t("receivables.byOrganisation")}</h2>
          <TableScroller label={t("receivables.byOrganisation")} className="rounded border border-stone-300 bg-white">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <thead className="border-b border-stone-300 bg-stone-100">
                <tr>
                  <th scope="col" className={th}>{t("receivables.organisation")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("receivables.orders")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("receivables.outstanding")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("receivables.overdue")}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((o) => (
                  <tr key={o.id} className="border-b border-stone-200">
                    <td className={th}><Link to={`/admin/organisations/${o.id}`} className="text-brand-700 underline">{o.name}</Link></td>
                    <td className={`${th} text-right`}>{o.orders}</td>
                    <td className={`${th} text-right`}><Money fen={o.outstandingFen} /></td>
                    <td className={`${th} text-right ${o.overdueFen > 0 ? "font-semibold text-red-800" : ""}`}><Money fen={o.overdueFen} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </section>
      ) : null}
      {orders.length > 0 ? (
        <section aria-labelledby="open-orders" className="space-y-2">
          <h2 id="open-orders" className="text-lg font-semibold">{t("receivables.openOrders")}</h2>
          <TableScroller label={t("receivables.openOrders")} className="rounded border border-stone-300 bg-white">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="border-b border-stone-300 bg-stone-100">
                <tr>
                  <th scope="col" className={th}>{t("orders.number")}</th>
                  <th scope="col" className={th}>{t("receivables.organisation")}</th>
                  <th scope="col" className={th}>{t("orders.status")}</th>
                  <th scope="col" className={th}>{t("receivables.dueDate")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("receivables.total")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("receivables.outstanding")}</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id} className="border-b border-stone-200">
                    <td className={th}>
                      <Link to={`/admin/receivables/${o.number}`} className="font-mono text-brand-700 underline">{o.number}</Link>
                      {o.poNumber ? <span className="block text-xs text-stone-600">{t("orders.po")} {o.poNumber}</span> : null}
                    </td>
                    <td className={th}>{o.organisation?.name}</td>
                    <td className={th}><OrderStatusBadge status={o.status} /></td>
                    <td className={th}>
                      {o.dueDate ? <DateTime value={o.dueDate} /> : null}
                      {o.overdue ? <span className="ml-2 rounded bg-red-100 px-1.5 text-xs font-medium text-red-900">{t("receivables.overdueBadge")}</span> : null}
                    </td>
                    <td className={`${th} text-right`}><Money fen={o.totalFen} /></td>
                    <td className={`${th} text-right font-semibold`}><Money fen={o.outstandingFen} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </section>
      ) : null}
    </section>
  );
}
