import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { violatesUnique } from "~/utils/sql-dialect.server";
import { isReversibleEntry, recordAdjustmentIn, reverseEntryIn, type TwoPeople } from "./ledger-admin.server";
import { reverseBatchIn } from "./ledger-import.server";
import type { AdjustmentInput } from "./ledger-schema";
import { cancelOrderAsAdmin, refundOrderAsAdmin } from "./order-admin.server";

/**
 * Duties split between two administrators (issue 10 §5, ADR 029). A large refund, a ledger adjustment,
 * a ledger entry reversal and a platform import reversal are first asked for: the request (kind, exact
 * payload, who, when) is recorded and audited, and nothing else changes. A different administrator
 * confirms it; only then does the action run, in the commit that marks the request confirmed, after
 * checking again that it still fits what is on disk. The asker may cancel; another administrator may
 * reject. Every decision is audited.
 */

export const approvalKinds = ["REFUND", "LEDGER_ADJUSTMENT", "LEDGER_REVERSAL", "IMPORT_REVERSAL"] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

// `cancel`: the administrator cancels a paid order, which refunds all that is left and restocks it.
const RefundPayload = z.object({ orderId: z.number().int(), orderNumber: z.string(), amountFen: z.number().int().positive(), reason: z.string(), cancel: z.boolean().optional() });
const AdjustmentPayload = z.object({
  formKey: z.string(),
  date: z.coerce.date(),
  countyId: z.number().int(),
  channel: z.string(),
  buyerType: z.string(),
  amount: z.number().int(),
  reason: z.string(),
});
const ReversalPayload = z.object({ entryId: z.number().int(), reason: z.string() });
const ImportReversalPayload = z.object({ batchId: z.number().int(), reason: z.string() });

type Refusal =
  | "not-found"
  | "own-request"
  | "not-pending"
  | "not-asker"
  | "stale-refund"
  | "stale-county"
  | "stale-entry"
  | "stale-batch"
  | "provider-failed";
export type DecisionResult = { ok: true } | { ok: false; reason: Refusal };
export type AskResult = { ok: true; approvalId: number } | { ok: false; reason: "not-reversible" | "unknown-county" };

/** Refunds above this many fen wait for a second administrator; at or below, they go through at once. */
export function refundConfirmAboveFen() {
  return getEnv().REFUND_CONFIRM_ABOVE_FEN;
}

async function ask(input: { kind: ApprovalKind; subject: string; requestKey: string; payload: Record<string, unknown>; userId: number }): Promise<AskResult> {
  const payload = JSON.stringify(input.payload);
  const run = () =>
    prisma.$transaction(async (tx) => {
      // The same form sent twice, or the same request again while it waits, asks once.
      const existing =
        (await tx.adminApproval.findUnique({ where: { requestKey: input.requestKey }, select: { id: true } })) ??
        (await tx.adminApproval.findFirst({ where: { kind: input.kind, subject: input.subject, status: "PENDING", requestedById: input.userId, payload }, select: { id: true } }));
      if (existing) return { ok: true as const, approvalId: existing.id };
      const created = await tx.adminApproval.create({
        data: { kind: input.kind, subject: input.subject, requestKey: input.requestKey, payload, requestedById: input.userId },
        select: { id: true },
      });
      await recordAudit(tx, { userId: input.userId, action: "approval.ask", entityType: "AdminApproval", entityId: created.id, details: { kind: input.kind, subject: input.subject, ...input.payload } });
      return { ok: true as const, approvalId: created.id };
    });
  // Two sends of one form at the same moment (PostgreSQL does not serialise them as SQLite does): the second finds the first.
  return run().catch((error: unknown) => {
    if (violatesUnique(error, "AdminApproval", "requestKey")) return run();
    throw error;
  });
}

/**
 * An administrator's refund. At or below REFUND_CONFIRM_ABOVE_FEN it is made at once, as before;
 * above it, it is asked for and made when a second administrator confirms it.
 */
