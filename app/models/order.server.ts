import { randomInt } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { singleStatementIsolation, violatesUnique } from "~/utils/sql-dialect.server";
import { cartFingerprint } from "./cart-fingerprint.server";
import { sqliteDateTime } from "./ledger.server";
import {
  applyTransition,
  isStockShortage,
  placedEvent,
  StockShortage,
  takeStock,
  transition,
  type TransitionInput,
} from "./order-lifecycle.server";
import type { OrderStatus } from "./order-transitions";
import { SELLABLE_SQL } from "./sellable.server";
import { metrics } from "~/utils/metrics.server";

/**
 * Employees' orders: placing (stock reserved atomically by the one checkout batch), paying,
 * expiring, cancelling, shipping, refunding. Every status change is a step of the order lifecycle
 * (order-lifecycle.server.ts): allowed by its table, written with its history, audit and ledger
 * rows in one transaction. Organisation and gift orders use the same steps after placing.
 */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 999;

export function reservationMinutes() {
  return getEnv().RESERVATION_MINUTES;
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
  p."maxPerOrder", (${Prisma.raw(SELLABLE_SQL)}) AS "orderable"`;

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
  const stockLines = [...merged].map(([productId, quantity]) => ({ productId, quantity }));
  const subtotalFen = [...merged].reduce((sum, [productId, quantity]) => sum + products.get(productId)!.priceFen * quantity, 0);
  const at = sqliteDateTime(now);
  const reservedUntil = sqliteDateTime(new Date(now.getTime() + reservationMinutes() * 60_000));
  const recipient = delivery.method === "DELIVERY" ? delivery : { recipient: "", mobile: "", addressText: "" };
  const orderId = Prisma.sql`(SELECT "id" FROM "Order" WHERE "checkoutKey" = ${checkoutKey})`;

  for (let attempt = 0; attempt < 3; attempt++) {
    const number = orderNumber(now);
    try {
      const results = await prisma.$transaction([
        takeStock(prisma, stockLines),
        prisma.$executeRaw`
          INSERT INTO "Order" ("number","userId","status","subtotalFen","totalFen","deliveryMethod","recipient","mobile","addressText",
            "pickupPointId","note","reservedUntil","checkoutKey","createdAt","updatedAt")
          VALUES (${number}, ${userId}, 'AWAITING_PAYMENT', ${subtotalFen}, ${subtotalFen}, ${delivery.method}, ${recipient.recipient},
            ${recipient.mobile}, ${recipient.addressText}, ${pickupPointId}, ${placement.note ?? ""}, ${reservedUntil}, ${checkoutKey}, ${at}, ${at})`,
        prisma.$executeRaw`
          INSERT INTO "OrderLine" ("orderId","productId","sku","nameZh","nameEn","spec","countyId","unitPriceFen","quantity","lineTotalFen")
          SELECT ${orderId}, v.* FROM (VALUES ${Prisma.join(lines)}) v`,
        placedEvent(prisma, checkoutKey, "AWAITING_PAYMENT", userId, now),
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
      metrics.orderPlaced("employee");
      return { ok: true, order: { id: row!.id, number, totalFen: subtotalFen }, replayed: false };
    } catch (error) {
      if (isStockShortage(error)) {
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

/**
 * Cancels orders whose reservation ran out unpaid and returns their stock. Safe to run from any
 * number of processes at once: each order takes the "expire" step at most once.
 */
export async function releaseExpiredReservations(now = new Date()): Promise<number> {
  const expired = await prisma.order.findMany({
    where: { status: "AWAITING_PAYMENT", reservedUntil: { lte: now } },
    select: { id: true },
    take: 500,
  });
  let released = 0;
  for (const { id } of expired) {
    const step = await transition({ orderId: id, action: "expire", set: { reservedUntil: null }, note: "reservation-expired", at: now });
    if (step.ok) released += 1;
  }
  return released;
}

export type PaymentOutcome = "paid" | "already-paid" | "revived" | "needs-refund" | "unknown-order";

export type PaymentInput = { orderId: number; provider: string; providerRef: string; at?: Date };

/**
 * Records a successful payment inside the caller's transaction (the payment handler adds its
 * event claim to the same commit): the "pay" step (status, history, ledger entries) and the
 * payment row. Idempotent: an order already paid changes nothing. A payment that arrives after the
 * reservation expired takes the stock again if it is still there ("payAfterExpiry"); otherwise
 * this throws StockShortage, the transaction rolls back, and the caller refunds the payment.
 */
export async function payOrderIn(tx: Prisma.TransactionClient, input: PaymentInput): Promise<Exclude<PaymentOutcome, "needs-refund">> {
  const at = input.at ?? new Date();
  const order = await tx.order.findUnique({ where: { id: input.orderId }, select: { status: true, paidAt: true } });
  if (!order) return "unknown-order";
  const revived = order.status === "CANCELLED";
  const step = await applyTransition(tx, {
    orderId: input.orderId,
    action: revived ? "payAfterExpiry" : "pay",
    set: { paidAt: at, reservedUntil: null, paymentProvider: input.provider },
    note: revived ? `${input.provider}: paid after expiry` : input.provider,
    at,
  });
  if (!step.ok) return step.reason === "not-found" ? "unknown-order" : "already-paid";
  await tx.payment.updateMany({ where: { provider: input.provider, providerRef: input.providerRef }, data: { status: "SUCCEEDED" } });
  return revived ? "revived" : "paid";
}

/** payOrderIn in its own transaction; "needs-refund" when the goods were sold in the meantime. */
export async function markOrderPaid(input: PaymentInput): Promise<PaymentOutcome> {
  try {
    return await prisma.$transaction((tx) => payOrderIn(tx, input));
  } catch (error) {
    if (error instanceof StockShortage) return "needs-refund";
    throw error;
  }
}

/** A failed or abandoned payment attempt: the order keeps its reservation until it expires. */
export async function markPaymentAttempt(provider: string, providerRef: string, status: "FAILED" | "EXPIRED", db: Prisma.TransactionClient | typeof prisma = prisma) {
  await db.payment.updateMany({ where: { provider, providerRef, status: "PENDING" }, data: { status } });
}

/**
 * Cancels an order still awaiting payment: the reservation is released, with its history (and
 * audit entry, when given) in the same commit. A paid order is cancelled by refunding it (refundOrder).
 */
export async function cancelUnpaidOrder(orderId: number, actorUserId: number | null, reason: string, now = new Date(), audit?: TransitionInput["audit"]) {
  const step = await prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
    if (order?.status !== "AWAITING_PAYMENT") return null;
    return applyTransition(tx, { orderId, action: "cancel", set: { reservedUntil: null }, note: reason, actorUserId, at: now, audit });
  });
  return step?.ok === true;
}

export type RefundResult =
  | { ok: true; refundedFen: number; status: OrderStatus }
  | { ok: false; reason: "not-found" | "not-paid" | "too-much" | "bad-amount" };

/**
 * Records a refund the provider has accepted, inside the caller's transaction: the Refund row
 * settled and the "refund" step (refunded total, status, negative ledger entries split over
 * counties in proportion to what each sold). Keyed by the refund row, so recording the same
 * refund twice changes nothing.
 */
export async function recordRefundIn(tx: Prisma.TransactionClient, refundId: number, now = new Date()): Promise<RefundResult> {
  const refund = await tx.refund.findUnique({
    where: { id: refundId },
    select: { id: true, amountFen: true, status: true, reason: true, requestedById: true, order: { select: { id: true, totalFen: true, refundedFen: true, paidAt: true, status: true } } },
  });
  if (!refund) return { ok: false, reason: "not-found" };
  const order = refund.order;
  if (refund.status === "SUCCEEDED") return { ok: true, refundedFen: order.refundedFen, status: order.status as OrderStatus };
  if (!order.paidAt) return { ok: false, reason: "not-paid" };
  if (refund.amountFen <= 0) return { ok: false, reason: "bad-amount" };
  if (order.refundedFen + refund.amountFen > order.totalFen) return { ok: false, reason: "too-much" };

  const refundedFen = order.refundedFen + refund.amountFen;
  const status: OrderStatus = refundedFen === order.totalFen ? "REFUNDED" : "PARTLY_REFUNDED";
  const step = await applyTransition(tx, {
    orderId: order.id,
    action: "refund",
    to: status,
    set: { refundedFen },
    note: refund.reason,
    actorUserId: refund.requestedById,
    at: now,
    refund: { id: refund.id, amountFen: refund.amountFen },
  });
  if (!step.ok) return { ok: false, reason: "not-paid" };
  await tx.refund.update({ where: { id: refund.id }, data: { status: "SUCCEEDED" } });
  return { ok: true, refundedFen, status };
}

export function recordRefund(refundId: number, now = new Date()): Promise<RefundResult> {
  return prisma.$transaction((tx) => recordRefundIn(tx, refundId, now));
}

/** Administrators move a paid order along: shipped (with carrier and tracking), delivered. */
export async function markShipped(orderId: number, carrier: string, trackingNumber: string, actorUserId: number, now = new Date()) {
  // CONFIRMED: an organisation's order on terms ships before its bank transfer arrives (ADR 012).
  const step = await transition({
    orderId,
    action: "ship",
    set: { carrier, trackingNumber },
    note: `${carrier} ${trackingNumber}`,
    actorUserId,
    at: now,
    audit: { action: "order.ship", details: { carrier, trackingNumber } },
  });
  return step.ok;
}

export async function markDelivered(orderId: number, actorUserId: number, now = new Date()) {
  const step = await transition({ orderId, action: "deliver", actorUserId, at: now, audit: { action: "order.deliver" } });
  return step.ok;
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
 * is recorded (status REFUNDED): the "restock" step, whose own history entry is its guard, so the
 * stock comes back at most once however often this runs; an order that ever shipped never gets its
 * stock back this way. Inside the caller's transaction (the refund's own).
 */
export async function returnStockOfRefundedOrderIn(tx: Prisma.TransactionClient, orderId: number, actorUserId: number | null, now = new Date()) {
  return (await applyTransition(tx, { orderId, action: "restock", actorUserId, at: now })).ok;
}

export function returnStockOfRefundedOrder(orderId: number, actorUserId: number | null, now = new Date()) {
  return prisma.$transaction((tx) => returnStockOfRefundedOrderIn(tx, orderId, actorUserId, now));
}
