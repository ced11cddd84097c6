import { z } from "zod";
import { yuanToPositiveFen } from "./money-field";

/**
 * Form schemas for the catalogue administration, shared by server and browser. Messages are i18n
 * keys in the "admin" namespace; components translate them with t().
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_STOCK = 1_000_000;

const required = (max: number) =>
  z.string().trim().min(1, "admin:errors.required").max(max, "admin:errors.tooLong");
const optional = (max: number) => z.string().trim().max(max, "admin:errors.tooLong").default("");
const id = z.coerce.number("admin:errors.required").int("admin:errors.required").positive("admin:errors.required");

export const skuField = required(40).regex(SKU_PATTERN, "admin:errors.skuFormat");
export const slugField = required(80).regex(SLUG_PATTERN, "admin:errors.slugFormat");

/** Yuan text such as "12.50" → integer fen; zero is not a price. */
export const priceField = z
  .string("admin:errors.required")
  .trim()
  .min(1, "admin:errors.required")
  .transform(yuanToPositiveFen("admin:errors.priceFormat", "admin:errors.pricePositive"));

export const stockField = z
  .string("admin:errors.required")
  .trim()
  .min(1, "admin:errors.required")
  .regex(/^\d+$/, "admin:errors.stockFormat")
  .transform(Number)
  .refine((n) => n <= MAX_STOCK, "admin:errors.stockTooLarge");

/** The editable text of a product; stock is never set here, only through adjustments. */
export const productFields = {
  sku: skuField,
  slug: slugField,
  nameZh: required(100),
  nameEn: optional(200),
  categoryId: id,
  countyId: id,
  supplierId: id,
  township: optional(50),
  village: optional(50),
  spec: required(50),
  price: priceField,
  descriptionZh: optional(5000),
  descriptionEn: optional(5000),
  originStatement: optional(1000),
  featured: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
};

export const ProductUpdateSchema = z.object(productFields);
export const ProductCreateSchema = z.object({ ...productFields, initialStock: stockField });
export type ProductInput = z.infer<typeof ProductUpdateSchema>;
export type ProductCreateInput = z.infer<typeof ProductCreateSchema>;

export const endorsementFields = {
  secretaryName: required(50),
  village: required(50),
  township: required(50),
  dispatchingUnit: optional(100),
  words: optional(2000),
};
export const EndorsementSchema = z.object(endorsementFields);
export type EndorsementInput = z.infer<typeof EndorsementSchema>;

export const StockAdjustmentSchema = z.object({
  delta: z
    .string("admin:errors.required")
    .trim()
    .min(1, "admin:errors.required")
    .regex(/^[+-]?\d+$/, "admin:errors.deltaFormat")
    .transform(Number)
    .refine((n) => n !== 0, "admin:errors.deltaZero")
    .refine((n) => Math.abs(n) <= MAX_STOCK, "admin:errors.stockTooLarge"),
  reason: required(200),
});

/** The buttons of a product's page that carry nothing but what they do. */
export const ProductButtonSchema = z.object({ intent: z.enum(["archive", "restore", "removeEndorsement"]) });

/** A button beside one photo of a product: make it the main one, move it, or remove it. */
export const PhotoButtonSchema = z.object({ intent: z.enum(["main", "up", "down", "remove"]), imageId: id });

/** The import's second step: the checked file's text, carried back from the preview. */
export const ImportConfirmSchema = z.object({ csv: z.string("admin:csv.noFile").min(1, "admin:csv.noFile") });

export const supplierKinds = ["COOPERATIVE", "COMPANY"] as const;
export const supplierStatuses = ["PENDING", "ADMITTED", "SUSPENDED"] as const;
export type SupplierStatus = (typeof supplierStatuses)[number];

export const SupplierSchema = z.object({
  name: required(100),
  kind: z.enum(supplierKinds, "admin:errors.required"),
  countyId: id,
  contactName: optional(50),
  contactPhone: optional(30).refine((v) => v === "" || /^[0-9+\-\s()]{5,30}$/.test(v), "admin:errors.phoneFormat"),
});
export type SupplierInput = z.infer<typeof SupplierSchema>;

export const SupplierStatusSchema = z.object({
  status: z.enum(["ADMITTED", "SUSPENDED"], "admin:errors.required"),
  reason: required(200),
});

export const CountySchema = z.object({
  nameZh: required(50),
  nameEn: required(100),
  storyZh: optional(10_000),
  storyEn: optional(10_000),
});
export type CountyInput = z.infer<typeof CountySchema>;

export const productStatuses = ["ACTIVE", "ARCHIVED"] as const;
export type ProductStatus = (typeof productStatuses)[number];

export type FieldErrors = Record<string, string[] | undefined>;

/** The import/export spreadsheet's columns, in export order (see app/models/product-csv.server.ts). */
export const CSV_COLUMNS = [
  "sku",
  "slug",
  "name_zh",
  "name_en",
  "category",
  "county",
  "supplier",
  "township",
  "village",
  "spec",
  "price_yuan",
  "stock",
  "description_zh",
  "description_en",
  "origin_statement",
  "image_url",
  "secretary_name",
  "secretary_village",
  "secretary_township",
  "dispatching_unit",
  "endorsement_words",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["sku", "slug", "name_zh", "category", "county", "supplier", "spec", "price_yuan", "stock"];
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
