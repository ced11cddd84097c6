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

export type ComponentRow = { sku: string; quantity: string };

/** The box form's numbered component fields ("component.sku.0", "component.quantity.0", …), blank rows dropped. */
export function componentRows(form: Record<string, string>): ComponentRow[] {
  const rows: ComponentRow[] = [];
  for (const [key, value] of Object.entries(form)) {
    const match = /^component\.(sku|quantity)\.(\d{1,2})$/.exec(key);
    if (!match) continue;
    (rows[Number(match[2])] ??= { sku: "", quantity: "" })[match[1] as "sku" | "quantity"] = value.trim().slice(0, 60);
  }
  return rows.filter((r) => r && (r.sku !== "" || r.quantity !== ""));
}

export const GiftBoxSchema = z.object({
  nameZh: required(60),
  nameEn: text(100),
  descriptionZh: text(1000),
  descriptionEn: text(2000),
  imageUrl: imageUrlField,
});
export type GiftBoxInput = z.infer<typeof GiftBoxSchema> & { components: { sku: string; quantity: number }[] };

/** Checks the component rows: 1–20, known format, quantity 1–100, no SKU twice. Errors keyed "components" or per row. */
export function checkComponentRows(rows: ComponentRow[]): { ok: true; components: { sku: string; quantity: number }[] } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  if (rows.length === 0) errors.components = ["gifts:errors.noComponents"];
  if (rows.length > MAX_COMPONENTS) errors.components = ["gifts:errors.tooManyComponents"];
  const seen = new Set<string>();
  const components: { sku: string; quantity: number }[] = [];
  rows.forEach((row, i) => {
    const sku = row.sku.toUpperCase();
    if (sku === "") errors[`component.sku.${i}`] = ["gifts:errors.required"];
    else if (seen.has(sku)) errors[`component.sku.${i}`] = ["gifts:errors.componentTwice"];
    seen.add(sku);
    const quantity = /^\d{1,3}$/.test(row.quantity) ? Number(row.quantity) : NaN;
    if (!(quantity >= 1 && quantity <= MAX_COMPONENT_QUANTITY)) errors[`component.quantity.${i}`] = ["gifts:errors.componentQuantity"];
    components.push({ sku, quantity });
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, components };
}

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

/** The whole box form: fields and component rows, every error at once (keyed as the form's field names). */
export function parseGiftBoxForm(form: Record<string, string>): { ok: true; input: GiftBoxInput } | { ok: false; errors: Record<string, string[]> } {
  const fields = GiftBoxSchema.safeParse(form);
  const components = checkComponentRows(componentRows(form));
  const errors: Record<string, string[]> = components.ok ? {} : { ...components.errors };
  if (!fields.success) {
    for (const issue of fields.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  }
  if (!fields.success || !components.ok) return { ok: false, errors };
  return { ok: true, input: { ...fields.data, components: components.components } };
}

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
