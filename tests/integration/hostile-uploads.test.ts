import { beforeEach, describe, expect, it } from "vitest";
import { getDraftRows, saveDraftRows } from "~/models/org-order-lines.server";
import * as productImport from "~/routes/admin.products.import";
import * as giftsPage from "~/routes/org.gifts._index";
import * as orderPage from "~/routes/org.order";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { giftAdmin, giftBox, giftProducts, pickupPoint, recipientsCsv } from "../support/gift-fixtures";
import { lyingXlsxBomb, peakMemoryGrowth, xlsxBomb } from "../support/hostile-files";
import { organisationWithMembers, type TestOrganisation } from "../support/org-fixtures";
import { refusal, request, unwrap, type RouteHandler } from "../support/routes";

/**
 * Files and bodies built to exhaust the server (issue 9 §1): each is refused with a message naming
 * the limit, nothing is saved, and the process's memory stays within a bound while it is refused.
 */

// Far below what reading any of these files whole would take (hundreds of MB to GB).
const MEMORY_BOUND_MB = 150;

const call = (handler: RouteHandler, req: Request) => handler({ request: req, params: {}, context: {} });
type Problems = { problems: { row: number; message: string; params?: Record<string, number> }[] };

let org: TestOrganisation;
let boxId: number;

beforeEach(async () => {
  await resetDatabase();
  const ref = await createReferenceData();
  await pickupPoint("HQ");
  org = await organisationWithMembers({ kind: "WELFARE" });
  const adminId = (await giftAdmin()).id;
  const products = await giftProducts(ref);
  boxId = await giftBox(adminId, [{ sku: products.rice.sku, quantity: 2 }]);
});

function recipientsUpload(content: Uint8Array | string, name: string) {
  const form = new FormData();
  form.set("org", String(org.id));
  form.set("intent", "upload");
  form.set("giftBoxId", String(boxId));
  form.set("file", new File([content as BlobPart], name));
  return request("/org/gifts", org.buyer.cookie, { method: "POST", body: form });
}

async function refusedRecipients(content: Uint8Array | string, name: string) {
  const { result, rssMb, heapMb } = await peakMemoryGrowth(() => call(giftsPage.action as RouteHandler, recipientsUpload(content, name)));
  const { status, body } = unwrap<Problems>(result);
  expect(await prisma.giftOrderDraft.count()).toBe(0);
  expect(rssMb).toBeLessThan(MEMORY_BOUND_MB);
  expect(heapMb).toBeLessThan(MEMORY_BOUND_MB);
  return { status, problem: body.problems[0] };
}

describe("spreadsheets that unpack to far more than they weigh", () => {
  it("refuses a 1.4 MB .xlsx whose sheet unpacks to 400 MB, by its declared size, naming the limit", async () => {
    const bomb = xlsxBomb(400);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { status, problem } = await refusedRecipients(bomb, "名单.xlsx");
    expect(status).toBe(400);
    expect(problem).toEqual({ row: 0, message: "common:table.unpackedTooLarge", params: { mb: 16 } });
  });

  it("refuses one whose header claims 10 MB: the bytes are counted while they are inflated", async () => {
    const { problem } = await refusedRecipients(lyingXlsxBomb(400, 10 * 1024 * 1024), "名单.xlsx");
    expect(problem).toEqual({ row: 0, message: "common:table.corrupt" });
  });

  it("refuses an entry that shrinks more than any real sheet does, even under the size limit", async () => {
    const { problem } = await refusedRecipients(xlsxBomb(4), "名单.xlsx");
    expect(problem).toEqual({ row: 0, message: "common:table.compressionRatio", params: { ratio: 200 } });
  });
});

