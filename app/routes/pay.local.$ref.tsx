import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Money } from "~/components/money";
import { FormAlert } from "~/components/orders/field-error";
import { getLocalPayment, handlePaymentEvent } from "~/models/payment.server";
import { localActions, localPaymentEvent } from "~/models/payment-providers/local.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { replyMessage } from "~/utils/form-reply";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "account"] };

/**
 * The built-in test provider's payment page (测试支付): no money moves. Each button raises the
 * provider-neutral event a Stripe webhook would, through the same handler.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `测试支付 TEST PAYMENT ${data?.order.number ?? ""} · 一汽扶贫馆` }];

const ActionSchema = z.object({ intent: z.enum(localActions, "orders:errors.intent") });

/** Only whoever may pay the order sees the page; anyone else gets the same 404 as for a reference that does not exist. */
async function ownPayment(request: Request, ref: string | undefined) {
  const user = await requireUser(request);
  const payment = ref ? await getLocalPayment(ref, user.id) : null;
  if (!payment) throw new Response("Not found", { status: 404 });
  return payment;
}

function isPayable(payment: NonNullable<Awaited<ReturnType<typeof getLocalPayment>>>) {
  const reservedUntil = payment.order.reservedUntil;
  return payment.status === "PENDING" && payment.order.status === "AWAITING_PAYMENT" && reservedUntil !== null && reservedUntil > new Date();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const payment = await ownPayment(request, params.ref);
  return {
    order: { number: payment.order.number, totalFen: payment.order.totalFen, path: payment.orderPath },
    state: isPayable(payment) ? "payable" : payment.order.status === "PAID" || payment.status === "SUCCEEDED" ? "paid" : payment.status === "FAILED" ? "failed" : "closed",
  } as const;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const payment = await ownPayment(request, params.ref);
  const submission = parseForm(await request.formData(), ActionSchema);
  if (submission.status !== "success") return refuse(submission);
  const { intent } = submission.value;
  const orderUrl = payment.orderPath;
  if (!isPayable(payment)) throw redirect(orderUrl);
  await handlePaymentEvent(localPaymentEvent(payment.providerRef, payment.order.id, intent));
  if (intent === "pay") throw redirect(orderUrl);
  if (intent === "cancel") throw redirect(`${orderUrl}?payment=cancelled`);
  throw redirect(`/pay/local/${encodeURIComponent(payment.providerRef)}`);
}

export default function LocalPayment() {
  const { t } = useTranslation("orders");
  const { order, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const button = "rounded px-5 py-2 font-medium disabled:opacity-60";
  return (
    <section className="mx-auto max-w-lg space-y-6 rounded-lg border-4 border-dashed border-amber-500 bg-amber-50 p-6" aria-labelledby="pay-title">
      <p className="inline-block rounded bg-amber-500 px-3 py-1 text-sm font-bold tracking-wide text-white">
        {t("payment.testBadge")}
      </p>
      <h1 id="pay-title" className="text-2xl font-semibold">{t("payment.title", { number: order.number })}</h1>
      <p className="text-sm text-amber-900">{t("payment.testNotice")}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="text-stone-600">{t("payment.orderNumber")}</dt>
        <dd className="font-mono">{order.number}</dd>
        <dt className="text-stone-600">{t("payment.amount")}</dt>
        <dd><Money fen={order.totalFen} className="text-2xl font-bold text-brand-700" /></dd>
      </dl>
      <FormAlert message={replyMessage(actionData?.result)} />
      {state === "payable" ? (
        <Form method="post" className="space-y-3">
          <p>{t("payment.choose")}</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="pay" disabled={busy} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
              {t("payment.pay")}
            </button>
            <button type="submit" name="intent" value="fail" disabled={busy} className={`${button} bg-red-700 text-white hover:bg-red-800`}>
              {t("payment.fail")}
            </button>
            <button type="submit" name="intent" value="cancel" disabled={busy} className={`${button} border border-stone-400 bg-white hover:bg-stone-100`}>
              {t("payment.cancel")}
            </button>
          </div>
          {busy ? <p role="status">{t("payment.working")}</p> : null}
        </Form>
      ) : (
        <p role="status" className="font-medium">{t(`payment.${state}`)}</p>
      )}
      <Link to={order.path} className="inline-block text-brand-700 underline">
        {t("payment.backToOrder")}
      </Link>
    </section>
  );
}
