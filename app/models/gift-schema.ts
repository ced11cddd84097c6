import { z } from "zod";
import { checkInvoice, dateField } from "./org-order-schema";

/**
 * Form schemas for welfare gift boxes (ADR 014), shared by server and browser. Messages are i18n keys
 * in the "gifts" namespace.
 */

/** The most recipients (rows) one gift order may have; a larger file is refused as a whole. */
export const MAX_RECIPIENTS = 5_000;
/** The most boxes one recipient may receive in one order. */
export const MAX_BOXES_PER_RECIPIENT = 100;
export const MAX_COMPONENTS = 20;
export const MAX_COMPONENT_QUANTITY = 100;
/** An uploaded recipient file: 5,000 rows of ~150 bytes fit several times over. */
export const MAX_RECIPIENT_FILE_BYTES = 5 * 1024 * 1024;
export const SHIPMENTS_PAGE_SIZE = 100;

export const giftBoxStatuses = ["ACTIVE", "ARCHIVED"] as const;
// CANCELLED: the order was cancelled (or refunded and restocked) before this parcel left.
export const shipmentStatuses = ["PENDING", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

const text = (max: number) => z.string().trim().max(max, "gifts:errors.tooLong").default("");
const required = (max: number) => z.string("gifts:errors.required").trim().min(1, "gifts:errors.required").max(max, "gifts:errors.tooLong");

/** Image: empty, a site path (/images/…) or an https address. */
const imageUrlField = text(300).refine((s) => s === "" || /^\/[\w./-]+$/.test(s) || /^https:\/\/[^\s"'<>]+$/.test(s), "gifts:errors.imageUrl");

/** The most rows the box form may post: more is a tampered form, refused before its rows are read. */
const MAX_COMPONENT_ROWS = 100;

/** One row of the box form ("components[0].sku", "components[0].quantity"); a blank row is skipped. */
const componentRow = z.object({ sku: z.string().default(""), quantity: z.string().default("") }).optional();

/**
 * The component rows: 1–20 filled, quantity 1–100, no SKU twice. Each error is keyed by the row it is
 * about ("components[1].sku"), and each component keeps its row so the server can name it too.
 */
type ComponentRowInput = { sku?: string; quantity?: string } | undefined;
type ComponentOutput = { sku: string; quantity: number; row: number };
const componentRows = z.preprocess(
  (rows) => (Array.isArray(rows) && rows.length > MAX_COMPONENT_ROWS ? null : (rows ?? [])),
  z.array(componentRow, "gifts:errors.tooManyComponents").transform((rows, ctx) => {
    const filled = rows
      .map((r, row) => ({ sku: (r?.sku ?? "").trim().slice(0, 60).toUpperCase(), quantity: (r?.quantity ?? "").trim().slice(0, 60), row }))
      .filter((r) => r.sku !== "" || r.quantity !== "");
    if (filled.length === 0) ctx.addIssue({ code: "custom", message: "gifts:errors.noComponents" });
    if (filled.length > MAX_COMPONENTS) ctx.addIssue({ code: "custom", message: "gifts:errors.tooManyComponents" });
    const seen = new Set<string>();
    const components = filled.map(({ sku, quantity: typed, row }) => {
      if (sku === "") ctx.addIssue({ code: "custom", message: "gifts:errors.required", path: [row, "sku"] });
      else if (seen.has(sku)) ctx.addIssue({ code: "custom", message: "gifts:errors.componentTwice", path: [row, "sku"] });
      seen.add(sku);
      const quantity = /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
      if (!(quantity >= 1 && quantity <= MAX_COMPONENT_QUANTITY)) ctx.addIssue({ code: "custom", message: "gifts:errors.componentQuantity", path: [row, "quantity"] });
      return { sku, quantity, row };
    });
    return components;
  }),
  // The guard above takes any value; the form's own shape is the rows.
) as unknown as z.ZodType<ComponentOutput[], ComponentRowInput[] | undefined>;

/**
 * Whether a refused box form posted more rows than any page shows (a row number such as
 * "components[9999999]"): its rows are then not sent back, which would mean millions of empty ones.
 */
export const componentRowsOverflow = (payload: Record<string, unknown>) => Array.isArray(payload.components) && payload.components.length > MAX_COMPONENT_ROWS;

/** The box form: names, description, image and its component rows, every error at once. */
export const GiftBoxSchema = z.object({
  nameZh: required(60),
  nameEn: text(100),
  descriptionZh: text(1000),
  descriptionEn: text(2000),
  imageUrl: imageUrlField,
  components: componentRows,
});
/** A box as the model stores it; `row` (the form's row of a component) only names where an error goes. */
export type GiftBoxInput = Omit<z.infer<typeof GiftBoxSchema>, "components"> & { components: { sku: string; quantity: number; row?: number }[] };

/** The name of a component row's field, as the box form posts it and as its errors are keyed. */
export const componentField = (row: number, field: "sku" | "quantity") => `components[${row}].${field}`;

/**
 * What the buyer fills in on the review step. The box, recipients and prices come from the server
 * draft, never from this form; the total shown is sent back so a price change is noticed.
 */
export function giftOrderDetailsSchema(today: string) {
  return z
    .object({
      checkoutKey: z.string().trim().min(8, "gifts:errors.required").max(100),
      expectedTotalFen: z.coerce.number().int().nonnegative(),
      poNumber: text(40),
      requestedDeliveryDate: dateField.refine((d) => d >= today, "org:errors.dateInPast"),
      note: text(500),
      wantsInvoice: z.string().optional().transform((v) => v === "on" || v === "true"),
      invoiceTitle: text(100),
      invoiceTaxNumber: z.string().default("").transform((s) => s.replace(/\s/g, "").toUpperCase()),
    })
    .superRefine(checkInvoice);
}
export type GiftOrderDetails = z.infer<ReturnType<typeof giftOrderDetailsSchema>>;

/** Carrier and tracking number typed by an administrator for one shipment or all pending ones. */
export const ShipSchema = z.object({
  carrier: required(40),
  trackingNumber: z
    .string("gifts:errors.required")
    .transform((s) => s.trim())
    .pipe(z.string().max(40, "gifts:errors.tooLong").regex(/^[0-9A-Za-z-]*$/, "gifts:errors.trackingNumber")),
});
export type ShipInput = z.infer<typeof ShipSchema>;

const shipmentId = z.string("gifts:ship.nothing").regex(/^\d{1,9}$/, "gifts:ship.nothing").transform(Number);
/** One parcel's row on the shipments list: its carrier and tracking number. */
export const ShipOneSchema = ShipSchema.extend({ shipmentId });
/** One parcel marked delivered. */
export const DeliverOneSchema = z.object({ shipmentId });

/** The recipients upload's fields beside its file (the file itself is read by the streaming parser). */
export const RecipientUploadSchema = z.object({
  intent: z.literal("upload", "gifts:upload.missing"),
  giftBoxId: z.string("gifts:review.unavailable").regex(/^\d{1,9}$/, "gifts:review.unavailable").transform(Number),
});

/** The box page's archive and restore buttons. */
export const GiftBoxStatusSchema = z.object({ intent: z.enum(["archive", "restore"]) });

/** Status, page and search from the URL; anything else is ignored. */
export function shipmentQuery(url: URL) {
  const status = url.searchParams.get("status");
  const page = Number(url.searchParams.get("page"));
  return {
    status: shipmentStatuses.includes(status as ShipmentStatus) ? (status as ShipmentStatus) : null,
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    q: (url.searchParams.get("q") ?? "").slice(0, 40),
  };
}
