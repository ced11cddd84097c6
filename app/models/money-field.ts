import { z } from "zod";
import { parseYuanToFen } from "~/utils/money";

/** A Zod transform: yuan text such as "12.50" → integer fen more than zero, each refusal with its own message. */
export function yuanToPositiveFen(formatMessage: string, positiveMessage: string) {
  return (text: string, ctx: z.RefinementCtx) => {
    const fen = parseYuanToFen(text);
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: formatMessage });
      return z.NEVER;
    }
    if (fen <= 0) {
      ctx.addIssue({ code: "custom", message: positiveMessage });
      return z.NEVER;
    }
    return fen;
  };
}
