import { placeOrder } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData, createUserWithRole, type ReferenceData } from "./admin-fixtures";

/** Counties, category and admitted suppliers (see admin-fixtures) to put products in. */
export const createShop = createReferenceData;

/** An employee who can sign in (for cookieFor) and buy. */
export function createBuyer(username: string) {
  return createUserWithRole(username, "EMPLOYEE");
}

/** A sellable product in one of the fixture counties. */
export async function product(
  ref: ReferenceData,
  stock: number,
  priceFen = 5990,
  county: "zhenlai" | "fengshan" = "zhenlai",
  extra: { maxPerOrder?: number } = {},
) {
  const n = await prisma.product.count();
  return prisma.product.create({
    data: {
      sku: `SKU-${n}`,
      slug: `p-${n}`,
      nameZh: `商品${n}`,
      spec: "5kg/袋",
      priceFen,
      stock,
      categoryId: ref.rice.id,
      countyId: ref[county].id,
      supplierId: county === "zhenlai" ? ref.zhenlaiCoop.id : ref.fengshanCoop.id,
      ...extra,
    },
  });
}

let checkouts = 0;

/** Places an order for delivery; `placedAt` in the past makes its reservation run out sooner. */
export async function placeTestOrder(userId: number, lines: { productId: number; quantity: number }[], placedAt = new Date()) {
  const result = await placeOrder(
    {
      userId,
      checkoutKey: `fixture-${process.pid}-${++checkouts}`,
      lines,
      delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "吉林省长春市汽开区东风大街1号" },
    },
    placedAt,
  );
  if (!result.ok) throw new Error(`fixture order failed: ${JSON.stringify(result)}`);
  return result.order;
}

export const stockOf = async (id: number) => (await prisma.product.findUniqueOrThrow({ where: { id } })).stock;
