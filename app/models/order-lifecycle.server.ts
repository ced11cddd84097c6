import { violatesCheck } from "~/utils/sql-dialect.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { allocateRefund, amountsByCounty, buyerTypes, ledgerInserts, sqliteDateTime } from "./ledger.server";
import { allows, TRANSITIONS, type ChangeAction, type OrderFacts, type OrderStatus, type Rule } from "./order-transitions";

/**
 * The one owner of an order's state (ADR 019), for employee, organisation and gift orders alike:
 * taking stock, giving it back, and every status change. A change is allowed only if the table
 * (order-transitions.ts) lists it; it writes the new state, its history entry, its audit entry (when an actor is
 * answerable for it) and its ledger entries (when money is counted) in one transaction, or nothing.
 */
// —— Stock: taken one way, given back one way ——

export type StockLine = { productId: number; quantity: number };

/**
 * Takes stock for lines (each product once) in one statement. The CHECK (stock >= 0) constraint
 * refuses the whole statement if any line would oversell (isStockShortage), so there is no
 * read-then-write window; usable in a batch as well as inside an interactive transaction.
 */
export function takeStock(db: Prisma.TransactionClient | typeof prisma, lines: readonly StockLine[]) {
  return db.$executeRaw`UPDATE "Product" SET "stock" = "stock" - CASE "id" ${Prisma.join(
    // Typed, because PostgreSQL reads an untyped parameter in CASE as text (ADR 025).
    lines.map((l) => Prisma.sql`WHEN ${l.productId} THEN CAST(${l.quantity} AS INTEGER)`),
    " ",
  )} END WHERE "id" IN (${Prisma.join(lines.map((l) => l.productId))})`;
}

export function isStockShortage(error: unknown) {
  return violatesCheck(error, "stock");
}

/** Thrown inside a transaction to roll it back when the stock is no longer there. */
export class StockShortage extends Error {
  constructor() {
    super("stock shortage");
  }
}

/** Gives an order's stock back: every line's quantity, in one statement. */
function returnStock(tx: Prisma.TransactionClient, orderId: number) {
  return tx.$executeRaw`
    UPDATE "Product" SET "stock" = "stock" + (
      SELECT SUM(l."quantity") FROM "OrderLine" l WHERE l."orderId" = ${orderId} AND l."productId" = "Product"."id")
    WHERE "id" IN (SELECT "productId" FROM "OrderLine" WHERE "orderId" = ${orderId})`;
}

/** The history entry an order is born with, in the placing batch (raw, keyed by its checkoutKey). */
export function placedEvent(db: Prisma.TransactionClient | typeof prisma, checkoutKey: string, status: OrderStatus, actorUserId: number, at: Date) {
  return db.$executeRaw`
    INSERT INTO "OrderEvent" ("orderId","status","actorUserId","createdAt")
    VALUES ((SELECT "id" FROM "Order" WHERE "checkoutKey" = ${checkoutKey}), ${status}, ${actorUserId}, ${sqliteDateTime(at)})`;
}

// —— Transitions ——

/** The ledger counts a sale for whoever bought it: employees, or the organisation's kind (ADR 011). */
export function ledgerBuyerType(orderBuyerType: string): (typeof buyerTypes)[number] {
  return (buyerTypes as readonly string[]).includes(orderBuyerType) ? (orderBuyerType as (typeof buyerTypes)[number]) : "EMPLOYEE";
}

export type TransitionInput = {
  orderId: number;
  action: ChangeAction;
  /** Needed when the step has several possible targets (approve, refund). */
  to?: OrderStatus;
  /** Other fields the step sets on the order (paidAt, carrier, approval…). */
  set?: Prisma.OrderUpdateManyMutationInput;
  note?: string;
  actorUserId?: number | null;
  at?: Date;
  /** Written when someone is answerable for the step; its user is the actor. */
  audit?: { action: string; details?: Record<string, unknown> };
  /** For a refund: the Refund row whose amount the ledger takes back. */
  refund?: { id: number; amountFen: number };
};

export type TransitionResult =
  | { ok: true; from: OrderStatus; to: OrderStatus }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "refused"; status: OrderStatus };

