import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { getDraftRows, saveDraftRows } from "~/models/org-order-lines.server";
import { decideOrgOrder, placeOrgOrder } from "~/models/org-order.server";
import { markOrderPaid, releaseExpiredReservations } from "~/models/order.server";
import * as checkoutPage from "~/routes/org.checkout";
import * as orderPage from "~/routes/org.order";
import * as orgOrderPage from "~/routes/org.orders.$number";
import * as approvalsPage from "~/routes/org.approvals";
import * as payLocal from "~/routes/pay.local.$ref";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../support/db";
import { bulkProduct, createOrgShop, details, member, organisationWithMembers, placeFor, type TestOrganisation } from "../support/org-fixtures";
import { post, refusal, request, thrown, unwrap, type RouteHandler } from "../support/routes";
import type { ReferenceData } from "../support/admin-fixtures";

beforeEach(resetDatabase);

const call = (handler: RouteHandler, req: Request, params: Record<string, string> = {}) => handler({ request: req, params, context: {} });
const stockOf = async (id: number) => (await prisma.product.findUniqueOrThrow({ where: { id } })).stock;

function upload(org: TestOrganisation, cookie: string, name: string, content: string | Uint8Array) {
  const form = new FormData();
  const part = typeof content === "string" ? content : new Blob([content.slice().buffer as ArrayBuffer]);
  form.set("org", String(org.id));
  form.set("intent", "upload");
  form.set("file", new File([part], name));
  return request("/org/order", cookie, { method: "POST", body: form });
}

type Problems = { uploadProblems: { row: number; message: string; params: Record<string, unknown> }[] | null; problems: { row: number; message: string; params: Record<string, unknown> }[] };

let ref: ReferenceData;
beforeEach(async () => {
  ref = await createOrgShop();
});

