import { prisma } from "~/utils/db.server";
import { priceLines } from "./pricing.server";

export type SkuPreview =
  | { found: false }
  | {
      found: true;
      sku: string;
      nameZh: string;
      nameEn: string;
      spec: string;
      unitPriceFen: number;
      casePack: number;
      minOrderQuantity: number;
      stock: number;
      onSale: boolean;
    };

/**
 * What a quick-order row's SKU is, as the buyer types it: name, spec, case pack, stock and the price
 * this organisation pays for that quantity (pricing.server's one rule; the minimum order when no
 * quantity is typed yet). The review step checks everything again.
 */
export async function previewSku(organisationId: number, typedSku: string, typedQuantity: number | null): Promise<SkuPreview> {
  const sku = typedSku.trim().toUpperCase();
  if (!sku || sku.length > 64) return { found: false };
  const [product] = await prisma.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Product" WHERE upper("sku") = ${sku} LIMIT 1`;
  if (!product) return { found: false };
  const p = await prisma.product.findUniqueOrThrow({
    where: { id: product.id },
    select: {
      id: true,
      sku: true,
      nameZh: true,
      nameEn: true,
      spec: true,
      stock: true,
      casePack: true,
      minOrderQuantity: true,
      status: true,
      supplier: { select: { status: true } },
    },
  });
  const quantity = typedQuantity !== null && Number.isSafeInteger(typedQuantity) && typedQuantity > 0 ? typedQuantity : Math.max(1, p.minOrderQuantity);
  const priced = await priceLines(organisationId, [{ productId: p.id, quantity }]);
  if (!priced.ok) return { found: false };
  return {
    found: true,
    sku: p.sku,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    spec: p.spec,
    unitPriceFen: priced.lines[0]!.unitPriceFen,
    casePack: p.casePack,
    minOrderQuantity: p.minOrderQuantity,
    stock: p.stock,
    onSale: p.status === "ACTIVE" && p.supplier.status === "ADMITTED",
  };
}
