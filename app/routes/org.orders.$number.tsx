import { GiftSummary } from "~/components/gifts/gift-summary";
import { giftSummary } from "~/models/gift-order.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextAreaField } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { BulkNav, useMessageParams } from "~/components/org/bulk-nav";
import { OrderSections } from "~/components/orders/order-details";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { CancelSchema, DecisionSchema, IntentOnlySchema, RatingsSchema, ReceiveSchema } from "~/models/org-order-schema";
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
import { requireMembership } from "~/models/organisation.server";
import { startPayment } from "~/models/payment.server";
import { allows } from "~/models/order-transitions";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
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

const SCHEMAS = {
  approve: DecisionSchema,
  reject: DecisionSchema,
  pay: IntentOnlySchema,
  cancel: CancelSchema,
  receive: ReceiveSchema,
  retryRefund: IntentOnlySchema,
  rate: RatingsSchema,
} as const;
const isIntent = (value: unknown): value is keyof typeof SCHEMAS => typeof value === "string" && Object.hasOwn(SCHEMAS, value);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { order } = await requireOrgOrder(user.id, params.number);
  const organisationId = order.organisationId!;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = (done: string) => redirect(`/org/orders/${order.number}?done=${done}`);
  const may = (roles: readonly ("BUYER" | "APPROVER" | "ORG_ADMIN")[]) => requireMembership(user.id, organisationId, { roles, approved: true });
  if (!isIntent(intent)) return refuse(parseForm(formData, IntentOnlySchema), { formError: "org:errors.formHasErrors" }, { extra: { intent: "" } });
  const extra = (more: { params?: Record<string, number> } = {}) => ({ intent, ...more });

  switch (intent) {
    case "approve":
    case "reject": {
      await may(APPROVING_ROLES);
      const submission = parseForm(formData, DecisionSchema);
      if (submission.status !== "success") return refuse(submission, {}, { extra: extra() });
      const result = await decideOrgOrder(order.id, organisationId, user.id, submission.value);
      if (result.ok) throw back("decided");
      if (result.reason === "not-found") throw new Response("Not found", { status: 404 });
      if (result.reason === "over-credit-limit") return refuse(submission, { formError: "org:checkout.overCreditLimit" }, { status: 409, extra: extra({ params: { available: result.availableFen } }) });
      if (result.reason === "own-order") return refuse(submission, { formError: "org:orders.ownOrder" }, { status: 403, extra: extra() });
      return refuse(submission, { formError: "org:orders.alreadyDecided" }, { status: 409, extra: extra() });
    }
    case "pay": {
      await may(ORDERING_ROLES);
      const submission = parseForm(formData, IntentOnlySchema);
      if (order.status !== "AWAITING_PAYMENT") return refuse(submission, { formError: "orders:orders.notPayable" }, { status: 409, extra: extra() });
      const result = await startPayment(order.id, new URL(request.url).origin);
      if (result.ok) throw redirect(result.redirectUrl);
      return refuse(submission, { formError: result.reason === "not-payable" ? "orders:orders.notPayable" : "orders:orders.providerFailed" }, { status: 409, extra: extra() });
    }
    case "cancel": {
      await may(ORDERING_ROLES);
      const submission = parseForm(formData, CancelSchema);
      // Cancelling cannot be undone: only the confirmation's own button cancels.
      if (submission.status !== "success" || !submission.value.confirmed) throw redirect(`/org/orders/${order.number}?confirm=cancel`);
      if (!(await cancelOrgOrder(order.id, organisationId, user.id))) return refuse(submission, { formError: "org:orders.notCancellable" }, { status: 409, extra: extra() });
      throw back("cancelled");
    }
    case "receive": {
      await may(ORDERING_ROLES);
      const submission = parseForm(formData, ReceiveSchema);
      if (submission.status !== "success") return refuse(submission, {}, { extra: extra() });
      const result = await confirmReceipt(order.id, organisationId, user.id, submission.value.received);
      if (result.ok) throw back(result.refund === "refund-failed" ? "refundFailed" : result.shortageFen > 0 ? "receivedShort" : "receivedDone");
      if (result.reason === "quantities") {
        const fieldErrors = Object.fromEntries(result.lineIds.map((id) => [`received.${id}`, ["org:orders.receiveQuantities"]]));
        return refuse(submission, { formError: "org:orders.receiveQuantities", fieldErrors }, { extra: extra() });
      }
      return refuse(submission, { formError: result.reason === "already-received" ? "org:orders.alreadyReceived" : "org:orders.notDelivered" }, { status: 409, extra: extra() });
    }
    case "retryRefund": {
      await may(ORDERING_ROLES);
      throw back((await retryShortageRefund(order.id, user.id)) ? "receivedShort" : "refundFailed");
    }
    case "rate": {
      await may(ORDERING_ROLES);
      const submission = parseForm(formData, RatingsSchema);
      if (submission.status !== "success") return refuse(submission, {}, { extra: extra() });
      const result = await rateSuppliers(order.id, organisationId, user.id, submission.value);
      if (!result.ok) return refuse(submission, { formError: "org:orders.notDelivered" }, { status: 409, extra: extra() });
      throw back("rated");
    }
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
  const lastResult = (...intents: string[]) => (actionData && intents.includes(actionData.intent) ? actionData.result : null);
  const deciding = order.status === "PENDING_APPROVAL" && canApprove && !ownOrder;
  const receiving = order.status === "DELIVERED" && !order.receivedAt && canOrder;
  const messageValues = messageParams(actionData && "params" in actionData ? (actionData.params as Record<string, number> | undefined) : undefined);
  // Buttons that carry only ids (pay, cancel, rate), and forms gone since (decided, received), say what went wrong at the top.
  const ownForm = actionData && ((deciding && ["approve", "reject"].includes(actionData.intent)) || (receiving && actionData.intent === "receive"));
  const pageError = actionData && !ownForm ? actionData.result.error?.[""]?.[0] : undefined;
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
      {pageError ? <FormError message={pageError} params={messageValues} /> : null}

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
          {deciding ? <DecisionForm lastResult={lastResult("approve", "reject")} params={messageValues} busy={busy} /> : null}
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

      {receiving ? <ReceiveForm lines={order.lines} lastResult={lastResult("receive")} busy={busy} /> : null}

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

function DecisionForm({ lastResult, params, busy }: { lastResult: FormReply | null; params: Record<string, string | number>; busy: boolean }) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(DecisionSchema, { id: "decision", lastResult });
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <FormError form={form} params={params} />
      <TextAreaField field={fields.reason} label={t("orders.decisionReason")} hint={t("orders.reasonHint")} rows={2} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="approve" busy={busy}>{t("orders.approve")}</SubmitButton>
        <SubmitButton name="intent" value="reject" variant="danger" busy={busy}>{t("orders.reject")}</SubmitButton>
      </div>
    </Form>
  );
}

