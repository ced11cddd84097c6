import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { getGiftBox, listGiftBoxes, priceGiftBoxes } from "~/models/gift-box.server";
import { giftSummary, parseRecipientFile, placeGiftOrder, reviewGiftDraft, saveGiftDraft } from "~/models/gift-order.server";
import { cancelOrgOrder } from "~/models/org-order.server";
import { markOrderPaid } from "~/models/order.server";
import * as giftsPage from "~/routes/org.gifts._index";
import * as reviewPage from "~/routes/org.gifts.review";
import * as giftOrderPage from "~/routes/org.gifts.orders.$number";
import * as myGiftsPage from "~/routes/orders.gifts";
import * as orgOrderPage from "~/routes/org.orders.$number";
import { prisma } from "~/utils/db.server";
import { createReferenceData, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { giftAdmin, giftBox, giftDetails, giftProducts, pickupPoint, placeGift, recipientsCsv } from "../support/gift-fixtures";
import { member, organisationWithMembers, type TestOrganisation } from "../support/org-fixtures";
import { post, refusal, request, thrown, unwrap, type RouteHandler } from "../support/routes";

beforeEach(resetDatabase);

const call = (handler: RouteHandler, req: Request, params: Record<string, string> = {}) => handler({ request: req, params, context: {} });
const bytes = (text: string) => new TextEncoder().encode(text);
const stockOf = async (id: number) => (await prisma.product.findUniqueOrThrow({ where: { id } })).stock;

let ref: ReferenceData;
let org: TestOrganisation;
let adminId: number;
let products: Awaited<ReturnType<typeof giftProducts>>;
let boxId: number;

beforeEach(async () => {
  ref = await createReferenceData();
  await pickupPoint("HQ");
  org = await organisationWithMembers({ kind: "WELFARE" });
  adminId = (await giftAdmin()).id;
  products = await giftProducts(ref);
  boxId = await giftBox(adminId, [{ sku: products.rice.sku, quantity: 2 }, { sku: products.herbs.sku, quantity: 1 }]);
});

describe("the recipient file", () => {
  it("lists every bad row with its row number and reason, and keeps nothing", async () => {
    const csv = [
      "姓名,工号,手机,地址,自提点,份数",
      "张伟,E10001,13800010001,吉林省长春市东风大街 1 号,,1", // row 2: good
      ",E10002,13800010002,吉林省长春市东风大街 2 号,,", // row 3: no name
      "李娜,E1,13800010003,吉林省长春市东风大街 3 号,,", // row 4: employee number format
      "王强,E10004,12345,吉林省长春市东风大街 4 号,,", // row 5: mobile
      "赵敏,E10005,13800010005,,,", // row 6: neither address nor pickup
      "孙浩,E10006,13800010006,,NOPE,", // row 7: unknown pickup point
      "周静,E10001,13800010007,,HQ,", // row 8: duplicate of row 2
      "吴芳,E10008,13800010008,,hq,0", // row 9: boxes 0
    ].join("\n");
    const result = await parseRecipientFile("list.csv", bytes(csv));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.message])).toEqual([
      [3, "gifts:rowErrors.nameMissing"],
      [4, "gifts:rowErrors.employeeNo"],
      [5, "gifts:rowErrors.mobile"],
      [6, "gifts:rowErrors.addressMissing"],
      [7, "gifts:rowErrors.pickupCode"],
      [8, "gifts:rowErrors.duplicate"],
      [9, "gifts:rowErrors.boxes"],
    ]);
    expect(result.problems.find((p) => p.row === 8)?.params).toMatchObject({ firstRow: 2, value: "E10001" });
  });

  it("refuses 5,001 recipients as a whole and accepts 5,000", async () => {
    const tooMany = await parseRecipientFile("big.csv", bytes(recipientsCsv(5_001)));
    expect(tooMany).toEqual({ ok: false, problems: [{ row: 0, message: "common:table.tooManyRows", params: { max: 5_000 } }] });
    const most = await parseRecipientFile("big.csv", bytes(recipientsCsv(5_000, { pickupCode: "HQ" })));
    expect(most.ok && most.recipients.length).toBe(5_000);
  });

  it("reads UTF-8 with a BOM, GB18030 and XLSX, English headers too, and counts boxes (default 1)", async () => {
    const csv = "姓名,工号,手机,地址,自提点,份数\n张伟,e10001,138 0001 0001,吉林省长春市东风大街 1 号,,3\n李娜,E10002,13800010002,,hq,";
    const withBom = await parseRecipientFile("a.csv", bytes(`\uFEFF${csv}`));
    expect(withBom).toMatchObject({ ok: true, boxes: 4, recipients: [{ row: 2, employeeNo: "E10001", mobile: "13800010001", boxes: 3 }, { row: 3, pickupCode: "HQ", boxes: 1 }] });
    // GB18030 as Excel on Chinese Windows saves it: 张 = D5C5, 伟 = CEB0 …
    const gb = new Uint8Array([...Buffer.from("name,employee number,mobile,address\n"), 0xd5, 0xc5, 0xce, 0xb0, ...Buffer.from(",E10001,13800010001,"), 0xb3, 0xa4, 0xb4, 0xba, 0xca, 0xd0, ...Buffer.from(" Dongfeng St 1")]);
    expect(await parseRecipientFile("gb.csv", gb)).toMatchObject({ ok: true, recipients: [{ name: "张伟", address: "长春市 Dongfeng St 1" }] });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["姓名/name", "工号/employee number", "手机/mobile", "地址/address", "自提点/pickup point code", "份数/boxes"]);
    sheet.addRow(["张伟", "E10001", 13800010001, "吉林省长春市东风大街 1 号", null, 2]);
    sheet.addRow(["李娜", "E10001", 13800010002, null, "HQ", null]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await parseRecipientFile("list.xlsx", xlsx);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 3, message: "gifts:rowErrors.duplicate" }] });
  });

  it("the upload page lists all problems and saves no draft; a good file becomes the draft the review shows", async () => {
    const upload = (content: string) => {
      const form = new FormData();
      form.set("org", String(org.id));
      form.set("intent", "upload");
      form.set("giftBoxId", String(boxId));
      form.set("file", new File([content], "recipients.csv"));
      return request("/org/gifts", org.buyer.cookie, { method: "POST", body: form });
    };
    const bad = unwrap<{ problems: { row: number }[] }>(await call(giftsPage.action, upload(`${recipientsCsv(3)}\n,,,,,`.replace("13900000002", "1390000000"))));
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.row)).toEqual([3]);
    expect(await prisma.giftOrderDraft.count()).toBe(0);

    const good = await thrown(call(giftsPage.action, upload(recipientsCsv(3, { boxes: (i) => i }))));
    expect(good.headers.get("Location")).toBe(`/org/gifts/review?org=${org.id}`);
    const review = (await call(reviewPage.loader, request(`/org/gifts/review?org=${org.id}`, org.buyer.cookie))) as Awaited<ReturnType<typeof reviewPage.loader>>;
    // 1 + 2 + 3 boxes; per box 2 × ¥50 + 1 × ¥30 = ¥130.
    expect({ boxes: review.boxes, shipments: review.recipientCount, price: review.price }).toMatchObject({ boxes: 6, shipments: 3, price: { ok: true, unitPriceFen: 13_000, totalFen: 78_000 } });

    // The details form: a date in the past and an invoice without its title are named at their fields,
    // with what was typed kept; a total that no longer matches is refused as a whole, with the new total.
    const place = (fields: Record<string, string>) => call(reviewPage.action, post("/org/gifts/review", org.buyer.cookie, { org: String(org.id), intent: "place", checkoutKey: "gift-route-key-1", expectedTotalFen: "78000", ...fields }));
    const refusedDetails = refusal(await place({ poNumber: "GH-1", requestedDeliveryDate: "2020-01-01", wantsInvoice: "on", invoiceTitle: "", invoiceTaxNumber: "" }));
    expect(refusedDetails.status).toBe(400);
    expect(refusedDetails.fieldErrors).toEqual({ requestedDeliveryDate: ["org:errors.dateInPast"], invoiceTitle: ["org:errors.invoiceTitle"], invoiceTaxNumber: ["org:errors.required"] });
    expect(refusedDetails.values).toMatchObject({ poNumber: "GH-1", requestedDeliveryDate: "2020-01-01", wantsInvoice: "on" });
    const changed = refusal<{ params: Record<string, number> }>(await place({ expectedTotalFen: "77000", requestedDeliveryDate: review.today }));
    expect(changed.status).toBe(409);
    expect(changed.formError).toBe("gifts:review.pricesChanged");
    expect(changed.body.params).toEqual({ total: 78_000 });
    expect(await prisma.order.count()).toBe(0);
  });

  it("the upload page refuses a box that is not on offer, listing it as the one problem", async () => {
    const form = new FormData();
    form.set("org", String(org.id));
    form.set("intent", "upload");
    form.set("giftBoxId", "999999");
    form.set("file", new File([recipientsCsv(1)], "recipients.csv"));
    const refused = refusal<{ problems: { row: number; message: string }[] }>(await call(giftsPage.action, request("/org/gifts", org.buyer.cookie, { method: "POST", body: form })));
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([{ row: 0, message: "gifts:review.unavailable" }]);
    expect(refused.values).toMatchObject({ giftBoxId: "999999" });
    expect(await prisma.giftOrderDraft.count()).toBe(0);
  });
});

