import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { Pager } from "~/components/admin/pager";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { FormAlert } from "~/components/orders/field-error";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { listOrdersForAdmin } from "~/models/order-admin.server";
import { orderStatuses } from "~/models/order-transitions";
import { reconcilePayments } from "~/models/payment-reconciliation.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { replyMessage } from "~/utils/form-reply";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "orders", "account"] };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));

// A malformed filter is ignored rather than refused, so an edited URL still shows a list.
const FilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(orderStatuses).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...(await listOrdersForAdmin(filter)), statuses: orderStatuses };
}

const ReconcileSchema = z.object({ intent: z.literal("reconcile", "orders:errors.intent") });

/** The one action here: ask the payment provider for payments and refunds the hall has not recorded (audited). */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseForm(await request.formData(), ReconcileSchema);
  if (submission.status !== "success") return refuse(submission, {}, { extra: { reconcile: null } });
  const result = await reconcilePayments({ actorUserId: admin.id });
  const reconcile = result.ok ? { ok: true as const, found: result.found, applied: result.applied, failed: result.failed } : { ok: false as const, reason: result.reason };
  return data({ result: submission.reply({ resetForm: true }), reconcile }, { status: result.ok ? 200 : 502 });
}

function ReconcileResult({ result }: { result: NonNullable<ReturnType<typeof useActionData<typeof action>>>["reconcile"] }) {
  const { t } = useTranslation("orders");
  if (!result) return null;
  if (!result.ok) return <p role="alert" className="text-sm text-red-800">{t(`adminOrders.reconcile.${result.reason}`)}</p>;
  return <p role="status" className="text-sm text-green-900">{t("adminOrders.reconcile.done", { found: result.found, applied: result.applied, failed: result.failed })}</p>;
}

export default function AdminOrders() {
  const { t } = useTranslation("orders");
  const { orders, total, page, pages, statuses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const inputClass = "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("adminOrders.title")}</h1>
      <Form method="post" className="flex flex-wrap items-center gap-3 rounded border border-stone-300 bg-white p-3 text-sm">
        <p className="flex-1 text-stone-700">{t("adminOrders.reconcile.intro")}</p>
        <button type="submit" name="intent" value="reconcile" disabled={navigation.state !== "idle"} className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60">
          {t("adminOrders.reconcile.button")}
        </button>
        <ReconcileResult result={actionData?.reconcile ?? null} />
        <FormAlert message={replyMessage(actionData?.result)} />
      </Form>
      <Form method="get" role="search" aria-label={t("adminOrders.searchLabel")} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">{t("adminOrders.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">{t("adminOrders.statusLabel")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""} className={inputClass}>
            <option value="">{t("admin:common.all")}</option>
            {statuses.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium">{t("adminOrders.from")}</label>
          <input id="from" name="from" type="date" defaultValue={params.get("from") ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">{t("adminOrders.to")}</label>
          <input id="to" name="to" type="date" defaultValue={params.get("to") ?? ""} className={inputClass} />
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("adminOrders.filter")}</button>
      </Form>
      {orders.length === 0 ? (
        <p className="text-stone-700">{t("adminOrders.empty")}</p>
      ) : (
        <TableScroller label={t("adminOrders.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100 text-stone-800">
              <tr>
                {(["number", "buyer", "placedAt", "method", "status", "total"] as const).map((c) => (
                  <th key={c} scope="col" className={`px-3 py-2 ${c === "total" ? "text-right" : ""}`}>{t(`adminOrders.columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.number} className="border-b border-stone-200">
                  <td className="px-3 py-2">
                    <Link to={`/admin/orders/${o.number}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">{o.number}</Link>
                  </td>
                  <td className="px-3 py-2">
                    {o.user.name}
                    {o.user.employeeNo ? <span className="block font-mono text-xs text-stone-600">{o.user.employeeNo}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2"><DateTime value={o.createdAt} /></td>
                  <td className="px-3 py-2">{t(`checkout.methods.${o.deliveryMethod as "DELIVERY" | "PICKUP"}`)}</td>
                  <td className="px-3 py-2"><OrderStatusBadge status={o.status} /></td>
                  <td className="px-3 py-2 text-right"><Money fen={o.totalFen} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pager page={page} hasNext={page < pages} summary={t("adminOrders.page", { page, pages, total })} />
    </section>
  );
}
