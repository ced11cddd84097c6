import { GiftSummary } from "~/components/gifts/gift-summary";
import { giftSummary } from "~/models/gift-order.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { Notice, SubmitButton, TextAreaField } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { BulkNav, useMessageParams } from "~/components/org/bulk-nav";
import { OrderSections } from "~/components/orders/order-details";
import { OrderStatusBadge } from "~/components/orders/order-status";
import type { FieldErrors } from "~/models/account-schema";
import { DecisionSchema, receivedQuantities } from "~/models/org-order-schema";
import {
  APPROVING_ROLES,
  cancelOrgOrder,
  confirmReceipt,
  decideOrgOrder,
  ORDERING_ROLES,
  otherApprovers,
  rateSuppliers,
  requireOrgOrder,
  retryShortageRefund,
} from "~/models/org-order.server";
import { outstandingFen } from "~/models/org-terms.server";
import { pathErrorsOf } from "~/models/organisation-schema";
import { requireMembership } from "~/models/organisation.server";
import { startPayment } from "~/models/payment.server";
import { allows } from "~/models/order-transitions";
import { formText } from "~/models/product-schema";
import { requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "orders", "org"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `单位订单 ${data.order.number} · 一汽扶贫馆` : "单位订单 · 一汽扶贫馆" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { order, membership } = await requireOrgOrder(user.id, params.number);
  const approvers = order.status === "PENDING_APPROVAL" ? await otherApprovers({ organisationId: order.organisationId!, userId: order.userId }) : null;
  return {
    order,
    membership,
    outstandingFen: order.paymentTerms === "ON_TERMS" ? outstandingFen(order) : 0,
    gift: await giftSummary(order.id),
    ownOrder: order.userId === user.id,
    noOtherApprover: approvers === 0,
  };
}

type ActionData = { intent: string; message?: string; params?: Record<string, string | number>; fieldErrors?: FieldErrors; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { order } = await requireOrgOrder(user.id, params.number);
  const organisationId = order.organisationId!;
  const form = formText(await request.formData());
  const intent = form.intent ?? "";
  const fail = (body: Omit<ActionData, "intent">, status = 400) => data<ActionData>({ intent, ...body }, { status });
  const back = (done: string) => redirect(`/org/orders/${order.number}?done=${done}`);
  const may = (roles: readonly ("BUYER" | "APPROVER" | "ORG_ADMIN")[]) => requireMembership(user.id, organisationId, { roles, approved: true });

  switch (intent) {
    case "approve":
    case "reject": {
      await may(APPROVING_ROLES);
      const parsed = DecisionSchema.safeParse(form);
      if (!parsed.success) return fail({ fieldErrors: pathErrorsOf(parsed.error), values: form, message: "org:errors.formHasErrors" });
      const result = await decideOrgOrder(order.id, organisationId, user.id, parsed.data);
      if (result.ok) throw back("decided");
      if (result.reason === "not-found") throw new Response("Not found", { status: 404 });
      if (result.reason === "over-credit-limit") return fail({ message: "org:checkout.overCreditLimit", params: { available: result.availableFen } }, 409);
      if (result.reason === "own-order") return fail({ message: "org:orders.ownOrder" }, 403);
      return fail({ message: "org:orders.alreadyDecided" }, 409);
    }
    case "pay": {
      await may(ORDERING_ROLES);
      if (order.status !== "AWAITING_PAYMENT") return fail({ message: "orders:orders.notPayable" }, 409);
      const result = await startPayment(order.id, new URL(request.url).origin);
      if (result.ok) throw redirect(result.redirectUrl);
      return fail({ message: result.reason === "not-payable" ? "orders:orders.notPayable" : "orders:orders.providerFailed" }, 409);
    }
    case "cancel": {
      await may(ORDERING_ROLES);
      // Cancelling cannot be undone: only the confirmation's own button cancels.
      if (form.confirmed !== "yes") throw redirect(`/org/orders/${order.number}?confirm=cancel`);
      if (!(await cancelOrgOrder(order.id, organisationId, user.id))) return fail({ message: "org:orders.notCancellable" }, 409);
      throw back("cancelled");
    }
    case "receive": {
      await may(ORDERING_ROLES);
      const result = await confirmReceipt(order.id, organisationId, user.id, receivedQuantities(form));
      if (result.ok) throw back(result.refund === "refund-failed" ? "refundFailed" : result.shortageFen > 0 ? "receivedShort" : "receivedDone");
      if (result.reason === "quantities") {
        return fail({ message: "org:orders.receiveQuantities", values: form, fieldErrors: Object.fromEntries(result.lineIds.map((id) => [`received.${id}`, ["org:orders.receiveQuantities"]])) });
      }
      return fail({ message: result.reason === "already-received" ? "org:orders.alreadyReceived" : "org:orders.notDelivered" }, 409);
    }
    case "retryRefund": {
      await may(ORDERING_ROLES);
      throw back((await retryShortageRefund(order.id, user.id)) ? "receivedShort" : "refundFailed");
    }
    case "rate": {
      await may(ORDERING_ROLES);
      const ratings = Object.entries(form)
        .map(([key, value]) => ({ match: /^stars\.(\d{1,9})$/.exec(key), value }))
        .filter((r) => r.match && /^[1-5]$/.test(r.value))
        .map((r) => ({ supplierId: Number(r.match![1]), stars: Number(r.value), comment: (form[`comment.${r.match![1]}`] ?? "").trim() }));
      const result = await rateSuppliers(order.id, organisationId, user.id, ratings);
      if (!result.ok) return fail({ message: "org:orders.notDelivered" }, 409);
      throw back("rated");
    }
    default:
      return fail({ message: "org:errors.formHasErrors" });
  }
}