describe("uploading a file of lines", () => {
  it("reports every bad row by its row number in the file and adds nothing, then adds all rows once they are valid", async () => {
    const org = await organisationWithMembers();
    await bulkProduct(ref, { sku: "RICE-10", casePack: 10 });
    await bulkProduct(ref, { sku: "OIL-MOQ", minOrderQuantity: 5 });
    await bulkProduct(ref, { sku: "FUNGUS" });
    await bulkProduct(ref, { sku: "SALT" });
    await prisma.product.create({
      data: { sku: "OLD", slug: "old", nameZh: "下架", spec: "1kg", priceFen: 100, stock: 5, status: "ARCHIVED", categoryId: ref.rice.id, countyId: ref.zhenlai.id, supplierId: ref.zhenlaiCoop.id },
    });
    const csv = ["sku,quantity", "RICE-10,25", "OIL-MOQ,3", "NOPE,1", "SALT,abc", "OLD,1", "FUNGUS,2", "", "fungus,4"].join("\n");
    const result = unwrap<Problems>(await call(orderPage.action as RouteHandler, upload(org, org.buyer.cookie, "order.csv", csv)));
    expect(result.status).toBe(400);
    const byRow = Object.fromEntries(result.body.uploadProblems!.map((p) => [p.row, p]));
    expect(Object.keys(byRow).map(Number)).toEqual([2, 3, 4, 5, 6, 9]);
    expect(byRow[2]!.message).toBe("shop:tiers.problems.notCaseMultiple");
    expect(byRow[2]!.params).toMatchObject({ lower: 20, higher: 30 });
    expect(byRow[3]!.message).toBe("shop:tiers.problems.belowMinimum");
    expect(byRow[3]!.params).toMatchObject({ min: 5 });
    expect(byRow[4]!.message).toBe("org:lineErrors.unknownSku");
    expect(byRow[5]!.message).toBe("org:lineErrors.quantity");
    expect(byRow[6]!.message).toBe("org:lineErrors.notOrderable");
    expect(byRow[9]!).toMatchObject({ message: "org:lineErrors.duplicate", params: { firstRow: 7 } });
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([]);

    const fixed = ["sku,quantity", "RICE-10,30", "OIL-MOQ,5", "fungus,2"].join("\r\n");
    const ok = await thrown(call(orderPage.action as RouteHandler, upload(org, org.buyer.cookie, "order.csv", `\uFEFF${fixed}`)));
    expect(ok.headers.get("Location")).toContain("done=uploaded&count=3");
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([
      { sku: "RICE-10", quantity: "30" },
      { sku: "OIL-MOQ", quantity: "5" },
      { sku: "fungus", quantity: "2" },
    ]);
  });

  it("reads .xlsx files (first sheet) with the same row numbers and rules", async () => {
    const org = await organisationWithMembers();
    await bulkProduct(ref, { sku: "RICE-10", casePack: 10 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("订单");
    sheet.addRow(["SKU", "数量"]);
    sheet.addRow(["RICE-10", 20]);
    sheet.addRow(["RICE-10", 10]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const bad = unwrap<Problems>(await call(orderPage.action as RouteHandler, upload(org, org.buyer.cookie, "order.xlsx", bytes)));
    expect(bad.body.uploadProblems!.map((p) => [p.row, p.message])).toEqual([[3, "org:lineErrors.duplicate"]]);

    const unreadable = refusal(await call(orderPage.action as RouteHandler, upload(org, org.buyer.cookie, "order.xlsx", "not a spreadsheet")));
    expect(unreadable).toMatchObject({ status: 400, formError: "common:table.unreadable" });
  });
});

describe("the grid, review and placing", () => {
  it("keeps the grid as typed, lists its problems by row, and charges exactly what the review showed", async () => {
    const org = await organisationWithMembers();
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 5000, casePack: 10 });
    const oil = await bulkProduct(ref, { sku: "OIL", priceFen: 3000, county: "fengshan" });
    await prisma.priceTier.create({ data: { productId: rice.id, minQuantity: 20, priceFen: 4500 } });
    await prisma.contractPrice.create({ data: { organisationId: org.id, productId: oil.id, priceFen: 2500 } });

    const bad = unwrap<Problems>(await call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "review", "lines[0].sku": "RICE", "lines[0].quantity": "15", "lines[2].sku": "OIL", "lines[2].quantity": "4" })));
    expect(bad.body.problems!.map((p) => [p.row, p.message])).toEqual([[1, "shop:tiers.problems.notCaseMultiple"]]);
    // Saved as typed, blank rows dropped: a reload shows the same grid.
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([{ sku: "RICE", quantity: "15" }, { sku: "OIL", quantity: "4" }]);

    const next = await thrown(call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "review", "lines[0].sku": "RICE", "lines[0].quantity": "20", "lines[1].sku": "OIL", "lines[1].quantity": "4" })));
    expect(next.headers.get("Location")).toBe(`/org/checkout?org=${org.id}`);
    const review = (await call(checkoutPage.loader as RouteHandler, request(`/org/checkout?org=${org.id}`, org.buyer.cookie)).catch((e: Response) => { throw new Error(String(e.headers?.get("Location"))); })) as { totalFen: number; checkoutKey: string; lines: { unitPriceFen: number; source: string }[] };
    expect(review.lines.map((l) => [l.unitPriceFen, l.source])).toEqual([[4500, "tier"], [2500, "contract"]]);
    expect(review.totalFen).toBe(20 * 4500 + 4 * 2500);

    const fields = { org: String(org.id), checkoutKey: review.checkoutKey, expectedTotalFen: String(review.totalFen), deliveryLocationId: String(org.locationId), requestedDeliveryDate: "2099-01-05", deliveryWindow: "08:00-10:00", poNumber: "PO-77", wantsInvoice: "on", invoiceTitle: "一汽总部食堂", invoiceTaxNumber: "91350100M000100Y42" };
    const badTax = refusal(await call(checkoutPage.action as RouteHandler, post("/org/checkout", org.buyer.cookie, fields)));
    expect(badTax.status).toBe(400);
    expect(badTax.fieldErrors).toEqual({ invoiceTaxNumber: ["org:errors.taxNumber.checkCharacter"] });
    expect(badTax.values).toMatchObject({ poNumber: "PO-77", invoiceTitle: "一汽总部食堂", invoiceTaxNumber: "91350100M000100Y42", wantsInvoice: "on" });
    expect(await prisma.order.count()).toBe(0);

    const placed = await thrown(call(checkoutPage.action as RouteHandler, post("/org/checkout", org.buyer.cookie, { ...fields, invoiceTaxNumber: "91350100m000100y43" })));
    expect(placed.headers.get("Location")).toMatch(/^\/org\/orders\/FP-\d{8}-\d{6}\?done=placed$/);
    const order = await prisma.order.findFirstOrThrow({ include: { lines: { orderBy: { id: "asc" } } } });
    expect(order).toMatchObject({
      status: "AWAITING_PAYMENT",
      totalFen: review.totalFen,
      organisationId: org.id,
      buyerType: "CANTEEN",
      poNumber: "PO-77",
      invoiceTaxNumber: "91350100M000100Y43",
      requestedDeliveryDate: "2099-01-05",
      addressText: "一食堂 · 长春市东风大街 1 号",
    });
    expect(order.lines.map((l) => l.unitPriceFen)).toEqual([4500, 2500]);
    expect([await stockOf(rice.id), await stockOf(oil.id)]).toEqual([980, 996]);
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([]);

    // The same form again makes no second order.
    const again = await placeOrgOrder({ organisationId: org.id, userId: org.buyer.id, details: details(org, review.totalFen, { checkoutKey: review.checkoutKey }) });
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect(await prisma.order.count()).toBe(0 + 1);
  });

  it("refuses to charge a total other than the one shown, and places nothing", async () => {
    const org = await organisationWithMembers();
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 5000 });
    await saveDraftRows(org.id, org.buyer.id, [{ sku: "RICE", quantity: "2" }]);
    await prisma.product.update({ where: { id: rice.id }, data: { priceFen: 5200 } });
    const result = await placeOrgOrder({ organisationId: org.id, userId: org.buyer.id, details: details(org, 10_000) });
    expect(result).toEqual({ ok: false, reason: "prices-changed", totalFen: 10_400 });
    expect(await prisma.order.count()).toBe(0);
    expect(await stockOf(rice.id)).toBe(1000);
  });

  it("never oversells: when one line runs short at placement the whole order is refused", async () => {
    const org = await organisationWithMembers();
    const a = await bulkProduct(ref, { sku: "A", stock: 10 });
    const b = await bulkProduct(ref, { sku: "B", stock: 10 });
    await saveDraftRows(org.id, org.buyer.id, [{ sku: "A", quantity: "5" }, { sku: "B", quantity: "10" }]);
    await prisma.product.update({ where: { id: b.id }, data: { stock: 9 } });
    const result = await placeOrgOrder({ organisationId: org.id, userId: org.buyer.id, details: details(org, 15_000) });
    expect(result).toMatchObject({ ok: false, reason: "lines" });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([10, 9]);
  });

  it("saves a grid as a named list, loads it back, and reorders a past order", async () => {
    const org = await organisationWithMembers();
    await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    // A list needs a name: the schema says so on the field and sends the grid back as typed.
    const unnamed = refusal(await call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "saveList", listName: " ", "lines[0].sku": "RICE", "lines[0].quantity": "12" })));
    expect(unnamed).toMatchObject({ status: 400, fieldErrors: { listName: ["org:errors.listName"] }, values: { lines: [{ sku: "RICE", quantity: "12" }] } });
    expect(await prisma.savedList.count()).toBe(0);
    await thrown(call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "saveList", listName: "每周清单", "lines[0].sku": "RICE", "lines[0].quantity": "12" })));
    const list = await prisma.savedList.findFirstOrThrow({ include: { lines: true } });
    expect(list.name).toBe("每周清单");
    expect(list.lines.map((l) => [l.sku, l.quantity])).toEqual([["RICE", 12]]);

    await thrown(call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "clear" })));
    await thrown(call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "loadList", listId: String(list.id) })));
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([{ sku: "RICE", quantity: "12" }]);

    const placed = await placeFor(org, [{ sku: "RICE", quantity: 7, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    await thrown(call(orderPage.action as RouteHandler, post("/org/order", org.buyer.cookie, { org: String(org.id), intent: "reorder", number: placed.order.number })));
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([{ sku: "RICE", quantity: "7" }]);
  });
});