describe("CSV files past their row and row-size limits", () => {
  it("stops reading a quick-order file at 500 lines and keeps the grid as it was", async () => {
    await saveDraftRows(org.id, org.buyer.id, [{ sku: "KEPT-1", quantity: "3" }]);
    const lines = ["sku,quantity", ...Array.from({ length: 120_000 }, (_, i) => `SKU-${i},1`)].join("\n");
    const form = new FormData();
    form.set("org", String(org.id));
    form.set("intent", "upload");
    form.set("file", new File([lines], "order.csv"));
    const { result, heapMb } = await peakMemoryGrowth(() => call(orderPage.action as RouteHandler, request("/org/order", org.buyer.cookie, { method: "POST", body: form })));
    expect(refusal(result)).toMatchObject({ status: 400, formError: "common:table.tooManyRows", body: { params: { max: 500 } } });
    expect(await getDraftRows(org.id, org.buyer.id)).toEqual([{ sku: "KEPT-1", quantity: "3" }]);
    expect(heapMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("refuses a recipient file with one 3 MB cell", async () => {
    const csv = `${recipientsCsv(2)}\n张伟,E19999,13800019999,"${"长".repeat(1024 * 1024)}",,1\n`;
    const { status, problem } = await refusedRecipients(csv, "名单.csv");
    expect(status).toBe(400);
    expect(problem).toEqual({ row: 0, message: "common:table.rowTooLong", params: { max: 64 * 1024 } });
  });
});

/** A multipart body generated as it is read, with no Content-Length: what a chunked upload looks like. */
function streamedUpload(fields: Record<string, string>, fileBytes: number) {
  const boundary = "----hall-test-boundary";
  const encoder = new TextEncoder();
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  let pulled = 0;
  let stage: "head" | "file" | "tail" | "done" = "head";
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const push = (bytes: Uint8Array) => {
        pulled += bytes.length;
        controller.enqueue(bytes);
      };
      if (stage === "head") {
        push(encoder.encode(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`));
        stage = "file";
      } else if (stage === "file") {
        push(chunk);
        sent += chunk.length;
        if (sent >= fileBytes) stage = "tail";
      } else if (stage === "tail") {
        push(encoder.encode(`\r\n--${boundary}--\r\n`));
        stage = "done";
      } else controller.close();
    },
  });
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    pulled: () => pulled,
    total: () => Buffer.byteLength(head) + fileBytes,
  };
}

describe("bodies past the upload limits", () => {
  let adminCookie: string;
  beforeEach(async () => {
    adminCookie = await cookieFor(await createUserWithRole("importer", "ADMIN"));
  });

  it("answers a 200 MB chunked upload with 413 and the limit, holding none of it, after reading it to the end", async () => {
    const products = await prisma.product.count();
    const upload = streamedUpload({ intent: "preview" }, 200 * 1024 * 1024);
    const req = request("/admin/products/import", adminCookie, { method: "POST", body: upload.body, headers: { "Content-Type": upload.contentType }, duplex: "half" } as RequestInit);
    const { result, rssMb, heapMb } = await peakMemoryGrowth(() => productImport.action({ request: req, params: {}, context: {} }));
    const { status, body } = unwrap<{ issues: { message: string; params: Record<string, number> }[] }>(result);
    expect(status).toBe(413);
    expect(body.issues).toEqual([{ row: 0, message: "common:upload.fileTooLarge", params: { mb: 5 } }]);
    // Read to the end and dropped, so the browser gets this answer rather than a reset connection.
    expect(upload.pulled()).toBeGreaterThanOrEqual(upload.total());
    expect(rssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(heapMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(await prisma.product.count()).toBe(products);
  });

  it("refuses an ordinary field over its limit", async () => {
    const form = new FormData();
    form.set("org", String(org.id));
    form.set("intent", "upload");
    form.set("giftBoxId", "x".repeat(64 * 1024));
    form.set("file", new File([recipientsCsv(1)], "r.csv"));
    const { status, body } = unwrap<Problems>(await call(giftsPage.action as RouteHandler, request("/org/gifts", org.buyer.cookie, { method: "POST", body: form })));
    expect(status).toBe(413);
    expect(body.problems).toEqual([{ row: 0, message: "common:upload.fieldTooLarge", params: { kb: 16 } }]);
    expect(await prisma.giftOrderDraft.count()).toBe(0);
  });
});
