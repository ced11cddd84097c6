import { z } from "zod";
import { parseYuanToFen } from "~/utils/money";
import { creditCodeProblem } from "./organisation-schema";

/**
 * Form schemas for organisation orders (quick order, review, approval, receiving) and for the
 * administrators' receivables (payments received, 发票 records), shared by server and browser.
 * Messages are i18n keys in the "org" namespace.
 */

/** The most lines one organisation order (and one upload, one saved list) may have. */
export const MAX_ORG_LINES = 500;
/** The most units of one product on one line (a canteen's rice for a quarter fits easily). */
export const MAX_ORG_QUANTITY = 100_000;
export const GRID_BLANK_ROWS = 10;

export const deliveryWindows = ["08:00-10:00", "10:00-12:00", "14:00-16:00", "16:00-18:00"] as const;

/** A grid row as typed: both fields are text, so a reload shows exactly what was entered. */
export type DraftRow = { sku: string; quantity: string };

const gridCell = z.string().default("").transform((s) => s.trim().slice(0, 60));
const MAX_GRID_ROWS = MAX_ORG_LINES + GRID_BLANK_ROWS;

/**
 * The quick-order grid ("lines[0].sku", "lines[0].quantity", …), saved as typed whatever its buttons do;
 * whether the lines can be ordered is the order's own check (validateRows), row by row. Rows left blank
 * are dropped; a 保存为常用清单 needs a name.
 */
export const GridSchema = z
  .object({
    // 清空 is one of the grid's buttons too; the action empties the draft without reading the lines.
    intent: z.enum(["save", "review", "addRows", "saveList", "clear"]),
    blank: z.string().default(""),
    // Rows past the grid's size are ignored before they are read, however large an index is posted.
    lines: z
      .preprocess((rows: Partial<DraftRow>[]) => (Array.isArray(rows) ? rows.slice(0, MAX_GRID_ROWS) : rows), z.array(z.object({ sku: gridCell, quantity: gridCell }).default({ sku: "", quantity: "" })))
      .default([])
      .transform((rows): DraftRow[] => rows.filter((row) => row.sku !== "" || row.quantity !== "")),
    listName: z.string().trim().max(50, "org:errors.tooLong").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "saveList" && v.listName === "") ctx.addIssue({ code: "custom", path: ["listName"], message: "org:errors.listName" });
  });

const listIdField = z.coerce.number("org:errors.required").int("org:errors.required").positive("org:errors.required");
/** Load or delete a saved list. */
export const SavedListSchema = z.object({ listId: listIdField });
/** Put a past order's lines back in the grid. */
export const ReorderSchema = z.object({ number: z.string().trim().min(1, "org:errors.required").max(40, "org:errors.tooLong") });

/**
 * 税号 (taxpayer identification number): 15, 17, 18 or 20 digits or capital letters; an 18-character
 * one is the 统一社会信用代码 and must carry its check character. Returns a message key or null.
 */
export function taxNumberProblem(taxNumber: string): string | null {
  if (![15, 17, 18, 20].includes(taxNumber.length)) return "org:errors.taxNumber.length";
  if (!/^[0-9A-Z]+$/.test(taxNumber)) return "org:errors.taxNumber.characters";
  if (taxNumber.length === 18 && creditCodeProblem(taxNumber) !== null) return "org:errors.taxNumber.checkCharacter";
  return null;
}

const optionalText = (max: number) => z.string().trim().max(max, "org:errors.tooLong").default("");
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists. */
export const dateField = z
  .string("org:errors.required")
  .trim()
  .min(1, "org:errors.required")
  .refine((s) => DATE_PATTERN.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "org:errors.date");

/** Today in Beijing time, "YYYY-MM-DD": delivery dates and bank dates are Beijing dates. */
export function beijingToday(now = new Date()) {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The order fields on the review step. The lines come from the member's saved grid, never from this form. */
/** 发票 details are checked only when an invoice is wanted: a title and a valid 税号. */
export function checkInvoice(v: { wantsInvoice: boolean; invoiceTitle: string; invoiceTaxNumber: string }, ctx: z.RefinementCtx) {
  if (!v.wantsInvoice) return;
  if (v.invoiceTitle === "") ctx.addIssue({ code: "custom", path: ["invoiceTitle"], message: "org:errors.invoiceTitle" });
  const problem = v.invoiceTaxNumber === "" ? "org:errors.required" : taxNumberProblem(v.invoiceTaxNumber);
  if (problem) ctx.addIssue({ code: "custom", path: ["invoiceTaxNumber"], message: problem });
}

export function orderDetailsSchema(today: string) {
  return z
    .object({
      checkoutKey: z.string().trim().min(8, "org:errors.required").max(100),
      expectedTotalFen: z.coerce.number().int().nonnegative(),
      poNumber: optionalText(40),
      deliveryLocationId: z.coerce.number("org:errors.location").int("org:errors.location").positive("org:errors.location"),
      requestedDeliveryDate: dateField.refine((d) => d >= today, "org:errors.dateInPast"),
      deliveryWindow: z.enum(deliveryWindows, "org:errors.deliveryWindow"),
      note: optionalText(500),
      wantsInvoice: z.string().optional().transform((v) => v === "on" || v === "true"),
      invoiceTitle: optionalText(100),
      invoiceTaxNumber: z.string().default("").transform((s) => s.replace(/\s/g, "").toUpperCase()),
    })
    .superRefine(checkInvoice);
}
export type OrderDetailsInput = z.infer<ReturnType<typeof orderDetailsSchema>>;

export const DecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), reason: optionalText(500) }),
  z.object({ intent: z.literal("reject"), reason: z.string("org:errors.reasonRequired").trim().min(1, "org:errors.reasonRequired").max(500, "org:errors.tooLong") }),
]);
export type DecisionInput = z.infer<typeof DecisionSchema>;

