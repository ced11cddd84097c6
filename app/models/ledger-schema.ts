import { z } from "zod";
import { parseSignedYuanToFen, parseYuanToFen } from "~/utils/money";

/**
 * Forms of the consumption-relief ledger, shared by server and browser. Messages are i18n keys in
 * the "ledger" namespace. Amounts are typed in yuan and parsed to fen from the text, never via a float.
 */

export const ledgerChannels = ["ONLINE_HALL", "OFFLINE_HALL", "TMALL", "JD", "SUNING", "OTHER_PLATFORM", "ADJUSTMENT"] as const;
export const ledgerBuyerTypes = ["EMPLOYEE", "CANTEEN", "WELFARE", "OTHER_UNIT", "OUTSIDE"] as const;
export const importChannels = ["JD", "TMALL", "SUNING", "OTHER_PLATFORM"] as const;
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
export const ENTRIES_PER_PAGE = 50;

const MAX_YUAN_FEN = 100_000_000_000; // 10 亿元: far above any plausible single figure
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Yuan text → fen, or the message key saying what is wrong with it. */
function yuanToFen(text: string, signed: boolean): number | string {
  const fen = signed ? parseSignedYuanToFen(text) : parseYuanToFen(text);
  if (fen === null) return signed ? "ledger:errors.signedAmountFormat" : "ledger:errors.amountFormat";
  if (fen === 0) return "ledger:errors.amountZero";
  if (Math.abs(fen) > MAX_YUAN_FEN) return "ledger:errors.amountTooLarge";
  return fen;
}

const yuan = (signed = false) =>
  z
    .string("ledger:errors.required")
    .trim()
    .min(1, "ledger:errors.required")
    .transform((text, ctx) => {
      const fen = yuanToFen(text, signed);
      if (typeof fen === "number") return fen;
      ctx.addIssue({ code: "custom", message: fen });
      return z.NEVER;
    });

const optionalYuan = z
  .string()
  .trim()
  .default("")
  .transform((text, ctx) => {
    if (text === "") return null;
    const fen = yuanToFen(text, false);
    if (typeof fen === "number") return fen;
    ctx.addIssue({ code: "custom", message: fen });
    return z.NEVER;
  });

/** A day in Beijing time, not before the hall's first year and not in the future. */
const day = z
  .string("ledger:errors.required")
  .trim()
  .min(1, "ledger:errors.required")
  .transform((text, ctx) => {
    const date = new Date(`${text}T00:00:00+08:00`);
    // "2019-02-30" would roll over to 2 March: refuse it rather than move the sale.
    if (!DAY_PATTERN.test(text) || Number.isNaN(date.getTime()) || new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: "custom", message: "ledger:errors.dateFormat" });
      return z.NEVER;
    }
    if (date.getUTCFullYear() < 2018 || date.getTime() > Date.now()) {
      ctx.addIssue({ code: "custom", message: "ledger:errors.dateRange" });
      return z.NEVER;
    }
    return date;
  });

const id = z.coerce.number("ledger:errors.required").int("ledger:errors.required").positive("ledger:errors.required");
const formKey = z.string().trim().min(8, "ledger:errors.staleForm").max(64, "ledger:errors.staleForm");

export const TargetSchema = z.object({
  year: z.coerce.number("ledger:errors.year").int("ledger:errors.year").min(2019, "ledger:errors.year").max(2100, "ledger:errors.year"),
  total: yuan(),
  purchase: optionalYuan,
  helpedSales: optionalYuan,
});
export type TargetInput = z.infer<typeof TargetSchema>;

/** An offline-hall sale: a product and quantity (priced by the server), or a county and an amount. */
export const OfflineSaleSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("amount"),
    formKey,
    date: day,
    buyerType: z.enum(ledgerBuyerTypes, "ledger:errors.required"),
    countyId: id,
    amount: yuan(),
    note: z.string().trim().max(500, "ledger:errors.tooLong").default(""),
  }),
  z.object({
    mode: z.literal("product"),
    formKey,
    date: day,
    buyerType: z.enum(ledgerBuyerTypes, "ledger:errors.required"),
    sku: z.string().trim().min(1, "ledger:errors.required").max(40, "ledger:errors.tooLong"),
    quantity: z.coerce.number("ledger:errors.quantity").int("ledger:errors.quantity").min(1, "ledger:errors.quantity").max(100_000, "ledger:errors.quantity"),
    note: z.string().trim().max(500, "ledger:errors.tooLong").default(""),
  }),
], "ledger:errors.required");
export type OfflineSaleInput = z.infer<typeof OfflineSaleSchema>;

export const AdjustmentSchema = z.object({
  formKey,
  date: day,
  countyId: id,
  channel: z.enum(ledgerChannels, "ledger:errors.required"),
  buyerType: z.enum(ledgerBuyerTypes, "ledger:errors.required"),
  amount: yuan(true),
  reason: z.string("ledger:errors.reasonRequired").trim().min(2, "ledger:errors.reasonRequired").max(500, "ledger:errors.tooLong"),
});
export type AdjustmentInput = z.infer<typeof AdjustmentSchema>;

const reason = z.string("ledger:errors.reasonRequired").trim().min(2, "ledger:errors.reasonRequired").max(500, "ledger:errors.tooLong");

/** Reversing an import batch: the batch is the page's, only the reason is typed. */
export const ReasonSchema = z.object({ reason });

/** The platform import's fields beside its file (the file itself is read by the streaming parser). */
export const ImportUploadSchema = z.object({
  intent: z.literal("upload", "ledger:errors.required"),
  channel: z.enum(importChannels, "ledger:errors.required"),
});

/** Reversing one offline sale or adjustment from the entries list. */
export const EntryReversalSchema = z.object({ entryId: id, reason });

/** The batch page's buttons that carry nothing typed. */
export const BatchActionSchema = z.object({ intent: z.enum(["confirm", "discard"]) });

const header = z.string().trim().max(60, "ledger:errors.tooLong");
export const MappingSchema = z.object({
  channel: z.enum(importChannels, "ledger:errors.required"),
  externalIdCol: header.min(1, "ledger:errors.required"),
  dateCol: header.min(1, "ledger:errors.required"),
  amountCol: header.min(1, "ledger:errors.required"),
  countyCol: header,
  skuCol: header,
}).refine((m) => m.countyCol !== "" || m.skuCol !== "", { message: "ledger:errors.countyOrSku", path: ["countyCol"] });
export type MappingInput = z.infer<typeof MappingSchema>;
