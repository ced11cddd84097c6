import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import type { OrderStatus } from "./order.server";
import { cancelOrder, refundOrder, type RefundRequest } from "./payment.server";

/** The poverty-relief office's view of orders: search, filters, and the audited refund and cancel. */

export const ADMIN_ORDERS_PAGE_SIZE = 20;

export type AdminOrderFilter = {
  q?: string;
  status?: OrderStatus;
  /** Days as YYYY-MM-DD in Beijing time, both ends included. */
  from?: string;
  to?: string;
  page?: number;
};

const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function listOrdersForAdmin(filter: AdminOrderFilter) {
  const where: Prisma.OrderWhereInput = {};
  const q = filter.q?.trim();
  if (q) {
    where.OR = [{ number: { contains: q } }, { user: { name: { contains: q } } }, { user: { employeeNo: { contains: q.toUpperCase() } } }];
  }
  if (filter.status) where.status = filter.status;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: beijingDayStart(filter.from) } : {}),
      ...(filter.to ? { lt: new Date(beijingDayStart(filter.to).getTime() + 24 * 3600_000) } : {}),
    };
  }
  const page = Math.max(1, filter.page ?? 1);
  const [orders, total] = await Promise.all([
    prisma.order.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * ADMIN_ORDERS_PAGE_SIZE,
      take: ADMIN_ORDERS_PAGE_SIZE,
      select: {
        number: true,
        status: true,
        totalFen: true,
        refundedFen: true,
        deliveryMethod: true,
        createdAt: true,
        user: { select: { name: true, employeeNo: true } },
        _count: { select: { lines: true } },
      },
    }),
    prisma.order.count({ where }),
  ]);
  return { orders, total, page, pages: Math.max(1, Math.ceil(total / ADMIN_ORDERS_PAGE_SIZE)) };
}

/** A refund asked for by an administrator, through the provider, and written to the audit log. */
export async function refundOrderAsAdmin(request: RefundRequest & { orderNumber: string }) {
  const { orderNumber, ...refund } = request;
  const result = await refundOrder(refund);
  if (result.ok) {
    await recordAudit(prisma, {
      userId: refund.requestedById,
      action: "order.refund",
      entityType: "Order",
      entityId: refund.orderId,
      details: { number: orderNumber, amountFen: refund.amountFen, reason: refund.reason, status: result.status },
    });
  }
  return result;
}

export async function cancelOrderAsAdmin(input: { orderId: number; orderNumber: string; actorUserId: number; reason: string }) {
  const result = await cancelOrder({ orderNumber: input.orderNumber, actorUserId: input.actorUserId, reason: input.reason });
  if (result.ok) {
    await recordAudit(prisma, {
      userId: input.actorUserId,
      action: "order.cancel",
      entityType: "Order",
      entityId: input.orderId,
      details: { number: input.orderNumber, reason: input.reason, refunded: result.refunded },
    });
  }
  return result;
}
