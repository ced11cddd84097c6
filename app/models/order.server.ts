import { randomInt } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { singleStatementIsolation, violatesCheck, violatesUnique } from "~/utils/sql-dialect.server";
import { recordAudit } from "./audit.server";
import { cartFingerprint } from "./cart-fingerprint.server";
import { allocateRefund, amountsByCounty, buyerTypes, ledgerInserts, sqliteDateTime } from "./ledger.server";

/**
 * Orders: placing (stock reserved atomically), paying, expiring, cancelling, shipping, refunding.
 *
 * Every state change is one short batch transaction of guarded statements, never read-then-write:
 * stock is decremented by `stock = stock - n` and the CHECK (stock >= 0) constraint aborts the whole
 * batch if any line would oversell; status changes carry the status they expect in their WHERE, so a
 * second delivery of the same event, or a race with another change, finds nothing to do.
 */
export const orderStatuses = [
  "AWAITING_PAYMENT",
  "PAID",
  "SHIPPED",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
  "REFUNDED",
  "PARTLY_REFUNDED",
  // Organisation orders (ADR 011): waiting for the organisation's approver; confirmed to ship on terms.
  "PENDING_APPROVAL",
  "CONFIRMED",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const MAX_LINES = 50;
export const MAX_QUANTITY = 999;

export function reservationMinutes() {
  const raw = Number(process.env.RESERVATION_MINUTES ?? 30);
  return Number.isInteger(raw) && raw > 0 ? raw : 30;
}

/** The ledger counts a sale for whoever bought it: employees, or the organisation's kind (ADR 011). */
export function ledgerBuyerType(orderBuyerType: string): (typeof buyerTypes)[number] {
  return (buyerTypes as readonly string[]).includes(orderBuyerType) ? (orderBuyerType as (typeof buyerTypes)[number]) : "EMPLOYEE";
}

export type CheckoutLine = { productId: number; quantity: number };
export type Delivery =
  | { method: "DELIVERY"; recipient: string; mobile: string; addressText: string }
  | { method: "PICKUP"; pickupPointId: number };

export type PlaceOrderInput = {
  userId: number;
  checkoutKey: string;
  lines: CheckoutLine[];
  delivery: Delivery;
  note?: string;
};

export type LineProblem =
  | { productId: number; problem: "unavailable" }
  | { productId: number; problem: "sold-out"; available: number }
  | { productId: number; problem: "over-limit"; limit: number };

export type PlaceOrderResult =
  | { ok: true; order: { id: number; number: string; totalFen: number }; replayed: boolean }
  | { ok: false; reason: "empty" | "too-many-lines" | "bad-quantity" | "pickup-unknown" }
  | { ok: false; reason: "lines"; problems: LineProblem[] };

export function orderNumber(now: Date) {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `FP-${day}-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}

function isStockCheckFailure(error: unknown) {
  return violatesCheck(error, "stock");
}

/** Merges repeated products (two cart lines may draw on one product) and checks the quantities. */
export function mergeLines(lines: CheckoutLine[]): Map<number, number> | "bad-quantity" {
  const merged = new Map<number, number>();
  for (const { productId, quantity } of lines) {
    if (!Number.isSafeInteger(productId) || productId <= 0) return "bad-quantity";
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return "bad-quantity";
    merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  }
  for (const quantity of merged.values()) if (quantity > MAX_QUANTITY) return "bad-quantity";
  return merged;
}

/** A product as the order prices it, read in one statement with its supplier's standing. */
type PricedProduct = {
  productId: number;
  sku: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  countyId: number;
  priceFen: number;
  stock: number;
  maxPerOrder: number | null;
  orderable: number | bigint;
};

const pricedColumns = Prisma.sql`p."id" AS "productId", p."sku", p."nameZh", p."nameEn", p."spec", p."countyId", p."priceFen", p."stock",
  p."maxPerOrder", (p."status" = 'ACTIVE' AND s."status" = 'ADMITTED') AS "orderable"`;

function readPricedProducts(ids: number[]) {
  return prisma.$queryRaw<PricedProduct[]>`
    SELECT ${pricedColumns} FROM "Product" p JOIN "Supplier" s ON s."id" = p."supplierId" WHERE p."id" IN (${Prisma.join(ids)})`;
}

/** Why lines cannot be ordered as asked, from the catalogue as it is now; empty when they can. */
function lineProblems(merged: Map<number, number>, products: Map<number, PricedProduct>): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const [productId, quantity] of merged) {
    const product = products.get(productId);
    if (!product || !Number(product.orderable)) problems.push({ productId, problem: "unavailable" });
    else if (product.maxPerOrder !== null && quantity > product.maxPerOrder) problems.push({ productId, problem: "over-limit", limit: product.maxPerOrder });
    else if (product.stock < quantity) problems.push({ productId, problem: "sold-out", available: product.stock });
  }
  return problems;
}

/** A payment attempt opened together with the order, in the same commit (providers that need no network call). */
export type PreparedPayment = { provider: string; providerRef: string };

type Placement = Omit<PlaceOrderInput, "lines"> & { merged: Map<number, number>; products: Map<number, PricedProduct>; payment?: PreparedPayment };

async function replayOf(checkoutKey: string, userId: number): Promise<PlaceOrderResult | null> {
  const existing = await prisma.order.findUnique({ where: { checkoutKey }, select: { id: true, number: true, totalFen: true, userId: true } });
  if (!existing || existing.userId !== userId) return null;
  return { ok: true, order: { id: existing.id, number: existing.number, totalFen: existing.totalFen }, replayed: true };
}

/**
 * Places an order and reserves its stock until `reservedUntil`, and takes the ordered products out of
 * the buyer's cart. The server prices every line from the catalogue; the caller sends product ids and
 * quantities only. The same checkoutKey always yields the same order, so a double-clicked or retried
 * form makes one order.
 */
export async function placeOrder(input: PlaceOrderInput, now = new Date()): Promise<PlaceOrderResult> {
  if (input.lines.length === 0) return (await replayOf(input.checkoutKey, input.userId)) ?? { ok: false, reason: "empty" };
  if (input.lines.length > MAX_LINES) return { ok: false, reason: "too-many-lines" };
  const merged = mergeLines(input.lines);
  if (merged === "bad-quantity") return { ok: false, reason: "bad-quantity" };
  const products = new Map((await readPricedProducts([...merged.keys()])).map((p) => [p.productId, p]));
  return reserve({ ...input, merged, products }, now);
}

export type PlaceCartOrderInput = Omit<PlaceOrderInput, "lines"> & {
  /** The cart as the checkout page showed it (CartView.fingerprint): a different cart is not ordered. */
  cartFingerprint: string;
  payment?: PreparedPayment;
};

/**
 * Places an order for everything in the buyer's cart, as the checkout page showed it. The cart and
 * today's prices are read in one statement, and the order (with its payment attempt, when the
 * provider needs no network call) is written in one commit: checkout is the hall's busiest write.
 */
export async function placeCartOrder(input: PlaceCartOrderInput, now = new Date()): Promise<PlaceOrderResult | { ok: false; reason: "cart-changed" }> {
  const rows = await prisma.$queryRaw<(PricedProduct & { quantity: number })[]>`
    SELECT l."quantity", ${pricedColumns}
    FROM "CartLine" l JOIN "Cart" c ON c."id" = l."cartId" JOIN "Product" p ON p."id" = l."productId" JOIN "Supplier" s ON s."id" = p."supplierId"
    WHERE c."userId" = ${input.userId} ORDER BY l."id"`;
  if (rows.length === 0) return (await replayOf(input.checkoutKey, input.userId)) ?? { ok: false, reason: "empty" };
  if (cartFingerprint(rows.map((r) => ({ productId: r.productId, quantity: r.quantity, unitPriceFen: r.priceFen }))) !== input.cartFingerprint) {
    return (await replayOf(input.checkoutKey, input.userId)) ?? { ok: false, reason: "cart-changed" };
  }
  if (rows.length > MAX_LINES) return { ok: false, reason: "too-many-lines" };
  const merged = mergeLines(rows);
  if (merged === "bad-quantity") return { ok: false, reason: "bad-quantity" };
  return reserve({ ...input, merged, products: new Map(rows.map((r) => [r.productId, r])) }, now);
}

/**
 * The order's one commit: stock taken by a guarded decrement (the CHECK aborts everything if any
 * line would oversell), the order, its lines and first event, the cart lines removed, and the
 * payment attempt if one was prepared. Raw statements keyed by the unique checkoutKey, so the whole
 * order is one batch with no read in between.
 */
async function reserve(placement: Placement, now: Date): Promise<PlaceOrderResult> {
  const { merged, products, userId, checkoutKey, delivery } = placement;
  const problems = lineProblems(merged, products);
  if (problems.length > 0) return { ok: false, reason: "lines", problems };

  let pickupPointId: number | null = null;
  if (delivery.method === "PICKUP") {
    const point = await prisma.$queryRaw<{ id: number }[]>`SELECT "id" FROM "PickupPoint" WHERE "id" = ${delivery.pickupPointId} AND "active" = TRUE`;
    if (point.length === 0) return { ok: false, reason: "pickup-unknown" };
    pickupPointId = point[0]!.id;
  }

  const lines = [...merged].map(([productId, quantity]) => {
    const p = products.get(productId)!;
    // Typed, because PostgreSQL reads untyped VALUES as text (ADR 025).
    return Prisma.sql`(CAST(${productId} AS INTEGER), ${p.sku}, ${p.nameZh}, ${p.nameEn}, ${p.spec}, CAST(${p.countyId} AS INTEGER),
      CAST(${p.priceFen} AS INTEGER), CAST(${quantity} AS INTEGER), CAST(${p.priceFen * quantity} AS INTEGER))`;
  });
  const ids = Prisma.join([...merged.keys()]);
  const subtotalFen = [...merged].reduce((sum, [productId, quantity]) => sum + products.get(productId)!.priceFen * quantity, 0);
  const at = sqliteDateTime(now);
  const reservedUntil = sqliteDateTime(new Date(now.getTime() + reservationMinutes() * 60_000));
  const recipient = delivery.method === "DELIVERY" ? delivery : { recipient: "", mobile: "", addressText: "" };
  const orderId = Prisma.sql`(SELECT "id" FROM "Order" WHERE "checkoutKey" = ${checkoutKey})`;

  for (let attempt = 0; attempt < 3; attempt++) {
    const number = orderNumber(now);
    try {
      const results = await prisma.$transaction([
        prisma.$executeRaw`UPDATE "Product" SET "stock" = "stock" - CASE "id" ${Prisma.join(
          [...merged].map(([productId, quantity]) => Prisma.sql`WHEN ${productId} THEN CAST(${quantity} AS INTEGER)`),
          " ",
        )} END WHERE "id" IN (${ids})`,
        prisma.$executeRaw`
          INSERT INTO "Order" ("number","userId","status","subtotalFen","totalFen","deliveryMethod","recipient","mobile","addressText",
            "pickupPointId","note","reservedUntil","checkoutKey","createdAt","updatedAt")
          VALUES (${number}, ${userId}, 'AWAITING_PAYMENT', ${subtotalFen}, ${subtotalFen}, ${delivery.method}, ${recipient.recipient},
            ${recipient.mobile}, ${recipient.addressText}, ${pickupPointId}, ${placement.note ?? ""}, ${reservedUntil}, ${checkoutKey}, ${at}, ${at})`,
        prisma.$executeRaw`
          INSERT INTO "OrderLine" ("orderId","productId","sku","nameZh","nameEn","spec","countyId","unitPriceFen","quantity","lineTotalFen")
          SELECT ${orderId}, v.* FROM (VALUES ${Prisma.join(lines)}) v`,
        prisma.$executeRaw`
          INSERT INTO "OrderEvent" ("orderId","status","actorUserId","createdAt") VALUES (${orderId}, 'AWAITING_PAYMENT', ${userId}, ${at})`,
        // Never an order whose lines are still in the cart, or a cart emptied without an order.
        prisma.$executeRaw`DELETE FROM "CartLine" WHERE "cartId" IN (SELECT "id" FROM "Cart" WHERE "userId" = ${userId}) AND "productId" IN (${ids})`,
        ...(placement.payment
          ? [
              prisma.$executeRaw`
                INSERT INTO "Payment" ("orderId","provider","providerRef","status","amountFen","createdAt","updatedAt")
                VALUES (${orderId}, ${placement.payment.provider}, ${placement.payment.providerRef}, 'PENDING', ${subtotalFen}, ${at}, ${at})`,
            ]
          : []),
        prisma.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Order" WHERE "checkoutKey" = ${checkoutKey}`,
      ], singleStatementIsolation);
      const [row] = results[results.length - 1] as { id: number }[];
      return { ok: true, order: { id: row!.id, number, totalFen: subtotalFen }, replayed: false };
    } catch (error) {
      if (isStockCheckFailure(error)) {
        const now2 = await prisma.product.findMany({ where: { id: { in: [...merged.keys()] } }, select: { id: true, stock: true } });
        return {
          ok: false,
          reason: "lines",
          problems: now2
            .filter((p) => p.stock < (merged.get(p.id) ?? 0))
            .map((p) => ({ productId: p.id, problem: "sold-out" as const, available: p.stock })),
        };
      }
      // The same form sent twice: the first commit won; this one answers with its order.
      if (violatesUnique(error, "Order", "checkoutKey")) {
        const replay = await replayOf(checkoutKey, userId);
        if (replay) return replay;
        throw error;
      }
      if (violatesUnique(error, "Order", "number")) continue;
      throw error;
    }
  }
  throw new Error("could not allocate an order number");
}

