import { beforeEach, describe, expect, it } from "vitest";
import { confirmReceipt, decideOrgOrder, rateSuppliers, supplierRatings } from "~/models/org-order.server";
import { listReceivables, recordInvoice, recordTermsPayment } from "~/models/org-terms.server";
import { markDelivered, markOrderPaid, markShipped, releaseExpiredReservations } from "~/models/order.server";
import * as adminOrganisation from "~/routes/admin.organisations_.$id";
import * as receivablePage from "~/routes/admin.receivables_.$number";
import * as receivablesPage from "~/routes/admin.receivables";
import * as orgOrderPage from "~/routes/org.orders.$number";
import { prisma } from "~/utils/db.server";
import { cookieFor, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { bulkProduct, createOrgShop, organisationWithMembers, placeFor, type TestOrganisation } from "../support/org-fixtures";
import { post, refusal, request, thrown, type RouteHandler } from "../support/routes";

beforeEach(resetDatabase);

const call = (handler: RouteHandler, req: Request, params: Record<string, string> = {}) => handler({ request: req, params, context: {} });
const ledger = (orderId: number) =>
  prisma.ledgerEntry.findMany({ where: { orderId }, orderBy: { id: "asc" }, select: { sourceType: true, countyId: true, amountFen: true, buyerType: true } });

let ref: ReferenceData;
let admin: { id: number; cookie: string };
beforeEach(async () => {
  ref = await createOrgShop();
  const user = await createUserWithRole("office", "ADMIN", "office-password-2026");
  admin = { id: user.id, cookie: await cookieFor(user) };
  await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
  await bulkProduct(ref, { sku: "TEA", priceFen: 500, county: "fengshan" });
});

async function onTermsOrder(org: TestOrganisation, riceQty = 6, teaQty = 8) {
  const placed = await placeFor(org, [{ sku: "RICE", quantity: riceQty, priceFen: 1000 }, { sku: "TEA", quantity: teaQty, priceFen: 500 }]);
  if (!placed.ok) throw new Error(`placing failed: ${JSON.stringify(placed)}`);
  return placed.order;
}

const payment = (amount: number, bankReference: string, receivedOn = "2026-11-27") => ({ amount, bankReference, receivedOn });

describe("the credit limit", () => {
  it("lets two concurrent orders through only while together they fit under the limit", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 15_000 });
    // 10,000 each, from three members' own grids: either fits alone; two would exceed 15,000.
    const results = await Promise.all([org.buyer, org.admin, org.approver].map((m) => placeFor(org, [{ sku: "RICE", quantity: 10, priceFen: 1000 }], {}, m.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "over-credit-limit", availableFen: 5_000 },
      { ok: false, reason: "over-credit-limit", availableFen: 5_000 },
    ]);
    expect((await prisma.product.findUniqueOrThrow({ where: { sku: "RICE" } })).stock).toBe(990);
  });

  it("counts orders waiting for approval, frees credit as transfers arrive, and checks again at approval", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 20_000, approvalThresholdFen: 5_000 });
    const first = await onTermsOrder(org); // 10,000, waits for approval
    expect(first.status).toBe("PENDING_APPROVAL");
    const second = await placeFor(org, [{ sku: "RICE", quantity: 11, priceFen: 1000 }]);
    expect(second).toEqual({ ok: false, reason: "over-credit-limit", availableFen: 10_000 });
    await prisma.organisation.update({ where: { id: org.id }, data: { creditLimitFen: 9_000 } });
    expect(await decideOrgOrder(first.id, org.id, org.approver.id, { intent: "approve", reason: "" })).toEqual({ ok: false, reason: "over-credit-limit", availableFen: 0 });
    await prisma.organisation.update({ where: { id: org.id }, data: { creditLimitFen: 20_000 } });
    expect(await decideOrgOrder(first.id, org.id, org.approver.id, { intent: "approve", reason: "" })).toEqual({ ok: true, status: "CONFIRMED" });
    expect(await recordTermsPayment(first.id, payment(4_000, "TR-1"), admin.id)).toMatchObject({ ok: true, outstandingFen: 6_000 });
    expect(await placeFor(org, [{ sku: "RICE", quantity: 4, priceFen: 1000 }, { sku: "TEA", quantity: 20, priceFen: 500 }])).toMatchObject({ ok: true });
  });
});