describe("price and availability", () => {
  it("availability is the fewest whole boxes any component allows, and 0 when a component is off sale", async () => {
    await prisma.product.update({ where: { id: products.rice.id }, data: { stock: 21 } });
    await prisma.product.update({ where: { id: products.herbs.id }, data: { stock: 7 } });
    expect((await getGiftBox(boxId))?.available).toBe(7);
    await prisma.product.update({ where: { id: products.herbs.id }, data: { stock: 50 } });
    expect((await getGiftBox(boxId))?.available).toBe(10); // ⌊21 / 2⌋
    await prisma.product.update({ where: { id: products.herbs.id }, data: { status: "ARCHIVED" } });
    expect((await getGiftBox(boxId))?.available).toBe(0);
  });

  it("prices the whole order's component quantities by the one rule, and that is exactly what is charged", async () => {
    // A tier from 100 units of rice and a contract price for herbs: 60 boxes = 120 rice → tier applies.
    await prisma.priceTier.create({ data: { productId: products.rice.id, minQuantity: 100, priceFen: 4_500 } });
    await prisma.contractPrice.create({ data: { organisationId: org.id, productId: products.herbs.id, priceFen: 2_500 } });
    const box = (await getGiftBox(boxId))!;
    const few = await priceGiftBoxes(org.id, box.components, 10);
    expect(few).toMatchObject({ ok: true, unitPriceFen: 2 * 5_000 + 2_500, totalFen: 10 * 12_500 });
    const many = await priceGiftBoxes(org.id, box.components, 60);
    expect(many).toMatchObject({ ok: true, unitPriceFen: 2 * 4_500 + 2_500, totalFen: 60 * 11_500 });
    // The list shown to this organisation prices one box; the admin list has no contract.
    expect((await listGiftBoxes({ organisationId: org.id }))[0]?.unitPriceFen).toBe(12_500);
    expect((await listGiftBoxes())[0]?.unitPriceFen).toBe(13_000);

    const placed = await placeGift(org, boxId, recipientsCsv(60), 60 * 11_500);
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id }, select: { totalFen: true, lines: { select: { productId: true, quantity: true, unitPriceFen: true, lineTotalFen: true } }, giftBoxes: true } });
    expect(order.totalFen).toBe(690_000);
    expect(order.giftBoxes).toMatchObject([{ giftBoxId: boxId, boxes: 60, unitPriceFen: 11_500 }]);
    expect(order.lines.sort((a, b) => a.productId - b.productId)).toEqual([
      { productId: products.rice.id, quantity: 120, unitPriceFen: 4_500, lineTotalFen: 540_000 },
      { productId: products.herbs.id, quantity: 60, unitPriceFen: 2_500, lineTotalFen: 150_000 },
    ]);
  });

  it("refuses a total that moved since the review, placing nothing", async () => {
    const parsed = await parseRecipientFile("r.csv", bytes(recipientsCsv(2)));
    if (!parsed.ok) throw new Error("fixture");
    await saveGiftDraft(org.id, org.buyer.id, boxId, "r.csv", parsed.recipients);
    expect(await reviewGiftDraft(org.id, org.buyer.id)).toMatchObject({ price: { totalFen: 26_000 } });
    await prisma.product.update({ where: { id: products.rice.id }, data: { priceFen: 5_500 } });
    const result = await placeGiftOrder({ organisationId: org.id, userId: org.buyer.id, details: giftDetails(26_000) });
    expect(result).toEqual({ ok: false, reason: "prices-changed", totalFen: 28_000 });
    expect(await prisma.order.count()).toBe(0);
    expect(await stockOf(products.rice.id)).toBe(10_000);
  });
});

