import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { allocateRefund, amountsByCounty, ledgerInserts, sqliteDateTime } from "./ledger.server";
import { getDraftRows, numbered, validateRows, type RowProblem } from "./org-order-lines.server";
import type { DecisionInput, OrderDetailsInput } from "./org-order-schema";
import { applyTransition, isStockShortage, ledgerBuyerType, takeStock } from "./order-lifecycle.server";
import type { OrderStatus } from "./order-transitions";
import { orderDetailSelect, orderNumber } from "./order.server";
import { closeOpenCheckouts, refundOrder } from "./payment.server";
import { checkOrderQuantity, priceLines } from "./pricing.server";
import { uniqueViolation } from "./product.server";
import { sellableWhere } from "./sellable.server";
import { creditExposureFen } from "./org-terms.server";
import type { MemberRole } from "./organisation-schema";
import { requireMembership } from "./organisation.server";
import { idOr404 } from "~/utils/params";
import { metrics } from "~/utils/metrics.server";

/**
 * Organisation orders (ADR 011): an Order row with the organisation, PO number, delivery location,
 * requested date and window, 发票 details and terms. Placed from the member's grid, priced by the one
 * rule (pricing.server.ts), stock reserved by conditional decrements and the credit limit checked in
 * the same exclusive transaction. Lifecycle:
 *
 *   placed ─ total > threshold ─→ PENDING_APPROVAL ─ reject ─→ CANCELLED (stock returned once)
 *      │                               │ approve
 *      └──────────────────────────────→┴→ PAY_NOW: AWAITING_PAYMENT (held ORG_PAYMENT_HOURS, then swept)
 *                                        ON_TERMS: CONFIRMED (due in termDays; never swept) → SHIPPED …
 */
export const ORG_PAYMENT_HOURS = 72;

export const BUYER_TYPE_OF_KIND: Record<string, string> = { CANTEEN: "CANTEEN", WELFARE: "WELFARE", DEPARTMENT: "OTHER_UNIT" };

export type PlaceOrgOrderResult =
  | { ok: true; order: { id: number; number: string; totalFen: number; status: string }; replayed: boolean }
  | { ok: false; reason: "lines"; problems: RowProblem[] }
  | { ok: false; reason: "prices-changed"; totalFen: number }
  | { ok: false; reason: "over-credit-limit"; availableFen: number }
  | { ok: false; reason: "location" | "not-approved" };

/** Thrown inside a placing or deciding transaction to roll it back and answer with `result`. */
export class Refused<R extends { ok: false; reason: string } = { ok: false; reason: string }> extends Error {
  constructor(readonly result: R) {
    super(result.reason);
  }
}

/** Where the order goes once it needs no (more) approval. */
export function confirmedState(organisation: { paymentTerms: string; termDays: number }, now: Date) {
  return organisation.paymentTerms === "ON_TERMS"
    ? { status: "CONFIRMED", reservedUntil: null, dueDate: new Date(now.getTime() + organisation.termDays * 86_400_000) }
    : { status: "AWAITING_PAYMENT", reservedUntil: new Date(now.getTime() + ORG_PAYMENT_HOURS * 3_600_000), dueDate: null };
}

type OverCreditLimit = { ok: false; reason: "over-credit-limit"; availableFen: number };

export async function checkCredit(tx: Prisma.TransactionClient, organisation: { id: number; paymentTerms: string; creditLimitFen: number }, addFen: number) {
  if (organisation.paymentTerms !== "ON_TERMS") return;
  const exposure = await creditExposureFen(tx, organisation.id);
  if (exposure + addFen > organisation.creditLimitFen) {
    throw new Refused<OverCreditLimit>({ ok: false, reason: "over-credit-limit", availableFen: Math.max(0, organisation.creditLimitFen - exposure) });
  }
}