describe("orders on terms", () => {
  it("are confirmed with a due date, never swept like unpaid orders, and ship before they are paid", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000, termDays: 30 });
    const order = await onTermsOrder(org);
    const row = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({ status: "CONFIRMED", paymentTerms: "ON_TERMS", reservedUntil: null });
    expect(row.dueDate!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
    expect(await releaseExpiredReservations(new Date(Date.now() + 365 * 86_400_000))).toBe(0);
    expect(await markShipped(order.id, "顺丰", "SF1", admin.id)).toBe(true);
    expect(await ledger(order.id)).toEqual([]);
  });

  it("count in the ledger as transfers are recorded: partial, too much refused, the same bank reference once", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000, kind: "WELFARE" });
    const order = await onTermsOrder(org); // rice 6,000 (Zhenlai) + tea 4,000 (Fengshan)
    const params = { number: order.number };
    const record = (fields: Record<string, string>) => call(receivablePage.action as RouteHandler, post(`/admin/receivables/${order.number}`, admin.cookie, { intent: "payment", ...fields }), params);

    const badAmount = refusal<{ intent: string }>(await record({ amount: "12.345", receivedOn: "2026-11-27", bankReference: "TR-1" }));
    expect(badAmount.status).toBe(400);
    expect(badAmount.fieldErrors).toEqual({ amount: ["org:errors.amount"] });
    expect(badAmount.values).toEqual({ intent: "payment", amount: "12.345", receivedOn: "2026-11-27", bankReference: "TR-1" });
    // The answer names the payment form, so the page's invoice form is left as it was.
    expect(badAmount.body.intent).toBe("payment");
    const tooMuch = refusal<{ errorParams: Record<string, number> }>(await record({ amount: "100.01", receivedOn: "2026-11-27", bankReference: "TR-1" }));
    expect(tooMuch.fieldErrors).toEqual({ amount: ["org:errors.overOutstanding"] });
    expect(tooMuch.body.errorParams).toEqual({ outstanding: 10_000 });
    const badInvoice = refusal<{ intent: string }>(
      await call(receivablePage.action as RouteHandler, post(`/admin/receivables/${order.number}`, admin.cookie, { intent: "invoice", invoiceNumber: "04-4", issuedOn: "2026-11-27", amount: "10" }), params),
    );
    expect(badInvoice.status).toBe(400);
    expect(badInvoice.body.intent).toBe("invoice");
    expect(badInvoice.fieldErrors).toEqual({ invoiceNumber: ["org:errors.invoiceNumber"] });

    expect((await thrown(record({ amount: "25", receivedOn: "2026-11-27", bankReference: "TR-1" }))).headers.get("Location")).toContain("done=paymentRecorded");
    // The same transfer sent again: recognised, nothing added.
    expect((await thrown(record({ amount: "25", receivedOn: "2026-11-27", bankReference: "TR-1" }))).headers.get("Location")).toContain("done=paymentReplayed");
    // The same reference for a different amount: refused.
    const reused = refusal(await record({ amount: "30", receivedOn: "2026-11-27", bankReference: "TR-1" }));
    expect(reused.fieldErrors).toEqual({ bankReference: ["org:errors.bankReferenceUsed"] });
    expect(await ledger(order.id)).toEqual([
      { sourceType: "TERMS_PAYMENT", countyId: ref.zhenlai.id, amountFen: 1_500, buyerType: "WELFARE" },
      { sourceType: "TERMS_PAYMENT", countyId: ref.fengshan.id, amountFen: 1_000, buyerType: "WELFARE" },
    ]);

    // Concurrent retries of the rest: one payment.
    const rest = await Promise.all([0, 1, 2].map(() => recordTermsPayment(order.id, payment(7_500, "TR-2"), admin.id)));
    expect(rest.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid.termsPaidFen).toBe(10_000);
    expect(paid.paidAt).toBeNull(); // paid by transfer, not through a provider: nothing to refund through
    const entries = await ledger(order.id);
    expect(entries.reduce((sum, e) => sum + e.amountFen, 0)).toBe(10_000);
    expect(await prisma.termsPayment.count()).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: "order.termsPayment" } })).toBe(2);
  });

  it("show in receivables as outstanding, and as overdue once the due date has passed", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000, termDays: 10 });
    const order = await onTermsOrder(org);
    await recordTermsPayment(order.id, payment(3_000, "TR-9"), admin.id);
    const now = await listReceivables();
    expect(now.organisations).toEqual([{ id: org.id, name: expect.any(String), outstandingFen: 7_000, overdueFen: 0, orders: 1 }]);
    const later = await listReceivables(new Date(Date.now() + 11 * 86_400_000));
    expect(later.organisations[0]).toMatchObject({ outstandingFen: 7_000, overdueFen: 7_000 });
    expect(later.orders[0]).toMatchObject({ number: order.number, overdue: true, outstandingFen: 7_000 });
    const page = (await call(receivablesPage.loader as RouteHandler, request("/admin/receivables", admin.cookie))) as Awaited<ReturnType<typeof listReceivables>>;
    expect(page.orders.map((o) => o.number)).toEqual([order.number]);
  });
});

