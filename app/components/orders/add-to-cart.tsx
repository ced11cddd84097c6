import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { action as cartAction } from "~/routes/cart";
import { CartErrorText } from "./cart-message";

/** The product page's form: posts to the one /cart action and stays on the page. */
export function AddToCartForm({ productId, stock }: { productId: number; stock: number }) {
  const { t } = useTranslation("orders");
  const fetcher = useFetcher<typeof cartAction>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const failed = result && !result.ok;
  if (stock <= 0) return <p className="mt-4 font-medium text-stone-700">{t("cart.soldOut")}</p>;
  return (
    <fetcher.Form method="post" action="/cart" className="mt-4 space-y-2" data-testid="add-to-cart" noValidate>
      <input type="hidden" name="productId" value={productId} />
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="add-quantity" className="block text-sm font-medium">
            {t("cart.quantity")}
          </label>
          <input
            id="add-quantity"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={999}
            defaultValue={failed ? result.quantity : 1}
            key={failed ? `failed-${result.quantity}` : "quantity"}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? "add-quantity-error" : undefined}
            className="mt-1 w-24 rounded border border-stone-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
          />
        </div>
        <button
          type="submit"
          name="intent"
          value="add"
          disabled={fetcher.state !== "idle"}
          className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {fetcher.state !== "idle" ? t("cart.adding") : t("cart.addToCart")}
        </button>
      </div>
      {failed ? (
        <p id="add-quantity-error" className="text-sm text-red-700">
          <CartErrorText data={result} />
        </p>
      ) : null}
      {result?.ok ? (
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
