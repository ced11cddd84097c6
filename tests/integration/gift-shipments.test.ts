import { beforeEach, describe, expect, it } from "vitest";
import { deliverShipments, shipFromFile, shipShipments } from "~/models/gift-order.server";
import { markOrderPaid } from "~/models/order.server";
import * as adminBoxes from "~/routes/admin.gift-boxes._index";
import * as adminBox from "~/routes/admin.gift-boxes.$id";
import * as adminGiftOrder from "~/routes/admin.gift-boxes.orders.$number";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { giftBox, giftProducts, pickupPoint, placeGift, recipientsCsv } from "../support/gift-fixtures";
import { organisationWithMembers } from "../support/org-fixtures";
import { post, refusal, request, thrown, type RouteHandler } from "../support/routes";

beforeEach(resetDatabase);

const call = (handler: RouteHandler, req: Request, params: Record<string, string> = {}) => handler({ request: req, params, context: {} });
const bytes = (text: string) => new TextEncoder().encode(text);

async function setUp() {
  const ref = await createReferenceData();
  await pickupPoint("HQ");
  const admin = await createUserWithRole("gift-office", "ADMIN", "gift-office-password");
  const cookie = await cookieFor({ username: "gift-office", password: "gift-office-password" });
  const products = await giftProducts(ref);
  const boxId = await giftBox(admin.id, [{ sku: products.rice.sku, quantity: 2 }, { sku: products.herbs.sku, quantity: 1 }]);
  const org = await organisationWithMembers({ kind: "WELFARE" });
  const placed = await placeGift(org, boxId, recipientsCsv(5), 5 * 13_000);
  if (!placed.ok) throw new Error(placed.reason);
  return { admin, cookie, products, boxId, org, order: placed.order };
}

describe("defining gift boxes", () => {
  it("creates a box from SKUs and quantities, lists every form error, and audits create, edit and withdrawal", async () => {
    const ref = await createReferenceData();
    const { rice, herbs } = await giftProducts(ref);
    await createUserWithRole("box-admin", "ADMIN", "box-admin-password");
    const cookie = await cookieFor({ username: "box-admin", password: "box-admin-password" });
    const bad = refusal(
      await call(adminBoxes.action, post("/admin/gift-boxes", cookie, { nameZh: "", "components[0].sku": rice.sku, "components[0].quantity": "0", "components[1].sku": rice.sku, "components[1].quantity": "1" })),
    );
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toEqual({ nameZh: ["gifts:errors.required"], "components[0].quantity": ["gifts:errors.componentQuantity"], "components[1].sku": ["gifts:errors.componentTwice"] });
    expect(bad.values).toEqual({ components: [{ sku: rice.sku, quantity: "0" }, { sku: rice.sku, quantity: "1" }] });
    // A blank row in between does not move the errors: each stays at the row it is about, the server's too.
    const unknown = refusal(
      await call(adminBoxes.action, post("/admin/gift-boxes", cookie, { nameZh: "年货", "components[0].sku": rice.sku, "components[0].quantity": "1", "components[1].sku": "", "components[1].quantity": "", "components[2].sku": "NOPE", "components[2].quantity": "1" })),
    );
    expect(unknown.fieldErrors).toEqual({ "components[2].sku": ["gifts:errors.unknownSku"] });
    // A row number no page shows is refused without sending millions of empty rows back.
    const forged = refusal(await call(adminBoxes.action, post("/admin/gift-boxes", cookie, { nameZh: "年货", "components[0].sku": rice.sku, "components[0].quantity": "1", "components[9999999].sku": "X" })));
    expect(forged.fieldErrors).toEqual({ components: ["gifts:errors.tooManyComponents"] });
    expect(forged.values).toEqual({ nameZh: "年货" });
    expect(await prisma.giftBox.count()).toBe(0);

    const created = await thrown(call(adminBoxes.action, post("/admin/gift-boxes", cookie, { nameZh: "年货", "components[0].sku": rice.sku.toLowerCase(), "components[0].quantity": "2", "components[1].sku": herbs.sku, "components[1].quantity": "1" })));
    const id = Number(created.headers.get("Location")!.match(/gift-boxes\/(\d+)/)![1]);
    const page = (await call(adminBox.loader, request(`/admin/gift-boxes/${id}`, cookie), { id: String(id) })) as Awaited<ReturnType<typeof adminBox.loader>>;
    expect({ price: page.unitPriceFen, available: page.box.available }).toEqual({ price: 13_000, available: 5_000 });

    await thrown(call(adminBox.action, post(`/admin/gift-boxes/${id}`, cookie, { nameZh: "年货礼盒", "components[0].sku": rice.sku, "components[0].quantity": "1" }), { id: String(id) }));
    await thrown(call(adminBox.action, post(`/admin/gift-boxes/${id}`, cookie, { intent: "archive" }), { id: String(id) }));
    await thrown(call(adminBox.action, post(`/admin/gift-boxes/${id}`, cookie, { intent: "archive" }), { id: String(id) }));
    const audits = await prisma.auditLog.findMany({ where: { entityType: "GiftBox" }, orderBy: { id: "asc" }, select: { action: true, details: true } });
    expect(audits.map((a) => a.action)).toEqual(["giftBox.create", "giftBox.update", "giftBox.archive"]);
    expect(JSON.parse(audits[1]!.details)).toMatchObject({ nameZh: ["年货", "年货礼盒"], components: [[{ quantity: 2 }, { quantity: 1 }], [{ quantity: 1 }]] });
    expect((await prisma.giftBox.findUniqueOrThrow({ where: { id } })).status).toBe("ARCHIVED");
  });
});