describe("who sees an organisation's orders", () => {
  it("every member sees them; another organisation's member and an outsider get 404", async () => {
    const org = await organisationWithMembers();
    const other = await organisationWithMembers();
    const outsider = await member("outsider");
    await bulkProduct(ref, { sku: "RICE" });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 2, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    const params = { number: placed.order.number };
    for (const m of [org.buyer, org.approver, org.admin]) {
      const page = (await call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${placed.order.number}`, m.cookie), params)) as { order: { number: string } };
      expect(page.order.number).toBe(placed.order.number);
    }
    for (const cookie of [other.buyer.cookie, other.admin.cookie, outsider.cookie]) {
      expect((await thrown(call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${placed.order.number}`, cookie), params))).status).toBe(404);
      expect((await thrown(call(orgOrderPage.action as RouteHandler, post(`/org/orders/${placed.order.number}`, cookie, { intent: "cancel" }), params))).status).toBe(404);
    }
    // Nor can another organisation's buyer copy it into their grid.
    expect((await thrown(call(orderPage.action as RouteHandler, post("/org/order", other.buyer.cookie, { org: String(other.id), intent: "reorder", number: placed.order.number })))).status).toBe(404);
    expect((await thrown(call(orderPage.loader as RouteHandler, request(`/org/order?org=${org.id}`, outsider.cookie)))).status).toBe(404);
  });
});

