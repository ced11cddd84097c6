import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { FieldError, FormAlert } from "~/components/orders/field-error";
import { listAddresses, getAddress } from "~/models/address.server";
import { formatAddress } from "~/models/account-schema";
import { getBuyNowView, getCart } from "~/models/cart.server";
import { BuyNowSchema, CheckoutSchema, deliveryMethods, MAX_NOTE_LENGTH } from "~/models/checkout-schema";
import { placeCartOrder, placeOrder, reservationMinutes, type Delivery, type LineProblem } from "~/models/order.server";
import { prepareInstantPayment, startPayment } from "~/models/payment.server";
import { listPickupPoints } from "~/models/pickup.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "orders"] };

export const meta: MetaFunction = () => [{ title: "结算 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** 立即购买 (?buy=<product id>&quantity=<n>): that product alone; otherwise the buyer's cart. */
function buyNowOf(params: URLSearchParams) {
  const productId = params.get("buy");
  if (productId === null) return null;
  const parsed = BuyNowSchema.safeParse({ productId, quantity: params.get("quantity") });
  if (!parsed.success) throw redirect("/cart");
  return parsed.data;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const buyNow = buyNowOf(new URL(request.url).searchParams);
  const [cart, addresses, pickupPoints] = await Promise.all([
    buyNow ? getBuyNowView(buyNow.productId, buyNow.quantity) : getCart({ userId: user.id }),
    listAddresses(user.id),
    listPickupPoints(),
  ]);
  // A new key per rendering of the form: sending the same form twice makes one order.
  return { cart, buyNow, addresses, pickupPoints, checkoutKey: randomUUID(), reservationMinutes: reservationMinutes() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await request.formData(), CheckoutSchema);
  // What the page shows beside the form: the lines that can no longer be ordered as shown.
  const none = { problems: [] as LineProblem[] };
  if (submission.status !== "success") return refuse(submission, {}, { extra: none });
  const input = submission.value;
  const pickupUnknown = () => refuse(submission, { fieldErrors: { pickupPointId: ["orders:errors.pickupPoint"] } }, { extra: none });
  const notReady = () => refuse(submission, { formError: "orders:checkout.notReady" }, { extra: none });
  const lineProblems = (problems: LineProblem[]) => refuse(submission, {}, { status: 409, extra: { problems } });

  let delivery: Delivery;
  if (input.method === "DELIVERY") {
    const address = await getAddress(user.id, input.addressId!);
    if (!address) return refuse(submission, { fieldErrors: { addressId: ["orders:errors.address"] } }, { extra: none });
    delivery = {
      method: "DELIVERY",
      recipient: address.recipient,
      mobile: address.mobile,
      addressText: formatAddress(address),
    };
  } else {
    delivery = { method: "PICKUP", pickupPointId: input.pickupPointId! };
  }

  const buyNow = input.buyNow;
  if (buyNow) {
    // The page showed one product at one price: a price changed since is shown again, not ordered.
    const view = await getBuyNowView(buyNow.productId, buyNow.quantity);
    if (view.fingerprint !== input.cartFingerprint) throw redirect(`/checkout?buy=${buyNow.productId}&quantity=${buyNow.quantity}&changed=1`);
    const result = await placeOrder({ userId: user.id, checkoutKey: input.checkoutKey, lines: [buyNow], delivery, note: input.note });
    if (!result.ok) {
      if (result.reason === "lines") return lineProblems(result.problems);
      if (result.reason === "pickup-unknown") return pickupUnknown();
      return notReady();
    }
    const payment = await startPayment(result.order.id, new URL(request.url).origin);
    if (payment.ok) throw redirect(payment.redirectUrl);
    throw redirect(`/orders/${result.order.number}?payment=${payment.reason}`);
  }

  const instant = prepareInstantPayment();
  const result = await placeCartOrder({
    userId: user.id,
    checkoutKey: input.checkoutKey,
    cartFingerprint: input.cartFingerprint,
    delivery,
    note: input.note,
    payment: instant?.payment,
  });
  if (!result.ok) {
    // What is ordered is what the page showed: if the cart or a price changed since, show it again.
    if (result.reason === "cart-changed") throw redirect("/checkout?changed=1");
    if (result.reason === "lines") return lineProblems(result.problems);
    if (result.reason === "pickup-unknown") return pickupUnknown();
    if (result.reason === "empty") throw redirect("/cart");
    return notReady();
  }

  if (instant && !result.replayed) throw redirect(instant.redirectUrl);
  const payment = await startPayment(result.order.id, new URL(request.url).origin);
  if (payment.ok) throw redirect(payment.redirectUrl);
  throw redirect(`/orders/${result.order.number}?payment=${payment.reason}`);
}

export default function Checkout() {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const { cart, buyNow, addresses, pickupPoints, checkoutKey, reservationMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(CheckoutSchema, {
    id: "checkout",
    lastResult: actionData?.result,
    defaultValue: {
      method: addresses.length > 0 ? "DELIVERY" : "PICKUP",
      addressId: String(addresses[0]?.id ?? ""),
      pickupPointId: pickupPoints.length === 1 ? String(pickupPoints[0]!.id) : "",
    },
  });
  const [method, setMethod] = useState(fields.method.initialValue || "PICKUP");
  const problems = actionData?.problems ?? [];
  const nameOf = (productId: number) => {
    const line = cart.lines.find((l) => l.productId === productId);
    return line ? localize(line.nameZh, line.nameEn) : `#${productId}`;
  };
  const noteHintId = `${fields.note.id}-hint`;
  // The note's length limit, its hint and its error, wired by Conform.
  const { key: noteKey, ...noteProps } = getTextareaProps(fields.note, { ariaDescribedBy: noteHintId });
  // Hidden fields (the form's key, 立即购买's product) only fail on a stale or altered page.
  const buyNowFields = fields.buyNow.getFieldset();
  const hiddenError = fields.checkoutKey.errors?.[0] ?? Object.values(fields.buyNow.allErrors)[0]?.[0];

  if (cart.lines.length === 0) {
    return (
      <section className="mx-auto max-w-2xl space-y-3">
        <h1 className="text-2xl font-semibold">{t("checkout.title")}</h1>
        <p>{t("checkout.empty")}</p>
        <Link to="/products" className="font-medium text-brand-700 underline underline-offset-2">{t("cart.browse")}</Link>
      </section>
    );
  }

  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("checkout.title")}</h1>
      {buyNow ? <p className="text-sm text-stone-700">{t("checkout.buyNowHint")}</p> : null}
      {searchParams.get("changed") ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("checkout.changed")}</p>
      ) : null}
      <FormAlert message={form.errors?.[0]} />
      {problems.length > 0 ? (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{t("checkout.problemsTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p.productId}>{t(`checkout.problems.${p.problem}`, { name: nameOf(p.productId), ...p })}</li>
            ))}
          </ul>
          <Link to="/cart" className="mt-2 inline-block font-medium underline underline-offset-2">{t("checkout.backToCart")}</Link>
        </div>
      ) : null}

      <section aria-labelledby="lines-title" className="rounded border border-stone-300 bg-white p-3">
        <h2 id="lines-title" className="font-semibold">{t("checkout.lines")}</h2>
        <ul className="mt-2 divide-y divide-stone-200 text-sm">
          {cart.lines.map((l) => (
            <li key={l.productId} className="flex flex-wrap justify-between gap-2 py-2" data-testid="checkout-line">
              <span className="min-w-0 flex-1">
                {localize(l.nameZh, l.nameEn)} <span className="text-stone-600">· {localizeSpec(l.spec)}</span>
                <span className="block text-stone-600">
                  <Money fen={l.unitPriceFen} /> × {l.quantity}
                </span>
                {l.issue ? <span className="block font-medium text-red-800">{t(`cart.issue.${l.issue.kind === "sold-out" ? "soldOut" : l.issue.kind === "over-stock" ? "overStock" : l.issue.kind === "over-limit" ? "overLimit" : "unavailable"}`, l.issue)}</span> : null}
              </span>
              <Money fen={l.lineTotalFen} className="font-medium" />
            </li>
          ))}
        </ul>
        <p className="mt-2 flex justify-between border-t border-stone-300 pt-2">
          <span className="font-semibold">{t("checkout.total")}</span>
          <Money fen={cart.totalFen} className="text-xl font-semibold text-brand-700" />
        </p>
      </section>

      {!cart.ready ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("checkout.notReady")} <Link to="/cart" className="font-medium underline underline-offset-2">{t("checkout.backToCart")}</Link>
        </p>
      ) : (
        <Form method="post" className="space-y-5" {...getFormProps(form)}>
          <input type="hidden" name={fields.checkoutKey.name} value={checkoutKey} />
          <input type="hidden" name={fields.cartFingerprint.name} value={cart.fingerprint} />
          {buyNow ? (
            <>
              <input type="hidden" name={buyNowFields.productId.name} value={buyNow.productId} />
              <input type="hidden" name={buyNowFields.quantity.name} value={buyNow.quantity} />
            </>
          ) : null}
          <fieldset aria-describedby={fields.method.errors ? fields.method.errorId : undefined}>
            <legend className="font-semibold">{t("checkout.delivery")}</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {deliveryMethods.map((m) => (
                <label key={m} className="flex items-center gap-2">
                  <input type="radio" name={fields.method.name} value={m} checked={method === m} onChange={() => setMethod(m)} className="h-4 w-4 accent-brand-700" />
                  {t(`checkout.methods.${m}`)}
                </label>
              ))}
            </div>
            <FieldError id={fields.method.errorId} message={fields.method.errors?.[0]} />
          </fieldset>

          {method === "DELIVERY" ? (
            <fieldset aria-describedby={fields.addressId.errors ? fields.addressId.errorId : undefined} aria-invalid={fields.addressId.errors ? true : undefined}>
              <legend className="font-semibold">{t("checkout.address")}</legend>
              {addresses.length === 0 ? (
                <p className="mt-1 text-sm text-stone-700">{t("checkout.noAddress")}</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {addresses.map((a) => (
                    <li key={a.id}>
                      <label className="flex items-start gap-2 rounded border border-stone-300 bg-white p-2 text-sm">
                        <input type="radio" name={fields.addressId.name} value={a.id} defaultChecked={String(a.id) === fields.addressId.initialValue} className="mt-1 h-4 w-4 accent-brand-700" />
                        <span>
                          <span className="font-medium">{a.recipient}</span> {a.mobile}
                          <span className="block text-stone-700">{[a.province, a.city, a.district, a.detail].join(" ")}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              <FieldError id={fields.addressId.errorId} message={fields.addressId.errors?.[0]} />
              <Link to="/account/addresses" className="mt-2 inline-block text-sm font-medium text-brand-700 underline underline-offset-2">
                {addresses.length === 0 ? t("checkout.addAddress") : t("checkout.manageAddresses")}
              </Link>
            </fieldset>
          ) : (
            <fieldset aria-describedby={fields.pickupPointId.errors ? fields.pickupPointId.errorId : undefined} aria-invalid={fields.pickupPointId.errors ? true : undefined}>
              <legend className="font-semibold">{t("checkout.pickupPoint")}</legend>
              {pickupPoints.length === 0 ? <p className="mt-1 text-sm text-stone-700">{t("checkout.noPickupPoints")}</p> : null}
              <ul className="mt-2 space-y-2">
                {pickupPoints.map((p) => (
                  <li key={p.id}>
                    <label className="flex items-start gap-2 rounded border border-stone-300 bg-white p-2 text-sm">
                      <input type="radio" name={fields.pickupPointId.name} value={p.id} defaultChecked={String(p.id) === fields.pickupPointId.initialValue} className="mt-1 h-4 w-4 accent-brand-700" />
                      <span>
                        <span className="font-medium">{localize(p.nameZh, p.nameEn)}</span>
                        <span className="block text-stone-700">{localize(p.addressZh, p.addressEn)}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <FieldError id={fields.pickupPointId.errorId} message={fields.pickupPointId.errors?.[0]} />
            </fieldset>
          )}

          <div>
            <label htmlFor={fields.note.id} className="block font-semibold">{t("checkout.note")}</label>
            <textarea key={noteKey} {...noteProps} rows={2} className="mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700" />
            <p id={noteHintId} className="mt-1 text-xs text-stone-600">{t("checkout.noteHint", { max: MAX_NOTE_LENGTH })}</p>
            <FieldError id={fields.note.errorId} message={fields.note.errors?.[0]} />
          </div>
          {hiddenError ? <FormAlert message={hiddenError} /> : null}

          <p className="text-sm text-stone-700">{t("checkout.reservationHint", { minutes: reservationMinutes })}</p>
          <button
            type="submit"
            disabled={navigation.state !== "idle"}
            className="w-full rounded bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
          >
            {navigation.state !== "idle" ? t("checkout.submitting") : t("checkout.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
