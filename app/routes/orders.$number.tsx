import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormAlert } from "~/components/orders/field-error";
import { OrderSections } from "~/components/orders/order-details";
import { OrderStatusBadge } from "~/components/orders/order-status";
import { mainImagesBySku } from "~/models/my-orders.server";
import { getOrderForUser } from "~/models/order.server";
import { cancelOrder, startPayment } from "~/models/payment.server";
import { OrderIntentSchema } from "~/models/checkout-schema";
import { requireUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { replyMessage } from "~/utils/form-reply";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "account"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `订单 ${data.order.number} · 一汽扶贫馆` : "订单 · 一汽扶贫馆" },
  { name: "robots", content: "noindex" },
];

const CANCELLABLE = ["AWAITING_PAYMENT", "PAID"];

/** Another user's order number is as unknown as a made-up one: 404 either way. */
async function ownOrder(request: Request, number: string | undefined) {
  const user = await requireUser(request);
  const order = await getOrderForUser(number ?? "", user.id);
  if (!order) throw new Response("Not found", { status: 404 });
  return { user, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await ownOrder(request, params.number);
  return { order, lineImages: await mainImagesBySku(order.lines.map((l) => l.sku)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, order } = await ownOrder(request, params.number);
  const submission = parseForm(await request.formData(), OrderIntentSchema);
  if (submission.status !== "success") return refuse(submission);
  const refused = (formError: string) => refuse(submission, { formError }, { status: 409 });
  if (submission.value.intent === "pay") {
    if (order.status !== "AWAITING_PAYMENT") return refused("orders:orders.notPayable");
    const result = await startPayment(order.id, new URL(request.url).origin);
    if (result.ok) throw redirect(result.redirectUrl);
    return refused(result.reason === "not-payable" ? "orders:orders.notPayable" : "orders:orders.providerFailed");
  }
  const result = await cancelOrder({ orderNumber: order.number, userId: user.id, actorUserId: user.id, reason: "buyer-cancelled" });
  if (!result.ok) return refused(result.reason === "provider-failed" ? "orders:orders.providerFailed" : "orders:orders.notCancellable");
  throw redirect(`/orders/${order.number}?done=${result.refunded ? "cancelledRefunded" : "cancelled"}`);
}

export default function OrderPage() {
  const { t } = useTranslation("orders");
  const { order, lineImages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const done = params.get("done");
  const paymentProblem = params.get("payment");
  const confirming = params.get("confirm") === "cancel" && CANCELLABLE.includes(order.status);
  const busy = navigation.state !== "idle";
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("orders.detailTitle", { number: order.number })}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="text-sm text-stone-600">
        {t("orders.placedAt")} <DateTime value={order.createdAt} />
      </p>
      {done === "cancelled" || done === "cancelledRefunded" ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">{t(`orders.${done}`)}</p>
      ) : null}
      {paymentProblem === "cancelled" && order.status === "AWAITING_PAYMENT" ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("checkout.paymentCancelled")}</p>
      ) : paymentProblem === "not-payable" || paymentProblem === "provider-failed" ? (
        <FormAlert message="orders:checkout.paymentFailed" />
      ) : null}
      <FormAlert message={replyMessage(actionData?.result)} />

      {CANCELLABLE.includes(order.status) ? (
        <section className="space-y-3 rounded border border-stone-300 bg-white p-4">
          {order.status === "AWAITING_PAYMENT" && order.reservedUntil ? (
            <p className="text-sm text-amber-900">
              {t("orders.payBy")} <DateTime value={order.reservedUntil} />
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            {order.status === "AWAITING_PAYMENT" ? (
              <Form method="post">
                <button type="submit" name="intent" value="pay" disabled={busy} className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
                  {t("orders.payNow")}
                </button>
              </Form>
            ) : null}
            {!confirming ? (
              <Link to="?confirm=cancel" replace preventScrollReset className="rounded border border-red-700 bg-white px-5 py-2 font-medium text-red-800 hover:bg-red-50">
                {t("orders.cancel")}
              </Link>
            ) : null}
          </div>
          {confirming ? (
            <div role="alertdialog" aria-labelledby="cancel-title" aria-describedby="cancel-body" className="rounded border border-red-300 bg-red-50 p-3">
              <h2 id="cancel-title" className="font-semibold text-red-900">{t("orders.cancelConfirmTitle")}</h2>
              <p id="cancel-body" className="mt-1 text-sm text-red-900">
                {order.status === "PAID" ? t("orders.cancelConfirmPaid") : t("orders.cancelConfirmUnpaid")}
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <Form method="post" action={`/orders/${order.number}`}>
                  <button type="submit" name="intent" value="cancel" disabled={busy} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
                    {t("orders.cancelConfirm")}
                  </button>
                </Form>
                <Link to="." replace className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">{t("orders.keep")}</Link>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}

      <OrderSections order={order} showNotes="buyer" lineImages={lineImages} />
      <Link to="/orders" className="inline-block text-sm font-medium text-brand-700 underline underline-offset-2">{t("orders.backToList")}</Link>
    </article>
  );
}