/** Gives one order's reserved stock back, only if the order is still in `fromStatus` (same statement). */
export function restoreStock(orderId: number, fromStatus: OrderStatus, db: Prisma.TransactionClient | typeof prisma = prisma) {
  return db.$executeRaw`
    UPDATE "Product" SET "stock" = "stock" + (
      SELECT SUM(l."quantity") FROM "OrderLine" l WHERE l."orderId" = ${orderId} AND l."productId" = "Product"."id")
    WHERE "id" IN (SELECT "productId" FROM "OrderLine" WHERE "orderId" = ${orderId})
      AND EXISTS (SELECT 1 FROM "Order" o WHERE o."id" = ${orderId} AND o."status" = ${fromStatus})`;
}

function addEvent(orderId: number, status: OrderStatus, note: string, actorUserId: number | null, at: Date) {
  return prisma.orderEvent.create({ data: { orderId, status, note, actorUserId, createdAt: at } });
}

/**
 * Cancels orders whose reservation ran out unpaid and returns their stock. Safe to run from any
 * number of processes at once: each order is released by a guarded batch, at most once.
 */
export async function releaseExpiredReservations(now = new Date()): Promise<number> {
  const expired = await prisma.order.findMany({
    where: { status: "AWAITING_PAYMENT", reservedUntil: { lte: now } },
    select: { id: true },
    take: 500,
  });
  let released = 0;
  for (const { id } of expired) {
    const [, cancelled] = await prisma.$transaction([
      restoreStock(id, "AWAITING_PAYMENT"),
      prisma.order.updateMany({ where: { id, status: "AWAITING_PAYMENT" }, data: { status: "CANCELLED", reservedUntil: null } }),
    ]);
    if (cancelled.count > 0) {
      await addEvent(id, "CANCELLED", "reservation-expired", null, now);
      released += 1;
    }
  }
  return released;
}

