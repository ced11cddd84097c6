import { beforeEach, describe, expect, it } from "vitest";
import { askAdjustment, askEntryReversal, askImportReversal } from "~/models/admin-approval.server";
import { recordOfflineSale, setTarget, listEntries } from "~/models/ledger-admin.server";
import { countBatch, saveMapping, startImport, waitForImport, getBatch } from "~/models/ledger-import.server";
import { AdjustmentSchema, OfflineSaleSchema, TargetSchema } from "~/models/ledger-schema";
import { ledgerFigures, paceFen, publicProgress, topProducts } from "~/models/relief-progress.server";
import { markOrderPaid, recordRefund } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { sql } from "~/utils/sql-dialect.server";
import { createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { confirmedBySecondAdmin } from "../support/approvals";
import { resetDatabase } from "../support/db";
import { placeTestOrder, product } from "../support/order-fixtures";

let ref: ReferenceData;
let adminId: number;
let keys = 0;
let secondAdminId: number;
const key = () => `form-key-${++keys}-xxxxxxxx`;
const utf8 = (text: string) => new TextEncoder().encode(text);

beforeEach(async () => {
  await resetDatabase();
  ref = await createReferenceData();
  adminId = (await createUserWithRole("ledger-admin", "ADMIN")).id;
  secondAdminId = (await createUserWithRole("ledger-checker", "ADMIN")).id;
});

const ledgerSum = async () => Number((await prisma.ledgerEntry.aggregate({ _sum: { amountFen: true } }))._sum.amountFen ?? 0);
const year2019 = { year: 2019, quarter: null } as const;

async function importFile(channel: "JD" | "TMALL" | "SUNING" | "OTHER_PLATFORM", text: string | Uint8Array) {
  const batch = await startImport({ channel, fileName: "orders.csv", bytes: typeof text === "string" ? utf8(text) : text, userId: adminId });
  await waitForImport(batch.id);
  return (await getBatch(batch.id))!;
}

const JD_HEADER = "订单编号,下单时间,应付金额,县,商品编号";
const jdFile = (rows: string[]) => [JD_HEADER, ...rows].join("\r\n");

describe("targets", () => {
  it("are set and changed per year in yuan, exactly, and every change is audited", async () => {
    await setTarget(TargetSchema.parse({ year: "2019", total: "1350000", purchase: "", helpedSales: "" }), adminId);
    await setTarget(TargetSchema.parse({ year: "2019", total: "1350000.01", purchase: "1000000", helpedSales: "350000.01" }), adminId);
    expect(await prisma.reliefTarget.findUnique({ where: { year: 2019 } })).toMatchObject({ totalFen: 135_000_001, purchaseFen: 100_000_000, helpedSalesFen: 35_000_001 });
    const audits = await prisma.auditLog.findMany({ where: { entityType: "ReliefTarget" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["ledger.target.create", "ledger.target.update"]);
  });

  it("refuse amounts that are not yuan with at most two decimals", () => {
    const result = TargetSchema.safeParse({ year: "2019", total: "1.234", purchase: "abc", helpedSales: "" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(messages).toEqual(expect.arrayContaining(["total:ledger:errors.amountFormat", "purchase:ledger:errors.amountFormat"]));
  });
});

describe("entries an administrator makes", () => {
  it("an offline sale of a product is priced by the server and counted once however often the form is sent", async () => {
    const rice = await product(ref, 100, 5990, "fengshan");
    const input = OfflineSaleSchema.parse({ mode: "product", formKey: key(), date: "2019-10-17", buyerType: "OUTSIDE", sku: rice.sku, quantity: "3", note: "扶贫日开馆" });
    const first = await recordOfflineSale(input, adminId);
    const again = await recordOfflineSale(input, adminId);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    const entries = await prisma.ledgerEntry.findMany();
    expect(entries).toEqual([expect.objectContaining({ amountFen: 3 * 5990, countyId: ref.fengshan.id, channel: "OFFLINE_HALL", sourceType: "OFFLINE_SALE", productId: rice.id, createdByUserId: adminId })]);
    expect(await prisma.auditLog.count({ where: { action: "ledger.offlineSale" } })).toBe(1);
  });

  it("an offline sale by amount names its county; an unknown county or SKU is a field error", async () => {
    const ok = await recordOfflineSale(OfflineSaleSchema.parse({ mode: "amount", formKey: key(), date: "2019-11-01", buyerType: "CANTEEN", countyId: String(ref.zhenlai.id), amount: "12345.67" }), adminId);
    expect(ok.ok).toBe(true);
    expect(await ledgerSum()).toBe(1_234_567);
    expect(await recordOfflineSale(OfflineSaleSchema.parse({ mode: "amount", formKey: key(), date: "2019-11-01", buyerType: "CANTEEN", countyId: "99999", amount: "1" }), adminId)).toEqual({
      ok: false,
      fieldErrors: { countyId: ["ledger:errors.unknownCounty"] },
    });
    expect(await recordOfflineSale(OfflineSaleSchema.parse({ mode: "product", formKey: key(), date: "2019-11-01", buyerType: "CANTEEN", sku: "NOPE", quantity: "1" }), adminId)).toEqual({
      ok: false,
      fieldErrors: { sku: ["ledger:errors.unknownSku"] },
    });
  });

  it("an adjustment may be negative but needs a reason, and a hand entry can be reversed once", async () => {
    expect(AdjustmentSchema.safeParse({ formKey: key(), date: "2019-12-01", countyId: "1", channel: "ADJUSTMENT", buyerType: "OUTSIDE", amount: "-10", reason: "" }).success).toBe(false);
    await confirmedBySecondAdmin(
      askAdjustment(
        AdjustmentSchema.parse({ formKey: key(), date: "2019-12-01", countyId: String(ref.zhenlai.id), channel: "OFFLINE_HALL", buyerType: "OUTSIDE", amount: "-100.50", reason: "线下馆重复登记" }),
        adminId,
      ),
      secondAdminId,
    );
    expect(await ledgerSum()).toBe(-10_050);
    const entryId = (await prisma.ledgerEntry.findFirstOrThrow({ where: { sourceType: "ADJUSTMENT" }, select: { id: true } })).id;
    await confirmedBySecondAdmin(askEntryReversal(entryId, "录入错误", adminId), secondAdminId);
    expect(await askEntryReversal(entryId, "录入错误", adminId)).toEqual({ ok: false, reason: "not-reversible" });
    expect(await ledgerSum()).toBe(0);
  });

  it("dates in the future or that do not exist are refused", () => {
    for (const date of ["2019-02-30", "2999-01-01", "yesterday"]) {
      const result = OfflineSaleSchema.safeParse({ mode: "amount", formKey: key(), date, buyerType: "OUTSIDE", countyId: "1", amount: "1" });
      expect(result.success, date).toBe(false);
    }
  });
});

describe("platform imports", () => {
  it("report every bad row with its number and reason and write nothing", async () => {
    const batch = await importFile(
      "JD",
      jdFile([
        "JD1001,2019-03-01 10:00:00,100.00,镇赉县,",
        "JD1002,2019-13-01 10:00:00,50.00,镇赉县,",
        "JD1003,2019-03-02 10:00:00,12.345,凤山,",
        "JD1004,2019-03-02 10:00:00,10.00,不存在县,",
        "JD1001,2019-03-02 10:00:00,10.00,镇赉县,",
      ]),
    );
    expect(batch.status).toBe("INVALID");
    expect(batch.issues.map((i) => [i.row, i.message])).toEqual([
      [3, "ledger:import.badDate"],
      [4, "ledger:import.badAmount"],
      [5, "ledger:import.unknownCounty"],
      [6, "ledger:import.duplicateRow"],
    ]);
    expect(await prisma.importStagingRow.count()).toBe(0);
    expect(await countBatch(batch.id, adminId)).toEqual({ ok: false });
    expect(await prisma.ledgerEntry.count()).toBe(0);
  });

  it("count a valid file exactly once, never count a platform order twice, and reverse a batch", async () => {
    const rice = await product(ref, 10, 5990, "fengshan");
    const file = jdFile(["JD2001,2019-03-01 10:00:00,100.00,镇赉县,", `JD2002,2019/3/2 9:05,"¥1,234.56",,${rice.sku}`, "JD2003,2019-12-31 23:30:00,0.01,zhenlai,"]);
    const batch = await importFile("JD", file);
    expect(batch).toMatchObject({ status: "READY", rowCount: 3, totalFen: 10_000 + 123_456 + 1, newRows: 3 });
    expect(await prisma.ledgerEntry.count()).toBe(0); // checked, not counted yet

    const [first, second] = await Promise.all([countBatch(batch.id, adminId), countBatch(batch.id, adminId)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await ledgerSum()).toBe(133_457);
    const figures = await ledgerFigures(year2019);
    expect(figures.byChannel.find((c) => c.channel === "JD")?.amountFen).toBe(133_457);
    expect(figures.byCounty.find((c) => c.countyId === ref.fengshan.id)?.amountFen).toBe(123_456);
    expect(figures.indicators.helpedSales.amountFen).toBe(133_457);
    expect((await topProducts(2019))[0]).toMatchObject({ productId: rice.id, amountFen: 123_456 });

    // The same file again: every order is already counted, so the batch adds nothing.
    const again = await importFile("JD", file);
    expect(again).toMatchObject({ status: "READY", newRows: 0, duplicateRows: 3 });
    expect(await countBatch(again.id, adminId)).toMatchObject({ ok: true, counted: 0, amountFen: 0 });
    expect(await ledgerSum()).toBe(133_457);
    // The same order ids on another platform are other orders.
    const tmall = await importFile("TMALL", "订单编号,订单创建时间,买家实际支付金额,县\nJD2001,2019-03-01 10:00:00,5.00,和龙市\nJD2009,2019-03-01,5.00,镇赉\n");
    expect(tmall.issues).toEqual([expect.objectContaining({ row: 2, message: "ledger:import.unknownCounty" })]); // no 和龙 in the fixtures

    await confirmedBySecondAdmin(askImportReversal(batch.id, "文件重复", adminId), secondAdminId);
    expect(await askImportReversal(batch.id, "文件重复", adminId)).toEqual({ ok: false, reason: "not-reversible" });
    expect(await ledgerSum()).toBe(0);
    expect((await ledgerFigures(year2019)).total.amountFen).toBe(0);
    expect(await prisma.ledgerEntry.count({ where: { sourceType: "REVERSAL", batchId: batch.id } })).toBe(3);
    expect(await prisma.auditLog.findFirst({ where: { action: "ledger.import.reverse" } })).toMatchObject({ entityId: String(batch.id) });

    // Once reversed, a corrected file may count those orders again.
    const corrected = await importFile("JD", file);
    expect(corrected).toMatchObject({ status: "READY", newRows: 3 });
    await countBatch(corrected.id, adminId);
    expect(await ledgerSum()).toBe(133_457);
  });

  it("reads GB18030 files and uses the administrator's column mapping", async () => {
    await saveMapping({ channel: "SUNING", externalIdCol: "单号", dateCol: "日期", amountCol: "金额（元）", countyCol: "产地", skuCol: "" }, adminId);
    // "单号,日期,金额（元）,产地 / SN1,2019-05-01,8.00,镇赉县" saved by Excel on Chinese Windows.
    const gb = new Uint8Array(Buffer.from("b5a5bac52cc8d5c6da2cbdf0b6eea3a8d4aaa3a92cb2fab5d80d0a534e312c323031392d30352d30312c382e30302cd5f2eae3cfd80d0a", "hex"));
    const batch = await importFile("SUNING", gb);
    expect(batch).toMatchObject({ status: "READY", totalFen: 800, rowCount: 1 });
    expect(await prisma.auditLog.count({ where: { action: "ledger.mapping.update" } })).toBe(1);
  });

  it("name the missing columns when a file does not match the mapping", async () => {
    const batch = await importFile("JD", "order,date,amount\n1,2019-01-01,1\n");
    expect(batch.status).toBe("INVALID");
    expect(batch.issues[0]).toMatchObject({ row: 1, message: "ledger:import.missingColumns" });
  });
});

describe("the figures", () => {
  it("each equal the sum of their entries, after orders, refunds, offline sales, adjustments, imports and reversals", async () => {
    const buyer = await createUserWithRole("buyer", "EMPLOYEE");
    const rice = await product(ref, 100, 5990, "zhenlai");
    const herbs = await product(ref, 100, 1234, "fengshan");
    const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 2 }, { productId: herbs.id, quantity: 3 }]);
    await markOrderPaid({ orderId: order.id, provider: "LOCAL", providerRef: "pay-1" });
    const refund = await prisma.refund.create({ data: { orderId: order.id, amountFen: 777, reason: "破损", provider: "LOCAL", idempotencyKey: "refund-1" } });
    await recordRefund(refund.id);
    await recordOfflineSale(OfflineSaleSchema.parse({ mode: "product", formKey: key(), date: "2019-10-17", buyerType: "WELFARE", sku: herbs.sku, quantity: "10" }), adminId);
    await confirmedBySecondAdmin(askAdjustment(AdjustmentSchema.parse({ formKey: key(), date: "2019-10-18", countyId: String(ref.zhenlai.id), channel: "ADJUSTMENT", buyerType: "OUTSIDE", amount: "-5.05", reason: "更正" }), adminId), secondAdminId);
    const batch = await importFile("JD", jdFile(["JD3001,2019-01-31 23:59:59,10.00,镇赉县,", "JD3002,2019-02-01 00:00:00,20.00,凤山县,"]));
    await countBatch(batch.id, adminId);
    const reversed = await importFile("JD", jdFile(["JD3003,2019-06-01,30.00,镇赉县,"]));
    await countBatch(reversed.id, adminId);
    await confirmedBySecondAdmin(askImportReversal(reversed.id, "错误文件", adminId), secondAdminId);
    // A writer this code does not know about: the rollup triggers see it too.
    await prisma.$executeRawUnsafe(
      sql(`INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId") VALUES ('2019-12-31T16:30:00.000+00:00', 999, ?, 'ONLINE_HALL', 'CANTEEN', 'TERMS_PAYMENT', 'T1')`),
      ref.zhenlai.id,
    );

    const year = new Date().getUTCFullYear();
    for (const period of [year2019, { year: 2020, quarter: null } as const, { year, quarter: null } as const]) {
      const figures = await ledgerFigures(period);
      const from = new Date(Date.UTC(period.year, 0, 1) - 8 * 3600_000);
      const to = new Date(Date.UTC(period.year + 1, 0, 1) - 8 * 3600_000);
      const entries = await prisma.ledgerEntry.findMany({ where: { occurredAt: { gte: from, lt: to } } });
      const sumBy = (pick: (e: (typeof entries)[number]) => string | number) => {
        const sums = new Map<string | number, number>();
        for (const e of entries) sums.set(pick(e), (sums.get(pick(e)) ?? 0) + e.amountFen);
        return sums;
      };
      expect(figures.total.amountFen, `${period.year} total`).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
      for (const c of figures.byCounty) expect(c.amountFen).toBe(sumBy((e) => e.countyId).get(c.countyId) ?? 0);
      for (const c of figures.byChannel) expect(c.amountFen).toBe(sumBy((e) => e.channel).get(c.channel) ?? 0);
      for (const b of figures.byBuyerType) expect(b.amountFen).toBe(sumBy((e) => e.buyerType).get(b.buyerType) ?? 0);
      const monthOf = (e: { occurredAt: Date }) => new Date(e.occurredAt.getTime() + 8 * 3600_000).getUTCMonth() + 1;
      for (const m of figures.byMonth) expect(m.amountFen).toBe(sumBy(monthOf).get(m.month) ?? 0);
      // Drill-down from any figure lists entries adding up to it.
      for (const c of figures.byCounty) expect((await listEntries({ year: period.year, countyId: c.countyId })).sumFen).toBe(c.amountFen);
      for (const m of figures.byMonth) expect((await listEntries({ year: period.year, month: m.month })).sumFen).toBe(m.amountFen);
    }
    // Beijing time: 2019-12-31 16:30 UTC is 1 January 2020 in Changchun.
    expect((await ledgerFigures({ year: 2020, quarter: 1 })).byMonth[0]).toMatchObject({ month: 1, amountFen: 999 });
    // Quarters add up to the year.
    const quarters = await Promise.all(([1, 2, 3, 4] as const).map((quarter) => ledgerFigures({ year: 2019, quarter })));
    expect(quarters.reduce((s, q) => s + q.total.amountFen, 0)).toBe((await ledgerFigures(year2019)).total.amountFen);
  });

  it("keep the ledger append-only: entries cannot be edited or deleted", async () => {
    await recordOfflineSale(OfflineSaleSchema.parse({ mode: "amount", formKey: key(), date: "2019-11-01", buyerType: "CANTEEN", countyId: String(ref.zhenlai.id), amount: "1" }), adminId);
    await expect(prisma.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "amountFen" = 0`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "LedgerEntry"`)).rejects.toThrow(/append-only/);
  });

  it("pace follows the calendar: the share of the target by today, all of it for a past year", () => {
    expect(paceFen(135_000_000, 2019, new Date("2026-11-27T00:00:00Z"))).toBe(135_000_000);
    expect(paceFen(135_000_000, 2030, new Date("2026-11-27T00:00:00Z"))).toBe(0);
    // 1 July 2019 Beijing: day 182 of 365.
    expect(paceFen(36_500, 2019, new Date("2019-07-01T04:00:00Z"))).toBe(18_200);
  });

  it("public progress shows the target, the total and each county, nothing about buyers or orders", async () => {
    await setTarget(TargetSchema.parse({ year: "2019", total: "1350000" }), adminId);
    await recordOfflineSale(OfflineSaleSchema.parse({ mode: "amount", formKey: key(), date: "2019-11-01", buyerType: "CANTEEN", countyId: String(ref.zhenlai.id), amount: "5620000" }), adminId);
    const progress = await publicProgress(2019);
    expect(progress).toEqual({
      year: 2019,
      targetFen: 135_000_000,
      achievedFen: 562_000_000,
      percent: 416.3,
      counties: [
        { slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai County", achievedFen: 562_000_000 },
        { slug: "fengshan", nameZh: "凤山县", nameEn: "Fengshan County", achievedFen: 0 },
      ],
    });
  });
});
