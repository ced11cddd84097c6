import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { ProductPhoto } from "~/components/product-photo";
import { ProductGrid } from "~/components/product-card";
import { listFeaturedProducts } from "~/models/catalogue.server";
import { cartFailure, CartErrorText, type CartActionData } from "~/components/orders/cart-message";
import { cartOwner, changeCart, getCart, type CartLineView } from "~/models/cart.server";
import { BuyNowSchema, CartActionSchema } from "~/models/checkout-schema";
import { getOptionalUser } from "~/utils/auth.server";
import { useLanguage, useLocalize, useLocalizeSpec } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "shop"] };

export const meta: MetaFunction = () => [{ title: "购物车 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const cart = await getCart(await cartOwner(request, user));
  return { cart, suggestions: cart.lines.length === 0 ? await listFeaturedProducts(4) : [] };
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : undefined);

/** Every cart change: one action switched on `intent` (add, set-quantity, remove). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const form = await request.formData();
  const raw = { intent: text(form.get("intent")), productId: text(form.get("productId")), quantity: text(form.get("quantity")) };
  if (raw.intent === "buy-now") {
    const buy = BuyNowSchema.safeParse(raw);
    if (buy.success) throw redirect(`/checkout?buy=${buy.data.productId}&quantity=${buy.data.quantity}`);
    const echo = { intent: null, productId: Number(raw.productId) || null, quantity: (raw.quantity ?? "").slice(0, 12) };
    return data(cartFailure(echo, buy.error.issues[0]?.message ?? "orders:errors.quantity"), { status: 400 });
  }
  const parsed = CartActionSchema.safeParse(raw);
  const productId = parsed.success ? parsed.data.productId : /^\d{1,9}$/.test(raw.productId ?? "") ? Number(raw.productId) : null;
  // Echo what was typed, briefly, so the field keeps it; a 10 kB string comes back cut short.
  const echo = { intent: parsed.success ? parsed.data.intent : null, productId, quantity: (raw.quantity ?? "").slice(0, 12) };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data(cartFailure(echo, issue?.message ?? "orders:errors.intent"), { status: 400 });
  }
  const result = await changeCart(await cartOwner(request, user), parsed.data);
  if (!result.ok) return data(cartFailure(echo, result.error), { status: 400 });
  const done: CartActionData = { ok: true, ...echo, message: null };
  return data(done, result.setCookie ? { headers: { "Set-Cookie": result.setCookie } } : undefined);
}

export default function CartPage() {
  const { t } = useTranslation("orders");
  const { cart, suggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("cart.title")}</h1>
      {actionData?.ok ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t(actionData.intent === "remove" ? "cart.removed" : actionData.intent === "add" ? "cart.added" : "cart.updated")}
        </p>
      ) : null}
      {actionData && !actionData.ok && !cart.lines.some((l) => l.productId === actionData.productId) ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <CartErrorText data={actionData} />
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <div className="space-y-4" data-testid="cart-empty">
          <p className="text-stone-700">
            {t("cart.empty")}{" "}
            <Link to="/products" className="font-medium text-brand-700 underline underline-offset-2">
              {t("cart.browse")}
            </Link>
          </p>
          {suggestions.length > 0 ? (
            <section aria-labelledby="cart-suggestions-title">
              <h2 id="cart-suggestions-title" className="mb-3 font-semibold">{t("shop:list.suggestions")}</h2>
              <ProductGrid products={suggestions} />
            </section>
          ) : null}
        </div>
      ) : (
        <>
          <ul className="divide-y divide-stone-200 rounded border border-stone-300 bg-white" aria-label={t("cart.title")}>
            {cart.lines.map((line) => (
              <CartLine key={line.productId} line={line} actionData={actionData?.productId === line.productId ? actionData : undefined} />
            ))}
          </ul>
          {!cart.ready ? (
            <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {t("cart.fixFirst")}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center justify-end gap-4">
            <p className="text-right">
              <span className="text-stone-700">{t("cart.items", { count: cart.itemCount })} · {t("cart.total")} </span>
              <Money fen={cart.totalFen} className="text-xl font-semibold text-brand-700" />
              {!cart.ready ? <span className="block text-xs text-stone-600">{t("cart.totalHint")}</span> : null}
            </p>
            {cart.ready ? (
              <Link to="/checkout" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
                {t("cart.checkout")}
              </Link>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

function CartLine({ line, actionData }: { line: CartLineView; actionData?: CartActionData }) {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const lang = useLanguage();
  const navigation = useNavigation();
  const name = localize(line.nameZh, line.nameEn);
  const fieldId = `quantity-${line.productId}`;
  const failed = actionData && !actionData.ok;
  const issueId = `issue-${line.productId}`;
  const describedBy = [line.issue ? issueId : null, failed ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  const busy = navigation.state !== "idle" && navigation.formData?.get("productId") === String(line.productId);
  return (
    <li className="flex flex-wrap gap-3 p-3" data-testid="cart-line">
      <ProductPhoto url={line.imageUrl} alt="" sizes="64px" width={64} height={64} className="h-16 w-16 rounded bg-stone-100 object-cover" />
      <div className="min-w-0 flex-1 basis-40">
        <Link to={`/products/${line.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {name}
        </Link>
        <p className="text-xs text-stone-600">{localizeSpec(line.spec)}</p>
        <p className="text-sm">
          <Money fen={line.unitPriceFen} />
        </p>
        {line.priceWasFen !== null ? (
          <p className="text-sm text-amber-900" data-testid="price-changed">
            {t("cart.priceChanged", { was: formatFen(line.priceWasFen, lang), now: formatFen(line.unitPriceFen, lang) })}
          </p>
        ) : null}
        {line.issue ? (
          <p id={issueId} className="text-sm font-medium text-red-800" data-testid="line-issue">
            {line.issue.kind === "unavailable"
              ? t("cart.issue.unavailable")
              : line.issue.kind === "sold-out"
                ? t("cart.issue.soldOut")
                : line.issue.kind === "over-stock"
                  ? t("cart.issue.overStock", { available: line.issue.available })
                  : t("cart.issue.overLimit", { limit: line.issue.limit })}
          </p>
        ) : null}
      </div>
      <div className="flex w-full flex-wrap items-start justify-between gap-2 sm:w-auto sm:flex-col sm:items-end">
        <Form method="post" action="/cart" noValidate className="flex items-start gap-2" key={`${line.productId}-${line.quantity}`}>
          <input type="hidden" name="productId" value={line.productId} />
          <div>
            <label htmlFor={fieldId} className="sr-only">
              {t("cart.quantityFor", { name })}
            </label>
            <input
              id={fieldId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={999}
              defaultValue={failed ? actionData.quantity : line.quantity}
              aria-invalid={failed || line.issue ? true : undefined}
              aria-describedby={describedBy}
              className="w-20 rounded border border-stone-400 px-2 py-1 aria-[invalid=true]:border-red-700"
            />
          </div>
          <button type="submit" name="intent" value="set-quantity" disabled={busy} className="rounded border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100">
            {t("cart.update")}
          </button>
        </Form>
        {failed ? (
          <p id={`${fieldId}-error`} className="max-w-56 text-sm text-red-700">
            <CartErrorText data={actionData} />
          </p>
        ) : null}
        <Form method="post" action="/cart">
          <input type="hidden" name="productId" value={line.productId} />
          <button type="submit" name="intent" value="remove" disabled={busy} aria-label={t("cart.removeNamed", { name })} className="text-sm text-red-800 underline underline-offset-2">
            {t("cart.remove")}
          </button>
        </Form>
        <p className="text-sm font-medium">
          {t("cart.lineTotal")} <Money fen={line.lineTotalFen} />
        </p>
      </div>
    </li>
  );
}
