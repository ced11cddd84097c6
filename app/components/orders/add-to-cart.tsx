import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { action as cartAction } from "~/routes/cart";
import { CartErrorText, readCartAnswer } from "./cart-message";

/**
 * The product page's form: 加入购物车 posts to the one /cart action and stays on the page; 立即购买
 * goes on to checkout with this product alone. On phones it is a bar fixed to the bottom of the screen.
 * A plain form: nothing here needs checking as it is typed, and the action checks the quantity with the
 * cart's schema (ADR 033), so the product page does not load the form library.
 */
export function AddToCartForm({ productId, stock, price }: { productId: number; stock: number; price?: React.ReactNode }) {
  const { t } = useTranslation("orders");
  const fetcher = useFetcher<typeof cartAction>();
  const answer = readCartAnswer(fetcher.state === "idle" ? fetcher.data : undefined);
  const failed = answer?.refused === true;
  if (stock <= 0) return <p className="mt-4 font-medium text-stone-700">{t("cart.soldOut")}</p>;
  return (
    <fetcher.Form
      method="post"
      action="/cart"
      className="fixed inset-x-0 bottom-0 z-30 space-y-2 border-t border-stone-300 bg-white px-3 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] sm:static sm:mt-4 sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none"
      data-testid="add-to-cart"
      noValidate
    >
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-2 sm:flex-wrap sm:gap-3">
        {price ? <div className="self-center sm:hidden">{price}</div> : null}
        <div>
          <label htmlFor="add-quantity" className="block text-xs font-medium sm:text-sm">
            {t("cart.quantity")}
          </label>
          <input
            id="add-quantity"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={999}
            defaultValue={failed ? answer.quantity : 1}
            key={failed ? `failed-${answer.quantity}` : "quantity"}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? "add-quantity-error" : undefined}
            className="mt-1 w-16 rounded border border-stone-400 bg-white px-2 py-2 aria-[invalid=true]:border-red-700 sm:w-24 sm:px-3"
          />
        </div>
        <button
          type="submit"
          name="intent"
          value="add"
          disabled={fetcher.state !== "idle"}
          className="flex-1 whitespace-nowrap rounded border border-brand-700 bg-white px-3 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60 sm:flex-none sm:px-5"
        >
          {fetcher.state !== "idle" && fetcher.formData?.get("intent") === "add" ? t("cart.adding") : t("cart.addToCart")}
        </button>
        <button
          type="submit"
          name="intent"
          value="buy-now"
          disabled={fetcher.state !== "idle"}
          className="flex-1 whitespace-nowrap rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:flex-none sm:px-5"
        >
          {t("cart.buyNow")}
        </button>
      </div>
      {failed ? (
        <p id="add-quantity-error" className="text-sm text-red-700">
          <CartErrorText answer={answer} />
        </p>
      ) : null}
      {answer && !answer.refused ? (
        <p role="status" className="text-sm text-green-800">
          {t("cart.added")}{" "}
          <Link to="/cart" className="font-medium text-brand-700 underline underline-offset-2">
            {t("cart.viewCart")}
          </Link>
        </p>
      ) : null}
    </fetcher.Form>
  );
}