export async function refundOrAsk(input: { orderId: number; orderNumber: string; amountFen: number; reason: string; userId: number; idempotencyKey: string }) {
  if (input.amountFen <= refundConfirmAboveFen()) {
    const result = await refundOrderAsAdmin({
      orderId: input.orderId,
      orderNumber: input.orderNumber,
      amountFen: input.amountFen,
      reason: input.reason,
      requestedById: input.userId,
      idempotencyKey: input.idempotencyKey,
    });
    return { waiting: false as const, result };
  }
  const asked = await ask({
    kind: "REFUND",
    subject: `Order:${input.orderId}`,
    requestKey: `refund:${input.idempotencyKey}`,
    payload: { orderId: input.orderId, orderNumber: input.orderNumber, amountFen: input.amountFen, reason: input.reason },
    userId: input.userId,
  });
  return { waiting: true as const, result: asked };
}

/**
 * An administrator cancels an order. Cancelling a paid order refunds what is left of it, so above
 * REFUND_CONFIRM_ABOVE_FEN it waits for a second administrator like any other refund.
 */
export async function cancelOrAsk(input: { orderId: number; orderNumber: string; reason: string; userId: number }) {
  const order = await prisma.order.findUnique({ where: { id: input.orderId }, select: { status: true, totalFen: true, refundedFen: true } });
  const left = order ? order.totalFen - order.refundedFen : 0;
  if (order?.status !== "PAID" || left <= refundConfirmAboveFen()) {
    const result = await cancelOrderAsAdmin({ orderId: input.orderId, orderNumber: input.orderNumber, actorUserId: input.userId, reason: input.reason });
    return { waiting: false as const, result };
  }
  const asked = await ask({
    kind: "REFUND",
    subject: `Order:${input.orderId}`,
    requestKey: `cancel:${input.orderId}:${randomUUID()}`,
    payload: { orderId: input.orderId, orderNumber: input.orderNumber, amountFen: left, reason: input.reason, cancel: true },
    userId: input.userId,
  });
  return { waiting: true as const, result: asked };
}

export async function askAdjustment(input: AdjustmentInput, userId: number): Promise<AskResult> {
  const county = await prisma.county.findUnique({ where: { id: input.countyId }, select: { id: true } });
  if (!county) return { ok: false, reason: "unknown-county" };
  return ask({
    kind: "LEDGER_ADJUSTMENT",
    subject: `County:${input.countyId}`,
    requestKey: `adjustment:${input.formKey}`,
    payload: { ...input, date: input.date.toISOString() },
    userId,
  });
}

export async function askEntryReversal(entryId: number, reason: string, userId: number): Promise<AskResult> {
  if (!(await isReversibleEntry(prisma, entryId))) return { ok: false, reason: "not-reversible" };
  return ask({ kind: "LEDGER_REVERSAL", subject: `LedgerEntry:${entryId}`, requestKey: `reverse-entry:${entryId}:${randomUUID()}`, payload: { entryId, reason }, userId });
}

export async function askImportReversal(batchId: number, reason: string, userId: number): Promise<AskResult> {
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId }, select: { status: true } });
  if (batch?.status !== "COUNTED") return { ok: false, reason: "not-reversible" };
  return ask({ kind: "IMPORT_REVERSAL", subject: `ImportBatch:${batchId}`, requestKey: `reverse-batch:${batchId}:${randomUUID()}`, payload: { batchId, reason }, userId });
}

/** Thrown inside a confirming transaction to undo it: the request no longer fits what is on disk. */
class Stale extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

/** Marks the request confirmed by `userId` and audits it, in the caller's transaction; false when it is no longer pending. */
async function claimIn(tx: Prisma.TransactionClient, approval: { id: number; kind: string; requestedById: number }, userId: number) {
  const claimed = await tx.adminApproval.updateMany({
    where: { id: approval.id, status: "PENDING", requestedById: { not: userId } },
    data: { status: "CONFIRMED", decidedById: userId, decidedAt: new Date(), refusal: null },
  });
  if (claimed.count === 0) return false;
  await recordAudit(tx, { userId, action: "approval.confirm", entityType: "AdminApproval", entityId: approval.id, details: { kind: approval.kind, askedBy: approval.requestedById } });
  return true;
}

async function noteRefusal(approvalId: number, reason: Refusal) {
  await prisma.adminApproval.updateMany({ where: { id: approvalId, status: "PENDING" }, data: { refusal: reason } });
}

