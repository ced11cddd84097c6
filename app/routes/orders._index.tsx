import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { ProductPhoto } from "~/components/product-photo";
import { countMyOrdersByTab, listMyOrders } from "~/models/my-orders.server";
import { nextActionFor, ORDER_TABS, orderTabOf, type OrderTab } from "~/models/order-tabs";
import { requireUser } from "~/utils/auth.server";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["gifts", "orders"] };

export const meta: MetaFunction = () => [{ title: "我的订单 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tab = orderTabOf(new URL(request.url).searchParams.get("tab"));
  const [orders, counts] = await Promise.all([listMyOrders(user.id, tab), countMyOrdersByTab(user.id)]);
  return { tab, orders, counts };
}

export default function MyOrders() {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  const { tab, orders, counts } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("orders.title")}</h1>
      <Link to="/orders/gifts" className="inline-block text-sm text-brand-700 underline">{t("gifts:mine.title")}</Link>
      <nav aria-label={t("orders.tabsLabel")} className="-mx-4 overflow-x-auto border-b border-stone-300 px-4">
        <ul className="flex gap-1 whitespace-nowrap text-sm">
          {(Object.keys(ORDER_TABS) as OrderTab[]).map((key) => (
            <li key={key}>
              <Link
                to={key === "all" ? "/orders" : `/orders?tab=${key}`}
                aria-current={key === tab ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 ${key === tab ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-stone-700 hover:text-stone-900"}`}
              >
                {t(`orders.tabs.${key}`)}
                {counts[key] > 0 ? <span className="ml-1 text-xs text-stone-600">{counts[key]}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {orders.length === 0 ? (
        <div className="rounded border border-stone-300 bg-white p-6 text-center" data-testid="orders-empty">
          <p className="text-stone-700">{tab === "all" ? t("orders.empty") : t("orders.emptyTab", { tab: t(`orders.tabs.${tab}`) })}</p>
          <div className="mt-3 flex flex-wrap justify-center gap-3 text-sm">
            {tab !== "all" ? <Link to="/orders" className="font-medium text-brand-700 underline underline-offset-2">{t("orders.allOrders")}</Link> : null}
            <Link to="/products" className="font-medium text-brand-700 underline underline-offset-2">{t("cart.browse")}</Link>
          </div>
        </div>
      ) : (
        <ul className="space-y-3" aria-label={t(`orders.tabs.${tab}`)}>
          {orders.map((o) => {
            const next = nextActionFor(o.status);
            const first = o.lines[0];
            return (
              <li key={o.number} className="rounded border border-stone-300 bg-white p-3 text-sm" data-testid="order-row">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Link to={`/orders/${o.number}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
                    {o.number}
                  </Link>
                  <OrderStatusBadge status={o.status} />
                  <span className="text-stone-600"><DateTime value={o.createdAt} /></span>
                </div>
                <div className="mt-2 flex items-center gap-2">
                  <ul className="flex gap-2" aria-label={t("orders.lines")}>
                    {o.lines.map((l, i) => (
                      <li key={i}>
                        <ProductPhoto url={l.imageUrl} alt={localize(l.nameZh, l.nameEn)} sizes="56px" width={56} height={56} loading="lazy" className="h-14 w-14 rounded bg-stone-100 object-cover" />
                      </li>
                    ))}
                  </ul>
                  <span className="min-w-0 flex-1 text-stone-700">
                    {o._count.lines === 1 && first ? localize(first.nameZh, first.nameEn) : t("orders.items", { count: o._count.lines })}
                  </span>
                </div>
                <div className="mt-2 flex flex-wrap items-center justify-end gap-3">
                  <Money fen={o.totalFen} className="font-semibold" />
                  <Link
                    to={next === "again" && first ? `/products/${first.slug}` : `/orders/${o.number}`}
                    className={`rounded px-3 py-1.5 font-medium ${next === "pay" ? "bg-brand-700 text-white hover:bg-brand-800" : "border border-stone-400 hover:bg-stone-100"}`}
                    data-testid="next-action"
                  >
                    {t(`orders.next.${next}`)}
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
