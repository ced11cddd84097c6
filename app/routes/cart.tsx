import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { ProductPhoto } from "~/components/product-photo";
import { ProductGrid } from "~/components/product-card";
import { listFeaturedProducts } from "~/models/catalogue.server";
import { CartErrorText, readCartAnswer, type CartAnswer, type CartAnswerView } from "~/components/orders/cart-message";
import { cartOwner, changeCart, getCart, type CartLineView } from "~/models/cart.server";
import { CartFormSchema } from "~/models/checkout-schema";
import { getOptionalUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLanguage, useLocalize, useLocalizeSpec } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "shop", "account"] };

export const meta: MetaFunction = () => [{ title: "购物车 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const cart = await getCart(await cartOwner(request, user));
  return { cart, suggestions: cart.lines.length === 0 ? await listFeaturedProducts(4) : [] };
}

/** Every valid value is at most 12 characters; a longer one is refused either way and comes back cut short. */
function clipped(form: FormData) {
  const out = new FormData();
  for (const [name, value] of form) out.append(name, typeof value === "string" ? value.slice(0, 16) : value);
  return out;
}

/** Every cart form: one action switched on `intent` (add, set-quantity, remove, buy-now). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const submission = parseForm(clipped(await request.formData()), CartFormSchema);
  const answered: Omit<CartAnswer, "result"> = { intent: null, errorParams: {} };
  if (submission.status !== "success") return refuse(submission, {}, { extra: answered });
  const change = submission.value;
  if (change.intent === "buy-now") throw redirect(`/checkout?buy=${change.productId}&quantity=${change.quantity}`);
  const result = await changeCart(await cartOwner(request, user), change);
  if (!result.ok) {
    const { message, ...errorParams } = result.error;
    return refuse(submission, { fieldErrors: { quantity: [message] } }, { extra: { ...answered, errorParams } });
  }
  const done: CartAnswer = { result: submission.reply({ resetForm: true }), intent: change.intent, errorParams: {} };
  return data(done, result.setCookie ? { headers: { "Set-Cookie": result.setCookie } } : undefined);
}

export default function CartPage() {
  const { t } = useTranslation("orders");
  const { cart, suggestions } = useLoaderData<typeof loader>();
  const answer = readCartAnswer(useActionData<typeof action>());
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("cart.title")}</h1>
      {answer && !answer.refused ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t(answer.intent === "remove" ? "cart.removed" : answer.intent === "add" ? "cart.added" : "cart.updated")}
        </p>
      ) : null}
      {answer?.refused && !cart.lines.some((l) => String(l.productId) === answer.productId) ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <CartErrorText answer={answer} />
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
              <CartLine key={line.productId} line={line} refusal={answer?.refused && answer.productId === String(line.productId) ? answer : undefined} />
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

/** One line of the cart; `refusal` is the action's answer when it refused a change to this line. */
function CartLine({ line, refusal }: { line: CartLineView; refusal?: CartAnswerView }) {
  const { t } = useTranslation("orders");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const lang = useLanguage();
  const navigation = useNavigation();
  const name = localize(line.nameZh, line.nameEn);
  const fieldId = `quantity-${line.productId}`;
  const issueId = `issue-${line.productId}`;
  const describedBy = [line.issue ? issueId : null, refusal ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
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
              defaultValue={refusal ? refusal.quantity : line.quantity}
              aria-invalid={refusal || line.issue ? true : undefined}
              aria-describedby={describedBy}
              className="w-20 rounded border border-stone-400 px-2 py-1 aria-[invalid=true]:border-red-700"
            />
          </div>
          <button type="submit" name="intent" value="set-quantity" disabled={busy} className="rounded border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100">
            {t("cart.update")}
          </button>
        </Form>
        {refusal ? (
          <p id={`${fieldId}-error`} className="max-w-56 text-sm text-red-700">
            <CartErrorText answer={refusal} />
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