/**
 * A second administrator confirms: the action runs once, in the same commit as the confirmation.
 * Confirming twice, or two administrators at once, runs it once (the claim is one guarded update).
 * A request that no longer fits (order refunded meanwhile, entry already reversed) is refused with
 * the reason and stays pending, so it can be rejected or cancelled.
 */
export async function confirmApproval(approvalId: number, userId: number): Promise<DecisionResult> {
  const approval = await prisma.adminApproval.findUnique({ where: { id: approvalId }, select: { id: true, kind: true, status: true, requestedById: true, payload: true } });
  if (!approval) return { ok: false, reason: "not-found" };
  if (approval.requestedById === userId) return { ok: false, reason: "own-request" };
  if (approval.status !== "PENDING") return { ok: false, reason: "not-pending" };
  const payload: unknown = JSON.parse(approval.payload);
  const people: TwoPeople = { askedBy: approval.requestedById, confirmedBy: userId };

  if (approval.kind === "REFUND") return confirmRefund(approval, RefundPayload.parse(payload), userId);

  try {
    return await prisma.$transaction(async (tx): Promise<DecisionResult> => {
      if (!(await claimIn(tx, approval, userId))) return { ok: false, reason: "not-pending" };
      if (approval.kind === "LEDGER_ADJUSTMENT") {
        const input = AdjustmentPayload.parse(payload) as AdjustmentInput;
        const result = await recordAdjustmentIn(tx, input, people);
        if (!result.ok) throw new Stale("stale-county");
      } else if (approval.kind === "LEDGER_REVERSAL") {
        const input = ReversalPayload.parse(payload);
        if (!(await reverseEntryIn(tx, input.entryId, input.reason, people)).ok) throw new Stale("stale-entry");
      } else {
        const input = ImportReversalPayload.parse(payload);
        if (!(await reverseBatchIn(tx, input.batchId, input.reason, people)).ok) throw new Stale("stale-batch");
      }
      return { ok: true };
    });
  } catch (error) {
    if (!(error instanceof Stale)) throw error;
    await noteRefusal(approval.id, error.reason);
    return { ok: false, reason: error.reason };
  }
}

/**
 * The Refund row (the guarded insert that never refunds more than was paid, ADR 020) and the
 * confirmation commit together; the provider is called after, outside any transaction. If the
 * provider refuses, the request goes back to pending so it can be confirmed again (with a new key).
 */
async function confirmRefund(approval: { id: number; kind: string; requestedById: number }, input: z.infer<typeof RefundPayload>, userId: number): Promise<DecisionResult> {
  const confirmIn = (tx: Prisma.TransactionClient) => claimIn(tx, approval, userId);
  let result;
  if (input.cancel) {
    result = await cancelOrderAsAdmin({ orderId: input.orderId, orderNumber: input.orderNumber, actorUserId: userId, reason: input.reason, askedBy: approval.requestedById, confirmIn });
  } else {
    const keyPrefix = `approval-${approval.id}-`;
    const failedTries = await prisma.refund.count({ where: { orderId: input.orderId, status: "FAILED", idempotencyKey: { startsWith: keyPrefix } } });
    result = await refundOrderAsAdmin({
      orderId: input.orderId,
      orderNumber: input.orderNumber,
      amountFen: input.amountFen,
      reason: input.reason,
      requestedById: approval.requestedById,
      idempotencyKey: `${keyPrefix}${failedTries + 1}`,
      confirmedById: userId,
      confirmIn,
    });
  }
  if (result.ok) {
    // A refund key already used (another administrator confirmed at the same moment) replays its result: only the one who confirmed is told so.
    const decided = await prisma.adminApproval.findUniqueOrThrow({ where: { id: approval.id }, select: { decidedById: true } });
    return decided.decidedById === userId ? { ok: true } : { ok: false, reason: "not-pending" };
  }
  if (result.reason === "not-confirmed") return { ok: false, reason: "not-pending" };
  if (result.reason === "provider-failed") {
    await prisma.$transaction(async (tx) => {
      const reopened = await tx.adminApproval.updateMany({ where: { id: approval.id, status: "CONFIRMED" }, data: { status: "PENDING", decidedById: null, decidedAt: null, refusal: "provider-failed" } });
      if (reopened.count > 0) await recordAudit(tx, { userId, action: "approval.providerFailed", entityType: "AdminApproval", entityId: approval.id, details: { kind: approval.kind } });
    });
    return { ok: false, reason: "provider-failed" };
  }
  await noteRefusal(approval.id, "stale-refund");
  return { ok: false, reason: "stale-refund" };
}

