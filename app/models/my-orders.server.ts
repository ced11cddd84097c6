import { prisma } from "~/utils/db.server";
import { ORDER_TABS, type OrderTab } from "./order-tabs";

/** A buyer's own orders in one tab, newest first, each with up to four thumbnails of what it holds. */
export async function listMyOrders(userId: number, tab: OrderTab, take = 50) {
  const statuses: readonly string[] = ORDER_TABS[tab];
  const orders = await prisma.order.findMany({
    where: { userId, ...(statuses.length > 0 ? { status: { in: [...statuses] } } : {}) },
    orderBy: { id: "desc" },
    take,
    select: {
      number: true,
      status: true,
      totalFen: true,
      createdAt: true,
      _count: { select: { lines: true } },
      lines: {
        orderBy: { id: "asc" },
        take: 4,
        select: { nameZh: true, nameEn: true, product: { select: { slug: true, images: { select: { url: true }, orderBy: { sortOrder: "asc" }, take: 1 } } } },
      },
    },
  });
  return orders.map(({ lines, ...order }) => ({
    ...order,
    lines: lines.map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, slug: l.product.slug, imageUrl: l.product.images[0]?.url ?? null })),
  }));
}

/** How many of the buyer's orders each tab holds, for the tab labels. */
export async function countMyOrdersByTab(userId: number): Promise<Record<OrderTab, number>> {
  const rows = await prisma.order.groupBy({ by: ["status"], where: { userId }, _count: { _all: true } });
  const byStatus = new Map(rows.map((r) => [r.status, r._count._all]));
  const counts = {} as Record<OrderTab, number>;
  for (const [tab, statuses] of Object.entries(ORDER_TABS) as [OrderTab, readonly string[]][]) {
    counts[tab] = statuses.length === 0 ? rows.reduce((n, r) => n + r._count._all, 0) : statuses.reduce((n, s) => n + (byStatus.get(s) ?? 0), 0);
  }
  return counts;
}

/** Each SKU's main photo today, for showing order lines (which keep a copy of name and price, not the photo). */
export async function mainImagesBySku(skus: string[]): Promise<Record<string, string>> {
  const products = await prisma.product.findMany({
    where: { sku: { in: skus } },
    select: { sku: true, images: { select: { url: true }, orderBy: { sortOrder: "asc" }, take: 1 } },
  });
  return Object.fromEntries(products.flatMap((p) => (p.images[0] ? [[p.sku, p.images[0].url]] : [])));
}
