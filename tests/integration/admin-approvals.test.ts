import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  askAdjustment,
  askEntryReversal,
  askImportReversal,
  cancelApproval,
  confirmApproval,
  countPendingApprovals,
  cancelOrAsk,
  refundOrAsk,
  rejectApproval,
} from "~/models/admin-approval.server";
import { countBatch, startImport, waitForImport } from "~/models/ledger-import.server";
import { AdjustmentSchema } from "~/models/ledger-schema";
import { localProvider } from "~/models/payment-providers/local.server";
import { startPayment } from "~/models/payment.server";
import * as approvalsPage from "~/routes/admin.approvals";
import * as payPage from "~/routes/pay.local.$ref";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { cookieFor, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, thrown } from "../support/routes";
import { createBuyer, createShop, placeTestOrder, product } from "../support/order-fixtures";

const savedEnv = { ...process.env };
let ref: ReferenceData;
let asker: number;
let checker: number;
let third: number;
let keys = 0;

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  // ¥50: the test order (¥84.90) can be refunded both above and below it.
  process.env.REFUND_CONFIRM_ABOVE_FEN = "5000";
  resetEnvCache();
});

afterAll(() => {
  process.env = { ...savedEnv };
  resetEnvCache();
});

beforeEach(async () => {
  await resetDatabase();
  ref = await createShop();
  asker = (await createUserWithRole("office-a", "ADMIN")).id;
  checker = (await createUserWithRole("office-b", "ADMIN")).id;
  third = (await createUserWithRole("office-c", "ADMIN")).id;
});

afterEach(() => {
  vi.restoreAllMocks();
});

const adjustment = (amount: string, countyId = ref.zhenlai.id) =>
  AdjustmentSchema.parse({ formKey: `approval-test-key-${++keys}`, date: "2019-12-01", countyId: String(countyId), channel: "ADJUSTMENT", buyerType: "OUTSIDE", amount, reason: "线下馆漏记" });
const ledgerSum = async () => Number((await prisma.ledgerEntry.aggregate({ _sum: { amountFen: true } }))._sum.amountFen ?? 0);
const auditActions = async () => (await prisma.auditLog.findMany({ orderBy: { id: "asc" }, select: { action: true, userId: true } })).map((a) => [a.action, a.userId]);
const statusOf = async (id: number) => prisma.adminApproval.findUniqueOrThrow({ where: { id }, select: { status: true, decidedById: true, refusal: true } });

async function asked(request: ReturnType<typeof askAdjustment>) {
  const result = await request;
  if (!result.ok) throw new Error(result.reason);
  return result.approvalId;
}

