import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { diffFields, recordAudit } from "./audit.server";
import { allocateRefund, amountsByCounty, ledgerInserts } from "./ledger.server";
import type { InvoiceRecordInput, TermsPaymentInput, TermsSettingsInput } from "./org-order-schema";
import { ledgerBuyerType } from "./order-lifecycle.server";
import { uniqueViolation } from "./product.server";

/**
 * Paying on terms (ADR 012): bank transfers (对公转账) recorded by administrators, the credit limit,
 * receivables and 发票 records. An on-terms order owes totalFen − shortageFen − termsPaidFen; it counts
 * in the relief ledger as its transfers are recorded (TERMS_PAYMENT entries), not when it is placed.
 */

type Db = Prisma.TransactionClient | typeof prisma;

/** Statuses that owe nothing (cancelled or rejected): everything else on terms is exposure. */
const OWES_NOTHING = ["CANCELLED"];

/**
 * What an organisation owes or may soon owe on terms: every on-terms order not cancelled — waiting
 * for approval included, since it holds stock and becomes debt when approved. Run inside the
 * transaction that places or approves an order, so two orders cannot both squeeze under the limit.
 */
export async function creditExposureFen(db: Db, organisationId: number) {
  const [row] = await db.$queryRaw<{ fen: bigint | number | null }[]>`
    SELECT SUM(MAX(0, "totalFen" - "shortageFen" - "termsPaidFen")) AS fen FROM "Order"
    WHERE "organisationId" = ${organisationId} AND "paymentTerms" = 'ON_TERMS' AND "status" <> 'CANCELLED'`;
  return Number(row?.fen ?? 0);
}

export const outstandingFen = (o: { totalFen: number; shortageFen: number; termsPaidFen: number }) => Math.max(0, o.totalFen - o.shortageFen - o.termsPaidFen);

export type TermsPaymentResult =
  | { ok: true; replayed: boolean; outstandingFen: number }
  | { ok: false; field: "amount" | "bankReference" | "form"; message: string; params?: Record<string, string | number> };

/**
 * Records a bank transfer received for an on-terms order. Partial payments are fine; more than is
 * outstanding is refused. The bank reference is unique per organisation: the same transfer sent
 * again (same order, same amount) is recognised and changes nothing; a reference already used for a
 * different payment is refused. The order's paid total, the ledger entries (split by county in
 * proportion to the order's lines) and the audit entry are written in one transaction.
 */
export async function recordTermsPayment(orderId: number, input: TermsPaymentInput, adminId: number, now = new Date()): Promise<TermsPaymentResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<TermsPaymentResult> => {
      const order = await tx.order.findFirst({
        where: { id: orderId, organisationId: { not: null } },
        select: {
          id: true,
          organisationId: true,
          status: true,
          paymentTerms: true,
          totalFen: true,
          shortageFen: true,
          termsPaidFen: true,
          buyerType: true,
          lines: { select: { countyId: true, unitPriceFen: true, quantity: true, receivedQuantity: true } },
        },
      });
      if (!order || order.organisationId === null) throw new Response("Not found", { status: 404 });
      const sameReference = await tx.termsPayment.findUnique({
        where: { organisationId_bankReference: { organisationId: order.organisationId, bankReference: input.bankReference } },
        select: { orderId: true, amountFen: true },
      });
      if (sameReference) {
        if (sameReference.orderId === orderId && sameReference.amountFen === input.amount) return { ok: true, replayed: true, outstandingFen: outstandingFen(order) };
        return { ok: false, field: "bankReference", message: "org:errors.bankReferenceUsed" };
      }
      if (order.paymentTerms !== "ON_TERMS" || ["PENDING_APPROVAL", "CANCELLED"].includes(order.status)) {
        return { ok: false, field: "form", message: "org:errors.notOnTerms" };
      }
      const owed = outstandingFen(order);
      if (input.amount > owed) return { ok: false, field: "amount", message: "org:errors.overOutstanding", params: { outstanding: owed } };

      const payment = await tx.termsPayment.create({
        data: { orderId, organisationId: order.organisationId, amountFen: input.amount, receivedOn: input.receivedOn, bankReference: input.bankReference, recordedById: adminId, createdAt: now },
        select: { id: true },
      });
      const termsPaidFen = order.termsPaidFen + input.amount;
      const settled = termsPaidFen >= order.totalFen - order.shortageFen;
      // paidAt stays empty on terms: it means "paid through a provider", which refunds rely on.
      // Guarded by the paid total read above: a concurrent payment makes this one retry, never double count.
      const { count } = await tx.order.updateMany({
        where: { id: orderId, termsPaidFen: order.termsPaidFen },
        data: { termsPaidFen },
      });
      if (count === 0) throw new Error("order changed while recording a payment");
      // What was delivered counts: received quantities once confirmed, else what was ordered.
      const sold = amountsByCounty(order.lines.map((l) => ({ countyId: l.countyId, lineTotalFen: (l.receivedQuantity ?? l.quantity) * l.unitPriceFen })));
      for (const insert of ledgerInserts(
        tx,
        { sourceType: "TERMS_PAYMENT", sourceId: String(payment.id), orderId, occurredAt: now, channel: "ONLINE_HALL", buyerType: ledgerBuyerType(order.buyerType) },
        allocateRefund(input.amount, sold),
        1,
      )) {
        await insert;
      }
      await tx.orderEvent.create({ data: { orderId, status: order.status, note: settled ? "terms-settled" : "terms-payment", actorUserId: adminId, createdAt: now } });
      await recordAudit(tx, {
        userId: adminId,
        action: "order.termsPayment",
        entityType: "Order",
        entityId: orderId,
        details: { paymentId: payment.id, amountFen: input.amount, receivedOn: input.receivedOn, bankReference: input.bankReference },
      });
      return { ok: true, replayed: false, outstandingFen: Math.max(0, order.totalFen - order.shortageFen - termsPaidFen) };
    });
  } catch (error) {
    // The same transfer recorded twice at once: the unique reference lets one in; the other replays.
    if (uniqueViolation(error) === null) throw error;
    return recordTermsPayment(orderId, input, adminId, now);
  }
}