/** What every organisation order records, whatever it orders (grid lines or gift boxes). */
function organisationOrderFields(input: {
  organisation: { id: number; kind: string; paymentTerms: string; termDays: number };
  userId: number;
  needsApproval: boolean;
  totalFen: number;
  details: { checkoutKey: string; note: string; poNumber: string; requestedDeliveryDate: string; wantsInvoice: boolean; invoiceTitle: string; invoiceTaxNumber: string };
  now: Date;
}) {
  const { organisation, userId, needsApproval, totalFen, details, now } = input;
  const state = needsApproval ? { status: "PENDING_APPROVAL", reservedUntil: null, dueDate: null } : confirmedState(organisation, now);
  return {
    number: orderNumber(now),
    userId,
    organisationId: organisation.id,
    status: state.status,
    reservedUntil: state.reservedUntil,
    dueDate: state.dueDate,
    channel: "ONLINE_HALL",
    buyerType: BUYER_TYPE_OF_KIND[organisation.kind] ?? "OTHER_UNIT",
    subtotalFen: totalFen,
    totalFen,
    deliveryMethod: "DELIVERY",
    note: details.note,
    poNumber: details.poNumber,
    requestedDeliveryDate: details.requestedDeliveryDate,
    invoiceTitle: details.wantsInvoice ? details.invoiceTitle : "",
    invoiceTaxNumber: details.wantsInvoice ? details.invoiceTaxNumber : "",
    paymentTerms: organisation.paymentTerms,
    approvalStatus: needsApproval ? "PENDING" : "NONE",
    checkoutKey: details.checkoutKey,
    createdAt: now,
    events: { create: { status: state.status, createdAt: now, actorUserId: userId } },
  };
}

type LineCopy = { productId: number; sku: string; nameZh: string; nameEn: string; spec: string; countyId: number; unitPriceFen: number; quantity: number; lineTotalFen: number };

/** An order's lines, copied from the catalogue, in one multi-row INSERT (createMany costs ~30 ms of CPU for 200; this ~2 ms). */
function insertOrderLines(tx: Prisma.TransactionClient, orderId: number, lines: LineCopy[]) {
  return tx.$executeRaw`
    INSERT INTO "OrderLine" ("orderId","productId","sku","nameZh","nameEn","spec","countyId","unitPriceFen","quantity","lineTotalFen")
    VALUES ${Prisma.join(
      lines.map((l) => Prisma.sql`(${orderId}, ${l.productId}, ${l.sku}, ${l.nameZh}, ${l.nameEn}, ${l.spec}, ${l.countyId}, ${l.unitPriceFen}, ${l.quantity}, ${l.lineTotalFen})`),
    )}`;
}

const organisationPlacingSelect = {
  id: true,
  kind: true,
  status: true,
  paymentTerms: true,
  termDays: true,
  creditLimitFen: true,
  approvalThresholdFen: true,
  contactName: true,
  contactMobile: true,
} satisfies Prisma.OrganisationSelect;
export type PlacingOrganisation = Prisma.OrganisationGetPayload<{ select: typeof organisationPlacingSelect }>;

/** What one kind of organisation order (grid lines, gift boxes) puts in the placing transaction. */
export type Basket = {
  totalFen: number;
  lines: LineCopy[];
  /** The order's own fields beyond those every organisation order records (delivery, gift box…). */
  order: Partial<Prisma.OrderUncheckedCreateInput>;
  /** Rows that belong to the order (shipments…), written in the same commit. */
  afterCreate?: (tx: Prisma.TransactionClient, orderId: number) => Promise<unknown>;
  audit: { action: string; details: Record<string, unknown> };
};

type Placed = { ok: true; order: { id: number; number: string; totalFen: number; status: string }; replayed: boolean };
type CommonRefusal = { ok: false; reason: "not-approved" } | { ok: false; reason: "prices-changed"; totalFen: number } | OverCreditLimit;

/**
 * The placing steps every organisation order shares, in one exclusive transaction: the
 * organisation still approved, the basket (the caller's lines, re-read and re-priced inside the
 * transaction; it throws Refused to refuse), the total the review showed, the approval threshold and
 * the credit limit (ADR 012), the stock taken (takeStock, the lifecycle's one way), the order with
 * its lines and first event, the caller's own rows, the audit entry. The same checkoutKey always
 * yields the same order; a number drawn twice is drawn again.
 */
