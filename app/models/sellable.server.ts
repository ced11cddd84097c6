import type { Prisma } from "~/generated/prisma/client";

/**
 * What the hall may sell: an active product of an admitted supplier. A suspended supplier's goods
 * leave the shop without being archived and come back when it is admitted again. This is the one
 * statement of the rule; the catalogue, the cart, the order grid, gift boxes and every placement
 * use one of its three forms below (a Prisma filter, a check on a loaded product, SQL).
 */
const PRODUCT_ON_SALE = "ACTIVE";
const SUPPLIER_ADMITTED = "ADMITTED";

export const sellableWhere = { status: PRODUCT_ON_SALE, supplier: { status: SUPPLIER_ADMITTED } } satisfies Prisma.ProductWhereInput;

export function isSellable(product: { status: string; supplier: { status: string } }) {
  return product.status === PRODUCT_ON_SALE && product.supplier.status === SUPPLIER_ADMITTED;
}

/** The rule in SQL, for a query that names the product `p`. */
export const SELLABLE_SQL = `p."status" = '${PRODUCT_ON_SALE}' AND p."supplierId" IN (SELECT "id" FROM "Supplier" WHERE "status" = '${SUPPLIER_ADMITTED}')`;