describe("发票 records", () => {
  it("keep numbers unique and amounts within the order total", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000 });
    const order = await onTermsOrder(org);
    const other = await onTermsOrder(org, 1, 1);
    expect(await recordInvoice(order.id, { invoiceNumber: "04400001", issuedOn: "2026-11-27", amount: 6_000 }, admin.id)).toEqual({ ok: true });
    expect(await recordInvoice(other.id, { invoiceNumber: "04400001", issuedOn: "2026-11-27", amount: 100 }, admin.id)).toMatchObject({ ok: false, field: "invoiceNumber" });
    expect(await recordInvoice(order.id, { invoiceNumber: "04400002", issuedOn: "2026-11-27", amount: 4_001 }, admin.id)).toEqual({
      ok: false,
      field: "amount",
      message: "org:errors.invoiceOverTotal",
      params: { remaining: 4_000 },
    });
    expect(await recordInvoice(order.id, { invoiceNumber: "04400002", issuedOn: "2026-11-27", amount: 4_000 }, admin.id)).toEqual({ ok: true });
    const page = (await call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${order.number}`, org.buyer.cookie), { number: order.number })) as { order: { invoices: unknown[] } };
    expect(page.order.invoices).toHaveLength(2);
  });
});

describe("setting payment terms", () => {
  it("is for administrators, validated, and audited", async () => {
    const org = await organisationWithMembers();
    const params = { id: String(org.id) };
    const bad = refusal(
      await call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${org.id}`, admin.cookie, { intent: "terms", paymentTerms: "ON_TERMS", termDays: "0", creditLimit: "abc", approvalThreshold: "" }), params),
    );
    expect(bad).toMatchObject({ status: 400, body: { intent: "terms" }, values: { paymentTerms: "ON_TERMS", termDays: "0", creditLimit: "abc" } });
    expect(bad.fieldErrors).toEqual({ termDays: ["org:errors.termDays"], creditLimit: ["org:errors.amount"] });
    await thrown(call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${org.id}`, admin.cookie, { intent: "terms", paymentTerms: "ON_TERMS", termDays: "45", creditLimit: "50000", approvalThreshold: "5000.50" }), params));
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ paymentTerms: "ON_TERMS", termDays: 45, creditLimitFen: 5_000_000, approvalThresholdFen: 500_050 });
    expect(await prisma.auditLog.count({ where: { action: "organisation.terms" } })).toBe(1);
    expect((await thrown(call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${org.id}`, org.admin.cookie, { intent: "terms" }), params))).status).toBe(403);
  });
});

