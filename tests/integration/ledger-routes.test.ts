import { beforeEach, describe, expect, it } from "vitest";
import { waitForImport } from "~/models/ledger-import.server";
import * as progressApi from "~/routes/api.progress";
import * as approvals from "~/routes/admin.approvals";
import * as dashboard from "~/routes/admin._index";
import * as batchPage from "~/routes/admin.ledger.imports_.$id";
import * as imports from "~/routes/admin.ledger.imports";
import * as newEntry from "~/routes/admin.ledger.new";
import * as entriesPage from "~/routes/admin.ledger.entries";
import * as mappingsPage from "~/routes/admin.ledger.mappings";
import * as targets from "~/routes/admin.ledger.targets";
import * as reportXlsx from "~/routes/admin.ledger.report[.]xlsx";
import * as reportCsv from "~/routes/admin.ledger.report[.]csv";
import { prisma } from "~/utils/db.server";
import ExcelJS from "exceljs";
import { cookieFor, createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, request, thrown, unwrap, type RouteHandler } from "../support/routes";

let ref: ReferenceData;
let cookie: string;
let secondCookie: string;

beforeEach(async () => {
  await resetDatabase();
  ref = await createReferenceData();
  cookie = await cookieFor(await createUserWithRole("ledger-route-admin", "ADMIN", "ledger-route-password"));
  secondCookie = await cookieFor(await createUserWithRole("ledger-route-checker", "ADMIN", "ledger-checker-password"));
});

const call = (handler: unknown, req: Request, params: Record<string, string> = {}) => (handler as RouteHandler)({ request: req, params, context: {} });

async function upload(channel: string, csv: string) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("channel", channel);
  form.set("file", new File([csv], "jd-orders.csv", { type: "text/csv" }));
  const response = await thrown(call(imports.action, request("/admin/ledger/imports", cookie, { method: "POST", body: form })));
  const id = response.headers.get("Location")!.split("/").pop()!;
  await waitForImport(Number(id));
  return id;
}

async function dashboardTotal(year: number) {
  const result = unwrap<Awaited<ReturnType<typeof dashboard.loader>>>(await call(dashboard.loader, request(`/admin?year=${year}`, cookie)));
  return result.body.figures.total.amountFen;
}