describe("a ledger adjustment", () => {
  it("is only recorded when asked; the asker cannot confirm it; another administrator's confirmation adds it once, audited both times", async () => {
    const id = await asked(askAdjustment(adjustment("-100.50"), asker));
    expect(await ledgerSum()).toBe(0);
    expect(await countPendingApprovals()).toBe(1);
    expect(await auditActions()).toEqual([["approval.ask", asker]]);

    expect(await confirmApproval(id, asker)).toEqual({ ok: false, reason: "own-request" });
    expect(await rejectApproval(id, asker)).toEqual({ ok: false, reason: "own-request" });
    expect(await ledgerSum()).toBe(0);
    expect(await statusOf(id)).toMatchObject({ status: "PENDING" });

    expect(await confirmApproval(id, checker)).toEqual({ ok: true });
    expect(await ledgerSum()).toBe(-10_050);
    const entry = await prisma.ledgerEntry.findFirstOrThrow({ where: { sourceType: "ADJUSTMENT" } });
    expect(entry).toMatchObject({ amountFen: -10_050, createdByUserId: asker, note: "线下馆漏记" });
    expect(await statusOf(id)).toEqual({ status: "CONFIRMED", decidedById: checker, refusal: null });
    expect(await auditActions()).toEqual([["approval.ask", asker], ["approval.confirm", checker], ["ledger.adjustment", checker]]);

    // Confirming again changes nothing.
    expect(await confirmApproval(id, third)).toEqual({ ok: false, reason: "not-pending" });
    expect(await ledgerSum()).toBe(-10_050);
    expect(await countPendingApprovals()).toBe(0);
  });

  it("the same form sent twice asks once", async () => {
    const input = adjustment("12.00");
    const [a, b] = await Promise.all([askAdjustment(input, asker), askAdjustment(input, asker)]);
    expect(a).toEqual(b);
    expect(await prisma.adminApproval.count()).toBe(1);
  });

  it("two administrators confirming at once run it once", async () => {
    const id = await asked(askAdjustment(adjustment("30.00"), asker));
    const results = await Promise.all([confirmApproval(id, checker), confirmApproval(id, third), confirmApproval(id, checker)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "not-pending" },
      { ok: false, reason: "not-pending" },
    ]);
    expect(await prisma.ledgerEntry.count()).toBe(1);
    expect(await ledgerSum()).toBe(3000);
    expect(await prisma.auditLog.count({ where: { action: "approval.confirm" } })).toBe(1);
  });

  it("rejected or withdrawn, it leaves no trace in the ledger; only the asker withdraws, only another administrator rejects", async () => {
    const rejected = await asked(askAdjustment(adjustment("5.00"), asker));
    expect(await rejectApproval(rejected, checker)).toEqual({ ok: true });
    expect(await confirmApproval(rejected, third)).toEqual({ ok: false, reason: "not-pending" });

    const withdrawn = await asked(askAdjustment(adjustment("6.00"), asker));
    expect(await cancelApproval(withdrawn, checker)).toEqual({ ok: false, reason: "not-asker" });
    expect(await cancelApproval(withdrawn, asker)).toEqual({ ok: true });
    expect(await confirmApproval(withdrawn, checker)).toEqual({ ok: false, reason: "not-pending" });

    expect(await prisma.ledgerEntry.count()).toBe(0);
    expect(await statusOf(rejected)).toMatchObject({ status: "REJECTED", decidedById: checker });
    expect(await statusOf(withdrawn)).toMatchObject({ status: "CANCELLED", decidedById: asker });
    expect(await prisma.auditLog.count({ where: { action: { in: ["approval.reject", "approval.cancel"] } } })).toBe(2);
  });

  it("whose county is gone by the time it is confirmed is refused and stays visible", async () => {
    const county = await prisma.county.create({ data: { slug: "gone", nameZh: "撤销县", nameEn: "Gone", provinceZh: "吉林省", provinceEn: "Jilin", kind: "ASSIGNED" } });
    const id = await asked(askAdjustment(adjustment("8.00", county.id), asker));
    await prisma.county.delete({ where: { id: county.id } });
    expect(await confirmApproval(id, checker)).toEqual({ ok: false, reason: "stale-county" });
    expect(await statusOf(id)).toEqual({ status: "PENDING", decidedById: null, refusal: "stale-county" });
    expect(await prisma.ledgerEntry.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "approval.confirm" } })).toBe(0);
  });
});

describe("reversals", () => {
  it("of an entry: a second request for an entry reversed meanwhile is refused, and the entry is reversed once", async () => {
    await confirmApproval(await asked(askAdjustment(adjustment("20.00"), asker)), checker);
    const entryId = (await prisma.ledgerEntry.findFirstOrThrow({ select: { id: true } })).id;
    const first = await asked(askEntryReversal(entryId, "录入错误", asker));
    const second = await asked(askEntryReversal(entryId, "重复登记", checker));
    expect(await ledgerSum()).toBe(2000);
    expect(await confirmApproval(first, checker)).toEqual({ ok: true });
    expect(await ledgerSum()).toBe(0);
    expect(await confirmApproval(second, asker)).toEqual({ ok: false, reason: "stale-entry" });
    expect(await statusOf(second)).toMatchObject({ status: "PENDING", refusal: "stale-entry" });
    expect(await prisma.ledgerEntry.count({ where: { sourceType: "REVERSAL" } })).toBe(1);
    expect(await askEntryReversal(entryId, "再来", asker)).toEqual({ ok: false, reason: "not-reversible" });
  });

  it("of an import batch: takes the whole batch out only when confirmed", async () => {
    const bytes = new TextEncoder().encode("订单编号,下单时间,应付金额,县,商品编号\nJD1,2019-03-01 10:00:00,10.00,镇赉县,\nJD2,2019-03-02 10:00:00,20.00,凤山县,\n");
    const batch = await startImport({ channel: "JD", fileName: "jd.csv", bytes, userId: asker });
    await waitForImport(batch.id);
    await countBatch(batch.id, asker);
    expect(await ledgerSum()).toBe(3000);

    const id = await asked(askImportReversal(batch.id, "导错文件", asker));
    expect(await prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "COUNTED" });
    expect(await ledgerSum()).toBe(3000);
    expect(await confirmApproval(id, asker)).toEqual({ ok: false, reason: "own-request" });
    expect(await confirmApproval(id, checker)).toEqual({ ok: true });
    expect(await ledgerSum()).toBe(0);
    expect(await prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "REVERSED", reversedByUserId: asker });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "ledger.import.reverse" } })).toMatchObject({ userId: checker });
  });
});