async function decide(approvalId: number, userId: number, to: "REJECTED" | "CANCELLED"): Promise<DecisionResult> {
  const approval = await prisma.adminApproval.findUnique({ where: { id: approvalId }, select: { status: true, requestedById: true, kind: true } });
  if (!approval) return { ok: false, reason: "not-found" };
  // Only the asker withdraws a request; a rejection is a second administrator's decision.
  if (to === "CANCELLED" && approval.requestedById !== userId) return { ok: false, reason: "not-asker" };
  if (to === "REJECTED" && approval.requestedById === userId) return { ok: false, reason: "own-request" };
  return prisma.$transaction(async (tx): Promise<DecisionResult> => {
    const changed = await tx.adminApproval.updateMany({ where: { id: approvalId, status: "PENDING" }, data: { status: to, decidedById: userId, decidedAt: new Date() } });
    if (changed.count === 0) return { ok: false, reason: "not-pending" };
    await recordAudit(tx, { userId, action: to === "REJECTED" ? "approval.reject" : "approval.cancel", entityType: "AdminApproval", entityId: approvalId, details: { kind: approval.kind, askedBy: approval.requestedById } });
    return { ok: true };
  });
}

export function rejectApproval(approvalId: number, userId: number) {
  return decide(approvalId, userId, "REJECTED");
}

export function cancelApproval(approvalId: number, userId: number) {
  return decide(approvalId, userId, "CANCELLED");
}

const approvalSelect = {
  id: true,
  kind: true,
  subject: true,
  payload: true,
  status: true,
  refusal: true,
  requestedAt: true,
  decidedAt: true,
  requestedById: true,
  requestedBy: { select: { name: true, username: true } },
  decidedBy: { select: { name: true, username: true } },
} satisfies Prisma.AdminApprovalSelect;

type ApprovalRow = Prisma.AdminApprovalGetPayload<{ select: typeof approvalSelect }>;

/** The rows as pages show them: the payload read back, and an adjustment's county by name. */
async function present(rows: ApprovalRow[]) {
  const details = rows.map((row) => JSON.parse(row.payload) as Record<string, string | number | boolean>);
  const countyIds = [...new Set(details.flatMap((d) => (typeof d.countyId === "number" ? [d.countyId] : [])))];
  const counties = countyIds.length > 0 ? await prisma.county.findMany({ where: { id: { in: countyIds } }, select: { id: true, nameZh: true, nameEn: true } }) : [];
  const county = new Map(counties.map((c) => [c.id, c]));
  return rows.map(({ payload: _payload, ...row }, i) => {
    const d = details[i] ?? {};
    const c = typeof d.countyId === "number" ? county.get(d.countyId) : undefined;
    return { ...row, details: d, countyZh: c?.nameZh ?? "", countyEn: c?.nameEn ?? "" };
  });
}
export type PresentedApproval = Awaited<ReturnType<typeof present>>[number];

/** What waits, oldest first, and the latest decisions. */
export async function listApprovals() {
  const [pending, decided] = await Promise.all([
    prisma.adminApproval.findMany({ where: { status: "PENDING" }, orderBy: { id: "asc" }, take: 200, select: approvalSelect }),
    prisma.adminApproval.findMany({ where: { status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 30, select: approvalSelect }),
  ]);
  return { pending: await present(pending), decided: await present(decided) };
}

export function countPendingApprovals() {
  return prisma.adminApproval.count({ where: { status: "PENDING" } });
}

/** The requests still waiting on one thing (an order, an entry, a batch), for the page the action starts from. */
export async function pendingApprovalsFor(subjects: string[]) {
  return present(await prisma.adminApproval.findMany({ where: { subject: { in: subjects }, status: "PENDING" }, orderBy: { id: "asc" }, select: approvalSelect }));
}

export async function pendingApprovalsOfKind(kind: ApprovalKind) {
  return present(await prisma.adminApproval.findMany({ where: { kind, status: "PENDING" }, orderBy: { id: "asc" }, take: 50, select: approvalSelect }));
}