describe("/api/progress", () => {
  it("answers the year's public figures as JSON with cache headers, and nothing private", async () => {
    await thrown(call(targets.action, post("/admin/ledger/targets", cookie, { year: "2019", total: "1350000", purchase: "", helpedSales: "" })));
    const key = "route-test-key-1";
    await thrown(call(newEntry.action, post("/admin/ledger/new", cookie, { intent: "offlineSale", mode: "amount", formKey: key, date: "2019-10-17", buyerType: "EMPLOYEE", countyId: String(ref.zhenlai.id), amount: "5620000.50" })));
    const response = (await call(progressApi.loader, request("/api/progress?year=2019", null))) as Response;
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = await response.json();
    expect(body).toEqual({
      year: 2019,
      targetFen: 135_000_000,
      achievedFen: 562_000_050,
      percent: 416.3,
      counties: [
        { slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai County", achievedFen: 562_000_050 },
        { slug: "fengshan", nameZh: "凤山县", nameEn: "Fengshan County", achievedFen: 0 },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/ledger-route-admin|sourceId|orderId|buyer/i);
  });

  it("refuses a year that is not a year with a clear 400", async () => {
    for (const year of ["abc", "1999", "20190", "2019.5"]) {
      const response = (await call(progressApi.loader, request(`/api/progress?year=${year}`, null))) as Response;
      expect(response.status, year).toBe(400);
      expect((await response.json()).error).toMatch(/four-digit year/);
    }
  });
});

describe("the administrator's forms", () => {
  it("a wrong target keeps what was typed and names the field", async () => {
    const result = refusal(await call(targets.action, post("/admin/ledger/targets", cookie, { year: "2019", total: "12,00", purchase: "", helpedSales: "" })));
    expect(result.status).toBe(400);
    expect(result.values).toEqual({ year: "2019", total: "12,00" });
    expect(result.fieldErrors).toEqual({ total: ["ledger:errors.amountFormat"] });
    expect(await prisma.reliefTarget.count()).toBe(0);
  });

  it("an adjustment without a reason is refused and counts nothing", async () => {
    const result = refusal<{ intent: string }>(
      await call(newEntry.action, post("/admin/ledger/new", cookie, { intent: "adjustment", formKey: "route-test-key-2", date: "2019-10-17", countyId: String(ref.zhenlai.id), channel: "ADJUSTMENT", buyerType: "OUTSIDE", amount: "-5", reason: " " })),
    );
    expect(result.status).toBe(400);
    expect(result.fieldErrors).toEqual({ reason: ["ledger:errors.reasonRequired"] });
    // The answer names its form, so the page's other form is left as it was.
    expect(result.body.intent).toBe("adjustment");
    expect(result.values).toMatchObject({ formKey: "route-test-key-2", amount: "-5" });
    expect(await prisma.ledgerEntry.count()).toBe(0);
  });

  it("a sale of an unknown product is named at its SKU, with what was typed kept", async () => {
    const result = refusal(
      await call(newEntry.action, post("/admin/ledger/new", cookie, { intent: "offlineSale", mode: "product", formKey: "route-test-key-3", date: "2019-10-17", buyerType: "OUTSIDE", sku: "NO-SUCH-SKU", quantity: "2", note: "" })),
    );
    expect(result.status).toBe(400);
    expect(result.fieldErrors).toEqual({ sku: ["ledger:errors.unknownSku"] });
    expect(result.values).toMatchObject({ sku: "NO-SUCH-SKU", quantity: "2" });
    expect(await prisma.ledgerEntry.count()).toBe(0);
  });

  it("a mapping without its amount column is refused for that channel's form only, and nothing is saved", async () => {
    const result = refusal<{ channel: string }>(
      await call(mappingsPage.action, post("/admin/ledger/mappings", cookie, { intent: "saveMapping", channel: "TMALL", externalIdCol: "订单号", dateCol: "时间", amountCol: "", countyCol: "", skuCol: "" })),
    );
    expect(result.status).toBe(400);
    expect(result.body.channel).toBe("TMALL");
    expect(result.fieldErrors).toEqual({ amountCol: ["ledger:errors.required"], countyCol: ["ledger:errors.countyOrSku"] });
    expect(result.values).toMatchObject({ externalIdCol: "订单号", dateCol: "时间" });
    expect(await prisma.platformMapping.count()).toBe(0);
  });

  it("reversing an entry without a reason answers that row's form and asks nothing", async () => {
    const result = refusal<{ entryId: string }>(await call(entriesPage.action, post("/admin/ledger/entries", cookie, { intent: "reverse", entryId: "41", reason: "x" })));
    expect(result.status).toBe(400);
    expect(result.body.entryId).toBe("41");
    expect(result.fieldErrors).toEqual({ reason: ["ledger:errors.reasonRequired"] });
    expect(await prisma.adminApproval.count()).toBe(0);
  });

  it("an upload without a platform names the field; one without a file names the file", async () => {
    const noChannel = new FormData();
    noChannel.set("intent", "upload");
    noChannel.set("file", new File(["a,b\n"], "x.csv", { type: "text/csv" }));
    const refused = refusal(await call(imports.action, request("/admin/ledger/imports", cookie, { method: "POST", body: noChannel })));
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors).toEqual({ channel: ["ledger:errors.required"] });
    const noFile = new FormData();
    noFile.set("intent", "upload");
    noFile.set("channel", "TMALL");
    const missing = refusal(await call(imports.action, request("/admin/ledger/imports", cookie, { method: "POST", body: noFile })));
    expect(missing.status).toBe(400);
    expect(missing.fieldErrors).toEqual({ file: ["ledger:errors.noFile"] });
    expect(missing.values).toMatchObject({ channel: "TMALL" });
    expect(await prisma.importBatch.count()).toBe(0);
  });
});

describe("importing a JD export through the pages", () => {
  it("shows a bad row, then counts the fixed file: the dashboard moves by exactly its total, and back when reversed", async () => {
    const header = "订单编号,下单时间,应付金额,县,商品编号";
    const bad = await upload("JD", `${header}\nJD9001,2019-11-11 10:00:00,199.00,镇赉县,\nJD9002,2019-11-11 10:01:00,abc,凤山县,\n`);
    const badBatch = unwrap<Awaited<ReturnType<typeof batchPage.loader>>>(await call(batchPage.loader, request(`/admin/ledger/imports/${bad}`, cookie), { id: bad })).body.batch;
    expect(badBatch.status).toBe("INVALID");
    expect(badBatch.issues).toEqual([expect.objectContaining({ row: 3, column: "应付金额", message: "ledger:import.badAmount" })]);
    expect(await dashboardTotal(2019)).toBe(0);

    const good = await upload("JD", `${header}\nJD9001,2019-11-11 10:00:00,199.00,镇赉县,\nJD9002,2019-11-11 10:01:00,88.80,凤山县,\n`);
    await thrown(call(batchPage.action, post(`/admin/ledger/imports/${good}`, cookie, { intent: "confirm" }), { id: good }));
    expect(await dashboardTotal(2019)).toBe(28_780);
    // Confirming again (a double click, a retried request) counts nothing more.
    const again = refusal(await call(batchPage.action, post(`/admin/ledger/imports/${good}`, cookie, { intent: "confirm" }), { id: good }));
    expect(again.status).toBe(409);
    expect(again.formError).toBe("ledger:batch.notReady");
    expect(await dashboardTotal(2019)).toBe(28_780);

    const noReason = refusal(await call(batchPage.action, post(`/admin/ledger/imports/${good}`, cookie, { intent: "reverse", reason: "" }), { id: good }));
    expect(noReason.status).toBe(400);
    expect(noReason.fieldErrors).toEqual({ reason: ["ledger:errors.reasonRequired"] });
    await thrown(call(batchPage.action, post(`/admin/ledger/imports/${good}`, cookie, { intent: "reverse", reason: "导错文件" }), { id: good }));
    // Asked, not done: the batch page shows the request waiting for a second administrator.
    expect(await dashboardTotal(2019)).toBe(28_780);
    const page = unwrap<Awaited<ReturnType<typeof batchPage.loader>>>(await call(batchPage.loader, request(`/admin/ledger/imports/${good}`, cookie), { id: good })).body;
    expect(page.waiting).toEqual([expect.objectContaining({ kind: "IMPORT_REVERSAL", details: { batchId: Number(good), reason: "导错文件" } })]);
    const approvalId = String(page.waiting[0]!.id);
    const own = refusal(await call(approvals.action, post("/admin/approvals", cookie, { intent: "confirm", approvalId })));
    expect(own.status).toBe(403);
    expect(own.formError).toBe("admin:approvals.errors.own-request");
    expect(await dashboardTotal(2019)).toBe(28_780);
    const confirmed = await thrown(call(approvals.action, post("/admin/approvals", secondCookie, { intent: "confirm", approvalId })));
    expect(confirmed.headers.get("Location")).toBe("/admin/approvals?done=confirmed");
    expect(await dashboardTotal(2019)).toBe(0);
  });
});

describe("the quarterly report", () => {
  it("exports the quarter as XLSX and CSV with the dashboard's figures to the fen", async () => {
    await thrown(call(targets.action, post("/admin/ledger/targets", cookie, { year: "2019", total: "1350000", purchase: "", helpedSales: "" })));
    await thrown(call(newEntry.action, post("/admin/ledger/new", cookie, { intent: "offlineSale", mode: "amount", formKey: "route-test-key-3", date: "2019-10-17", buyerType: "CANTEEN", countyId: String(ref.fengshan.id), amount: "1234.56" })));
    await thrown(call(newEntry.action, post("/admin/ledger/new", cookie, { intent: "offlineSale", mode: "amount", formKey: "route-test-key-4", date: "2019-07-01", buyerType: "CANTEEN", countyId: String(ref.fengshan.id), amount: "1" })));

    const csvResponse = (await call(reportCsv.loader, request("/admin/ledger/report.csv?year=2019&quarter=4", cookie))) as Response;
    expect(csvResponse.headers.get("Content-Disposition")).toContain("2019-Q4");
    const bytes = new Uint8Array(await csvResponse.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain("凤山县,1234.56");
    expect(csv).not.toContain("2019-07"); // July is in the third quarter…
    expect(csv).toContain("1235.56"); // …but counts in the year to date against the target

    const xlsxResponse = (await call(reportXlsx.loader, request("/admin/ledger/report.xlsx?year=2019&quarter=4", cookie))) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().flat().filter((v) => v !== undefined && v !== null);
    expect(values).toEqual(expect.arrayContaining(["凤山县", 1234.56, 1350000]));
  });
});
