import { beforeEach, describe, expect, it } from "vitest";
import {
  adjustStock,
  createProduct,
  INITIAL_STOCK_REASON,
  setProductStatus,
  updateProduct,
  upsertEndorsement,
} from "~/models/product.server";
import { updateCounty } from "~/models/county.server";
import { createSupplier, setSupplierStatus, updateSupplier } from "~/models/supplier.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData, createUserWithRole, productInput, type ReferenceData } from "../support/admin-fixtures";

let ref: ReferenceData;
let adminId: number;

beforeEach(async () => {
  await prisma.auditLog.deleteMany();
  await prisma.stockAdjustment.deleteMany();
  await prisma.endorsement.deleteMany();
  await prisma.productImage.deleteMany();
  await prisma.product.deleteMany();
  await prisma.supplier.deleteMany();
  await prisma.category.deleteMany();
  await prisma.county.deleteMany();
  await prisma.session.deleteMany();
  await prisma.user.deleteMany();
  ref = await createReferenceData();
  adminId = (await createUserWithRole("admin", "ADMIN")).id;
});

async function newProduct(overrides: Parameters<typeof productInput>[1] = {}) {
  const result = await createProduct(productInput(ref, overrides), adminId);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.value.id;
}

describe("createProduct", () => {
  it("creates the product with search fields, the initial stock as a first adjustment, and an audit entry", async () => {
    const id = await newProduct();
    const product = await prisma.product.findUniqueOrThrow({ where: { id } });
    expect(product).toMatchObject({ sku: "ZL-RICE-5KG", priceFen: 5990, stock: 10, status: "ACTIVE" });
    expect(product.searchChars).toContain("镇 赉");
    expect(product.searchChars).toContain("大 米");
    expect(product.searchPinyin).toContain("zhenlaidami");
    const adjustments = await prisma.stockAdjustment.findMany({ where: { productId: id } });
    expect(adjustments).toMatchObject([{ delta: 10, stockAfter: 10, reason: INITIAL_STOCK_REASON, userId: adminId }]);
    const audit = await prisma.auditLog.findMany({ where: { entityType: "Product", entityId: String(id) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "product.create", userId: adminId });
  });

  it("refuses a duplicate SKU or slug with field errors and writes nothing", async () => {
    await newProduct();
    const result = await createProduct(productInput(ref, { slug: "another-slug" }), adminId);
    expect(result).toEqual({ ok: false, fieldErrors: { sku: ["admin:errors.skuTaken"] } });
    const slugClash = await createProduct(productInput(ref, { sku: "OTHER" }), adminId);
    expect(slugClash).toEqual({ ok: false, fieldErrors: { slug: ["admin:errors.slugTaken"] } });
    expect(await prisma.product.count()).toBe(1);
    expect(await prisma.auditLog.count()).toBe(1);
  });

  it("refuses a supplier from another county", async () => {
    const result = await createProduct(productInput(ref, { supplierId: ref.fengshanCoop.id }), adminId);
    expect(result).toEqual({ ok: false, fieldErrors: { supplierId: ["admin:errors.supplierCounty"] } });
  });
});

describe("updateProduct", () => {
  it("records only what changed and recomputes search fields when the name changes", async () => {
    const id = await newProduct();
    const { initialStock: _ignored, ...input } = productInput(ref);
    const result = await updateProduct(id, { ...input, nameZh: "五常香米", price: 6990 }, adminId);
    expect(result).toEqual({ ok: true, value: { id, changed: true } });
    const product = await prisma.product.findUniqueOrThrow({ where: { id } });
    expect(product.priceFen).toBe(6990);
    expect(product.stock).toBe(10);
    expect(product.searchChars).toContain("香 米");
    expect(product.searchPinyin).toContain("wuchangxiangmi");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "product.update" } });
    expect(JSON.parse(audit.details)).toEqual({ nameZh: ["镇赉大米", "五常香米"], priceFen: [5990, 6990] });
  });

  it("writes no audit entry when nothing changed", async () => {
    const id = await newProduct();
    const { initialStock: _ignored, ...input } = productInput(ref);
    expect(await updateProduct(id, input, adminId)).toEqual({ ok: true, value: { id, changed: false } });
    expect(await prisma.auditLog.count({ where: { action: "product.update" } })).toBe(0);
  });

  it("re-indexes a county's products when the county is renamed", async () => {
    const id = await newProduct();
    await updateCounty("zhenlai", { nameZh: "白城镇赉", nameEn: "Zhenlai", storyZh: "", storyEn: "" }, adminId);
    const product = await prisma.product.findUniqueOrThrow({ where: { id } });
    expect(product.searchChars).toContain("白 城");
    expect(await prisma.auditLog.count({ where: { action: "county.update" } })).toBe(1);
  });
});

