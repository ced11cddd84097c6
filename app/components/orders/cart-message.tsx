import { useTranslation } from "react-i18next";
import type { CartError } from "~/models/cart.server";

/** What the /cart action answers; pages show `message` next to the quantity of `productId`. */
export type CartActionData = {
  ok: boolean;
  intent: string | null;
  productId: number | null;
  quantity: string;
  message: string | null;
  max?: number;
  inCart?: number;
};

export function cartFailure(input: { intent: string | null; productId: number | null; quantity: string }, error: CartError | string): CartActionData {
  return typeof error === "string" ? { ok: false, ...input, message: error } : { ok: false, ...input, ...error };
}

/** A refused cart change, in words: the reason, the allowed maximum and what the cart already holds. */
export function CartErrorText({ data }: { data: CartActionData }) {
  const { t } = useTranslation("orders");
  if (data.ok || !data.message) return null;
  return (
    <>
      {t(data.message, { max: data.max })}
      {data.inCart ? t("errors.alreadyInCart", { inCart: data.inCart }) : null}
    </>
  );
}