export type InvoiceResult = { ok: true } | { ok: false; field: "invoiceNumber" | "amount"; message: string; params?: Record<string, string | number> };

/** Records a 发票 issued outside the hall for an organisation order; numbers are unique, amounts add up to at most the order total. */
export async function recordInvoice(orderId: number, input: InvoiceRecordInput, adminId: number): Promise<InvoiceResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<InvoiceResult> => {
      const order = await tx.order.findFirst({ where: { id: orderId, organisationId: { not: null } }, select: { totalFen: true, invoices: { select: { amountFen: true } } } });
      if (!order) throw new Response("Not found", { status: 404 });
      const invoiced = order.invoices.reduce((sum, i) => sum + i.amountFen, 0);
      if (invoiced + input.amount > order.totalFen) {
        return { ok: false, field: "amount", message: "org:errors.invoiceOverTotal", params: { remaining: order.totalFen - invoiced } };
      }
      await tx.invoiceRecord.create({ data: { orderId, number: input.invoiceNumber, issuedOn: input.issuedOn, amountFen: input.amount, recordedById: adminId } });
      await recordAudit(tx, { userId: adminId, action: "order.invoiceRecord", entityType: "Order", entityId: orderId, details: { number: input.invoiceNumber, issuedOn: input.issuedOn, amountFen: input.amount } });
      return { ok: true };
    });
  } catch (error) {
    if (uniqueViolation(error) === null) throw error;
    return { ok: false, field: "invoiceNumber", message: "org:errors.invoiceNumberUsed" };
  }
}

/**
 * Receivables for administrators: every on-terms order with something outstanding, oldest due date
 * first, with per-organisation totals of outstanding and overdue (due date passed).
 */
export async function listReceivables(now = new Date()) {
  const orders = await prisma.order.findMany({
    where: { paymentTerms: "ON_TERMS", organisationId: { not: null }, status: { notIn: [...OWES_NOTHING, "PENDING_APPROVAL"] } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: {
      id: true,
      number: true,
      status: true,
      totalFen: true,
      shortageFen: true,
      termsPaidFen: true,
      dueDate: true,
      createdAt: true,
      poNumber: true,
      organisation: { select: { id: true, name: true } },
    },
  });
  const open = orders
    .map((o) => ({ ...o, outstandingFen: outstandingFen(o), overdue: o.dueDate !== null && o.dueDate < now }))
    .filter((o) => o.outstandingFen > 0);
  const byOrganisation = new Map<number, { id: number; name: string; outstandingFen: number; overdueFen: number; orders: number }>();
  for (const o of open) {
    const org = o.organisation!;
    const row = byOrganisation.get(org.id) ?? { id: org.id, name: org.name, outstandingFen: 0, overdueFen: 0, orders: 0 };
    row.outstandingFen += o.outstandingFen;
    if (o.overdue) row.overdueFen += o.outstandingFen;
    row.orders += 1;
    byOrganisation.set(org.id, row);
  }
  return { orders: open, organisations: [...byOrganisation.values()].sort((a, b) => b.overdueFen - a.overdueFen || b.outstandingFen - a.outstandingFen) };
}

/** One organisation order for the receivables page: payments received and 发票 records. */
export function getOrderReceivable(number: string) {
  return prisma.order.findFirst({
    where: { number, organisationId: { not: null } },
    select: {
      id: true,
      number: true,
      status: true,
      paymentTerms: true,
      totalFen: true,
      shortageFen: true,
      termsPaidFen: true,
      refundedFen: true,
      dueDate: true,
      paidAt: true,
      createdAt: true,
      poNumber: true,
      invoiceTitle: true,
      invoiceTaxNumber: true,
      organisation: { select: { id: true, name: true } },
      termsPayments: { orderBy: { id: "asc" }, select: { id: true, amountFen: true, receivedOn: true, bankReference: true, createdAt: true } },
      invoices: { orderBy: { id: "asc" }, select: { id: true, number: true, issuedOn: true, amountFen: true, createdAt: true } },
    },
  });
}

export function getTermsSettings(organisationId: number) {
  return prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { paymentTerms: true, termDays: true, creditLimitFen: true, approvalThresholdFen: true },
  });
}

/** An administrator sets how an organisation pays (now or on terms), its term, credit limit and approval threshold; audited. */
export async function setTermsSettings(organisationId: number, input: TermsSettingsInput, adminId: number) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id: organisationId }, select: { paymentTerms: true, termDays: true, creditLimitFen: true, approvalThresholdFen: true } });
    if (!before) throw new Response("Not found", { status: 404 });
    const after = { paymentTerms: input.paymentTerms, termDays: input.termDays, creditLimitFen: input.creditLimit, approvalThresholdFen: input.approvalThreshold };
    const changes = diffFields(before, after);
    if (Object.keys(changes).length === 0) return false;
    await tx.organisation.update({ where: { id: organisationId }, data: after });
    await recordAudit(tx, { userId: adminId, action: "organisation.terms", entityType: "Organisation", entityId: organisationId, details: changes });
    return true;
  });
}
