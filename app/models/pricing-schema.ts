import { z } from "zod";
import { priceField, skuField } from "./product-schema";

/**
 * Form schemas for organisation pricing (quantity tiers, order rules, contract prices), shared by
 * server and browser. Messages are i18n keys in the "admin" namespace.
 */

export const MAX_TIERS = 10;
const MAX_QUANTITY = 1_000_000;

const count = (min: number, tooSmall: string) =>
  z
    .string("admin:errors.required")
    .trim()
    .min(1, "admin:errors.required")
    .regex(/^\d+$/, "admin:pricing.errors.wholeNumber")
    .transform(Number)
    .refine((n) => n >= min, tooSmall)
    .refine((n) => n <= MAX_QUANTITY, "admin:errors.stockTooLarge");

const id = z.coerce.number("admin:errors.required").int("admin:errors.required").positive("admin:errors.required");

export const OrderRulesSchema = z.object({
  minOrderQuantity: count(1, "admin:pricing.errors.atLeastOne"),
  casePack: count(1, "admin:pricing.errors.atLeastOne"),
});
export type OrderRulesInput = z.infer<typeof OrderRulesSchema>;

// A tier from 1 would simply replace the list price, which is what the product form is for.
export const TierSchema = z.object({ minQuantity: count(2, "admin:pricing.errors.tierMinTooSmall"), price: priceField });
export type TierInput = z.infer<typeof TierSchema>;
export const TierUpdateSchema = TierSchema.extend({ tierId: id });
export const TierRemoveSchema = z.object({ tierId: id });

export const ContractPriceSchema = z.object({ sku: skuField, price: priceField });
export type ContractPriceInput = z.infer<typeof ContractPriceSchema>;
export const ContractPriceUpdateSchema = z.object({ contractId: id, price: priceField });
export const ContractPriceRemoveSchema = z.object({ contractId: id });