export async function placeForOrganisation<R extends { ok: false; reason: string }>(input: {
  kind: "organisation" | "gift";
  organisationId: number;
  userId: number;
  details: { checkoutKey: string; expectedTotalFen: number; note: string; poNumber: string; requestedDeliveryDate: string; wantsInvoice: boolean; invoiceTitle: string; invoiceTaxNumber: string };
  now: Date;
  basket: (tx: Prisma.TransactionClient, organisation: PlacingOrganisation) => Promise<Basket>;
  /** The answer when the stock is gone (read after the rollback). */
  shortage: () => Promise<R>;
  /** The answer when another member's order already holds this checkoutKey. */
  conflict: R;
}): Promise<Placed | CommonRefusal | R> {
  const { organisationId, userId, details, now } = input;
  const replay = async () => {
    const existing = await prisma.order.findUnique({ where: { checkoutKey: details.checkoutKey }, select: { id: true, number: true, totalFen: true, status: true, userId: true } });
    return existing && existing.userId === userId ? ({ ok: true, order: { id: existing.id, number: existing.number, totalFen: existing.totalFen, status: existing.status }, replayed: true } as const) : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const order = await prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: organisationPlacingSelect });
        if (!organisation || organisation.status !== "APPROVED") throw new Refused({ ok: false, reason: "not-approved" });
        const basket = await input.basket(tx, organisation);
        if (basket.totalFen !== details.expectedTotalFen) throw new Refused({ ok: false, reason: "prices-changed", totalFen: basket.totalFen });
        const needsApproval = organisation.approvalThresholdFen !== null && basket.totalFen > organisation.approvalThresholdFen;
        await checkCredit(tx, organisation, basket.totalFen);
        await takeStock(tx, basket.lines);
        const created = await tx.order.create({
          data: { ...organisationOrderFields({ organisation, userId, needsApproval, totalFen: basket.totalFen, details, now }), ...basket.order },
          select: { id: true, number: true, totalFen: true, status: true },
        });
        await insertOrderLines(tx, created.id, basket.lines);
        await basket.afterCreate?.(tx, created.id);
        await recordAudit(tx, { userId, action: basket.audit.action, entityType: "Order", entityId: created.id, details: { ...basket.audit.details, totalFen: created.totalFen, status: created.status } });
        return created;
      });
      metrics.orderPlaced(input.kind);
      return { ok: true, order, replayed: false };
    } catch (error) {
      if (error instanceof Refused) return error.result as CommonRefusal | R;
      if (isStockShortage(error)) return input.shortage();
      const clash = uniqueViolation(error);
      if (clash === null) throw error;
      if (clash.includes("checkoutKey")) return (await replay()) ?? input.conflict;
      // An order number drawn twice: draw again.
    }
  }
  throw new Error("could not allocate an order number");
}

/**
 * Places the member's grid as an order. The caller has checked membership (requireMembership with
 * roles BUYER/ORG_ADMIN on an approved organisation). `expectedTotalFen` is the total the review page
 * showed: if prices moved since, nothing is placed and the new total comes back, so what was shown is
 * what is charged. The same checkoutKey always yields the same order.
 */
