import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { OrderSections } from "~/components/orders/order-details";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { PendingApprovals } from "~/components/admin/approvals";
import { cancelOrAsk, pendingApprovalsFor, refundOrAsk } from "~/models/admin-approval.server";
import { AdminOrderActionSchema, CancelSchema, RefundSchema, ShipSchema } from "~/models/checkout-schema";
import { getOrderForAdmin, markDelivered, markShipped } from "~/models/order.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "orders", "account"] };

async function findOrder(number: string | undefined) {
  const order = await getOrderForAdmin(number ?? "");
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  // A new refund key per rendering: a double-submitted refund form refunds once.
  const order = await findOrder(params.number);
  return { order, refundKey: randomUUID(), waiting: await pendingApprovalsFor([`Order:${order.id}`]) };
}

type Answered = { intent: string | null; errorParams: Record<string, string | number>; refundKey: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const order = await findOrder(params.number);
  const formData = await request.formData();
  const submission = parseForm(formData, AdminOrderActionSchema);
  const intent = formData.get("intent");
  // Which form was answered, and a new refund key: the refund form, shown again, is a new request.
  const answered: Answered = { intent: typeof intent === "string" ? intent.slice(0, 20) : null, errorParams: {}, refundKey: randomUUID() };
  if (submission.status !== "success") return refuse(submission, {}, { extra: answered });
  const input = submission.value;
  const done = (what: string) => redirect(`/admin/orders/${order.number}?done=${what}`);
  const refused = (formError: string, errorParams: Answered["errorParams"] = {}) => refuse(submission, { formError }, { status: 409, extra: { ...answered, errorParams } });

  switch (input.intent) {
    case "ship":
      if (!(await markShipped(order.id, input.carrier, input.trackingNumber, admin.id))) return refused("orders:errors.notShippable");
      throw done("shipped");
    case "deliver":
      if (!(await markDelivered(order.id, admin.id))) return refused("orders:errors.notDeliverable");
      throw done("delivered");
    case "refund": {
      const left = order.totalFen - order.refundedFen;
      const max: Answered["errorParams"] = { max: formatFen(left) };
      if (input.amount > left) return refuse(submission, { fieldErrors: { amount: ["orders:errors.amountTooMuch"] } }, { extra: { ...answered, errorParams: max } });
      // Above REFUND_CONFIRM_ABOVE_FEN the refund waits for a second administrator (ADR 029).
      const { waiting, result } = await refundOrAsk({ orderId: order.id, orderNumber: order.number, amountFen: input.amount, reason: input.reason, userId: admin.id, idempotencyKey: input.idempotencyKey });
      if (waiting) throw done("refundAsked");
      if (!result.ok) {
        const message = {
          "not-found": "orders:errors.notPaid",
          "not-paid": "orders:errors.notPaid",
          "too-much": "orders:errors.amountTooMuch",
          "bad-amount": "orders:errors.amountPositive",
          "provider-failed": "orders:errors.providerFailed",
          "not-confirmed": "orders:errors.providerFailed",
        }[result.reason];
        return refused(message, max);
      }
      throw done("refunded");
    }
    case "cancel": {
      // Cancelling a paid order is a refund: above REFUND_CONFIRM_ABOVE_FEN it waits too (ADR 029).
      const { waiting, result } = await cancelOrAsk({ orderId: order.id, orderNumber: order.number, reason: input.reason, userId: admin.id });
      if (waiting) throw done("cancelAsked");
      if (!result.ok) return refused(result.reason === "provider-failed" ? "orders:errors.providerFailed" : "orders:errors.notCancellable");
      throw done("cancelled");
    }
  }
}

/** Inside a form, a line saying to fix the marked fields; a refusal of the whole form is shown once, at the top. */
function fieldsSummary(form: { allErrors: Record<string, string[]> }) {
  return Object.keys(form.allErrors).some((name) => name !== "") ? "common:form.hasErrors" : null;
}

