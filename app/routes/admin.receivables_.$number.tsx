import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { useMessageParams } from "~/components/org/bulk-nav";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { beijingToday, InvoiceRecordSchema, TermsPaymentSchema } from "~/models/org-order-schema";
import { getOrderReceivable, outstandingFen, recordInvoice, recordTermsPayment } from "~/models/org-terms.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "orders", "org"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.order.number ?? ""} 收款与发票 · 管理后台` }];

async function orderOr404(number: string | undefined) {
  const order = await getOrderReceivable(number ?? "");
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const order = await orderOr404(params.number);
  return { order, outstandingFen: order.paymentTerms === "ON_TERMS" ? outstandingFen(order) : 0, today: beijingToday() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const order = await orderOr404(params.number);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "payment") {
    const submission = parseForm(formData, TermsPaymentSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent, errorParams: {} } });
    const result = await recordTermsPayment(order.id, submission.value, admin.id);
    if (!result.ok) {
      const problems = result.field === "form" ? { formError: result.message } : { fieldErrors: { [result.field]: [result.message] } };
      return refuse(submission, problems, { extra: { intent, errorParams: result.params ?? {} } });
    }
    throw redirect(`/admin/receivables/${order.number}?done=${result.replayed ? "paymentReplayed" : "paymentRecorded"}`);
  }
  if (intent === "invoice") {
    const submission = parseForm(formData, InvoiceRecordSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent, errorParams: {} } });
    const result = await recordInvoice(order.id, submission.value, admin.id);
    if (!result.ok) return refuse(submission, { fieldErrors: { [result.field]: [result.message] } }, { extra: { intent, errorParams: result.params ?? {} } });
    throw redirect(`/admin/receivables/${order.number}?done=invoiceRecorded`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function OrderReceivable() {
  const { t } = useTranslation("org");
  const { order, outstandingFen, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const messageParams = useMessageParams();
  const done = params.get("done");
  const errorParams = messageParams(actionData?.errorParams) as Record<string, string | number>;
  const [paymentForm, payment] = useHallForm(TermsPaymentSchema, { id: "payment", lastResult: actionData?.intent === "payment" ? actionData.result : null, defaultValue: { receivedOn: today } });
  const [invoiceForm, invoice] = useHallForm(InvoiceRecordSchema, { id: "invoice", lastResult: actionData?.intent === "invoice" ? actionData.result : null, defaultValue: { issuedOn: today } });
  // A refusal about the order rather than a field (it is no longer on terms...) shows at the top.
  const orderError = actionData?.result.error?.[""]?.[0];
  const card = "space-y-3 rounded border border-stone-300 bg-white p-4";
  const onTerms = order.paymentTerms === "ON_TERMS" && !["PENDING_APPROVAL", "CANCELLED"].includes(order.status);
  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">{t("receivables.orderTitle", { number: order.number })} <OrderStatusBadge status={order.status} /></h1>
        <Link to="/admin/receivables" className="text-sm text-brand-700 underline">{t("receivables.back")}</Link>
      </div>
      {done && ["paymentRecorded", "paymentReplayed", "invoiceRecorded"].includes(done) ? <Notice>{t(`receivables.${done}`)}</Notice> : null}
      {orderError ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(orderError, errorParams)}</p> : null}
      <dl className="grid gap-1 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="text-stone-600">{t("receivables.organisation")}</dt>
        <dd><Link to={`/admin/organisations/${order.organisation?.id}`} className="text-brand-700 underline">{order.organisation?.name}</Link></dd>
        <dt className="text-stone-600">{t("orders.placedAt")}</dt>
        <dd><DateTime value={order.createdAt} /> · <Link to={`/admin/orders/${order.number}`} className="text-brand-700 underline">{order.number}</Link></dd>
        {order.poNumber ? (<><dt className="text-stone-600">{t("orders.po")}</dt><dd className="font-mono">{order.poNumber}</dd></>) : null}
        <dt className="text-stone-600">{t("orders.terms")}</dt>
        <dd>{t(`orders.termsValues.${order.paymentTerms as "PAY_NOW" | "ON_TERMS"}`)}</dd>
        <dt className="text-stone-600">{t("receivables.total")}</dt>
        <dd><Money fen={order.totalFen} /></dd>
        {order.shortageFen > 0 ? (<><dt className="text-stone-600">{t("orders.shortage")}</dt><dd><Money fen={order.shortageFen} /></dd></>) : null}
        {order.paymentTerms === "ON_TERMS" ? (
          <>
            <dt className="text-stone-600">{t("receivables.dueDate")}</dt>
            <dd>{order.dueDate ? <DateTime value={order.dueDate} /> : "—"}</dd>
            <dt className="text-stone-600">{t("orders.paidOnTerms")}</dt>
            <dd><Money fen={order.termsPaidFen} /></dd>
            <dt className="text-stone-600">{t("receivables.outstanding")}</dt>
            <dd className="font-semibold" data-testid="outstanding"><Money fen={outstandingFen} /></dd>
          </>
        ) : null}
        <dt className="text-stone-600">{t("orders.invoice")}</dt>
        <dd>{order.invoiceTitle ? `${order.invoiceTitle} · ${order.invoiceTaxNumber}` : t("orders.noInvoice")}</dd>
      </dl>

      {order.paymentTerms === "ON_TERMS" ? (
        <section aria-labelledby="payments-title" className={card}>
          <h2 id="payments-title" className="text-lg font-semibold">{t("receivables.payments")}</h2>
          {order.termsPayments.length === 0 ? <p className="text-sm text-stone-700">{t("receivables.noPayments")}</p> : (
            <ul className="divide-y divide-stone-200 text-sm">
              {order.termsPayments.map((p) => <li key={p.id} className="py-1.5">{p.receivedOn} · <span className="font-mono">{p.bankReference}</span> · <Money fen={p.amountFen} /></li>)}
            </ul>
          )}
          {onTerms && outstandingFen > 0 ? (
            <Form method="post" className="space-y-3 border-t border-stone-200 pt-3" {...getFormProps(paymentForm)}>
              <h3 className="font-semibold">{t("receivables.recordPayment")}</h3>
              <input type="hidden" name="intent" value="payment" />
              <div className="grid gap-3 sm:grid-cols-3">
                <TextField field={payment.amount} label={t("receivables.amount")} inputMode="decimal" errorParams={errorParams} />
                <TextField field={payment.receivedOn} type="date" label={t("receivables.receivedOn")} />
                <TextField field={payment.bankReference} label={t("receivables.bankReference")} />
              </div>
              <SubmitButton busy={navigation.state !== "idle"}>{t("receivables.record")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="invoices-title" className={card}>
        <h2 id="invoices-title" className="text-lg font-semibold">{t("receivables.invoices")}</h2>
        <p className="text-sm text-stone-600">{t("receivables.invoicesHint")}</p>
        {order.invoices.length === 0 ? <p className="text-sm text-stone-700">{t("receivables.noInvoices")}</p> : (
          <ul className="divide-y divide-stone-200 text-sm">
            {order.invoices.map((i) => <li key={i.id} className="py-1.5"><span className="font-mono">{i.number}</span> · {i.issuedOn} · <Money fen={i.amountFen} /></li>)}
          </ul>
        )}
        <Form method="post" className="space-y-3 border-t border-stone-200 pt-3" {...getFormProps(invoiceForm)}>
          <input type="hidden" name="intent" value="invoice" />
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField field={invoice.invoiceNumber} label={t("receivables.invoiceNumber")} />
            <TextField field={invoice.issuedOn} type="date" label={t("receivables.issuedOn")} />
            <TextField field={invoice.amount} label={t("receivables.amount")} inputMode="decimal" errorParams={errorParams} />
          </div>
          <SubmitButton busy={navigation.state !== "idle"}>{t("receivables.recordInvoice")}</SubmitButton>
        </Form>
      </section>
    </section>
  );
}