describe("placing a gift order", () => {
  it("makes one order with aggregated lines, one shipment per recipient, stock taken once; replays by key", async () => {
    const csv = recipientsCsv(500, { pickupCode: "HQ", boxes: (i) => (i % 10 === 0 ? 2 : 1) });
    const details = giftDetails(550 * 13_000);
    const parsed = await parseRecipientFile("r.csv", bytes(csv));
    if (!parsed.ok) throw new Error("fixture");
    await saveGiftDraft(org.id, org.buyer.id, boxId, "r.csv", parsed.recipients);
    const placed = await placeGiftOrder({ organisationId: org.id, userId: org.buyer.id, details });
    expect(placed).toMatchObject({ ok: true, replayed: false, order: { totalFen: 7_150_000, status: "AWAITING_PAYMENT" } });
    if (!placed.ok) return;
    expect(await prisma.order.count()).toBe(1);
    expect(await prisma.orderLine.count()).toBe(2);
    expect(await prisma.shipment.count({ where: { orderId: placed.order.id } })).toBe(500);
    expect(await prisma.shipment.count({ where: { orderId: placed.order.id, pickupPointId: { not: null } } })).toBe(250);
    expect(await prisma.shipment.findFirst({ where: { employeeNo: "G00010" }, select: { boxes: true, row: true, status: true } })).toEqual({ boxes: 2, row: 11, status: "PENDING" });
    expect(await stockOf(products.rice.id)).toBe(10_000 - 1_100);
    expect(await stockOf(products.herbs.id)).toBe(10_000 - 550);
    expect(await prisma.giftOrderDraft.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "organisation.giftOrder.place" } })).toBe(1);
    // The same form sent again: the same order, nothing more taken.
    expect(await placeGiftOrder({ organisationId: org.id, userId: org.buyer.id, details })).toMatchObject({ ok: true, replayed: true, order: { id: placed.order.id } });
    expect(await prisma.shipment.count()).toBe(500);
    expect(await stockOf(products.rice.id)).toBe(8_900);
  });

  it("counts in the ledger per county, as WELFARE, once paid", async () => {
    const placed = await placeGift(org, boxId, recipientsCsv(10), 10 * 13_000);
    if (!placed.ok) throw new Error(placed.reason);
    expect(await prisma.ledgerEntry.count()).toBe(0);
    expect(await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "gift-1" })).toBe("paid");
    const entries = await prisma.ledgerEntry.findMany({ orderBy: { countyId: "asc" }, select: { countyId: true, amountFen: true, buyerType: true } });
    expect(entries).toEqual(
      [
        { countyId: ref.zhenlai.id, amountFen: 100_000, buyerType: "WELFARE" },
        { countyId: ref.fengshan.id, amountFen: 30_000, buyerType: "WELFARE" },
      ].sort((a, b) => a.countyId - b.countyId),
    );
  });

  it("waits for approval above the threshold and respects the credit limit on terms, as any organisation order", async () => {
    const strict = await organisationWithMembers({ kind: "WELFARE", approvalThresholdFen: 100_000 });
    expect(await placeGift(strict, boxId, recipientsCsv(10), 130_000)).toMatchObject({ ok: true, order: { status: "PENDING_APPROVAL" } });
    const onTerms = await organisationWithMembers({ kind: "WELFARE", paymentTerms: "ON_TERMS", creditLimitFen: 100_000 });
    expect(await placeGift(onTerms, boxId, recipientsCsv(10), 130_000)).toEqual({ ok: false, reason: "over-credit-limit", availableFen: 100_000 });
    expect(await placeGift(onTerms, boxId, recipientsCsv(5), 65_000)).toMatchObject({ ok: true, order: { status: "CONFIRMED" } });
  });

  it("refuses the whole order when a component is short", async () => {
    await prisma.product.update({ where: { id: products.herbs.id }, data: { stock: 9 } });
    expect(await placeGift(org, boxId, recipientsCsv(10), 130_000)).toEqual({ ok: false, reason: "stock" });
    expect(await stockOf(products.rice.id)).toBe(10_000);
    expect(await prisma.order.count()).toBe(0);
    expect(await prisma.shipment.count()).toBe(0);
  });
});