describe("approval", () => {
  it("nobody approves an order they placed, whatever their role; with no other approver it waits and the page says so", async () => {
    const org = await organisationWithMembers({ approvalThresholdFen: 10_000 });
    await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    // The organisation's administrator places a big order and tries to approve it.
    const big = await placeFor(org, [{ sku: "RICE", quantity: 11, priceFen: 1000 }], {}, org.admin.id);
    if (!big.ok) throw new Error("placing failed");
    const params = { number: big.order.number };
    const self = refusal(await call(orgOrderPage.action as RouteHandler, post(`/org/orders/${big.order.number}`, org.admin.cookie, { intent: "approve", reason: "" }), params));
    expect(self).toMatchObject({ status: 403, formError: "org:orders.ownOrder" });
    expect(await decideOrgOrder(big.order.id, org.id, org.admin.id, { intent: "approve", reason: "" })).toEqual({ ok: false, reason: "own-order" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: big.order.id } })).toMatchObject({ status: "PENDING_APPROVAL", approvalStatus: "PENDING", approverId: null });

    const page = async (cookie: string) => (await call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${big.order.number}`, cookie), params)) as { ownOrder: boolean; noOtherApprover: boolean };
    expect(await page(org.admin.cookie)).toMatchObject({ ownOrder: true, noOtherApprover: false });
    // With the approver suspended (离职), nobody else may approve: the order waits and the page says so.
    await prisma.organisationMember.updateMany({ where: { userId: org.approver.id }, data: { suspendedAt: new Date() } });
    expect(await page(org.admin.cookie)).toMatchObject({ noOtherApprover: true });
    await prisma.organisationMember.updateMany({ where: { userId: org.approver.id }, data: { suspendedAt: null } });
    // Another member with the approving role decides it.
    expect(await decideOrgOrder(big.order.id, org.id, org.approver.id, { intent: "approve", reason: "" })).toMatchObject({ ok: true });
  });

  it("an order above the threshold waits; the approver approves once, the buyer sees the decision", async () => {
    const org = await organisationWithMembers({ approvalThresholdFen: 10_000 });
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    const small = await placeFor(org, [{ sku: "RICE", quantity: 10, priceFen: 1000 }]);
    expect(small).toMatchObject({ ok: true, order: { status: "AWAITING_PAYMENT" } });
    const big = await placeFor(org, [{ sku: "RICE", quantity: 11, priceFen: 1000 }]);
    if (!big.ok) throw new Error("placing failed");
    expect(big.order.status).toBe("PENDING_APPROVAL");
    expect(await stockOf(rice.id)).toBe(1000 - 21);
    const pending = (await call(approvalsPage.loader as RouteHandler, request(`/org/approvals?org=${org.id}`, org.approver.cookie))) as { orders: { number: string }[] };
    expect(pending.orders.map((o) => o.number)).toEqual([big.order.number]);

    const params = { number: big.order.number };
    // A buyer cannot approve.
    expect((await thrown(call(orgOrderPage.action as RouteHandler, post(`/org/orders/${big.order.number}`, org.buyer.cookie, { intent: "approve" }), params))).status).toBe(403);
    const approve = () => call(orgOrderPage.action as RouteHandler, post(`/org/orders/${big.order.number}`, org.approver.cookie, { intent: "approve", reason: "本周加餐" }), params);
    expect((await thrown(approve())).headers.get("Location")).toContain("done=decided");
    const twice = refusal(await approve());
    expect(twice).toMatchObject({ status: 409, formError: "org:orders.alreadyDecided" });

    const order = await prisma.order.findUniqueOrThrow({ where: { id: big.order.id }, include: { events: true } });
    expect(order).toMatchObject({ status: "AWAITING_PAYMENT", approvalStatus: "APPROVED", approverId: org.approver.id, decisionReason: "本周加餐" });
    expect(order.reservedUntil!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    expect(order.events.filter((e) => e.note === "approved")).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "organisation.order.approve" } })).toBe(1);
    const buyerView = (await call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${big.order.number}`, org.buyer.cookie), params)) as { order: { approvalStatus: string } };
    expect(buyerView.order.approvalStatus).toBe("APPROVED");
  });

  it("a rejection needs a reason, returns the stock exactly once, and wins or loses a race with an approval cleanly", async () => {
    const org = await organisationWithMembers({ approvalThresholdFen: 0 });
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 30, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    const params = { number: placed.order.number };
    const noReason = refusal(await call(orgOrderPage.action as RouteHandler, post(`/org/orders/${placed.order.number}`, org.approver.cookie, { intent: "reject", reason: " " }), params));
    expect(noReason).toMatchObject({ status: 400, fieldErrors: { reason: ["org:errors.reasonRequired"] }, values: { intent: "reject", reason: " " } });

    const results = await Promise.all([
      decideOrgOrder(placed.order.id, org.id, org.approver.id, { intent: "reject", reason: "超预算" }),
      decideOrgOrder(placed.order.id, org.id, org.admin.id, { intent: "approve", reason: "" }),
      decideOrgOrder(placed.order.id, org.id, org.approver.id, { intent: "reject", reason: "超预算" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    if (order.status === "CANCELLED") {
      expect(order).toMatchObject({ approvalStatus: "REJECTED", decisionReason: "超预算" });
      expect(await stockOf(rice.id)).toBe(1000);
    } else {
      expect(order).toMatchObject({ status: "AWAITING_PAYMENT", approvalStatus: "APPROVED" });
      expect(await stockOf(rice.id)).toBe(970);
    }
  });

  it("rejecting returns the stock once", async () => {
    const org = await organisationWithMembers({ approvalThresholdFen: 0 });
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 30, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    await decideOrgOrder(placed.order.id, org.id, org.approver.id, { intent: "reject", reason: "超预算" });
    await decideOrgOrder(placed.order.id, org.id, org.approver.id, { intent: "reject", reason: "超预算" });
    expect(await stockOf(rice.id)).toBe(1000);
    const page = (await call(orgOrderPage.loader as RouteHandler, request(`/org/orders/${placed.order.number}`, org.buyer.cookie), { number: placed.order.number })) as { order: { status: string; decisionReason: string } };
    expect(page.order).toMatchObject({ status: "CANCELLED", decisionReason: "超预算" });
  });
});

describe("reservations while an order waits", () => {
  it("the sweeper leaves an order waiting for approval alone; once approved, a pay-now order is held 72 hours, then released once", async () => {
    const org = await organisationWithMembers({ approvalThresholdFen: 0 });
    const rice = await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 40, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    expect(await releaseExpiredReservations(inAWeek)).toBe(0);
    expect(await stockOf(rice.id)).toBe(960);

    await decideOrgOrder(placed.order.id, org.id, org.approver.id, { intent: "approve", reason: "" });
    // The buyer pays through the same provider as employees (here the built-in test payment).
    const pay = await thrown(call(orgOrderPage.action as RouteHandler, post(`/org/orders/${placed.order.number}`, org.buyer.cookie, { intent: "pay" }), { number: placed.order.number }));
    expect(pay.headers.get("Location")).toMatch(/\/pay\/local\//);
    expect(await releaseExpiredReservations(new Date(Date.now() + 71 * 3_600_000))).toBe(0);
    expect(await releaseExpiredReservations(new Date(Date.now() + 73 * 3_600_000))).toBe(1);
    expect(await releaseExpiredReservations(new Date(Date.now() + 74 * 3_600_000))).toBe(0);
    expect(await stockOf(rice.id)).toBe(1000);
  });
});

describe("consumption-relief counting of orders paid at once", () => {
  it("writes ledger entries with the organisation's buyer type and each line's county", async () => {
    const canteen = await organisationWithMembers({ kind: "CANTEEN" });
    const welfare = await organisationWithMembers({ kind: "WELFARE" });
    const department = await organisationWithMembers({ kind: "DEPARTMENT" });
    await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    await bulkProduct(ref, { sku: "TEA", priceFen: 300, county: "fengshan" });
    for (const org of [canteen, welfare, department]) {
      const placed = await placeFor(org, [{ sku: "RICE", quantity: 2, priceFen: 1000 }, { sku: "TEA", quantity: 5, priceFen: 300 }]);
      if (!placed.ok) throw new Error("placing failed");
      expect(await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: `r-${org.id}` })).toBe("paid");
    }
    const entries = await prisma.ledgerEntry.findMany({ orderBy: [{ id: "asc" }], select: { buyerType: true, countyId: true, amountFen: true, sourceType: true } });
    expect(entries).toEqual([
      { buyerType: "CANTEEN", countyId: ref.zhenlai.id, amountFen: 2000, sourceType: "ORDER_PAID" },
      { buyerType: "CANTEEN", countyId: ref.fengshan.id, amountFen: 1500, sourceType: "ORDER_PAID" },
      { buyerType: "WELFARE", countyId: ref.zhenlai.id, amountFen: 2000, sourceType: "ORDER_PAID" },
      { buyerType: "WELFARE", countyId: ref.fengshan.id, amountFen: 1500, sourceType: "ORDER_PAID" },
      { buyerType: "OTHER_UNIT", countyId: ref.zhenlai.id, amountFen: 2000, sourceType: "ORDER_PAID" },
      { buyerType: "OTHER_UNIT", countyId: ref.fengshan.id, amountFen: 1500, sourceType: "ORDER_PAID" },
    ]);
  });
});

describe("paying and cancelling from the organisation's order page", () => {
  it("an ORG_ADMIN pays an order another member placed on the test payment page and comes back to the organisation's order", async () => {
    const org = await organisationWithMembers();
    const outsider = await member("outsider");
    await bulkProduct(ref, { sku: "RICE" });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 2, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    const params = { number: placed.order.number };
    const started = await thrown(call(orgOrderPage.action as RouteHandler, post(`/org/orders/${placed.order.number}`, org.admin.cookie, { intent: "pay" }), params));
    const payUrl = started.headers.get("Location")!;
    expect(payUrl).toMatch(/^\/pay\/local\/lp_/);
    const ref_ = { ref: payUrl.split("/").at(-1)! };
    // The approver may not pay, and a stranger may not even see the page.
    for (const cookie of [org.approver.cookie, outsider.cookie]) {
      expect((await thrown(call(payLocal.loader as RouteHandler, request(payUrl, cookie), ref_))).status).toBe(404);
    }
    const page = (await call(payLocal.loader as RouteHandler, request(payUrl, org.admin.cookie), ref_)) as { order: { number: string; path: string }; state: string };
    expect(page).toMatchObject({ order: { number: placed.order.number, path: `/org/orders/${placed.order.number}` }, state: "payable" });
    const paid = await thrown(call(payLocal.action as RouteHandler, post(payUrl, org.admin.cookie, { intent: "pay" }), ref_));
    expect(paid.headers.get("Location")).toBe(`/org/orders/${placed.order.number}`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } })).toMatchObject({ status: "PAID", paymentProvider: "LOCAL" });
  });

  it("asks for confirmation before cancelling: a bare cancel changes nothing, the confirmation's button cancels and returns the stock", async () => {
    const org = await organisationWithMembers();
    const rice = await bulkProduct(ref, { sku: "RICE" });
    const placed = await placeFor(org, [{ sku: "RICE", quantity: 2, priceFen: 1000 }]);
    if (!placed.ok) throw new Error("placing failed");
    const params = { number: placed.order.number };
    const url = `/org/orders/${placed.order.number}`;
    const stockBefore = await stockOf(rice.id);

    const asked = await thrown(call(orgOrderPage.action as RouteHandler, post(url, org.buyer.cookie, { intent: "cancel" }), params));
    expect(asked.headers.get("Location")).toBe(`${url}?confirm=cancel`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } })).toMatchObject({ status: "AWAITING_PAYMENT" });
    expect(await stockOf(rice.id)).toBe(stockBefore);

    const done = await thrown(call(orgOrderPage.action as RouteHandler, post(url, org.buyer.cookie, { intent: "cancel", confirmed: "yes" }), params));
    expect(done.headers.get("Location")).toBe(`${url}?done=cancelled`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } })).toMatchObject({ status: "CANCELLED", reservedUntil: null });
    expect(await stockOf(rice.id)).toBe(stockBefore + 2);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "organisation.order.cancel", entityId: String(placed.order.id) } });
    expect(JSON.parse(audit.details)).toMatchObject({ from: "AWAITING_PAYMENT", to: "CANCELLED", organisationId: org.id });
  });
});
