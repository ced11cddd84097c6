import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPublicPricing, priceLines } from "~/models/pricing.server";
import * as contractPrices from "~/routes/admin.organisations_.$id_.prices";
import * as productPricing from "~/routes/admin.products_.$id.pricing";
import { prisma } from "~/utils/db.server";
import { cookieFor, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { createShop, product } from "../support/order-fixtures";
import { post, refusal, request, thrown, type RouteHandler } from "../support/routes";

let ref: ReferenceData;
let adminCookie: string;
let employeeCookie: string;
let adminId: number;

beforeAll(async () => {
  ref = await createShop();
  const admin = await createUserWithRole("pricing-admin", "ADMIN");
  adminId = admin.id;
  adminCookie = await cookieFor(admin);
  employeeCookie = await cookieFor(await createUserWithRole("pricing-employee", "EMPLOYEE"));
});

beforeEach(async () => {
  await prisma.auditLog.deleteMany();
  await prisma.contractPrice.deleteMany();
  await prisma.priceTier.deleteMany();
  await prisma.organisation.deleteMany();
});

let orgs = 0;
function organisation(name = "一汽食堂") {
  orgs += 1;
  return prisma.organisation.create({
    data: { name, kind: "CANTEEN", creditCode: `91220101MA0000${String(orgs).padStart(3, "0")}X`, contactName: "王芳", contactMobile: "13800010002", status: "APPROVED" },
  });
}

/** A Prisma client that counts the queries it is asked to run. */
function countingClient() {
  const counter = { queries: 0 };
  const client = prisma.$extends({
    query: {
      $allOperations({ args, query }) {
        counter.queries += 1;
        return query(args);
      },
    },
  });
  return { counter, db: client as unknown as typeof prisma };
}

describe("priceLines", () => {
  it("prices 200 lines by contract, tier and list in three queries, in integer fen", async () => {
    const org = await organisation();
    const other = await organisation("工会");
    const lines: { productId: number; quantity: number }[] = [];
    const expected: { unitPriceFen: number; source: string }[] = [];
    for (let i = 0; i < 200; i++) {
      const p = await product(ref, 1000, 1000 + i);
      await prisma.priceTier.createMany({
        data: [
          { productId: p.id, minQuantity: 10, priceFen: 900 + i },
          { productId: p.id, minQuantity: 50, priceFen: 800 + i },
        ],
      });
      // Every fourth product has a contract with this organisation; the other organisation's never counts.
      if (i % 4 === 0) await prisma.contractPrice.create({ data: { organisationId: org.id, productId: p.id, priceFen: 700 + i } });
      await prisma.contractPrice.create({ data: { organisationId: other.id, productId: p.id, priceFen: 1 } });
      const quantity = [1, 10, 49, 50][i % 4]!;
      lines.push({ productId: p.id, quantity });
      if (i % 4 === 0) expected.push({ unitPriceFen: 700 + i, source: "contract" });
      else if (quantity >= 50) expected.push({ unitPriceFen: 800 + i, source: "tier" });
      else if (quantity >= 10) expected.push({ unitPriceFen: 900 + i, source: "tier" });
      else expected.push({ unitPriceFen: 1000 + i, source: "list" });
    }

    const { counter, db } = countingClient();
    const result = await priceLines(org.id, lines, db);
    expect(counter.queries).toBe(3);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.lines).toHaveLength(200);
    result.lines.forEach((line, i) => {
      expect(line).toMatchObject({ ...lines[i], ...expected[i], lineTotalFen: expected[i]!.unitPriceFen * lines[i]!.quantity });
      expect(Number.isInteger(line.lineTotalFen)).toBe(true);
    });
    expect(result.totalFen).toBe(expected.reduce((sum, e, i) => sum + e.unitPriceFen * lines[i]!.quantity, 0));
    expect(result.lines[1]).toMatchObject({ source: "tier", tierMinQuantity: 10 });

    const withoutOrganisation = await priceLines(null, lines.slice(0, 1));
    expect(withoutOrganisation).toMatchObject({ ok: true, lines: [{ source: "list", unitPriceFen: 1000 }] });
  });

  it("reports products that do not exist instead of pricing them", async () => {
    const p = await product(ref, 10);
    expect(await priceLines(null, [{ productId: p.id, quantity: 1 }, { productId: 999_999, quantity: 1 }])).toEqual({ ok: false, unknownProductIds: [999_999] });
  });
});

