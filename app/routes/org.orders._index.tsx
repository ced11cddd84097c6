import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BulkNav } from "~/components/org/bulk-nav";
import { OrgOrderTable } from "~/components/org/org-order-table";
import { listOrgOrders, organisationForPage } from "~/models/org-order.server";
import { requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["gifts", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "单位订单 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** Every member sees the organisation's orders (buyers, approvers and admins alike); nobody else. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const membership = await organisationForPage(user.id, new URL(request.url).searchParams.get("org"));
  if (!membership) return { membership: null, orders: [] };
  return { membership, orders: await listOrgOrders(membership.organisation.id) };
}

export default function OrgOrders() {
  const { t } = useTranslation("org");
  const { membership, orders } = useLoaderData<typeof loader>();
  if (!membership) return <p className="mx-auto max-w-3xl text-stone-700">{t("page.none")}</p>;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={membership.organisation.id} name={membership.organisation.name} showApprovals={membership.role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("orders.title")}</h1>
      <OrgOrderTable orders={orders} empty={t("orders.empty")} />
    </section>
  );
}