export async function placeOrgOrder(
  input: { organisationId: number; userId: number; details: OrderDetailsInput },
  now = new Date(),
): Promise<PlaceOrgOrderResult> {
  const { organisationId, userId, details } = input;
  // A form sent again after its order was placed: placeForOrganisation answers with that order.
  const existing = await prisma.order.findUnique({ where: { checkoutKey: details.checkoutKey }, select: { userId: true } });
  if (existing && existing.userId !== userId) return { ok: false, reason: "lines", problems: [] };
  const validation = existing ? null : await validateRows(numbered(await getDraftRows(organisationId, userId)));
  if (validation && !validation.ok) return { ok: false, reason: "lines", problems: validation.problems };
  const wanted = validation?.lines ?? [];

  return placeForOrganisation<Extract<PlaceOrgOrderResult, { reason: "lines" | "location" }>>({
    kind: "organisation",
    organisationId,
    userId,
    details,
    now,
    conflict: { ok: false, reason: "lines", problems: [] },
    async shortage() {
      const stocks = new Map((await prisma.product.findMany({ where: { id: { in: wanted.map((l) => l.productId) } }, select: { id: true, stock: true } })).map((p) => [p.id, p.stock]));
      const short = wanted.filter((l) => (stocks.get(l.productId) ?? 0) < l.quantity);
      return { ok: false, reason: "lines", problems: short.map((l) => ({ row: l.row, sku: l.sku, message: "org:lineErrors.stockGone", params: { sku: l.sku, row: l.row } })) };
    },
    async basket(tx) {
      const location = await tx.deliveryLocation.findFirst({
        where: { id: details.deliveryLocationId, organisationId, active: true },
        select: { id: true, name: true, address: true, contactName: true, contactMobile: true },
      });
      if (!location) throw new Refused({ ok: false, reason: "location" });
      // Read again inside the transaction: a product archived since the review is not sold.
      const products = await tx.product.findMany({
        where: { id: { in: wanted.map((l) => l.productId) }, ...sellableWhere },
        select: { id: true, sku: true, nameZh: true, nameEn: true, spec: true, countyId: true, minOrderQuantity: true, casePack: true },
      });
      const byId = new Map(products.map((p) => [p.id, p]));
      const gone = wanted.filter((l) => !byId.has(l.productId) || !checkOrderQuantity(byId.get(l.productId)!, l.quantity).ok);
      if (gone.length > 0) {
        throw new Refused({ ok: false, reason: "lines", problems: gone.map((l) => ({ row: l.row, sku: l.sku, message: "org:lineErrors.notOrderable", params: { sku: l.sku, row: l.row } })) });
      }
      const priced = await priceLines(organisationId, wanted, tx);
      if (!priced.ok) throw new Refused({ ok: false, reason: "lines", problems: [] });
      return {
        totalFen: priced.totalFen,
        lines: priced.lines.map((l) => ({ ...byId.get(l.productId)!, ...l })),
        order: {
          deliveryLocationId: location.id,
          // Copied: editing the location later changes no order.
          recipient: location.contactName,
          mobile: location.contactMobile,
          addressText: `${location.name} · ${location.address}`,
          deliveryWindow: details.deliveryWindow,
        },
        // The grid has become this order.
        afterCreate: (tx2) => tx2.orgOrderDraft.updateMany({ where: { organisationId, userId }, data: { rows: "[]" } }),
        audit: { action: "organisation.order.place", details: { organisationId, lines: priced.lines.length } },
      };
    },
  });
}

export type DecisionResult =
  | { ok: true; status: string }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "own-order" }
  | { ok: false; reason: "already-decided"; approvalStatus: string }
  | { ok: false; reason: "over-credit-limit"; availableFen: number };

/**
 * An APPROVER or ORG_ADMIN approves or rejects an order waiting for approval; approving needs a member
 * other than the one who placed it, whatever their role (ADR 022). One transition only:
 * the update is guarded by status PENDING_APPROVAL, so approving twice, or an approval racing a
 * rejection, changes the order once. A rejection returns the stock in the same transaction.
 */
export async function decideOrgOrder(orderId: number, organisationId: number, approverId: number, decision: DecisionInput, now = new Date()): Promise<DecisionResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<DecisionResult> => {
      const order = await tx.order.findFirst({
        where: { id: orderId, organisationId },
        select: { id: true, userId: true, status: true, approvalStatus: true, totalFen: true, organisation: { select: { id: true, paymentTerms: true, termDays: true, creditLimitFen: true } } },
      });
      if (!order || !order.organisation) return { ok: false, reason: "not-found" };
      if (order.status !== "PENDING_APPROVAL") return { ok: false, reason: "already-decided", approvalStatus: order.approvalStatus };
      if (decision.intent === "approve" && order.userId === approverId) return { ok: false, reason: "own-order" };
      const decided = { approverId, decidedAt: now, decisionReason: decision.reason };
      const common = { orderId, actorUserId: approverId, at: now, note: decision.intent === "approve" ? "approved" : "rejected" } as const;
      const audit = (status: string) => ({ action: `organisation.order.${decision.intent}`, details: { organisationId, reason: decision.reason, status } });
      if (decision.intent === "approve") {
        // The limit may have been lowered, or other orders placed, since this one was: check again
        // (its own amount is already part of the exposure while it waits).
        await checkCredit(tx, order.organisation, 0);
        const state = confirmedState(order.organisation, now);
        const step = await applyTransition(tx, { ...common, action: "approve", to: state.status as OrderStatus, set: { ...state, ...decided, approvalStatus: "APPROVED" }, audit: audit(state.status) });
        return step.ok ? { ok: true, status: step.to } : { ok: false, reason: "already-decided", approvalStatus: order.approvalStatus };
      }
      const step = await applyTransition(tx, { ...common, action: "reject", set: { ...decided, approvalStatus: "REJECTED" }, audit: audit("CANCELLED") });
      return step.ok ? { ok: true, status: step.to } : { ok: false, reason: "already-decided", approvalStatus: order.approvalStatus };
    });
  } catch (error) {
    if (error instanceof Refused && error.result.reason === "over-credit-limit") return error.result as OverCreditLimit;
    throw error;
  }
}

