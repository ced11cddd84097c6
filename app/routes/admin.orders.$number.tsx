import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { OrderSections } from "~/components/orders/order-details";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { PendingApprovals } from "~/components/admin/approvals";
import { cancelOrAsk, pendingApprovalsFor, refundOrAsk } from "~/models/admin-approval.server";
import { AdminOrderActionSchema, fieldErrorsOf } from "~/models/checkout-schema";
import { getOrderForAdmin, markDelivered, markShipped } from "~/models/order.server";
import { requireAdmin } from "~/utils/auth.server";
import { formatFen, parseYuanToFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "orders"] };

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

type ActionData = {
  intent: string | null;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
  errorParams?: Record<string, string | number>;
  values: Record<string, string>;
  refundKey?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const order = await findOrder(params.number);
  const form = Object.fromEntries([...(await request.formData())].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.slice(0, 250)]));
  const fail = (body: Partial<ActionData>, status = 400) =>
    data<ActionData>({ intent: typeof form.intent === "string" ? form.intent.slice(0, 20) : null, fieldErrors: {}, formError: null, values, ...body }, { status });

  const parsed = AdminOrderActionSchema.safeParse(form);
  if (!parsed.success) return fail({ fieldErrors: fieldErrorsOf(parsed.error), formError: "admin:common.formHasErrors", refundKey: randomUUID() });
  const input = parsed.data;
  const done = (what: string) => redirect(`/admin/orders/${order.number}?done=${what}`);

  switch (input.intent) {
    case "ship":
      if (!(await markShipped(order.id, input.carrier, input.trackingNumber, admin.id))) return fail({ formError: "orders:errors.notShippable" }, 409);
      throw done("shipped");
    case "deliver":
      if (!(await markDelivered(order.id, admin.id))) return fail({ formError: "orders:errors.notDeliverable" }, 409);
      throw done("delivered");
    case "refund": {
      const left = order.totalFen - order.refundedFen;
      const amountFen = parseYuanToFen(input.amount);
      const refundKey = randomUUID();
      if (amountFen === null) return fail({ fieldErrors: { amount: ["orders:errors.amountFormat"] }, refundKey });
      if (amountFen <= 0) return fail({ fieldErrors: { amount: ["orders:errors.amountPositive"] }, refundKey });
      if (amountFen > left) return fail({ fieldErrors: { amount: ["orders:errors.amountTooMuch"] }, errorParams: { max: formatFen(left) }, refundKey });
      // Above REFUND_CONFIRM_ABOVE_FEN the refund waits for a second administrator (ADR 029).
      const { waiting, result } = await refundOrAsk({ orderId: order.id, orderNumber: order.number, amountFen, reason: input.reason, userId: admin.id, idempotencyKey: input.idempotencyKey });
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
        return fail({ formError: message, errorParams: { max: formatFen(left) }, refundKey }, 409);
      }
      throw done("refunded");
    }
    case "cancel": {
      // Cancelling a paid order is a refund: above REFUND_CONFIRM_ABOVE_FEN it waits too (ADR 029).
      const { waiting, result } = await cancelOrAsk({ orderId: order.id, orderNumber: order.number, reason: input.reason, userId: admin.id });
      if (waiting) throw done("cancelAsked");
      if (!result.ok) return fail({ formError: result.reason === "provider-failed" ? "orders:errors.providerFailed" : "orders:errors.notCancellable" }, 409);
      throw done("cancelled");
    }
  }
}

export default function AdminOrder() {
  const { t } = useTranslation("orders");
  const { order, refundKey, waiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const done = params.get("done");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.fieldErrors : undefined);
  // Field errors get a summary in their own form; other refusals are one alert at the top.
  const summaryFor = (intent: string) => (actionData?.intent === intent && Object.keys(actionData.fieldErrors).length > 0 ? actionData.formError : null);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : {});
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
      {actionData?.formError && Object.keys(actionData.fieldErrors).length === 0 ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(actionData.formError, actionData.errorParams)}</p>
      ) : null}

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
          <Form method="post" className="space-y-3" noValidate aria-labelledby="ship-title">
            <h3 id="ship-title" className={formTitle}>{t("adminOrders.ship")}</h3>
            <FormError message={summaryFor("ship")} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField form="ship" name="carrier" label={t("adminOrders.carrier")} required errors={errorsFor("ship")} defaultValue={valuesFor("ship").carrier} />
              <TextField form="ship" name="trackingNumber" label={t("adminOrders.trackingNumber")} required errors={errorsFor("ship")} defaultValue={valuesFor("ship").trackingNumber} />
            </div>
            <SubmitButton name="intent" value="ship" busy={busy}>{t("adminOrders.ship")}</SubmitButton>
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
          <Form method="post" className="space-y-3" noValidate aria-labelledby="refund-title">
            <h3 id="refund-title" className={formTitle}>{t("adminOrders.refund")}</h3>
            <FormError message={summaryFor("refund")} />
            <input type="hidden" name="idempotencyKey" value={actionData?.refundKey ?? refundKey} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                form="refund"
                name="amount"
                label={t("adminOrders.refundAmount")}
                hint={t("adminOrders.refundHint", { max: formatFen(left) })}
                inputMode="decimal"
                required
                errors={errorsFor("refund")}
                errorParams={actionData?.errorParams}
                defaultValue={valuesFor("refund").amount}
              />
              <TextField form="refund" name="reason" label={t("adminOrders.refundReason")} required errors={errorsFor("refund")} defaultValue={valuesFor("refund").reason} />
            </div>
            <SubmitButton name="intent" value="refund" busy={busy} variant="secondary">{t("adminOrders.refund")}</SubmitButton>
          </Form>
        ) : null}
        {canCancel ? (
          <Form method="post" className="space-y-3" noValidate aria-labelledby="cancel-title">
            <h3 id="cancel-title" className={formTitle}>{t("adminOrders.cancel")}</h3>
            <p className="text-sm text-stone-700">{t("adminOrders.cancelHint")}</p>
            <FormError message={summaryFor("cancel")} />
            <TextField form="cancel" name="reason" label={t("adminOrders.cancelReason")} required errors={errorsFor("cancel")} defaultValue={valuesFor("cancel").reason} />
            <SubmitButton name="intent" value="cancel" busy={busy} variant="danger">{t("adminOrders.cancel")}</SubmitButton>
          </Form>
        ) : null}
      </section>

      <OrderSections order={order} showNotes="all" />
    </article>
  );
}