/** Yuan typed by an administrator ("1234.5") → fen; positive, at most two decimals. */
export const yuanAmountField = z
  .string("org:errors.required")
  .trim()
  .min(1, "org:errors.required")
  .transform((text, ctx) => {
    const fen = parseYuanToFen(text);
    if (fen === null || fen <= 0) {
      ctx.addIssue({ code: "custom", message: "org:errors.amount" });
      return z.NEVER;
    }
    return fen;
  });

export const TermsPaymentSchema = z.object({
  amount: yuanAmountField,
  receivedOn: dateField,
  bankReference: z
    .string("org:errors.required")
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "org:errors.required").max(60, "org:errors.tooLong").regex(/^[0-9A-Za-z-]+$/, "org:errors.bankReference")),
});
export type TermsPaymentInput = z.infer<typeof TermsPaymentSchema>;

export const InvoiceRecordSchema = z.object({
  invoiceNumber: z
    .string("org:errors.required")
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(z.string().min(1, "org:errors.required").max(30, "org:errors.tooLong").regex(/^[0-9A-Za-z]+$/, "org:errors.invoiceNumber")),
  issuedOn: dateField,
  amount: yuanAmountField,
});
export type InvoiceRecordInput = z.infer<typeof InvoiceRecordSchema>;

export const TermsSettingsSchema = z
  .object({
    paymentTerms: z.enum(["PAY_NOW", "ON_TERMS"], "org:errors.paymentTerms"),
    termDays: z.coerce.number("org:errors.termDays").int("org:errors.termDays").min(1, "org:errors.termDays").max(180, "org:errors.termDays"),
    creditLimit: z.string().trim().default("0").transform((text, ctx) => {
      const fen = parseYuanToFen(text === "" ? "0" : text);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: "org:errors.amount" });
        return z.NEVER;
      }
      return fen;
    }),
    approvalThreshold: z.string().trim().default("").transform((text, ctx) => {
      if (text === "") return null;
      const fen = parseYuanToFen(text);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: "org:errors.amount" });
        return z.NEVER;
      }
      return fen;
    }),
  });
export type TermsSettingsInput = z.infer<typeof TermsSettingsSchema>;

/**
 * Received quantities per line ("received.<lineId>"), read as whole numbers; anything else is kept as
 * null so the order's own check names every line that is wrong (confirmReceipt).
 */
export const ReceiveSchema = z.object({
  received: z
    .record(z.string(), z.string())
    .default({})
    .transform((byLine) => {
      const out = new Map<number, number | null>();
      for (const [lineId, value] of Object.entries(byLine)) {
        if (!/^\d{1,9}$/.test(lineId)) continue;
        const text = value.trim();
        out.set(Number(lineId), /^\d{1,6}$/.test(text) ? Number(text) : null);
      }
      return out;
    }),
});

/** Stars ("stars.<supplierId>", 1–5) and an optional comment per supplier; suppliers left unrated are skipped. */
export const RatingsSchema = z
  .object({ stars: z.record(z.string(), z.string()).default({}), comment: z.record(z.string(), z.string()).default({}) })
  .transform(({ stars, comment }) =>
    Object.entries(stars)
      .filter(([supplierId, value]) => /^\d{1,9}$/.test(supplierId) && /^[1-5]$/.test(value))
      .map(([supplierId, value]) => ({ supplierId: Number(supplierId), stars: Number(value), comment: (comment[supplierId] ?? "").trim() })),
  );

/** Cancelling cannot be undone: only the confirmation's own button says "yes". */
export const CancelSchema = z.object({ confirmed: z.string().optional().transform((v) => v === "yes") });

/** A button that carries nothing but its intent (pay, retry the refund). */
export const IntentOnlySchema = z.object({});