export type PaymentOutcome = "paid" | "already-paid" | "revived" | "needs-refund" | "unknown-order";

class NeedsRefund extends Error {}

/**
 * Records a successful payment: order status, payment row, ledger entries and history in one
 * transaction (transactions are exclusive on our connection, see ADR 007). Idempotent: a second
 * delivery finds paidAt set and changes nothing; the ledger's unique source key backs that up.
 * A payment that arrives after the reservation expired takes the stock again if it is still there;
 * otherwise the outcome is "needs-refund" and the caller refunds it — no payment is kept without goods.
 */
export async function markOrderPaid(input: { orderId: number; provider: string; providerRef: string; at?: Date }): Promise<PaymentOutcome> {
  const at = input.at ?? new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const order = await tx.order.findUnique({
        where: { id: input.orderId },
        select: { id: true, status: true, paidAt: true, buyerType: true, lines: { select: { countyId: true, lineTotalFen: true, productId: true, quantity: true } } },
      });
      if (!order) return "unknown-order";
      if (order.paidAt) return "already-paid";
      if (order.status !== "AWAITING_PAYMENT" && order.status !== "CANCELLED") return "already-paid";
      const revived = order.status === "CANCELLED";
      if (revived) {
        for (const l of order.lines) {
          const taken = await tx.$executeRaw`UPDATE "Product" SET "stock" = "stock" - ${l.quantity} WHERE "id" = ${l.productId} AND "stock" >= ${l.quantity}`;
          if (taken === 0) throw new NeedsRefund();
        }
      }
      await tx.order.update({
        where: { id: order.id },
        data: { status: "PAID", paidAt: at, reservedUntil: null, paymentProvider: input.provider },
      });
      await tx.payment.updateMany({ where: { provider: input.provider, providerRef: input.providerRef }, data: { status: "SUCCEEDED" } });
      for (const insert of ledgerInserts(
        tx,
        { sourceType: "ORDER_PAID", sourceId: String(order.id), orderId: order.id, occurredAt: at, channel: "ONLINE_HALL", buyerType: ledgerBuyerType(order.buyerType) },
        amountsByCounty(order.lines),
        1,
      )) {
        await insert;
      }
      await tx.orderEvent.create({ data: { orderId: order.id, status: "PAID", note: revived ? `${input.provider}: paid after expiry` : input.provider, createdAt: at } });
      return revived ? "revived" : "paid";
    });
  } catch (error) {
    if (!(error instanceof NeedsRefund)) throw error;
    await prisma.$transaction([
      prisma.payment.updateMany({ where: { provider: input.provider, providerRef: input.providerRef }, data: { status: "SUCCEEDED" } }),
      addEvent(input.orderId, "CANCELLED", "paid-after-expiry-needs-refund", null, at),
    ]);
    return "needs-refund";
  }
}

