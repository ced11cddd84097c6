import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { OrderStatus } from "./order-transitions";
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

/**
 * A refund asked for by an administrator, through the provider; the audit entry is written in the
 * same commit as the Refund row (the request), whatever the provider answers after.
 */
export function refundOrderAsAdmin(request: RefundRequest & { orderNumber: string; confirmedById?: number }) {
  const { orderNumber, confirmedById, ...refund } = request;
  const askedBy = confirmedById === undefined ? {} : { askedBy: refund.requestedById };
  return refundOrder({
    ...refund,
    audit: { userId: confirmedById ?? refund.requestedById, action: "order.refund", details: { number: orderNumber, amountFen: refund.amountFen, reason: refund.reason, ...askedBy } },
  });
}

/**
 * An administrator cancels an order; audited in the same commit as the cancellation (or the refund
 * request). A paid order's cancellation confirmed by a second administrator names who asked for it.
 */
export function cancelOrderAsAdmin(input: { orderId: number; orderNumber: string; actorUserId: number; reason: string; askedBy?: number; confirmIn?: RefundRequest["confirmIn"] }) {
  const askedBy = input.askedBy === undefined ? {} : { askedBy: input.askedBy };
  return cancelOrder({
    orderNumber: input.orderNumber,
    actorUserId: input.actorUserId,
    reason: input.reason,
    audit: { action: "order.cancel", details: { number: input.orderNumber, reason: input.reason, ...askedBy } },
    confirmIn: input.confirmIn,
  });
}