describe("getPublicPricing", () => {
  it("returns the order rules and only tiers below the list price, by slug", async () => {
    const p = await prisma.product.update({ where: { id: (await product(ref, 10, 5990)).id }, data: { minOrderQuantity: 20, casePack: 10 } });
    await prisma.priceTier.createMany({
      data: [
        { productId: p.id, minQuantity: 50, priceFen: 5500 },
        { productId: p.id, minQuantity: 10, priceFen: 5800 },
        { productId: p.id, minQuantity: 99, priceFen: 6000 },
      ],
    });
    expect(await getPublicPricing(p.slug)).toEqual({
      minOrderQuantity: 20,
      casePack: 10,
      tiers: [
        { minQuantity: 10, priceFen: 5800 },
        { minQuantity: 50, priceFen: 5500 },
      ],
    });
    expect(await getPublicPricing("no-such-product")).toBeNull();
  });
});

const call = (handler: RouteHandler, path: string, cookie: string | null, id: number, fields?: Record<string, string>) =>
  handler({ request: fields ? post(path, cookie, fields) : request(path, cookie), params: { id: String(id) }, context: {} });

describe("admin product pricing page", () => {
  const path = (id: number) => `/admin/products/${id}/pricing`;

  it("sends anonymous visitors to sign in and refuses employees", async () => {
    const p = await product(ref, 10);
    for (const [handler, fields] of [[productPricing.loader, undefined], [productPricing.action, { intent: "addTier", minQuantity: "10", price: "50" }]] as const) {
      const anonymous = await thrown(call(handler as RouteHandler, path(p.id), null, p.id, fields));
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
      expect((await thrown(call(handler as RouteHandler, path(p.id), employeeCookie, p.id, fields))).status).toBe(403);
    }
    expect(await prisma.priceTier.count()).toBe(0);
  });

  it("refuses bad tiers with field errors and saves nothing", async () => {
    const p = await product(ref, 10, 5990);
    const bad = [
      [{ minQuantity: "1", price: "50" }, { minQuantity: ["admin:pricing.errors.tierMinTooSmall"] }],
      [{ minQuantity: "abc", price: "0" }, { minQuantity: ["admin:pricing.errors.wholeNumber"], price: ["admin:errors.pricePositive"] }],
      [{ minQuantity: "10", price: "59.91" }, { price: ["admin:pricing.errors.aboveList"] }],
      [{ minQuantity: "10", price: "1.234" }, { price: ["admin:errors.priceFormat"] }],
    ] as const;
    for (const [fields, fieldErrors] of bad) {
      const result = refusal<{ intent: string }>(await call(productPricing.action as RouteHandler, path(p.id), adminCookie, p.id, { intent: "addTier", ...fields }));
      expect(result.status).toBe(400);
      expect(result.fieldErrors).toEqual(fieldErrors);
      // What was typed comes back into the form that was sent, and only that one.
      expect(result.values).toMatchObject(fields);
      expect(result.body.intent).toBe("addTier");
    }
    expect(await prisma.priceTier.count()).toBe(0);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("adds, edits and removes tiers (unique, at most ten) and sets the order rules, each audited", async () => {
    const p = await product(ref, 10, 5990);
    const act = (fields: Record<string, string>) => call(productPricing.action as RouteHandler, path(p.id), adminCookie, p.id, fields);

    const added = await thrown(act({ intent: "addTier", minQuantity: "10", price: "58.00" }));
    expect(added.headers.get("Location")).toBe(`${path(p.id)}?done=tierAdded`);
    const tier = await prisma.priceTier.findFirstOrThrow({ where: { productId: p.id } });
    expect(tier).toMatchObject({ minQuantity: 10, priceFen: 5800 });

    const clash = refusal(await act({ intent: "addTier", minQuantity: "10", price: "57" }));
    expect(clash).toMatchObject({ status: 400, fieldErrors: { minQuantity: ["admin:pricing.errors.tierTaken"] }, values: { minQuantity: "10", price: "57" } });

    const badEdit = refusal<{ intent: string; tierId: string }>(await act({ intent: "updateTier", tierId: String(tier.id), minQuantity: "1", price: "57.50" }));
    expect(badEdit).toMatchObject({ status: 400, fieldErrors: { minQuantity: ["admin:pricing.errors.tierMinTooSmall"] }, body: { intent: "updateTier", tierId: String(tier.id) } });
    await thrown(act({ intent: "updateTier", tierId: String(tier.id), minQuantity: "12", price: "57.50" }));
    expect(await prisma.priceTier.findUniqueOrThrow({ where: { id: tier.id } })).toMatchObject({ minQuantity: 12, priceFen: 5750 });

    await thrown(act({ intent: "rules", minOrderQuantity: "20", casePack: "10" }));
    expect(await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ minOrderQuantity: 20, casePack: 10 });

    for (let q = 20; q < 29; q++) await thrown(act({ intent: "addTier", minQuantity: String(q), price: "50" }));
    const eleventh = refusal(await act({ intent: "addTier", minQuantity: "100", price: "40" }));
    expect(eleventh).toMatchObject({ status: 400, fieldErrors: { minQuantity: ["admin:pricing.errors.tooManyTiers"] } });
    expect(await prisma.priceTier.count({ where: { productId: p.id } })).toBe(10);

    await thrown(act({ intent: "removeTier", tierId: String(tier.id) }));
    expect(await prisma.priceTier.findUnique({ where: { id: tier.id } })).toBeNull();

    const audit = await prisma.auditLog.findMany({ where: { entityType: "Product", entityId: String(p.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "product.tierAdd",
      "product.tierUpdate",
      "product.orderRules",
      ...Array<string>(9).fill("product.tierAdd"),
      "product.tierRemove",
    ]);
    expect(audit.every((a) => a.userId === adminId)).toBe(true);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ tierId: tier.id, minQuantity: [10, 12], priceFen: [5800, 5750] });
  });

  it("does not touch another product's tier", async () => {
    const mine = await product(ref, 10);
    const theirs = await product(ref, 10);
    const tier = await prisma.priceTier.create({ data: { productId: theirs.id, minQuantity: 5, priceFen: 100 } });
    await thrown(call(productPricing.action as RouteHandler, path(mine.id), adminCookie, mine.id, { intent: "removeTier", tierId: String(tier.id) }));
    expect(await prisma.priceTier.count()).toBe(1);
    const update = await thrown(
      call(productPricing.action as RouteHandler, path(mine.id), adminCookie, mine.id, { intent: "updateTier", tierId: String(tier.id), minQuantity: "6", price: "0.5" }),
    );
    expect(update.status).toBe(404);
  });
});

describe("admin contract prices page", () => {
  const path = (id: number) => `/admin/organisations/${id}/prices`;

  it("sends anonymous visitors to sign in and refuses employees", async () => {
    const org = await organisation();
    expect((await thrown(call(contractPrices.loader as RouteHandler, path(org.id), null, org.id))).status).toBe(302);
    expect((await thrown(call(contractPrices.action as RouteHandler, path(org.id), employeeCookie, org.id, { intent: "add", sku: "X", price: "1" }))).status).toBe(403);
  });

  it("adds by SKU, edits and removes contract prices, audited, and refuses above-list or unknown products", async () => {
    const org = await organisation();
    const p = await product(ref, 10, 5990);
    const act = (fields: Record<string, string>) => call(contractPrices.action as RouteHandler, path(org.id), adminCookie, org.id, fields);

    const unreadable = refusal(await act({ intent: "add", sku: "", price: "abc" }));
    expect(unreadable).toMatchObject({ status: 400, values: { price: "abc" }, body: { intent: "add" } });
    expect([unreadable.fieldErrors.sku?.[0], unreadable.fieldErrors.price?.[0]]).toEqual(["admin:errors.required", "admin:errors.priceFormat"]);
    expect(refusal(await act({ intent: "add", sku: "NO-SUCH-SKU", price: "10" }))).toMatchObject({ status: 400, fieldErrors: { sku: ["admin:pricing.errors.unknownSku"] } });
    expect(refusal(await act({ intent: "add", sku: p.sku, price: "60" }))).toMatchObject({ status: 400, fieldErrors: { price: ["admin:pricing.errors.aboveList"] }, body: { listPriceFen: 5990 } });
    expect(await prisma.contractPrice.count()).toBe(0);

    await thrown(act({ intent: "add", sku: p.sku, price: "55.5" }));
    const contract = await prisma.contractPrice.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(contract).toMatchObject({ productId: p.id, priceFen: 5550 });
    expect(refusal(await act({ intent: "add", sku: p.sku, price: "50" }))).toMatchObject({ status: 400, fieldErrors: { sku: ["admin:pricing.errors.contractExists"] } });

    // Only the row that was edited takes the answer.
    expect(refusal(await act({ intent: "update", contractId: String(contract.id), price: "60" }))).toMatchObject({ status: 400, fieldErrors: { price: ["admin:pricing.errors.aboveList"] }, body: { contractId: String(contract.id), listPriceFen: 5990 } });
    await thrown(act({ intent: "update", contractId: String(contract.id), price: "54" }));
    expect((await prisma.contractPrice.findUniqueOrThrow({ where: { id: contract.id } })).priceFen).toBe(5400);
    const loaded = (await call(contractPrices.loader as RouteHandler, path(org.id), adminCookie, org.id)) as { organisation: { contractPrices: unknown[] } };
    expect(loaded.organisation.contractPrices).toHaveLength(1);

    await thrown(act({ intent: "remove", contractId: String(contract.id) }));
    expect(await prisma.contractPrice.count()).toBe(0);

    const audit = await prisma.auditLog.findMany({ where: { entityType: "Organisation", entityId: String(org.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["organisation.contractPriceAdd", "organisation.contractPriceUpdate", "organisation.contractPriceRemove"]);
    expect(JSON.parse(audit[1]!.details)).toEqual({ sku: p.sku, priceFen: [5550, 5400] });
  });
});