const DONE = ["placed", "placedPending", "decided", "cancelled", "receivedDone", "rated"];

export default function OrgOrderPage() {
  const { t } = useTranslation("org");
  const { order, membership, outstandingFen, gift, ownOrder, noOtherApprover } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const messageParams = useMessageParams();
  const busy = navigation.state !== "idle";
  const done = params.get("done");
  const { role, organisation } = membership;
  const canOrder = role === "BUYER" || role === "ORG_ADMIN";
  const canApprove = role === "APPROVER" || role === "ORG_ADMIN";
  const cancellable = canOrder && allows("cancel", order);
  const confirming = cancellable && params.get("confirm") === "cancel";
  const suppliers = [...new Map(order.lines.map((l) => [l.product.supplier.id, l.product.supplier])).values()];
  const rated = new Map(order.ratings.map((r) => [r.supplierId, r]));
  const card = "space-y-3 rounded border border-stone-300 bg-white p-4";
  const errorOf = (name: string) => actionData?.fieldErrors?.[name]?.[0];
  return (
    <article className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={canApprove} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("orders.detailTitle", { number: order.number })}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <GiftSummary number={order.number} organisationId={organisation.id} gift={gift} />
      {done && DONE.includes(done) ? <Notice>{t(`orders.${done}`)}</Notice> : null}
      {done === "receivedShort" ? <Notice>{t("orders.receivedShort", messageParams({ amount: order.shortageFen }))}</Notice> : null}
      {done === "refundFailed" ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t("orders.refundFailed")}</p> : null}
      {actionData?.message ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(actionData.message, messageParams(actionData.params))}</p>
      ) : null}

      {order.approvalStatus !== "NONE" ? (
        <section aria-labelledby="approval-title" className={card}>
          <h2 id="approval-title" className="text-lg font-semibold">{t("orders.approval")}</h2>
          <p data-testid="approval-decision" className={order.approvalStatus === "REJECTED" ? "text-red-800" : ""}>
            {order.approvalStatus === "PENDING" ? t("orders.approvalPending") : order.approvalStatus === "APPROVED" ? t("orders.approved") : t("orders.rejected", { reason: order.decisionReason })}
            {order.decidedAt ? <> · <DateTime value={order.decidedAt} /></> : null}
          </p>
          {order.approvalStatus === "APPROVED" && order.decisionReason ? <p className="text-sm text-stone-700">{t("orders.decisionReason")}: {order.decisionReason}</p> : null}
          {order.status === "PENDING_APPROVAL" && noOtherApprover ? <p role="status" className="rounded bg-amber-50 p-3 text-sm text-amber-900">{t("orders.noOtherApprover")}</p> : null}
          {order.status === "PENDING_APPROVAL" && canApprove && ownOrder ? <p className="text-sm text-stone-700">{t("orders.ownOrder")}</p> : null}
          {order.status === "PENDING_APPROVAL" && canApprove && !ownOrder ? (
            <Form method="post" noValidate className="space-y-3">
              <TextAreaField name="reason" label={t("orders.decisionReason")} hint={t("orders.reasonHint")} rows={2} defaultValue={actionData?.values?.reason ?? ""} errors={actionData?.fieldErrors} />
              <div className="flex flex-wrap gap-3">
                <SubmitButton name="intent" value="approve" busy={busy}>{t("orders.approve")}</SubmitButton>
                <SubmitButton name="intent" value="reject" variant="danger" busy={busy}>{t("orders.reject")}</SubmitButton>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="summary-title" className={card}>
        <h2 id="summary-title" className="sr-only">{t("checkout.details")}</h2>
        <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
          <dt className="text-stone-600">{t("orders.placedBy")}</dt>
          <dd>{order.user.name} · <DateTime value={order.createdAt} /></dd>
          {order.poNumber ? (<><dt className="text-stone-600">{t("orders.po")}</dt><dd className="font-mono">{order.poNumber}</dd></>) : null}
          <dt className="text-stone-600">{t("orders.deliveryDate")}</dt>
          <dd>{order.requestedDeliveryDate} {order.deliveryWindow}</dd>
          <dt className="text-stone-600">{t("orders.invoice")}</dt>
          <dd>{order.invoiceTitle ? `${order.invoiceTitle} · ${order.invoiceTaxNumber}` : t("orders.noInvoice")}</dd>
          {order.invoices.length > 0 ? (
            <>
              <dt className="text-stone-600">{t("orders.invoicesIssued")}</dt>
              <dd>{order.invoices.map((i) => <span key={i.number} className="block">{i.number} · {i.issuedOn} · <Money fen={i.amountFen} /></span>)}</dd>
            </>
          ) : null}
          <dt className="text-stone-600">{t("orders.terms")}</dt>
          <dd>{t(`orders.termsValues.${order.paymentTerms as "PAY_NOW" | "ON_TERMS"}`)}</dd>
          {order.paymentTerms === "ON_TERMS" && order.dueDate ? (
            <>
              <dt className="text-stone-600">{t("orders.dueDate")}</dt>
              <dd><DateTime value={order.dueDate} /></dd>
              <dt className="text-stone-600">{t("orders.paidOnTerms")}</dt>
              <dd><Money fen={order.termsPaidFen} /></dd>
              <dt className="text-stone-600">{t("orders.outstanding")}</dt>
              <dd data-testid="outstanding"><Money fen={outstandingFen} /></dd>
            </>
          ) : null}
          {order.shortageFen > 0 ? (<><dt className="text-stone-600">{t("orders.shortage")}</dt><dd><Money fen={order.shortageFen} /></dd></>) : null}
          {order.receivedAt ? (<><dt className="text-stone-600">{t("orders.receivedAt")}</dt><dd><DateTime value={order.receivedAt} /></dd></>) : null}
        </dl>
        <div className="flex flex-wrap gap-3">
          {order.status === "AWAITING_PAYMENT" && canOrder ? (
            <Form method="post"><SubmitButton name="intent" value="pay" busy={busy}>{t("orders.pay")}</SubmitButton></Form>
          ) : null}
          {cancellable && !confirming ? (
            <Link to="?confirm=cancel" replace preventScrollReset className="rounded border border-red-700 bg-white px-5 py-2 font-medium text-red-800 hover:bg-red-50">
              {t("orders.cancel")}
            </Link>
          ) : null}
          {canOrder ? (
            <Form method="post" action="/org/order">
              <input type="hidden" name="org" value={organisation.id} />
              <input type="hidden" name="number" value={order.number} />
              <SubmitButton name="intent" value="reorder" variant="secondary">{t("orders.reorder")}</SubmitButton>
            </Form>
          ) : null}
          {order.receivedAt && order.shortageFen > 0 && order.paymentTerms === "PAY_NOW" && order.refundedFen < order.shortageFen && canOrder ? (
            <Form method="post"><SubmitButton name="intent" value="retryRefund" variant="secondary">{t("orders.retryRefund")}</SubmitButton></Form>
          ) : null}
        </div>
        {confirming ? (
          <div role="alertdialog" aria-labelledby="cancel-title" aria-describedby="cancel-body" className="rounded border border-red-300 bg-red-50 p-3">
            <h2 id="cancel-title" className="font-semibold text-red-900">{t("orders.cancelConfirmTitle")}</h2>
            <p id="cancel-body" className="mt-1 text-sm text-red-900">{t("orders.cancelConfirmBody")}</p>
            <div className="mt-3 flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="confirmed" value="yes" />
                <SubmitButton name="intent" value="cancel" variant="danger" busy={busy}>{t("orders.cancelConfirm")}</SubmitButton>
              </Form>
              <Link to="." replace className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">{t("orders.keep")}</Link>
            </div>
          </div>
        ) : null}
        {order.status === "AWAITING_PAYMENT" && order.reservedUntil ? (
          <p className="text-sm text-amber-900">{t("orders.payBy")} <DateTime value={order.reservedUntil} /></p>
        ) : null}
      </section>

      {order.status === "DELIVERED" && !order.receivedAt && canOrder ? (
        <Form method="post" noValidate className={card} aria-labelledby="receive-title">
          <h2 id="receive-title" className="text-lg font-semibold">{t("orders.receiveTitle")}</h2>
          <p className="text-sm text-stone-700">{t("orders.receiveIntro")}</p>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1">{t("order.sku")}</th>
                <th scope="col" className="py-1 text-right">{t("orders.ordered")}</th>
                <th scope="col" className="w-28 py-1 text-right">{t("orders.received")}</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => {
                const name = `received.${l.id}`;
                const error = errorOf(name);
                return (
                  <tr key={l.id} className="border-b border-stone-200 align-top">
                    <td className="py-1"><span className="font-mono">{l.sku}</span> <span className="text-stone-600">{l.nameZh}</span></td>
                    <td className="py-1 text-right">{l.quantity}</td>
                    <td className="py-1 text-right">
                      <label htmlFor={`received-${l.id}`} className="sr-only">{t("orders.receivedOfLine", { sku: l.sku })}</label>
                      <input id={`received-${l.id}`} name={name} inputMode="numeric" defaultValue={actionData?.values?.[name] ?? l.quantity} aria-invalid={error ? true : undefined} aria-describedby={error ? `received-${l.id}-error` : undefined} className="w-24 rounded border border-stone-400 px-2 py-1 text-right aria-[invalid=true]:border-red-700" />
                      {error ? <p id={`received-${l.id}-error`} className="text-xs text-red-700">{t(error)}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <SubmitButton name="intent" value="receive" busy={busy}>{t("orders.confirmReceipt")}</SubmitButton>
        </Form>
      ) : null}

      {order.receivedAt && canOrder && suppliers.length > 0 ? (
        <section aria-labelledby="rate-title" className={card}>
          <h2 id="rate-title" className="text-lg font-semibold">{t("orders.rateTitle")}</h2>
          {suppliers.every((s) => rated.has(s.id)) ? (
            <ul className="text-sm">{suppliers.map((s) => <li key={s.id}>{s.name}: {t("orders.yourRating", { stars: rated.get(s.id)!.stars })} {rated.get(s.id)!.comment}</li>)}</ul>
          ) : (
            <Form method="post" className="space-y-4">
              {suppliers.map((s) =>
                rated.has(s.id) ? (
                  <p key={s.id} className="text-sm">{s.name}: {t("orders.yourRating", { stars: rated.get(s.id)!.stars })}</p>
                ) : (
                  <fieldset key={s.id} className="space-y-2">
                    <legend className="font-medium">{s.name}</legend>
                    <div className="flex flex-wrap gap-3" role="radiogroup" aria-label={t("orders.starsOf", { supplier: s.name })}>
                      {[1, 2, 3, 4, 5].map((n) => (
                        <label key={n} className="flex items-center gap-1 text-sm">
                          <input type="radio" name={`stars.${s.id}`} value={n} className="accent-brand-700" /> {"★".repeat(n)}
                        </label>
                      ))}
                    </div>
                    <label htmlFor={`comment-${s.id}`} className="block text-sm">{t("orders.commentOf", { supplier: s.name })}</label>
                    <input id={`comment-${s.id}`} name={`comment.${s.id}`} maxLength={500} className="block w-full rounded border border-stone-400 px-2 py-1" />
                  </fieldset>
                ),
              )}
              <SubmitButton name="intent" value="rate" busy={busy}>{t("orders.rate")}</SubmitButton>
            </Form>
          )}
        </section>
      ) : null}

      <OrderSections order={order} showNotes="buyer" />
    </article>
  );
}
