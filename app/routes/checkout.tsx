import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { FieldError, FormAlert } from "~/components/orders/field-error";
import { listAddresses, getAddress } from "~/models/address.server";
import { formatAddress } from "~/models/account-schema";
import { getBuyNowView, getCart } from "~/models/cart.server";
import { BuyNowSchema, CheckoutSchema, fieldErrorsOf, MAX_NOTE_LENGTH } from "~/models/checkout-schema";
import { placeCartOrder, placeOrder, reservationMinutes, type Delivery, type LineProblem } from "~/models/order.server";
import { prepareInstantPayment, startPayment } from "~/models/payment.server";
import { listPickupPoints } from "~/models/pickup.server";
import { requireUser } from "~/utils/auth.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "orders"] };

export const meta: MetaFunction = () => [{ title: "结算 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** 立即购买 (?buy=<product id>&quantity=<n>): that product alone; otherwise the buyer's cart. */
function buyNowOf(params: URLSearchParams | FormData) {
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

type Values = Record<"method" | "addressId" | "pickupPointId" | "note", string>;
type CheckoutActionData = { fieldErrors: Record<string, string[]>; formError: string | null; problems: LineProblem[]; values: Values };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const values: Values = {
    method: (field("method") ?? "").slice(0, 20),
    addressId: (field("addressId") ?? "").slice(0, 12),
    pickupPointId: (field("pickupPointId") ?? "").slice(0, 12),
    note: (field("note") ?? "").slice(0, MAX_NOTE_LENGTH + 50),
  };
  const fail = (status: number, body: Partial<CheckoutActionData>) =>
    data<CheckoutActionData>({ fieldErrors: {}, formError: null, problems: [], values, ...body }, { status });

  const parsed = CheckoutSchema.safeParse({
    checkoutKey: field("checkoutKey"),
    cartFingerprint: field("cartFingerprint"),
    method: field("method"),
    addressId: field("addressId"),
    pickupPointId: field("pickupPointId"),
    note: field("note"),
  });
  if (!parsed.success) return fail(400, { fieldErrors: fieldErrorsOf(parsed.error) });
  const input = parsed.data;

  let delivery: Delivery;
  if (input.method === "DELIVERY") {
    const address = await getAddress(user.id, input.addressId!);
    if (!address) return fail(400, { fieldErrors: { addressId: ["orders:errors.address"] } });
    delivery = {
      method: "DELIVERY",
      recipient: address.recipient,
      mobile: address.mobile,
      addressText: formatAddress(address),
    };
  } else {
    delivery = { method: "PICKUP", pickupPointId: input.pickupPointId! };
  }

  const buyNow = buyNowOf(form);
  if (buyNow) {
    // The page showed one product at one price: a price changed since is shown again, not ordered.
    const view = await getBuyNowView(buyNow.productId, buyNow.quantity);
    if (view.fingerprint !== input.cartFingerprint) throw redirect(`/checkout?buy=${buyNow.productId}&quantity=${buyNow.quantity}&changed=1`);
    const result = await placeOrder({ userId: user.id, checkoutKey: input.checkoutKey, lines: [buyNow], delivery, note: input.note });
    if (!result.ok) {
      if (result.reason === "lines") return fail(409, { problems: result.problems });
      if (result.reason === "pickup-unknown") return fail(400, { fieldErrors: { pickupPointId: ["orders:errors.pickupPoint"] } });
      return fail(400, { formError: "checkout.notReady" });
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
    if (result.reason === "lines") return fail(409, { problems: result.problems });
    if (result.reason === "pickup-unknown") return fail(400, { fieldErrors: { pickupPointId: ["orders:errors.pickupPoint"] } });
    if (result.reason === "empty") throw redirect("/cart");
    return fail(400, { formError: "checkout.notReady" });
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
  const values = actionData?.values;
  const errors = actionData?.fieldErrors ?? {};
  const [method, setMethod] = useState(values?.method || (addresses.length > 0 ? "DELIVERY" : "PICKUP"));
  const nameOf = (productId: number) => {
    const line = cart.lines.find((l) => l.productId === productId);
    return line ? localize(line.nameZh, line.nameEn) : `#${productId}`;
  };
  const defaultAddress = values?.addressId || String(addresses[0]?.id ?? "");
  const defaultPickup = values?.pickupPointId || (pickupPoints.length === 1 ? String(pickupPoints[0]!.id) : "");

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
      <FormAlert message={actionData?.formError ? `orders:${actionData.formError}` : null} />
      {actionData && actionData.problems.length > 0 ? (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{t("checkout.problemsTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {actionData.problems.map((p) => (
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
        <Form method="post" className="space-y-5" noValidate>
          <input type="hidden" name="checkoutKey" value={checkoutKey} />
          <input type="hidden" name="cartFingerprint" value={cart.fingerprint} />
          {buyNow ? (
            <>
              <input type="hidden" name="buy" value={buyNow.productId} />
              <input type="hidden" name="quantity" value={buyNow.quantity} />
            </>
          ) : null}
          <fieldset aria-describedby={errors.method ? "method-error" : undefined}>
            <legend className="font-semibold">{t("checkout.delivery")}</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {(["DELIVERY", "PICKUP"] as const).map((m) => (
                <label key={m} className="flex items-center gap-2">
                  <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} className="h-4 w-4 accent-brand-700" />
                  {t(`checkout.methods.${m}`)}
                </label>
              ))}
            </div>
            <FieldError id="method-error" message={errors.method?.[0]} />
          </fieldset>

          {method === "DELIVERY" ? (
            <fieldset aria-describedby={errors.addressId ? "addressId-error" : undefined} aria-invalid={errors.addressId ? true : undefined}>
              <legend className="font-semibold">{t("checkout.address")}</legend>
              {addresses.length === 0 ? (
                <p className="mt-1 text-sm text-stone-700">{t("checkout.noAddress")}</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {addresses.map((a) => (
                    <li key={a.id}>
                      <label className="flex items-start gap-2 rounded border border-stone-300 bg-white p-2 text-sm">
                        <input type="radio" name="addressId" value={a.id} defaultChecked={String(a.id) === defaultAddress} className="mt-1 h-4 w-4 accent-brand-700" />
                        <span>
                          <span className="font-medium">{a.recipient}</span> {a.mobile}
                          <span className="block text-stone-700">{[a.province, a.city, a.district, a.detail].join(" ")}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              <FieldError id="addressId-error" message={errors.addressId?.[0]} />
              <Link to="/account/addresses" className="mt-2 inline-block text-sm font-medium text-brand-700 underline underline-offset-2">
                {addresses.length === 0 ? t("checkout.addAddress") : t("checkout.manageAddresses")}
              </Link>
            </fieldset>
          ) : (
            <fieldset aria-describedby={errors.pickupPointId ? "pickupPointId-error" : undefined} aria-invalid={errors.pickupPointId ? true : undefined}>
              <legend className="font-semibold">{t("checkout.pickupPoint")}</legend>
              {pickupPoints.length === 0 ? <p className="mt-1 text-sm text-stone-700">{t("checkout.noPickupPoints")}</p> : null}
              <ul className="mt-2 space-y-2">
                {pickupPoints.map((p) => (
                  <li key={p.id}>
                    <label className="flex items-start gap-2 rounded border border-stone-300 bg-white p-2 text-sm">
                      <input type="radio" name="pickupPointId" value={p.id} defaultChecked={String(p.id) === defaultPickup} className="mt-1 h-4 w-4 accent-brand-700" />
                      <span>
                        <span className="font-medium">{localize(p.nameZh, p.nameEn)}</span>
                        <span className="block text-stone-700">{localize(p.addressZh, p.addressEn)}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <FieldError id="pickupPointId-error" message={errors.pickupPointId?.[0]} />
            </fieldset>
          )}

          <div>
            <label htmlFor="note" className="block font-semibold">{t("checkout.note")}</label>
            <textarea
              id="note"
              name="note"
              rows={2}
              maxLength={MAX_NOTE_LENGTH}
              defaultValue={values?.note ?? ""}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={["note-hint", errors.note ? "note-error" : null].filter(Boolean).join(" ")}
              className="mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
            />
            <p id="note-hint" className="mt-1 text-xs text-stone-600">{t("checkout.noteHint", { max: MAX_NOTE_LENGTH })}</p>
            <FieldError id="note-error" message={errors.note?.[0]} />
          </div>
          <FieldError id="checkoutKey-error" message={errors.checkoutKey?.[0]} />

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