/** A failed or abandoned payment attempt: the order keeps its reservation until it expires. */
export async function markPaymentAttempt(provider: string, providerRef: string, status: "FAILED" | "EXPIRED") {
  await prisma.payment.updateMany({ where: { provider, providerRef, status: "PENDING" }, data: { status } });
}

/**
 * Cancels an order that has not shipped. Unpaid: the reservation is released. Paid: the order is
 * cancelled and the whole amount must be refunded through the provider (see refundOrder).
 */
export async function cancelUnpaidOrder(orderId: number, actorUserId: number | null, reason: string, now = new Date()) {
  const [, cancelled] = await prisma.$transaction([
    restoreStock(orderId, "AWAITING_PAYMENT"),
    prisma.order.updateMany({ where: { id: orderId, status: "AWAITING_PAYMENT" }, data: { status: "CANCELLED", reservedUntil: null } }),
  ]);
  if (cancelled.count > 0) await addEvent(orderId, "CANCELLED", reason, actorUserId, now);
  return cancelled.count > 0;
}

export type RefundResult =
  | { ok: true; refundedFen: number; status: OrderStatus }
  | { ok: false; reason: "not-found" | "not-paid" | "too-much" | "bad-amount" };

/**
 * Records a refund the provider has accepted: the order's refunded total, its status, and the
 * negative ledger entries (split over counties in proportion to what each sold), in one
 * transaction. Keyed by the refund row, so recording the same refund twice changes nothing.
 */