/**
 * A member cancels an order not yet paid or shipped: waiting for approval, awaiting payment, or
 * confirmed on terms with nothing paid yet (the lifecycle's "cancel" step). The stock comes back
 * once, with the history and audit entries in the same commit.
 */
export async function cancelOrgOrder(orderId: number, organisationId: number, userId: number, now = new Date()) {
  const cancelled = await prisma.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { id: orderId, organisationId }, select: { status: true } });
    if (!order) return false;
    const step = await applyTransition(tx, {
      orderId,
      action: "cancel",
      set: { reservedUntil: null, ...(order.status === "PENDING_APPROVAL" ? { approvalStatus: "NONE" } : {}) },
      note: "buyer-cancelled",
      actorUserId: userId,
      at: now,
      audit: { action: "organisation.order.cancel", details: { organisationId } },
    });
    return step.ok;
  });
  if (cancelled) await closeOpenCheckouts(orderId);
  return cancelled;
}

// —— Reading ——

const orgOrderSelect = {
  ...orderDetailSelect,
  organisationId: true,
  poNumber: true,
  requestedDeliveryDate: true,
  deliveryWindow: true,
  invoiceTitle: true,
  invoiceTaxNumber: true,
  paymentTerms: true,
  dueDate: true,
  approvalStatus: true,
  decidedAt: true,
  decisionReason: true,
  termsPaidFen: true,
  shortageFen: true,
  receivedAt: true,
  userId: true,
  user: { select: { name: true } },
  lines: {
    orderBy: { id: "asc" },
    select: { ...orderDetailSelect.lines.select, receivedQuantity: true, product: { select: { supplier: { select: { id: true, name: true } } } } },
  },
  invoices: { orderBy: { id: "asc" }, select: { number: true, issuedOn: true, amountFen: true } },
  ratings: { select: { supplierId: true, stars: true, comment: true } },
} satisfies Prisma.OrderSelect;

/** How many members other than the one who placed an order may approve it (none: it waits). */
export function otherApprovers(order: { organisationId: number; userId: number }) {
  return prisma.organisationMember.count({
    where: { organisationId: order.organisationId, role: { in: [...APPROVING_ROLES] }, suspendedAt: null, userId: { not: order.userId } },
  });
}

/** An organisation order by number, or null: callers then requireMembership on its organisationId. */
export function getOrgOrder(number: string) {
  return prisma.order.findFirst({ where: { number, organisationId: { not: null } }, select: orgOrderSelect });
}

export function listOrgOrders(organisationId: number, filter: { pendingApproval?: boolean } = {}, take = 100) {
  return prisma.order.findMany({
    where: { organisationId, ...(filter.pendingApproval ? { status: "PENDING_APPROVAL" } : {}) },
    orderBy: { id: "desc" },
    take,
    select: {
      number: true,
      status: true,
      totalFen: true,
      createdAt: true,
      poNumber: true,
      paymentTerms: true,
      approvalStatus: true,
      user: { select: { name: true } },
      _count: { select: { lines: true } },
    },
  });
}

// —— Receiving (验货) and ratings ——

export type ReceiptResult =
  | { ok: true; shortageFen: number; refund: "none" | "refunded" | "refund-failed" }
  | { ok: false; reason: "not-delivered" | "already-received" }
  | { ok: false; reason: "quantities"; lineIds: number[] };