describe("refunds", () => {
  async function paidOrder() {
    const buyer = await createBuyer("E40001");
    const rice = await product(ref, 10, 5990);
    const herb = await product(ref, 10, 1250, "fengshan");
    const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 1 }, { productId: herb.id, quantity: 2 }]);
    const started = await startPayment(order.id, "http://localhost");
    if (!started.ok) throw new Error(started.reason);
    const payment = await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } });
    const headers = new Headers({ Cookie: await cookieFor(buyer) });
    const request = new Request(`http://localhost/pay/local/${payment.providerRef}`, { method: "POST", headers, body: new URLSearchParams({ intent: "pay" }) });
    await payPage.action({ request, params: { ref: payment.providerRef }, context: {} }).catch((e: unknown) => e);
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid.paidAt).not.toBeNull();
    return paid;
  }
  const refund = (order: { id: number; number: string }, amountFen: number, key: string, userId = asker) =>
    refundOrAsk({ orderId: order.id, orderNumber: order.number, amountFen, reason: "破损", userId, idempotencyKey: key });
  const order = (id: number) => prisma.order.findUniqueOrThrow({ where: { id }, select: { refundedFen: true, status: true } });

  it("at or below the threshold go through at once, as before", async () => {
    const paid = await paidOrder();
    const result = await refund(paid, 5000, "small");
    expect(result).toEqual({ waiting: false, result: expect.objectContaining({ ok: true, refundedFen: 5000 }) });
    expect(await prisma.adminApproval.count()).toBe(0);
    expect((await order(paid.id)).refundedFen).toBe(5000);
  });

  it("above it wait; the provider is called only when a second administrator confirms, once however many confirm at once", async () => {
    const paid = await paidOrder();
    const spy = vi.spyOn(localProvider, "refund");
    const result = await refund(paid, 6000, "large");
    expect(result).toEqual({ waiting: true, result: { ok: true, approvalId: expect.any(Number) } });
    const id = (result.result as { approvalId: number }).approvalId;
    expect(await prisma.refund.count()).toBe(0);
    expect(spy).not.toHaveBeenCalled();
    expect(await confirmApproval(id, asker)).toEqual({ ok: false, reason: "own-request" });

    const results = await Promise.all([confirmApproval(id, checker), confirmApproval(id, third)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "not-pending" }]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await prisma.refund.findMany({ select: { amountFen: true, status: true, requestedById: true } })).toEqual([{ amountFen: 6000, status: "SUCCEEDED", requestedById: asker }]);
    expect(await order(paid.id)).toMatchObject({ refundedFen: 6000 });
    expect(await statusOf(id)).toMatchObject({ status: "CONFIRMED" });
    expect(await prisma.auditLog.count({ where: { action: "approval.confirm" } })).toBe(1);
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "order.refund" } })).toMatchObject({ userId: results[0]!.ok ? checker : third });
  });

  it("that no longer fit what is left to refund are refused and stay pending", async () => {
    const paid = await paidOrder();
    const large = await refund(paid, 6000, "large");
    await refund(paid, 4000, "small-meanwhile");
    const id = (large.result as { approvalId: number }).approvalId;
    expect(await confirmApproval(id, checker)).toEqual({ ok: false, reason: "stale-refund" });
    expect(await statusOf(id)).toMatchObject({ status: "PENDING", refusal: "stale-refund" });
    expect(await order(paid.id)).toMatchObject({ refundedFen: 4000 });
    expect(await rejectApproval(id, checker)).toEqual({ ok: true });
  });

  it("that the provider refuses go back to waiting, and a later confirmation refunds once", async () => {
    const paid = await paidOrder();
    const id = ((await refund(paid, 6000, "large")).result as { approvalId: number }).approvalId;
    vi.spyOn(localProvider, "refund").mockResolvedValueOnce({ ok: false, message: "gateway down" });
    expect(await confirmApproval(id, checker)).toEqual({ ok: false, reason: "provider-failed" });
    expect(await statusOf(id)).toEqual({ status: "PENDING", decidedById: null, refusal: "provider-failed" });
    expect(await order(paid.id)).toMatchObject({ refundedFen: 0 });

    expect(await confirmApproval(id, third)).toEqual({ ok: true });
    expect(await order(paid.id)).toMatchObject({ refundedFen: 6000 });
    expect(await prisma.refund.findMany({ orderBy: { id: "asc" }, select: { status: true } })).toEqual([{ status: "FAILED" }, { status: "SUCCEEDED" }]);
  });

  it("cancelling a paid order above the threshold is a refund too: it waits, and the confirmation refunds it all and restocks once", async () => {
    const paid = await paidOrder();
    const stock = async () => (await prisma.product.findMany({ orderBy: { id: "asc" }, select: { stock: true } })).map((p) => p.stock);
    const before = await stock();
    const asked = await cancelOrAsk({ orderId: paid.id, orderNumber: paid.number, reason: "顾客要求取消", userId: asker });
    expect(asked).toEqual({ waiting: true, result: { ok: true, approvalId: expect.any(Number) } });
    const id = (asked.result as { approvalId: number }).approvalId;
    expect(await order(paid.id)).toEqual({ refundedFen: 0, status: "PAID" });
    expect(await confirmApproval(id, asker)).toEqual({ ok: false, reason: "own-request" });

    const results = await Promise.all([confirmApproval(id, checker), confirmApproval(id, third)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await order(paid.id)).toEqual({ refundedFen: paid.totalFen, status: "REFUNDED" });
    expect(await prisma.refund.count()).toBe(1);
    expect(await stock()).toEqual([before[0]! + 1, before[1]! + 2]);
  });
});