export function recordRefund(refundId: number, now = new Date()): Promise<RefundResult> {
  return prisma.$transaction(async (tx): Promise<RefundResult> => {
    const refund = await tx.refund.findUnique({
      where: { id: refundId },
      select: {
        id: true,
        amountFen: true,
        status: true,
        reason: true,
        requestedById: true,
        order: { select: { id: true, totalFen: true, refundedFen: true, paidAt: true, status: true, buyerType: true, lines: { select: { countyId: true, lineTotalFen: true } } } },
      },
    });
    if (!refund) return { ok: false, reason: "not-found" };
    const order = refund.order;
    if (refund.status === "SUCCEEDED") return { ok: true, refundedFen: order.refundedFen, status: order.status as OrderStatus };
    if (!order.paidAt) return { ok: false, reason: "not-paid" };
    if (refund.amountFen <= 0) return { ok: false, reason: "bad-amount" };
    if (order.refundedFen + refund.amountFen > order.totalFen) return { ok: false, reason: "too-much" };

    const refundedFen = order.refundedFen + refund.amountFen;
    const status: OrderStatus = refundedFen === order.totalFen ? "REFUNDED" : "PARTLY_REFUNDED";
    await tx.refund.update({ where: { id: refund.id }, data: { status: "SUCCEEDED" } });
    await tx.order.update({ where: { id: order.id }, data: { refundedFen, status } });
    for (const insert of ledgerInserts(
      tx,
      { sourceType: "REFUND", sourceId: String(refund.id), orderId: order.id, occurredAt: now, channel: "ONLINE_HALL", buyerType: ledgerBuyerType(order.buyerType) },
      allocateRefund(refund.amountFen, amountsByCounty(order.lines)),
      -1,
    )) {
      await insert;
    }
    await tx.orderEvent.create({ data: { orderId: order.id, status, note: refund.reason, actorUserId: refund.requestedById, createdAt: now } });
    return { ok: true, refundedFen, status };
  });
}