/**
 * The buyer confirms what arrived, per line (0…ordered). The shortage (ordered − received, at the
 * order's prices) is credited once: a paid order gets that much refunded through the provider (the
 * refund writes its negative ledger entries); an order on terms owes that much less, and whatever of
 * it had already counted (bank transfers beyond the new amount due) gets negative SHORTAGE entries.
 * Confirming twice changes nothing: the update is guarded by receivedAt being empty.
 */
export async function confirmReceipt(
  orderId: number,
  organisationId: number,
  userId: number,
  received: Map<number, number | null>,
  now = new Date(),
): Promise<ReceiptResult> {
  const outcome = await prisma.$transaction(async (tx): Promise<ReceiptResult & { refundFen?: number }> => {
    const order = await tx.order.findFirst({
      where: { id: orderId, organisationId },
      select: {
        id: true,
        status: true,
        receivedAt: true,
        totalFen: true,
        termsPaidFen: true,
        paymentTerms: true,
        paidAt: true,
        buyerType: true,
        lines: { select: { id: true, quantity: true, unitPriceFen: true, countyId: true } },
      },
    });
    if (!order) throw new Response("Not found", { status: 404 });
    if (order.receivedAt) return { ok: false, reason: "already-received" };
    if (order.status !== "DELIVERED") return { ok: false, reason: "not-delivered" };
    const bad = order.lines.filter((l) => {
      const q = received.get(l.id);
      return q === undefined || q === null || q < 0 || q > l.quantity;
    });
    if (bad.length > 0) return { ok: false, reason: "quantities", lineIds: bad.map((l) => l.id) };

    const shortLines = order.lines
      .map((l) => ({ ...l, missing: l.quantity - received.get(l.id)! }))
      .filter((l) => l.missing > 0);
    const shortageFen = shortLines.reduce((sum, l) => sum + l.missing * l.unitPriceFen, 0);
    const { count } = await tx.order.updateMany({ where: { id: orderId, receivedAt: null }, data: { receivedAt: now, shortageFen } });
    if (count === 0) return { ok: false, reason: "already-received" };
    for (const l of order.lines) await tx.orderLine.update({ where: { id: l.id }, data: { receivedQuantity: received.get(l.id)! } });

    if (order.paymentTerms === "ON_TERMS" && shortageFen > 0) {
      const dueFen = order.totalFen - shortageFen;
      const alreadyCountedBeyondDue = Math.max(0, order.termsPaidFen - dueFen);
      if (alreadyCountedBeyondDue > 0) {
        for (const insert of ledgerInserts(
          tx,
          { sourceType: "SHORTAGE", sourceId: String(orderId), orderId, occurredAt: now, channel: "ONLINE_HALL", buyerType: ledgerBuyerType(order.buyerType) },
          allocateRefund(alreadyCountedBeyondDue, amountsByCounty(shortLines.map((l) => ({ countyId: l.countyId, lineTotalFen: l.missing * l.unitPriceFen })))),
          -1,
        )) {
          await insert;
        }
      }
    }
    await tx.orderEvent.create({ data: { orderId, status: order.status, note: shortageFen > 0 ? "received-short" : "received", actorUserId: userId, createdAt: now } });
    await recordAudit(tx, { userId, action: "organisation.order.receive", entityType: "Order", entityId: orderId, details: { organisationId, shortageFen } });
    return { ok: true, shortageFen, refund: "none", refundFen: order.paymentTerms === "PAY_NOW" && order.paidAt ? shortageFen : 0 };
  });
  if (!outcome.ok || !outcome.refundFen) return outcome.ok ? { ok: true, shortageFen: outcome.shortageFen, refund: "none" } : outcome;
  // Outside the transaction: the provider is a network call. The key makes a retry refund once.
  const refund = await refundOrder({ orderId, amountFen: outcome.refundFen, reason: "shortage", requestedById: userId, idempotencyKey: `order-${orderId}-shortage` });
  return { ok: true, shortageFen: outcome.shortageFen, refund: refund.ok ? "refunded" : "refund-failed" };
}

