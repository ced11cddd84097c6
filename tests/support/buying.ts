import { prisma } from "~/utils/db.server";
import type { ReferenceData } from "./admin-fixtures";

/** Helpers shared by the cart, checkout and order tests: a product and route-call plumbing. */
let made = 0;

export async function makeProduct(ref: ReferenceData, fields: { stock?: number; priceFen?: number; maxPerOrder?: number | null; status?: string } = {}) {
  const n = `${process.pid}-${++made}`;
  return prisma.product.create({
    data: {
      sku: `SKU-${n}`,
      slug: `p-${n}`,
      nameZh: `商品${n}`,
      spec: "5kg/袋",
      priceFen: fields.priceFen ?? 5990,
      stock: fields.stock ?? 10,
      maxPerOrder: fields.maxPerOrder ?? null,
      status: fields.status ?? "ACTIVE",
      categoryId: ref.rice.id,
      countyId: ref.zhenlai.id,
      supplierId: ref.zhenlaiCoop.id,
    },
  });
}

export { cookiePair, post, request, thrown, unwrap, type RouteArgs } from "./routes";