describe("archive and restore", () => {
  it("archives and restores with audit entries, keeping the stock history", async () => {
    const id = await newProduct();
    expect(await setProductStatus(id, "ARCHIVED", adminId)).toBe(true);
    expect((await prisma.product.findUniqueOrThrow({ where: { id } })).status).toBe("ARCHIVED");
    expect(await setProductStatus(id, "ARCHIVED", adminId)).toBe(false);
    expect(await setProductStatus(id, "ACTIVE", adminId)).toBe(true);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: String(id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["product.create", "product.archive", "product.restore"]);
    expect(await prisma.stockAdjustment.count({ where: { productId: id } })).toBe(1);
  });
});

describe("adjustStock", () => {
  it("applies a delta with its reason and refuses to go below zero, naming the current stock", async () => {
    const id = await newProduct({ initialStock: 5 });
    expect(await adjustStock(id, 3, "到货", adminId)).toEqual({ ok: true, stockAfter: 8 });
    expect(await adjustStock(id, -9, "盘点", adminId)).toEqual({ ok: false, reason: "insufficient", currentStock: 8 });
    expect(await adjustStock(id, -8, "盘点", adminId)).toEqual({ ok: true, stockAfter: 0 });
    expect(await adjustStock(9999, 1, "x", adminId)).toEqual({ ok: false, reason: "not-found" });
    const history = await prisma.stockAdjustment.findMany({ where: { productId: id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.delta, h.stockAfter, h.reason])).toEqual([
      [5, 5, INITIAL_STOCK_REASON],
      [3, 8, "到货"],
      [-8, 0, "盘点"],
    ]);
    expect(await prisma.auditLog.count({ where: { action: "product.stock" } })).toBe(2);
  });

  it("never drives stock below zero under concurrent decreases: 20 × −1 against 5 leaves exactly 5 successes", async () => {
    const id = await newProduct({ initialStock: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => adjustStock(id, -1, "并发测试", adminId)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok)).toHaveLength(15);
    expect((await prisma.product.findUniqueOrThrow({ where: { id } })).stock).toBe(0);
    const afters = (await prisma.stockAdjustment.findMany({ where: { productId: id, delta: -1 } })).map((a) => a.stockAfter);
    expect(afters.sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("endorsement", () => {
  it("creates then updates an endorsement, auditing each change", async () => {
    const id = await newProduct();
    const words = { secretaryName: "王书记", village: "东方红村", township: "坦途镇", dispatchingUnit: "中国一汽", words: "好米" };
    expect(await upsertEndorsement(id, words, adminId)).toBe(true);
    expect(await upsertEndorsement(id, words, adminId)).toBe(false);
    expect(await upsertEndorsement(id, { ...words, words: "香甜好米" }, adminId)).toBe(true);
    const endorsement = await prisma.endorsement.findUniqueOrThrow({ where: { productId: id } });
    expect(endorsement).toMatchObject({ words: "香甜好米", countyId: ref.zhenlai.id });
    expect(await prisma.auditLog.count({ where: { action: "product.endorsement" } })).toBe(2);
  });
});

describe("suppliers", () => {
  it("creates pending suppliers, refuses duplicates in a county, and audits admit/suspend with the reason", async () => {
    const input = { name: "和龙市合作社", kind: "COOPERATIVE" as const, countyId: ref.zhenlai.id, contactName: "", contactPhone: "" };
    const created = await createSupplier(input, adminId);
    if (!created.ok) throw new Error("create failed");
    expect((await prisma.supplier.findUniqueOrThrow({ where: { id: created.value.id } })).status).toBe("PENDING");
    expect(await createSupplier(input, adminId)).toEqual({ ok: false, fieldErrors: { name: ["admin:errors.supplierTaken"] } });
    await setSupplierStatus(created.value.id, "ADMITTED", "县里推荐，审核通过", adminId);
    await setSupplierStatus(created.value.id, "SUSPENDED", "发票不合规", adminId);
    const supplier = await prisma.supplier.findUniqueOrThrow({ where: { id: created.value.id } });
    expect(supplier).toMatchObject({ status: "SUSPENDED", statusReason: "发票不合规" });
    const audit = await prisma.auditLog.findMany({ where: { entityType: "Supplier" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["supplier.create", "supplier.admit", "supplier.suspend"]);
    expect(JSON.parse(audit[2]!.details)).toEqual({ status: ["ADMITTED", "SUSPENDED"], reason: "发票不合规" });
  });

  it("will not move a supplier that has products to another county", async () => {
    await newProduct();
    const result = await updateSupplier(
      ref.zhenlaiCoop.id,
      { name: ref.zhenlaiCoop.name, kind: "COOPERATIVE", countyId: ref.fengshan.id, contactName: "", contactPhone: "" },
      adminId,
    );
    expect(result).toEqual({ ok: false, fieldErrors: { countyId: ["admin:errors.supplierHasProducts"] } });
  });
});