/** What arrived, line by line ("received.<lineId>"), filled in with what was ordered. */
function ReceiveForm({ lines, lastResult, busy }: { lines: { id: number; sku: string; nameZh: string; quantity: number }[]; lastResult: FormReply | null; busy: boolean }) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(ReceiveSchema, {
    id: "receive",
    lastResult,
    defaultValue: { received: Object.fromEntries(lines.map((l) => [String(l.id), String(l.quantity)])) },
  });
  const received = fields.received.getFieldset();
  return (
    <Form method="post" className="space-y-3 rounded border border-stone-300 bg-white p-4" aria-labelledby="receive-title" {...getFormProps(form)}>
      <h2 id="receive-title" className="text-lg font-semibold">{t("orders.receiveTitle")}</h2>
      <p className="text-sm text-stone-700">{t("orders.receiveIntro")}</p>
      <FormError form={form} />
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-1">{t("order.sku")}</th>
            <th scope="col" className="py-1 text-right">{t("orders.ordered")}</th>
            <th scope="col" className="w-28 py-1 text-right">{t("orders.received")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const field = received[String(l.id)]!;
            const { key, ...props } = getInputProps(field, { type: "text" });
            const error = field.errors?.[0];
            return (
              <tr key={l.id} className="border-b border-stone-200 align-top">
                <td className="py-1"><span className="font-mono">{l.sku}</span> <span className="text-stone-600">{l.nameZh}</span></td>
                <td className="py-1 text-right">{l.quantity}</td>
                <td className="py-1 text-right">
                  <label htmlFor={field.id} className="sr-only">{t("orders.receivedOfLine", { sku: l.sku })}</label>
                  <input key={key} {...props} inputMode="numeric" className="w-24 rounded border border-stone-400 px-2 py-1 text-right aria-[invalid=true]:border-red-700" />
                  {error ? <p id={field.errorId} className="text-xs text-red-700">{t(error)}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <SubmitButton name="intent" value="receive" busy={busy}>{t("orders.confirmReceipt")}</SubmitButton>
    </Form>
  );
}