/** Administrators move a paid order along: shipped (with carrier and tracking), delivered, completed. */
export async function markShipped(orderId: number, carrier: string, trackingNumber: string, actorUserId: number, now = new Date()) {
  const [changed] = await prisma.$transaction([
    // CONFIRMED: an organisation's order on terms ships before its bank transfer arrives (ADR 012).
    prisma.order.updateMany({ where: { id: orderId, status: { in: ["PAID", "CONFIRMED"] } }, data: { status: "SHIPPED", carrier, trackingNumber } }),
  ]);
  if (changed.count === 0) return false;
  await prisma.$transaction([
    addEvent(orderId, "SHIPPED", `${carrier} ${trackingNumber}`, actorUserId, now),
    recordAudit(prisma, { userId: actorUserId, action: "order.ship", entityType: "Order", entityId: orderId, details: { carrier, trackingNumber } }),
  ]);
  return true;
}

export async function markDelivered(orderId: number, actorUserId: number, now = new Date()) {
  const changed = await prisma.order.updateMany({ where: { id: orderId, status: "SHIPPED" }, data: { status: "DELIVERED" } });
  if (changed.count === 0) return false;
  await prisma.$transaction([
    addEvent(orderId, "DELIVERED", "", actorUserId, now),
    recordAudit(prisma, { userId: actorUserId, action: "order.deliver", entityType: "Order", entityId: orderId }),
  ]);
  return true;
}

/** What an order page shows of an order; organisation orders add their own fields (org-order.server.ts). */
export const orderDetailSelect = {
  id: true,
  number: true,
  status: true,
  subtotalFen: true,
  shippingFen: true,
  totalFen: true,
  refundedFen: true,
  deliveryMethod: true,
  recipient: true,
  mobile: true,
  addressText: true,
  note: true,
  reservedUntil: true,
  paymentProvider: true,
  carrier: true,
  trackingNumber: true,
  createdAt: true,
  paidAt: true,
  pickupPoint: { select: { nameZh: true, nameEn: true, addressZh: true, addressEn: true } },
  lines: { select: { id: true, productId: true, sku: true, nameZh: true, nameEn: true, spec: true, unitPriceFen: true, quantity: true, lineTotalFen: true } },
  events: { select: { status: true, note: true, createdAt: true }, orderBy: { id: "asc" } },
} satisfies Prisma.OrderSelect;

/** An employee sees only their own orders: ownership is part of the query. */
export function getOrderForUser(number: string, userId: number) {
  return prisma.order.findFirst({ where: { number, userId }, select: orderDetailSelect });
}

export function getOrderForAdmin(number: string) {
  return prisma.order.findUnique({ where: { number }, select: { ...orderDetailSelect, user: { select: { name: true, employeeNo: true, mobile: true } } } });
}

export function listOrdersForUser(userId: number, take = 50) {
  return prisma.order.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    take,
    select: { number: true, status: true, totalFen: true, createdAt: true, _count: { select: { lines: true } } },
  });
}

/**
 * Gives back the stock of a paid order that was cancelled before it shipped, once its full refund
 * is recorded (status REFUNDED). Its own history entry ("stock-returned") is the guard, written in
 * the same batch, so the stock comes back at most once however often this runs; an order that has
 * ever shipped never gets its stock back this way.
 */
export async function returnStockOfRefundedOrder(orderId: number, actorUserId: number | null, now = new Date()) {
  const eligible = Prisma.sql`EXISTS (SELECT 1 FROM "Order" o WHERE o."id" = ${orderId} AND o."status" = 'REFUNDED')
    AND NOT EXISTS (SELECT 1 FROM "OrderEvent" e WHERE e."orderId" = ${orderId} AND (e."note" = 'stock-returned' OR e."status" = 'SHIPPED'))`;
  const [, recorded] = await prisma.$transaction([
    prisma.$executeRaw`
      UPDATE "Product" SET "stock" = "stock" + (
        SELECT SUM(l."quantity") FROM "OrderLine" l WHERE l."orderId" = ${orderId} AND l."productId" = "Product"."id")
      WHERE "id" IN (SELECT "productId" FROM "OrderLine" WHERE "orderId" = ${orderId}) AND ${eligible}`,
    prisma.$executeRaw`
      INSERT INTO "OrderEvent" ("orderId", "status", "note", "actorUserId", "createdAt")
      SELECT ${orderId}, 'REFUNDED', 'stock-returned', ${actorUserId}, ${sqliteDateTime(now)} WHERE ${eligible}`,
  ]);
  return recorded > 0;
}
