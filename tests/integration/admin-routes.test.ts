import { beforeAll, describe, expect, it } from "vitest";
import * as adminLayout from "~/routes/admin";
import * as overview from "~/routes/admin._index";
import * as audit from "~/routes/admin.audit";
import * as orderDetail from "~/routes/admin.orders.$number";
import * as orderList from "~/routes/admin.orders._index";
import * as counties from "~/routes/admin.counties";
import * as county from "~/routes/admin.counties_.$slug";
import * as productEdit from "~/routes/admin.products.$id";
import * as products from "~/routes/admin.products._index";
import * as exportCsv from "~/routes/admin.products.export[.]csv";
import * as productImport from "~/routes/admin.products.import";
import * as productNew from "~/routes/admin.products.new";
import * as suppliers from "~/routes/admin.suppliers";
import * as supplier from "~/routes/admin.suppliers_.$id";
import { placeOrder } from "~/models/order.server";
import { createProduct } from "~/models/product.server";
import { CSV_COLUMNS } from "~/models/product-schema";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole, productInput, type ReferenceData } from "../support/admin-fixtures";
import { refusal } from "../support/routes";

type Args = { request: Request; params: Record<string, string>; context: Record<string, never> };
type Handler = (args: Args) => Promise<unknown>;

let ref: ReferenceData;
let adminCookie: string;
let employeeCookie: string;
let productId: number;
// Filled in once the fixture order exists; the tables below are built before that.
const orderParams: Record<string, string> = { number: "" };

beforeAll(async () => {
  ref = await createReferenceData();
  const admin = await createUserWithRole("admin", "ADMIN");
  adminCookie = await cookieFor(admin);
  employeeCookie = await cookieFor(await createUserWithRole("staff", "EMPLOYEE"));
  const created = await createProduct(productInput(ref, { initialStock: 5 }), admin.id);
  if (!created.ok) throw new Error("fixture product failed");
  productId = created.value.id;
  const ordered = await createProduct(productInput(ref, { sku: "ORDERED-1", slug: "ordered-one", initialStock: 5 }), admin.id);
  if (!ordered.ok) throw new Error("fixture product failed");
  const order = await placeOrder({
    userId: admin.id,
    checkoutKey: "admin-routes-walk-0001",
    lines: [{ productId: ordered.value.id, quantity: 1 }],
    delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
  });
  if (!order.ok) throw new Error("fixture order failed");
  orderParams.number = order.order.number;
});

