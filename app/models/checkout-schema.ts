import { z } from "zod";
import { yuanToPositiveFen } from "./money-field";

/**
 * Forms of the cart, checkout and order pages, shared by server and browser (ADR 033). Messages are
 * i18n keys in the orders namespace. The browser sends product ids and quantities only, never prices.
 */
export const MAX_CART_QUANTITY = 999;
export const MAX_NOTE_LENGTH = 200;

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

const productId = id("orders:errors.unknownProduct");
const add = z.object({ intent: z.literal("add"), productId, quantity });
const setQuantity = z.object({ intent: z.literal("set-quantity"), productId, quantity });
const remove = z.object({ intent: z.literal("remove"), productId });

/** A change to the cart: what cart.server's changeCart applies. */
export const CartActionSchema = z.discriminatedUnion("intent", [add, setQuantity, remove], { error: "orders:errors.intent" });
export type CartAction = z.infer<typeof CartActionSchema>;

/** 立即购买: one product and how many, straight to checkout (the cart is left as it is). */
export const BuyNowSchema = z.object({ productId, quantity });

/** Every form the one /cart action takes, chosen by the button's intent: a cart change, or 立即购买. */
export const CartFormSchema = z.discriminatedUnion("intent", [add, setQuantity, remove, BuyNowSchema.extend({ intent: z.literal("buy-now") })], {
  error: "orders:errors.intent",
});

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

/**
 * The checkout form. `buyNow` (buyNow.productId, buyNow.quantity) comes with 立即购买, the product page's
 * one product; without it the order is the buyer's cart.
 */
export const CheckoutSchema = z
  .object({
    checkoutKey: z.string("orders:errors.checkoutKey").regex(/^[A-Za-z0-9-]{16,64}$/, "orders:errors.checkoutKey"),
    cartFingerprint: z.string().max(100).default(""),
    method: z.enum(deliveryMethods, "orders:errors.method"),
    addressId: optionalId("orders:errors.address"),
    pickupPointId: optionalId("orders:errors.pickupPoint"),
    note: z.string().trim().max(MAX_NOTE_LENGTH, "orders:errors.noteTooLong").default(""),
    buyNow: BuyNowSchema.optional(),
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

/** The buttons of a buyer's own order. */
export const OrderIntentSchema = z.object({ intent: z.enum(["pay", "cancel"], "orders:errors.intent") });

// An empty field says only that it is required, not also that its format is wrong.
const requiredText = (max: number) =>
  z.string("orders:errors.required").trim().min(1, { error: "orders:errors.required", abort: true }).max(max, "orders:errors.tooLong");

/** Yuan as typed ("12.50") → integer fen, more than zero; how much is left to refund only the server knows. */
const refundAmount = z
  .string("orders:errors.required")
  .trim()
  .min(1, { error: "orders:errors.required", abort: true })
  .max(20, { error: "orders:errors.amountFormat", abort: true })
  .transform(yuanToPositiveFen("orders:errors.amountFormat", "orders:errors.amountPositive"));

/** An administrator's forms on one order; each carries its intent. */
export const ShipSchema = z.object({
  intent: z.literal("ship"),
  carrier: requiredText(40),
  trackingNumber: requiredText(40).regex(/^[A-Za-z0-9-]+$/, "orders:errors.trackingFormat"),
});
export const DeliverSchema = z.object({ intent: z.literal("deliver") });
export const RefundSchema = z.object({
  intent: z.literal("refund"),
  amount: refundAmount,
  reason: requiredText(200),
  idempotencyKey: z.string("orders:errors.formExpired").regex(/^[A-Za-z0-9-]{16,64}$/, "orders:errors.formExpired"),
});
export const CancelSchema = z.object({ intent: z.literal("cancel"), reason: requiredText(200) });

export const AdminOrderActionSchema = z.discriminatedUnion("intent", [ShipSchema, DeliverSchema, RefundSchema, CancelSchema], { error: "orders:errors.intent" });
export type AdminOrderAction = z.infer<typeof AdminOrderActionSchema>;
