import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BulkNav } from "~/components/org/bulk-nav";
import { OrgOrderTable } from "~/components/org/org-order-table";
import { APPROVING_ROLES, listOrgOrders, organisationForPage } from "~/models/org-order.server";
import { requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["gifts", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "待审批订单 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** Orders waiting for an approver; each opens on its order page, where it is approved or rejected. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const membership = await organisationForPage(user.id, new URL(request.url).searchParams.get("org"), APPROVING_ROLES);
  if (!membership) return { membership: null, orders: [] };
  return { membership, orders: await listOrgOrders(membership.organisation.id, { pendingApproval: true }) };
}

export default function Approvals() {
  const { t } = useTranslation("org");
  const { membership, orders } = useLoaderData<typeof loader>();
  if (!membership) return <p className="mx-auto max-w-3xl text-stone-700">{t("approvals.notApprover")}</p>;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={membership.organisation.id} name={membership.organisation.name} showApprovals />
      <h1 className="text-2xl font-semibold">{t("approvals.title")}</h1>
      <OrgOrderTable orders={orders} empty={t("approvals.empty")} />
    </section>
  );
}
