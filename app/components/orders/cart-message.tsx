import { useTranslation } from "react-i18next";
import type { FormReply } from "~/utils/form";
import { replyMessage } from "~/utils/form-reply";

/** What the /cart action answers: the form's reply, the intent it carried out, and the numbers a refusal names. */
export type CartAnswer = {
  result: FormReply;
  intent: "add" | "set-quantity" | "remove" | null;
  errorParams: { max?: number; inCart?: number };
};

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * The answer read for a page: whether it was refused, for which product (as sent), the quantity typed
 * (to put back into the field) and the first message of the reply.
 */
export function readCartAnswer(answer: CartAnswer | undefined) {
  if (!answer) return null;
  const message = replyMessage(answer.result);
  const values = answer.result.initialValue ?? {};
  return {
    refused: message !== null,
    intent: answer.intent,
    productId: text(values.productId),
    quantity: text(values.quantity) ?? "",
    message,
    ...answer.errorParams,
  };
}
export type CartAnswerView = NonNullable<ReturnType<typeof readCartAnswer>>;

/** A refused cart change, in words: the reason, the allowed maximum and what the cart already holds. */
export function CartErrorText({ answer }: { answer: CartAnswerView }) {
  const { t } = useTranslation("orders");
  if (!answer.message) return null;
  return (
    <>
      {t(answer.message, { max: answer.max })}
      {answer.inCart ? t("errors.alreadyInCart", { inCart: answer.inCart }) : null}
    </>
  );
}