describe("moving shipments along", () => {
  it("refuses to ship an unpaid order", async () => {
    const { admin, order } = await setUp();
    expect(await shipShipments(order.id, "all-pending", { carrier: "顺丰", trackingNumber: "" }, admin.id)).toEqual({ ok: false, reason: "not-shippable" });
  });

  it("ships one, then all with one carrier, delivers; the order follows; every change is audited", async () => {
    const { admin, order } = await setUp();
    await markOrderPaid({ orderId: order.id, provider: "LOCAL", providerRef: "ship-1" });
    const first = await prisma.shipment.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { row: "asc" } });
    expect(await shipShipments(order.id, { shipmentId: first.id }, { carrier: "顺丰", trackingNumber: "SF1001" }, admin.id)).toEqual({ ok: true, changed: 1 });
    // Again: nothing changes (guarded by status).
    expect(await shipShipments(order.id, { shipmentId: first.id }, { carrier: "顺丰", trackingNumber: "SF9999" }, admin.id)).toEqual({ ok: true, changed: 0 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
    expect(await shipShipments(order.id, "all-pending", { carrier: "中国邮政", trackingNumber: "" }, admin.id)).toEqual({ ok: true, changed: 4 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SHIPPED");
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: first.id }, select: { carrier: true, trackingNumber: true } })).toEqual({ carrier: "顺丰", trackingNumber: "SF1001" });
    expect(await deliverShipments(order.id, { shipmentId: first.id }, admin.id)).toEqual({ ok: true, changed: 1 });
    expect(await deliverShipments(order.id, "all-shipped", admin.id)).toEqual({ ok: true, changed: 4 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DELIVERED");
    const actions = (await prisma.auditLog.findMany({ where: { entityType: "Order", entityId: String(order.id), action: { startsWith: "giftOrder." } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["giftOrder.ship", "giftOrder.shipAll", "giftOrder.deliver", "giftOrder.deliverAll"]);
  });

  it("a tracking file ships its rows only if every row is good, listing every problem", async () => {
    const { admin, order } = await setUp();
    await markOrderPaid({ orderId: order.id, provider: "LOCAL", providerRef: "ship-2" });
    const bad = await shipFromFile(order.id, "t.csv", bytes("工号,承运商,运单号\nG00001,顺丰,SF0001\nX9999,顺丰,SF0002\nG00002,,SF0003\nG00003,顺丰,?\nG00001,顺丰,SF0004"), admin.id);
    expect(bad.ok).toBe(false);
    if (bad.ok || bad.reason !== "file") throw new Error("expected file problems");
    expect(bad.problems.map((p) => [p.row, p.message])).toEqual([
      [3, "gifts:shipFile.unknownRecipient"],
      [4, "gifts:shipFile.carrier"],
      [5, "gifts:shipFile.trackingNumber"],
      [6, "gifts:rowErrors.duplicate"],
    ]);
    expect(await prisma.shipment.count({ where: { status: "SHIPPED" } })).toBe(0);
    const good = await shipFromFile(order.id, "t.csv", bytes("G00001,顺丰,SF0001\ng00002,圆通,YT0002"), admin.id);
    expect(good).toEqual({ ok: true, changed: 2 });
    expect(await prisma.shipment.findFirst({ where: { employeeNo: "G00002" }, select: { carrier: true, trackingNumber: true, status: true } })).toEqual({ carrier: "圆通", trackingNumber: "YT0002", status: "SHIPPED" });
    expect(await prisma.auditLog.count({ where: { action: "giftOrder.shipFile" } })).toBe(1);
  });

  it("the office's page refuses employees, shows the shipments and keeps typed values on errors", async () => {
    const { cookie, order, org } = await setUp();
    const params = { number: order.number };
    expect((await thrown(call(adminGiftOrder.loader, request(`/admin/gift-boxes/orders/${order.number}`, org.buyer.cookie), params))).status).toBe(403);
    const page = (await call(adminGiftOrder.loader, request(`/admin/gift-boxes/orders/${order.number}`, cookie), params)) as Awaited<ReturnType<typeof adminGiftOrder.loader>>;
    expect(page.list.all).toBe(5);
    const failed = refusal<{ intent: string }>(
      await call(adminGiftOrder.action, post(`/admin/gift-boxes/orders/${order.number}`, cookie, { intent: "ship-all", carrier: "", trackingNumber: "SF 1" }), params),
    );
    expect(failed.status).toBe(400);
    expect(failed.body.intent).toBe("ship-all");
    expect(failed.fieldErrors).toEqual({ carrier: ["gifts:errors.required"], trackingNumber: ["gifts:errors.trackingNumber"] });
    expect(failed.values).toEqual({ intent: "ship-all", trackingNumber: "SF 1" });
    // A row's form has no room for messages: the page names the kind of problem at its top.
    const row = refusal(await call(adminGiftOrder.action, post(`/admin/gift-boxes/orders/${order.number}`, cookie, { intent: "ship", shipmentId: "x", carrier: "顺丰", trackingNumber: "" }), params));
    expect(row.formError).toBe("gifts:ship.nothing");
    expect(await prisma.shipment.count({ where: { status: "SHIPPED" } })).toBe(0);
    expect((await thrown(call(adminGiftOrder.action, post("/admin/gift-boxes/orders/FP-0", cookie, { intent: "ship-all", carrier: "x" }), { number: "FP-0" }))).status).toBe(404);
  });
});