/** Retries the shortage refund of a received pay-now order (the same key: it refunds at most once). */
export async function retryShortageRefund(orderId: number, userId: number) {
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { shortageFen: true, paymentTerms: true, paidAt: true, receivedAt: true } });
  if (!order?.receivedAt || order.paymentTerms !== "PAY_NOW" || !order.paidAt || order.shortageFen === 0) return false;
  return (await refundOrder({ orderId, amountFen: order.shortageFen, reason: "shortage", requestedById: userId, idempotencyKey: `order-${orderId}-shortage` })).ok;
}

/** 1–5 stars and an optional comment per supplier of a received order, once per supplier. */
export async function rateSuppliers(orderId: number, organisationId: number, userId: number, ratings: { supplierId: number; stars: number; comment: string }[]) {
  const order = await prisma.order.findFirst({
    where: { id: orderId, organisationId },
    select: { receivedAt: true, lines: { select: { product: { select: { supplierId: true } } } } },
  });
  if (!order) throw new Response("Not found", { status: 404 });
  if (!order.receivedAt) return { ok: false as const, reason: "not-received" as const };
  const suppliers = new Set(order.lines.map((l) => l.product.supplierId));
  const valid = ratings.filter((r) => suppliers.has(r.supplierId) && Number.isInteger(r.stars) && r.stars >= 1 && r.stars <= 5);
  let saved = 0;
  for (const r of valid) {
    saved += await prisma.$executeRaw`
      INSERT INTO "SupplierRating" ("orderId", "supplierId", "userId", "stars", "comment", "createdAt")
      VALUES (${orderId}, ${r.supplierId}, ${userId}, ${r.stars}, ${r.comment.slice(0, 500)}, ${sqliteDateTime(new Date())})
      ON CONFLICT ("orderId", "supplierId") DO NOTHING`;
  }
  return { ok: true as const, saved };
}

/** What the supplier page shows administrators: the average and the latest ratings. */
export async function supplierRatings(supplierId: number, take = 20) {
  const [summary, latest] = await Promise.all([
    prisma.supplierRating.aggregate({ where: { supplierId }, _avg: { stars: true }, _count: true }),
    prisma.supplierRating.findMany({
      where: { supplierId },
      orderBy: { id: "desc" },
      take,
      select: { stars: true, comment: true, createdAt: true, order: { select: { number: true, organisation: { select: { name: true } } } } },
    }),
  ]);
  return { average: summary._avg.stars, count: summary._count, latest };
}

// —— Which organisation a page acts for ——

export const ORDERING_ROLES = ["BUYER", "ORG_ADMIN"] as const satisfies readonly MemberRole[];
export const APPROVING_ROLES = ["APPROVER", "ORG_ADMIN"] as const satisfies readonly MemberRole[];

/**
 * ?org=<id> when given (non-members get 404, other roles 403, as requireMembership decides); else the
 * user's first approved organisation in which they hold one of `roles`, or null if there is none.
 */
export async function organisationForPage(userId: number, orgParam: string | null | undefined, roles?: readonly MemberRole[]) {
  if (orgParam) return requireMembership(userId, idOr404(orgParam), { roles, approved: true });
  const first = await prisma.organisationMember.findFirst({
    where: { userId, suspendedAt: null, ...(roles ? { role: { in: [...roles] } } : {}), organisation: { status: "APPROVED" } },
    orderBy: { organisationId: "asc" },
    select: { organisationId: true },
  });
  return first ? requireMembership(userId, first.organisationId, { roles, approved: true }) : null;
}

/** An organisation order by number for a member: another organisation's number is as unknown as a made-up one (404). */
export async function requireOrgOrder(userId: number, number: string | undefined) {
  const order = await getOrgOrder(number ?? "");
  if (!order || order.organisationId === null) throw new Response("Not found", { status: 404 });
  const membership = await requireMembership(userId, order.organisationId);
  return { order, membership };
}

/** Terms, threshold and credit available now, for the review step. */
export async function orderingTerms(organisationId: number) {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { paymentTerms: true, termDays: true, creditLimitFen: true, approvalThresholdFen: true },
  });
  const exposure = organisation.paymentTerms === "ON_TERMS" ? await creditExposureFen(prisma, organisationId) : 0;
  return { ...organisation, availableFen: Math.max(0, organisation.creditLimitFen - exposure) };
}