describe("the approvals page's buttons", () => {
  it("answer a forged request id or decision with 400 and the reason, and the asker's own confirmation with 403, changing nothing", async () => {
    const office = await createUserWithRole("office-d", "ADMIN");
    const cookie = await cookieFor(office);
    const press = (fields: Record<string, string>) => approvalsPage.action({ request: post("/admin/approvals", cookie, fields), params: {}, context: {} });
    const id = await asked(askAdjustment(adjustment("10.00"), office.id));

    const forged = refusal(await press({ intent: "confirm", approvalId: `${id} OR 1=1` }));
    expect(forged.status).toBe(400);
    expect(forged.fieldErrors).toEqual({ approvalId: ["admin:approvals.errors.not-found"] });
    const unknown = refusal(await press({ intent: "approve-all", approvalId: String(id) }));
    expect(unknown.status).toBe(400);
    expect(unknown.fieldErrors).toEqual({ intent: ["common:errors.invalid"] });
    const own = refusal(await press({ intent: "confirm", approvalId: String(id) }));
    expect(own.status).toBe(403);
    expect(own.formError).toBe("admin:approvals.errors.own-request");
    expect(await statusOf(id)).toEqual({ status: "PENDING", decidedById: null, refusal: null });
    expect(await ledgerSum()).toBe(0);

    const withdrawn = await thrown(press({ intent: "cancel", approvalId: String(id) }));
    expect(withdrawn.headers.get("Location")).toBe("/admin/approvals?done=cancelled");
    expect(await statusOf(id)).toMatchObject({ status: "CANCELLED" });
  });
});