export default function AdminOrder() {
  const { t } = useTranslation("orders");
  const { order, refundKey, waiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const done = params.get("done");
  const lastResultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : null);
  const [shipForm, shipFields] = useHallForm(ShipSchema, { id: "ship", lastResult: lastResultFor("ship") });
  const [refundForm, refundFields] = useHallForm(RefundSchema, { id: "refund", lastResult: lastResultFor("refund") });
  const [cancelForm, cancelFields] = useHallForm(CancelSchema, { id: "cancel", lastResult: lastResultFor("cancel") });
  // A refusal of a whole form, or of a hidden field (a forged intent, an expired refund key), is shown once, at the top.
  const errors = actionData?.result.error;
  const refusal = errors?.[""]?.[0] ?? errors?.intent?.[0] ?? errors?.idempotencyKey?.[0];
  const left = order.totalFen - order.refundedFen;
  // CONFIRMED: an organisation's order on terms, shipped before its bank transfer (ADR 012).
  const canShip = order.status === "PAID" || order.status === "CONFIRMED";
  const canDeliver = order.status === "SHIPPED";
  const canRefund = order.paidAt !== null && left > 0 && order.status !== "AWAITING_PAYMENT";
  const canCancel = order.status === "AWAITING_PAYMENT" || order.status === "PAID";
  const formTitle = "text-base font-semibold";
  return (
    <article className="space-y-6">
      <Link to="/admin/orders" className="text-sm text-brand-700 underline underline-offset-2">{t("adminOrders.back")}</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("orders.detailTitle", { number: order.number })}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      {done && ["shipped", "delivered", "refunded", "cancelled"].includes(done) ? (
        <Notice>{t(`adminOrders.done.${done as "shipped"}`)}</Notice>
      ) : null}
      {done === "refundAsked" || done === "cancelAsked" ? <Notice>{t("admin:approvals.waiting")}</Notice> : null}
      <PendingApprovals approvals={waiting} />
      {refusal ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(refusal, actionData?.errorParams)}</p> : null}

      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-600">{t("adminOrders.buyer")}</dt>
        <dd>{order.user.name}</dd>
        <dt className="text-stone-600">{t("adminOrders.employeeNo")}</dt>
        <dd className="font-mono">{order.user.employeeNo ?? "—"}</dd>
        <dt className="text-stone-600">{t("adminOrders.mobile")}</dt>
        <dd>{order.user.mobile ?? "—"}</dd>
        <dt className="text-stone-600">{t("orders.placedAt")}</dt>
        <dd><DateTime value={order.createdAt} /></dd>
      </dl>

      <section aria-labelledby="actions-title" className="space-y-4 rounded border border-stone-300 bg-white p-4">
        <h2 id="actions-title" className="text-lg font-semibold">{t("adminOrders.actions")}</h2>
        {!canShip && !canDeliver && !canRefund && !canCancel ? <p className="text-sm text-stone-700">{t("adminOrders.noActions")}</p> : null}
        {canShip ? (
          <Form method="post" className="space-y-3" aria-labelledby="ship-title" {...getFormProps(shipForm)}>
            <h3 id="ship-title" className={formTitle}>{t("adminOrders.ship")}</h3>
            <input type="hidden" name={shipFields.intent.name} value="ship" />
            <FormError message={fieldsSummary(shipForm)} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField field={shipFields.carrier} label={t("adminOrders.carrier")} />
              <TextField field={shipFields.trackingNumber} label={t("adminOrders.trackingNumber")} />
            </div>
            <SubmitButton busy={busy}>{t("adminOrders.ship")}</SubmitButton>
          </Form>
        ) : null}
        {canDeliver ? (
          <Form method="post" className="space-y-2" aria-labelledby="deliver-title">
            <h3 id="deliver-title" className={formTitle}>{t("adminOrders.deliver")}</h3>
            <p className="text-sm text-stone-700">{t("adminOrders.deliverHint")}</p>
            <SubmitButton name="intent" value="deliver" busy={busy}>{t("adminOrders.deliver")}</SubmitButton>
          </Form>
        ) : null}
        {canRefund ? (
          <Form method="post" className="space-y-3" aria-labelledby="refund-title" {...getFormProps(refundForm)}>
            <h3 id="refund-title" className={formTitle}>{t("adminOrders.refund")}</h3>
            <input type="hidden" name={refundFields.intent.name} value="refund" />
            <FormError message={fieldsSummary(refundForm)} />
            <input type="hidden" name={refundFields.idempotencyKey.name} value={actionData?.refundKey ?? refundKey} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                field={refundFields.amount}
                label={t("adminOrders.refundAmount")}
                hint={t("adminOrders.refundHint", { max: formatFen(left) })}
                inputMode="decimal"
                errorParams={actionData?.errorParams}
              />
              <TextField field={refundFields.reason} label={t("adminOrders.refundReason")} />
            </div>
            <SubmitButton busy={busy} variant="secondary">{t("adminOrders.refund")}</SubmitButton>
          </Form>
        ) : null}
        {canCancel ? (
          <Form method="post" className="space-y-3" aria-labelledby="cancel-title" {...getFormProps(cancelForm)}>
            <h3 id="cancel-title" className={formTitle}>{t("adminOrders.cancel")}</h3>
            <p className="text-sm text-stone-700">{t("adminOrders.cancelHint")}</p>
            <input type="hidden" name={cancelFields.intent.name} value="cancel" />
            <FormError message={fieldsSummary(cancelForm)} />
            <TextField field={cancelFields.reason} label={t("adminOrders.cancelReason")} />
            <SubmitButton busy={busy} variant="danger">{t("adminOrders.cancel")}</SubmitButton>
          </Form>
        ) : null}
      </section>

      <OrderSections order={order} showNotes="all" />
    </article>
  );
}
