import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/admin/form-fields";
import { ShipmentTable } from "~/components/gifts/shipment-table";
import { Money } from "~/components/money";
import { BulkNav } from "~/components/org/bulk-nav";
import { giftOfOrder, listShipments } from "~/models/gift-order.server";
import { shipmentQuery } from "~/models/gift-schema";
import { requireOrgOrder } from "~/models/org-order.server";
import { requireUser } from "~/utils/auth.server";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "礼盒订单 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Another organisation's order number is as unknown as a made-up one: 404.
  const { order, membership } = await requireOrgOrder(user.id, params.number);
  const gift = await giftOfOrder(order.id);
  if (!gift) throw new Response("Not found", { status: 404 });
  const list = await listShipments(order.id, shipmentQuery(new URL(request.url)));
  return { order: { number: order.number, status: order.status, totalFen: order.totalFen }, gift, list, membership };
}

export default function OrgGiftOrder() {
  const { t } = useTranslation("gifts");
  const { t: tOrders } = useTranslation("orders");
  const localize = useLocalize();
  const { order, gift, list, membership } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <BulkNav organisationId={membership.organisation.id} name={membership.organisation.name} showApprovals={membership.role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("shipments.orderTitle", { number: order.number })}</h1>
      {done === "placed" || done === "placedPending" ? <Notice>{t(`shipments.${done}`)}</Notice> : null}
      <p className="text-sm">
        {t("shipments.summary", { box: localize(gift.giftBox.nameZh, gift.giftBox.nameEn), boxes: gift.boxes, count: list.all })} · <Money fen={order.totalFen} /> ·{" "}
        {tOrders(`status.${order.status}`, { defaultValue: order.status })}
      </p>
      <Link to={`/org/orders/${order.number}`} className="inline-block text-sm text-brand-700 underline">{t("shipments.backToOrder")}</Link>
      <h2 className="text-lg font-semibold">{t("shipments.title")}</h2>
      <ShipmentTable list={list} />
    </section>
  );
}
