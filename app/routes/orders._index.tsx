import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { listOrdersForUser } from "~/models/order.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "我的订单 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { orders: await listOrdersForUser(user.id) };
}

export default function MyOrders() {
  const { t } = useTranslation("orders");
  const { orders } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("orders.title")}</h1>
      <Link to="/orders/gifts" className="inline-block text-sm text-brand-700 underline">{t("gifts:mine.title")}</Link>
      {orders.length === 0 ? (
        <p className="text-stone-700">
          {t("orders.empty")}{" "}
          <Link to="/products" className="font-medium text-brand-700 underline underline-offset-2">{t("cart.browse")}</Link>
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded border border-stone-300 bg-white" aria-label={t("orders.title")}>
          {orders.map((o) => (
            <li key={o.number} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm" data-testid="order-row">
              <Link to={`/orders/${o.number}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
                {o.number}
              </Link>
              <OrderStatusBadge status={o.status} />
              <span className="text-stone-600"><DateTime value={o.createdAt} /></span>
              <span className="text-stone-600">{t("orders.items", { count: o._count.lines })}</span>
              <Money fen={o.totalFen} className="ml-auto font-semibold" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