describe("who sees what", () => {
  it("a cancelled gift order's parcels show as cancelled, not waiting to ship, and its recipients see nothing", async () => {
    const recipient = await member("recipient2");
    const employeeNo = (await prisma.user.findUniqueOrThrow({ where: { id: recipient.id } })).employeeNo!;
    const placed = await placeGift(org, boxId, `${recipientsCsv(2)}\n本人,${employeeNo},13912345678,吉林省长春市东风大街 99 号,,1`, 3 * 13_000);
    if (!placed.ok) throw new Error(placed.reason);
    expect(await cancelOrgOrder(placed.order.id, org.id, org.buyer.id)).toBe(true);
    expect(await giftSummary(placed.order.id)).toMatchObject({ all: 3, byStatus: { CANCELLED: 3 } });
    expect((await giftSummary(placed.order.id))!.byStatus.PENDING).toBeUndefined();
    const mine = (await call(myGiftsPage.loader, request("/orders/gifts", recipient.cookie))) as { shipments: unknown[] };
    expect(mine.shipments).toEqual([]);
  });

  it("another organisation's member gets 404 for the order and its shipments; members see every shipment", async () => {
    const placed = await placeGift(org, boxId, recipientsCsv(150), 150 * 13_000);
    if (!placed.ok) throw new Error(placed.reason);
    const other = await organisationWithMembers({ kind: "WELFARE" });
    const url = `/org/gifts/orders/${placed.order.number}`;
    expect((await thrown(call(giftOrderPage.loader, request(url, other.admin.cookie), { number: placed.order.number }))).status).toBe(404);
    const page = (await call(giftOrderPage.loader, request(`${url}?page=2`, org.approver.cookie), { number: placed.order.number })) as Awaited<ReturnType<typeof giftOrderPage.loader>>;
    expect({ all: page.list.all, page: page.list.page, pages: page.list.pages, rows: page.list.shipments.length, first: page.list.shipments[0]?.row }).toEqual({ all: 150, page: 2, pages: 2, rows: 50, first: 102 });
    // The organisation's order page carries the box, the counts and the first parcels.
    const orderPage = (await call(orgOrderPage.loader, request(`/org/orders/${placed.order.number}`, org.buyer.cookie), { number: placed.order.number })) as { gift: { boxes: number; all: number; byStatus: Record<string, number>; first: { row: number }[] } | null };
    expect(orderPage.gift).toMatchObject({ boxes: 150, all: 150, byStatus: { PENDING: 150 } });
    expect(orderPage.gift?.first.map((s) => s.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it("an employee whose roster 工号 and mobile are a recipient's sees their own shipment only, never others' rows or the order's money", async () => {
    const recipient = await member("recipient");
    const { employeeNo, mobile } = await prisma.rosterEntry.findFirstOrThrow({ where: { employeeNo: (await prisma.user.findUniqueOrThrow({ where: { id: recipient.id } })).employeeNo! } });
    const csv = `${recipientsCsv(3)}\n本人,${employeeNo},${mobile},吉林省长春市东风大街 99 号,,2`;
    const placed = await placeGift(org, boxId, csv, 5 * 13_000);
    if (!placed.ok) throw new Error(placed.reason);
    // Not paid yet: nothing is on its way, so the recipient is shown nothing.
    const myGifts = async () => (await call(myGiftsPage.loader, request("/orders/gifts", recipient.cookie))) as Awaited<ReturnType<typeof myGiftsPage.loader>>;
    expect((await myGifts()).shipments).toEqual([]);
    expect(await markOrderPaid({ orderId: placed.order.id, provider: "LOCAL", providerRef: "gift-paid" })).toBe("paid");
    const mine = await myGifts();
    expect(mine.shipments).toHaveLength(1);
    expect(mine.shipments[0]).toMatchObject({ recipientName: "本人", boxes: 2, addressText: "吉林省长春市东风大街 99 号", status: "PENDING" });
    expect(JSON.stringify(mine)).not.toMatch(/G00001|收件人1|totalFen/);
    // Nobody else's: an unrelated employee sees nothing; the recipient cannot open the organisation's order.
    const stranger = await member("stranger");
    expect(((await call(myGiftsPage.loader, request("/orders/gifts", stranger.cookie))) as { shipments: unknown[] }).shipments).toEqual([]);
    expect((await thrown(call(giftOrderPage.loader, request(`/org/gifts/orders/${placed.order.number}`, recipient.cookie), { number: placed.order.number }))).status).toBe(404);
    // A parcel with their 工号 but another mobile is not theirs (a 工号 alone proves nothing), and
    // once the roster lists another mobile for them, the parcel to the old one is no longer shown.
    const other = await placeGift(org, boxId, `${recipientsCsv(1, { prefix: "H" })}\n冒名,${employeeNo},13700000000,吉林省长春市东风大街 100 号,,1`, 2 * 13_000);
    if (!other.ok) throw new Error(other.reason);
    expect(((await call(myGiftsPage.loader, request("/orders/gifts", recipient.cookie))) as { shipments: unknown[] }).shipments).toHaveLength(1);
    await prisma.rosterEntry.update({ where: { employeeNo }, data: { mobile: "13700000001" } });
    expect(((await call(myGiftsPage.loader, request("/orders/gifts", recipient.cookie))) as { shipments: unknown[] }).shipments).toEqual([]);
  });

  it("a member without an ordering role cannot upload or place", async () => {
    const form = post("/org/gifts", org.approver.cookie, { org: String(org.id), intent: "upload", giftBoxId: String(boxId) });
    expect((await thrown(call(giftsPage.action, form))).status).toBe(403);
  });
});
