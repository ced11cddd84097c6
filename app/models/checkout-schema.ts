import { z } from "zod";

/**
 * Forms of the cart, checkout and order pages, shared by server and browser. Messages are i18n keys
 * in the orders namespace. The browser sends product ids and quantities only, never prices.
 */
export const MAX_CART_QUANTITY = 999;
export const MAX_NOTE_LENGTH = 200;
export const cartIntents = ["add", "set-quantity", "remove"] as const;
export type CartIntent = (typeof cartIntents)[number];

// Digits only and short: "-1", "1.5", "1e3", " 2 " and 10 kB strings are refused before any number is made.
const id = (message: string) =>
  z
    .string(message)
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n > 0, message);

const quantity = z
  .string("orders:errors.quantity")
  .regex(/^\d{1,6}$/, "orders:errors.quantity")
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_CART_QUANTITY, "orders:errors.quantity");

export const CartActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), productId: id("orders:errors.unknownProduct"), quantity }),
    z.object({ intent: z.literal("set-quantity"), productId: id("orders:errors.unknownProduct"), quantity }),
    z.object({ intent: z.literal("remove"), productId: id("orders:errors.unknownProduct") }),
  ],
  { error: "orders:errors.intent" },
);
export type CartAction = z.infer<typeof CartActionSchema>;

/** 立即购买: one product and how many, straight to checkout (the cart is left as it is). */
export const BuyNowSchema = z.object({ productId: id("orders:errors.unknownProduct"), quantity });

export const deliveryMethods = ["DELIVERY", "PICKUP"] as const;

const optionalId = (message: string) =>
  z
    .string()
    .max(12, message)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      if (!/^\d{1,9}$/.test(v) || Number(v) <= 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(v);
    });

export const CheckoutSchema = z
  .object({
    checkoutKey: z.string("orders:errors.checkoutKey").regex(/^[A-Za-z0-9-]{16,64}$/, "orders:errors.checkoutKey"),
    cartFingerprint: z.string().max(100).default(""),
    method: z.enum(deliveryMethods, "orders:errors.method"),
    addressId: optionalId("orders:errors.address"),
    pickupPointId: optionalId("orders:errors.pickupPoint"),
    note: z.string().trim().max(MAX_NOTE_LENGTH, "orders:errors.noteTooLong").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.method === "DELIVERY" && value.addressId === undefined) {
      ctx.addIssue({ code: "custom", path: ["addressId"], message: "orders:errors.address" });
    }
    if (value.method === "PICKUP" && value.pickupPointId === undefined) {
      ctx.addIssue({ code: "custom", path: ["pickupPointId"], message: "orders:errors.pickupPoint" });
    }
  });
export type CheckoutInput = z.infer<typeof CheckoutSchema>;

/** An administrator's actions on one order; each form carries its intent. */
export const AdminOrderActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("ship"),
      carrier: z.string("orders:errors.required").trim().min(1, "orders:errors.required").max(40, "orders:errors.tooLong"),
      trackingNumber: z
        .string("orders:errors.required")
        .trim()
        .min(1, "orders:errors.required")
        .max(40, "orders:errors.tooLong")
        .regex(/^[A-Za-z0-9-]+$/, "orders:errors.trackingFormat"),
    }),
    z.object({ intent: z.literal("deliver") }),
    z.object({
      intent: z.literal("refund"),
      // Yuan text as typed; the route turns it into fen with parseYuanToFen.
      amount: z.string("orders:errors.required").trim().min(1, "orders:errors.required").max(20, "orders:errors.amountFormat"),
      reason: z.string("orders:errors.required").trim().min(1, "orders:errors.required").max(200, "orders:errors.tooLong"),
      idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "orders:errors.formExpired"),
    }),
    z.object({
      intent: z.literal("cancel"),
      reason: z.string("orders:errors.required").trim().min(1, "orders:errors.required").max(200, "orders:errors.tooLong"),
    }),
  ],
  { error: "orders:errors.intent" },
);
export type AdminOrderAction = z.infer<typeof AdminOrderActionSchema>;

/** The first problem of each field as { field: [message] }, the shape the forms show next to their fields. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= [issue.message];
  return errors;
}