/**
 * Makes one step inside the caller's transaction (so a caller may add its own rows to the same
 * commit): state, stock, pending gift shipments, history, audit, ledger — in that order. A step the
 * table refuses writes nothing. Throws StockShortage when stock must be taken and is not there;
 * any failure propagates so the whole transaction rolls back.
 */
export async function applyTransition(tx: Prisma.TransactionClient, input: TransitionInput): Promise<TransitionResult> {
  const { orderId, action } = input;
  const rule: Rule = TRANSITIONS[action];
  const at = input.at ?? new Date();
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, paidAt: true, termsPaidFen: true, buyerType: true } });
  if (!order) return { ok: false, reason: "not-found" };
  const from = order.status as OrderStatus;
  const to = input.to ?? rule.to[0]!;
  const facts: OrderFacts = action === "restock" ? { ...order, ...(await restockFacts(tx, orderId)) } : order;
  if (!allows(action, facts, to)) return { ok: false, reason: "refused", status: from };

  // Guarded by the status read above: nothing else can change it inside this exclusive transaction.
  const { count } = await tx.order.updateMany({ where: { id: orderId, status: from }, data: { ...input.set, status: to } });
  if (count === 0) return { ok: false, reason: "refused", status: from };
  if (rule.stock === "take") {
    const lines = await tx.orderLine.findMany({ where: { orderId }, select: { productId: true, quantity: true } });
    try {
      await takeStock(tx, mergeStockLines(lines));
    } catch (error) {
      throw isStockShortage(error) ? new StockShortage() : error;
    }
  }
  if (rule.stock === "return") {
    await returnStock(tx, orderId);
    // A gift order's parcels that never left will not leave now.
    await tx.shipment.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "CANCELLED" } });
  }
  await tx.orderEvent.create({
    data: { orderId, status: to, note: input.note ?? (action === "restock" ? RESTOCKED_NOTE : ""), actorUserId: input.actorUserId ?? null, createdAt: at },
  });
  if (input.audit) {
    await recordAudit(tx, { userId: input.actorUserId ?? null, action: input.audit.action, entityType: "Order", entityId: orderId, details: { from, to, ...input.audit.details } });
  }
  if (rule.ledger) await countInLedger(tx, { orderId, buyerType: order.buyerType, at, ledger: rule.ledger, refund: input.refund });
  return { ok: true, from, to };
}

/** One step in its own transaction. A shortage of stock comes back as a result, with nothing written. */
export async function transition(input: TransitionInput): Promise<TransitionResult | { ok: false; reason: "stock" }> {
  try {
    return await prisma.$transaction((tx) => applyTransition(tx, input));
  } catch (error) {
    if (error instanceof StockShortage) return { ok: false, reason: "stock" };
    throw error;
  }
}

const RESTOCKED_NOTE = "stock-returned";

async function restockFacts(tx: Prisma.TransactionClient, orderId: number) {
  const events = await tx.orderEvent.findMany({ where: { orderId, OR: [{ status: "SHIPPED" }, { note: RESTOCKED_NOTE }] }, select: { status: true, note: true } });
  return { everShipped: events.some((e) => e.status === "SHIPPED"), restocked: events.some((e) => e.note === RESTOCKED_NOTE) };
}

function mergeStockLines(lines: readonly StockLine[]): StockLine[] {
  const merged = new Map<number, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

async function countInLedger(
  tx: Prisma.TransactionClient,
  input: { orderId: number; buyerType: string; at: Date; ledger: "sale" | "refund"; refund?: { id: number; amountFen: number } },
) {
  const lines = await tx.orderLine.findMany({ where: { orderId: input.orderId }, select: { countyId: true, lineTotalFen: true } });
  const base = { orderId: input.orderId, occurredAt: input.at, channel: "ONLINE_HALL", buyerType: ledgerBuyerType(input.buyerType) } as const;
  if (input.ledger === "sale") {
    for (const insert of ledgerInserts(tx, { ...base, sourceType: "ORDER_PAID", sourceId: String(input.orderId) }, amountsByCounty(lines), 1)) await insert;
    return;
  }
  if (!input.refund) throw new Error(`order ${input.orderId}: a refund step needs its Refund row`);
  for (const insert of ledgerInserts(
    tx,
    { ...base, sourceType: "REFUND", sourceId: String(input.refund.id) },
    allocateRefund(input.refund.amountFen, amountsByCounty(lines)),
    -1,
  )) {
    await insert;
  }
}