function request(path: string, cookie: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

function post(path: string, cookie: string | null, fields: Record<string, string>) {
  return request(path, cookie, { method: "POST", body: new URLSearchParams(fields) });
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** What a Remix `data(value, init)` call returned: its value and status. */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  const r = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (r?.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, body: r.data as Record<string, unknown> };
  return { status: 200, body: result as Record<string, unknown> };
}

const loaders: [string, Handler, string, Record<string, string>][] = [
  ["layout", adminLayout.loader as Handler, "/admin", {}],
  ["overview", overview.loader as Handler, "/admin", {}],
  ["products", products.loader as Handler, "/admin/products?q=米", {}],
  ["new product", productNew.loader as Handler, "/admin/products/new", {}],
  ["edit product", productEdit.loader as Handler, "/admin/products/1", { id: "1" }],
  ["import", productImport.loader as Handler, "/admin/products/import", {}],
  ["export", exportCsv.loader as Handler, "/admin/products/export.csv", {}],
  ["suppliers", suppliers.loader as Handler, "/admin/suppliers", {}],
  ["supplier", supplier.loader as Handler, "/admin/suppliers/1", { id: "1" }],
  ["counties", counties.loader as Handler, "/admin/counties", {}],
  ["county", county.loader as Handler, "/admin/counties/zhenlai", { slug: "zhenlai" }],
  ["audit", audit.loader as Handler, "/admin/audit", {}],
  ["orders", orderList.loader as Handler, "/admin/orders?status=PAID", {}],
  ["order", orderDetail.loader as Handler, "/admin/orders/FP", orderParams],
];

const actions: [string, Handler, string, Record<string, string>][] = [
  ["new product", productNew.action as Handler, "/admin/products/new", {}],
  ["edit product", productEdit.action as Handler, "/admin/products/1", { id: "1" }],
  ["import", productImport.action as Handler, "/admin/products/import", {}],
  ["suppliers", suppliers.action as Handler, "/admin/suppliers", {}],
  ["supplier", supplier.action as Handler, "/admin/suppliers/1", { id: "1" }],
  ["county", county.action as Handler, "/admin/counties/zhenlai", { slug: "zhenlai" }],
  ["order", orderDetail.action as Handler, "/admin/orders/FP", orderParams],
];

describe("access", () => {
  it.each(loaders)("%s loader sends anonymous visitors to sign in", async (_name, loader, path, params) => {
    const response = await thrown(loader({ request: request(path, null), params, context: {} }));
    expect(response.status).toBe(302);
    const url = new URL(`http://localhost${path}`);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  });

  it.each(loaders)("%s loader refuses a signed-in non-admin with 403", async (_name, loader, path, params) => {
    const response = await thrown(loader({ request: request(path, employeeCookie), params, context: {} }));
    expect(response.status).toBe(403);
  });

  it.each(loaders)("%s loader serves an administrator", async (_name, loader, path, params) => {
    await expect(loader({ request: request(path, adminCookie), params, context: {} })).resolves.toBeDefined();
  });

  it.each(actions)("%s action refuses anonymous (redirect) and non-admin (403) posts and writes nothing", async (_name, action, path, params) => {
    const before = await prisma.auditLog.count();
    const fields = { intent: "archive", name: "x", nameZh: "x", status: "SUSPENDED", reason: "x" };
    const anonymous = await thrown(action({ request: post(path, null, fields), params, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const employee = await thrown(action({ request: post(path, employeeCookie, fields), params, context: {} }));
    expect(employee.status).toBe(403);
    expect(await prisma.auditLog.count()).toBe(before);
  });
});

describe("product forms", () => {
  it("returns 400 with field errors and the typed values when the price is malformed", async () => {
    const fields = {
      sku: "NEW-1",
      slug: "new-one",
      nameZh: "新米",
      categoryId: String(ref.rice.id),
      countyId: String(ref.zhenlai.id),
      supplierId: String(ref.zhenlaiCoop.id),
      spec: "1kg",
      price: "12.345",
      initialStock: "3",
    };
    const { status, fieldErrors, values } = refusal(await productNew.action({ request: post("/admin/products/new", adminCookie, fields), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(fieldErrors).toEqual({ price: ["admin:errors.priceFormat"] });
    expect(values).toMatchObject({ nameZh: "新米", price: "12.345" });
    expect(await prisma.product.count({ where: { sku: "NEW-1" } })).toBe(0);
  });

  it("answers a product edit the schema refuses with 400, each field's message and everything typed", async () => {
    const before = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
    const fields = { intent: "update", sku: "bad sku!", slug: "Not A Slug", nameZh: "", spec: "1kg", price: "0", categoryId: "", countyId: "1", supplierId: "1", nameEn: "Rice" };
    const answer = await productEdit.action({ request: post(`/admin/products/${productId}`, adminCookie, fields), params: { id: String(productId) }, context: {} });
    const { status, fieldErrors, values, body } = refusal<{ intent: string }>(answer);
    expect(status).toBe(400);
    expect(body.intent).toBe("update");
    expect(fieldErrors).toEqual({
      sku: ["admin:errors.skuFormat"],
      slug: ["admin:errors.slugFormat"],
      nameZh: ["admin:errors.required"],
      price: ["admin:errors.pricePositive"],
      categoryId: ["admin:errors.required"],
    });
    expect(values).toMatchObject({ sku: "bad sku!", slug: "Not A Slug", nameEn: "Rice", price: "0" });
    expect(await prisma.product.findUniqueOrThrow({ where: { id: productId } })).toEqual(before);
  });

  it("a clash the database finds comes back on the field, with what was typed", async () => {
    const fields = {
      sku: "ORDERED-1",
      slug: "another-slug",
      nameZh: "重复",
      categoryId: String(ref.rice.id),
      countyId: String(ref.zhenlai.id),
      supplierId: String(ref.zhenlaiCoop.id),
      spec: "1kg",
      price: "9.9",
      initialStock: "1",
    };
    const { status, fieldErrors, values } = refusal(await productNew.action({ request: post("/admin/products/new", adminCookie, fields), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(fieldErrors).toEqual({ sku: ["admin:errors.skuTaken"] });
    expect(values).toMatchObject({ sku: "ORDERED-1", nameZh: "重复" });
  });

  it("creates a product and redirects to it", async () => {
    const fields = {
      sku: "NEW-2",
      slug: "new-two",
      nameZh: "新米",
      categoryId: String(ref.rice.id),
      countyId: String(ref.zhenlai.id),
      supplierId: String(ref.zhenlaiCoop.id),
      spec: "1kg",
      price: "12.5",
      initialStock: "3",
    };
    const response = await thrown(productNew.action({ request: post("/admin/products/new", adminCookie, fields), params: {}, context: {} }));
    const created = await prisma.product.findUniqueOrThrow({ where: { sku: "NEW-2" } });
    expect(response.headers.get("Location")).toBe(`/admin/products/${created.id}?done=created`);
    expect(created).toMatchObject({ priceFen: 1250, stock: 3 });
  });

  it("refuses a stock decrease beyond the current stock, naming it", async () => {
    const path = `/admin/products/${productId}`;
    const args = (fields: Record<string, string>) => ({ request: post(path, adminCookie, fields), params: { id: String(productId) }, context: {} });
    const { status, fieldErrors, values, body } = refusal<{ intent: string; errorParams: Record<string, number> }>(
      await productEdit.action(args({ intent: "adjustStock", delta: "-6", reason: "盘点" })),
    );
    expect(status).toBe(400);
    expect(fieldErrors).toEqual({ delta: ["admin:errors.insufficientStock"] });
    expect(body).toMatchObject({ intent: "adjustStock", errorParams: { stock: 5 } });
    expect(values).toMatchObject({ delta: "-6", reason: "盘点" });
    const missingReason = refusal(await productEdit.action(args({ intent: "adjustStock", delta: "-1", reason: " " })));
    expect(missingReason.fieldErrors).toEqual({ reason: ["admin:errors.required"] });
    const ok = await thrown(productEdit.action(args({ intent: "adjustStock", delta: "-2", reason: "破损" })));
    expect(ok.headers.get("Location")).toBe(`${path}?done=stock`);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(3);
  });

  it("answers 404 for a product that does not exist", async () => {
    const response = await thrown(productEdit.loader({ request: request("/admin/products/999", adminCookie), params: { id: "999" }, context: {} }));
    expect(response.status).toBe(404);
  });
});

describe("supplier forms", () => {
  it("answers a new supplier the schema refuses with 400, the field's message and what was typed, creating nothing", async () => {
    const before = await prisma.supplier.count();
    const fields = { name: "新合作社", kind: "COOPERATIVE", countyId: "", contactName: "李四", contactPhone: "call me" };
    const { status, fieldErrors, values } = refusal(await suppliers.action({ request: post("/admin/suppliers", adminCookie, fields), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(fieldErrors).toEqual({ countyId: ["admin:errors.required"], contactPhone: ["admin:errors.phoneFormat"] });
    expect(values).toMatchObject({ name: "新合作社", contactName: "李四", contactPhone: "call me" });
    expect(await prisma.supplier.count()).toBe(before);
  });

  it("gives a refused status change back to the status form only, and changes nothing", async () => {
    const id = ref.zhenlaiCoop.id;
    const before = await prisma.supplier.findUniqueOrThrow({ where: { id } });
    const answer = await supplier.action({ request: post(`/admin/suppliers/${id}`, adminCookie, { intent: "status", status: "SUSPENDED", reason: "" }), params: { id: String(id) }, context: {} });
    const { status, fieldErrors, values, body } = refusal<{ intent: string }>(answer);
    expect(status).toBe(400);
    expect(body.intent).toBe("status");
    expect(fieldErrors).toEqual({ reason: ["admin:errors.required"] });
    expect(values).toMatchObject({ status: "SUSPENDED" });
    expect(await prisma.supplier.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("import and export routes", () => {
  it("previews an uploaded file, then imports the re-posted text on confirm", async () => {
    const csv = `\uFEFF${CSV_COLUMNS.join(",")}\nIMP-1,imp-one,镇赉小米,,rice,zhenlai,镇赉县稻米合作社,,,2kg,30,4,,,,,,,,,\n`;
    const upload = new FormData();
    upload.set("intent", "preview");
    upload.set("file", new File([csv], "goods.csv", { type: "text/csv" }));
    const preview = unwrap(
      await productImport.action({ request: request("/admin/products/import", adminCookie, { method: "POST", body: upload }), params: {}, context: {} }),
    );
    expect(preview.body).toMatchObject({ stage: "preview", summary: { rows: 1, creates: 1, updates: 0 } });
    expect(await prisma.product.count({ where: { sku: "IMP-1" } })).toBe(0);

    const confirm = new FormData();
    confirm.set("intent", "confirm");
    confirm.set("csv", preview.body.csv as string);
    const done = await thrown(
      productImport.action({ request: request("/admin/products/import", adminCookie, { method: "POST", body: confirm }), params: {}, context: {} }),
    );
    expect(done.headers.get("Location")).toBe("/admin/products/import?created=1&updated=0");
    expect(await prisma.product.findUniqueOrThrow({ where: { sku: "IMP-1" } })).toMatchObject({ priceFen: 3000, stock: 4 });
  });

  it("refuses a confirm step that lost its file text, importing nothing", async () => {
    const before = await prisma.product.count();
    const confirm = new FormData();
    confirm.set("intent", "confirm");
    confirm.set("csv", "");
    const { status, body } = unwrap(
      await productImport.action({ request: request("/admin/products/import", adminCookie, { method: "POST", body: confirm }), params: {}, context: {} }),
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ stage: "errors", issues: [{ row: 0, message: "admin:csv.noFile" }] });
    expect(await prisma.product.count()).toBe(before);
  });

  it("refuses a file over the size limit with a clear error", async () => {
    const upload = new FormData();
    upload.set("intent", "preview");
    upload.set("file", new File(["x".repeat(5 * 1024 * 1024 + 1)], "big.csv", { type: "text/csv" }));
    const { status, body } = unwrap(
      await productImport.action({ request: request("/admin/products/import", adminCookie, { method: "POST", body: upload }), params: {}, context: {} }),
    );
    expect(status).toBe(413);
    expect(body).toMatchObject({ stage: "errors", issues: [{ message: "common:upload.fileTooLarge", params: { mb: 5 } }] });
  });

  it("exports an attachment with a BOM", async () => {
    const response = (await exportCsv.loader({ request: request("/admin/products/export.csv", adminCookie), params: {}, context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