describe("receiving (验货)", () => {
  async function delivered(orderId: number) {
    await markShipped(orderId, "顺丰", "SF1", admin.id);
    await markDelivered(orderId, admin.id);
  }
  const lineIds = async (orderId: number) => (await prisma.orderLine.findMany({ where: { orderId }, orderBy: { id: "asc" } })).map((l) => l.id);

  it("on terms: a shortage lowers what is owed; what had already counted beyond it is taken back from the ledger, once", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000 });
    const order = await onTermsOrder(org); // 6,000 + 4,000
    await recordTermsPayment(order.id, payment(10_000, "TR-ALL"), admin.id);
    await delivered(order.id);
    const [rice, tea] = await lineIds(order.id);
    const params = { number: order.number };
    const receive = (fields: Record<string, string>) => call(orgOrderPage.action as RouteHandler, post(`/org/orders/${order.number}`, org.buyer.cookie, { intent: "receive", ...fields }), params);

    const bad = refusal(await receive({ [`received.${rice}`]: "7", [`received.${tea}`]: "x" }));
    expect(bad).toMatchObject({ status: 400, formError: "org:orders.receiveQuantities", values: { received: { [rice!]: "7", [tea!]: "x" } } });
    expect(Object.keys(bad.fieldErrors).sort()).toEqual([`received.${rice}`, `received.${tea}`].sort());

    expect((await thrown(receive({ [`received.${rice}`]: "4", [`received.${tea}`]: "8" }))).headers.get("Location")).toContain("done=receivedShort");
    expect(refusal(await receive({ [`received.${rice}`]: "0", [`received.${tea}`]: "0" }))).toMatchObject({ status: 409, formError: "org:orders.alreadyReceived" });
    const row = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({ shortageFen: 2_000 });
    // Paid 10,000 but only 8,000 was delivered: 2,000 comes off the rice county's count.
    expect((await ledger(order.id)).filter((e) => e.sourceType === "SHORTAGE")).toEqual([{ sourceType: "SHORTAGE", countyId: ref.zhenlai.id, amountFen: -2_000, buyerType: "CANTEEN" }]);
    const total = (await ledger(order.id)).reduce((sum, e) => sum + e.amountFen, 0);
    expect(total).toBe(8_000);
  });

  it("on terms, unpaid: the shortage only lowers what is owed; nothing had counted, nothing is taken back", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000 });
    const order = await onTermsOrder(org);
    await delivered(order.id);
    const [rice, tea] = await lineIds(order.id);
    expect(await confirmReceipt(order.id, org.id, org.buyer.id, new Map([[rice!, 6], [tea!, 5]]))).toEqual({ ok: true, shortageFen: 1_500, refund: "none" });
    expect(await ledger(order.id)).toEqual([]);
    expect(await recordTermsPayment(order.id, payment(8_501, "TR-X"), admin.id)).toMatchObject({ ok: false, field: "amount" });
    expect(await recordTermsPayment(order.id, payment(8_500, "TR-X"), admin.id)).toMatchObject({ ok: true, outstandingFen: 0 });
    // Counted by what was delivered: rice 6,000, tea 2,500.
    expect(await ledger(order.id)).toEqual([
      { sourceType: "TERMS_PAYMENT", countyId: ref.zhenlai.id, amountFen: 6_000, buyerType: "CANTEEN" },
      { sourceType: "TERMS_PAYMENT", countyId: ref.fengshan.id, amountFen: 2_500, buyerType: "CANTEEN" },
    ]);
  });

  it("paid at once: the shortage is refunded through the provider with negative ledger entries, once; then suppliers are rated", async () => {
    const org = await organisationWithMembers();
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 6, priceFen: 1000 }, { sku: "TEA", quantity: 8, priceFen: 500 }]);
    if (!placed.ok) throw new Error("placing failed");
    await prisma.payment.create({ data: { orderId: placed.order.id, provider: "LOCAL", providerRef: "lp-1", amountFen: 10_000 } });
    expect(await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "lp-1" })).toBe("paid");
    await delivered(placed.order.id);
    const [rice, tea] = await lineIds(placed.order.id);
    const received = new Map([[rice!, 6], [tea!, 6]]);
    const both = await Promise.all([confirmReceipt(placed.order.id, org.id, org.buyer.id, received), confirmReceipt(placed.order.id, org.id, org.buyer.id, received)]);
    expect(both.filter((r) => r.ok)).toEqual([{ ok: true, shortageFen: 1_000, refund: "refunded" }]);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    expect(order.refundedFen).toBe(1_000);
    const entries = await ledger(placed.order.id);
    expect(entries.filter((e) => e.sourceType === "REFUND").reduce((sum, e) => sum + e.amountFen, 0)).toBe(-1_000);
    expect(entries.every((e) => e.buyerType === "CANTEEN")).toBe(true);

    const supplierId = ref.zhenlaiCoop.id;
    expect(await rateSuppliers(placed.order.id, org.id, org.buyer.id, [{ supplierId, stars: 4, comment: "米很好" }, { supplierId, stars: 9, comment: "" }])).toEqual({ ok: true, saved: 1 });
    expect(await rateSuppliers(placed.order.id, org.id, org.buyer.id, [{ supplierId, stars: 1, comment: "改主意" }])).toEqual({ ok: true, saved: 0 });
    const ratings = await supplierRatings(supplierId);
    expect(ratings).toMatchObject({ average: 4, count: 1, latest: [{ stars: 4, comment: "米很好" }] });
  });

  it("cannot be confirmed before delivery", async () => {
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 100_000 });
    const order = await onTermsOrder(org);
    const [rice, tea] = await lineIds(order.id);
    expect(await confirmReceipt(order.id, org.id, org.buyer.id, new Map([[rice!, 6], [tea!, 8]]))).toEqual({ ok: false, reason: "not-delivered" });
  });
});
