import { beforeEach, describe, expect, it, vi } from "vitest";
import { changeCart, getCart } from "~/models/cart.server";
import { markOrderPaid } from "~/models/order.server";
import * as cartRoute from "~/routes/cart";
import * as checkout from "~/routes/checkout";
import * as orderList from "~/routes/orders._index";
import * as skuRoute from "~/routes/org.sku";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { makeProduct, post, request, thrown, type RouteArgs } from "../support/buying";
import { resetDatabase } from "../support/db";
import { refusal } from "../support/routes";
import { bulkProduct, organisationWithMembers } from "../support/org-fixtures";

const payments = vi.hoisted(() => ({
  startPayment: vi.fn(async (orderId: number, _origin: string) => ({ ok: true as const, redirectUrl: `/pay/local/test-${orderId}` })),
  cancelOrder: vi.fn(),
  prepareInstantPayment: vi.fn(() => null),
}));
vi.mock("~/models/payment.server", () => payments);

let ref: ReferenceData;
let buyer: { id: number; username: string; password: string };
let cookie: string;
let pickupPointId: number;

beforeEach(async () => {
  await resetDatabase();
  vi.clearAllMocks();
  ref = await createReferenceData();
  buyer = await createUserWithRole("E10001", "EMPLOYEE");
  cookie = await cookieFor(buyer);
  pickupPointId = (await prisma.pickupPoint.create({ data: { code: "HQ", nameZh: "总部自提点", nameEn: "HQ", addressZh: "长春", addressEn: "Changchun", kind: "COMPANY" } })).id;
});

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} }) as RouteArgs;

describe("立即购买", () => {
  it("goes to checkout with that product alone, orders it at the server's price and leaves the rest of the cart", async () => {
    const rice = await makeProduct(ref, { stock: 10, priceFen: 5990 });
    const honey = await makeProduct(ref, { stock: 10, priceFen: 3000 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: honey.id, quantity: 2 });

    const toCheckout = await thrown(cartRoute.action(args(post("/cart", cookie, { intent: "buy-now", productId: String(rice.id), quantity: "3" }))));
    const location = toCheckout.headers.get("Location")!;
    expect(location).toBe(`/checkout?buy=${rice.id}&quantity=3`);

    const page = (await checkout.loader(args(request(location, cookie)))) as Awaited<ReturnType<typeof checkout.loader>>;
    expect(page.cart.lines.map((l) => [l.productId, l.quantity])).toEqual([[rice.id, 3]]);
    expect(page.cart.totalFen).toBe(17970);

    const done = await thrown(
      checkout.action(
        args(
          post("/checkout", cookie, {
            checkoutKey: page.checkoutKey,
            cartFingerprint: page.cart.fingerprint,
            "buyNow.productId": String(rice.id),
            "buyNow.quantity": "3",
            method: "PICKUP",
            pickupPointId: String(pickupPointId),
          }),
        ),
      ),
    );
    const order = await prisma.order.findFirstOrThrow({ include: { lines: true } });
    expect(done.headers.get("Location")).toBe(`/pay/local/test-${order.id}`);
    expect(order.totalFen).toBe(17970);
    expect(order.lines.map((l) => [l.productId, l.quantity])).toEqual([[rice.id, 3]]);
    expect((await getCart({ userId: buyer.id })).lines.map((l) => [l.productId, l.quantity])).toEqual([[honey.id, 2]]);
  });

  it("shows the page again instead of ordering when the price changed after it was shown", async () => {
    const rice = await makeProduct(ref, { stock: 10, priceFen: 5990 });
    const page = (await checkout.loader(args(request(`/checkout?buy=${rice.id}&quantity=1`, cookie)))) as Awaited<ReturnType<typeof checkout.loader>>;
    await prisma.product.update({ where: { id: rice.id }, data: { priceFen: 6990 } });
    const again = await thrown(
      checkout.action(
        args(post("/checkout", cookie, { checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, "buyNow.productId": String(rice.id), "buyNow.quantity": "1", method: "PICKUP", pickupPointId: String(pickupPointId) })),
      ),
    );
    expect(again.headers.get("Location")).toBe(`/checkout?buy=${rice.id}&quantity=1&changed=1`);
    expect(await prisma.order.count()).toBe(0);
  });

  it("refuses a 立即购买 form whose quantity was altered, ordering nothing", async () => {
    const rice = await makeProduct(ref, { stock: 10, priceFen: 5990 });
    const page = (await checkout.loader(args(request(`/checkout?buy=${rice.id}&quantity=1`, cookie)))) as Awaited<ReturnType<typeof checkout.loader>>;
    const fields = { checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, "buyNow.productId": String(rice.id), "buyNow.quantity": "1000", method: "PICKUP", pickupPointId: String(pickupPointId) };
    const answer = refusal(await checkout.action(args(post("/checkout", cookie, fields))));
    expect(answer.status).toBe(400);
    expect(answer.fieldErrors).toEqual({ "buyNow.quantity": ["orders:errors.quantity"] });
    expect(answer.values).toMatchObject({ method: "PICKUP", buyNow: { productId: String(rice.id), quantity: "1000" } });
    expect(await prisma.order.count()).toBe(0);
  });
});

describe("我的订单 tabs", () => {
  it("puts each order under its tab, with counts per tab", async () => {
    const rice = await makeProduct(ref, { stock: 50 });
    const place = async () => {
      await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 1 });
      const page = (await checkout.loader(args(request("/checkout", cookie)))) as Awaited<ReturnType<typeof checkout.loader>>;
      await thrown(checkout.action(args(post("/checkout", cookie, { checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, method: "PICKUP", pickupPointId: String(pickupPointId) }))));
      return prisma.order.findFirstOrThrow({ orderBy: { id: "desc" } });
    };
    const unpaid = await place();
    const paid = await place();
    await markOrderPaid({ orderId: paid.id, provider: "LOCAL", providerRef: "r1" });
    const shipped = await place();
    await prisma.order.update({ where: { id: shipped.id }, data: { status: "SHIPPED" } });

    const load = async (query: string) =>
      (await orderList.loader(args(request(`/orders${query}`, cookie)))) as Awaited<ReturnType<typeof orderList.loader>>;
    const all = await load("");
    expect(all.counts).toMatchObject({ all: 3, unpaid: 1, toShip: 1, shipped: 1, done: 0, refunds: 0 });
    expect((await load("?tab=unpaid")).orders.map((o) => o.number)).toEqual([unpaid.number]);
    expect((await load("?tab=toShip")).orders.map((o) => o.number)).toEqual([paid.number]);
    expect((await load("?tab=shipped")).orders.map((o) => o.number)).toEqual([shipped.number]);
    expect((await load("?tab=refunds")).orders).toEqual([]);
    expect((await load("?tab=nonsense")).tab).toBe("all");
    expect(all.orders[0]!.lines[0]).toMatchObject({ slug: rice.slug });
  });
});

describe("quick order SKU preview", () => {
  it("describes a typed SKU with this organisation's price for the quantity, to members only", async () => {
    const org = await organisationWithMembers();
    const rice = await bulkProduct(ref, { sku: "ZL-0001", priceFen: 5000, casePack: 10, minOrderQuantity: 10, stock: 300 });
    await prisma.priceTier.create({ data: { productId: rice.id, minQuantity: 50, priceFen: 4500 } });
    const look = async (query: string, c = org.buyer.cookie) => {
      const res = (await skuRoute.loader(args(request(`/org/sku?org=${org.id}&${query}`, c)))) as Response;
      return res.json();
    };
    expect(await look("sku=zl-0001")).toMatchObject({ found: true, sku: "ZL-0001", unitPriceFen: 5000, casePack: 10, stock: 300, spec: "5kg/袋" });
    expect(await look("sku=ZL-0001&quantity=60")).toMatchObject({ unitPriceFen: 4500 });
    await prisma.contractPrice.create({ data: { organisationId: org.id, productId: rice.id, priceFen: 4000 } });
    expect(await look("sku=ZL-0001&quantity=60")).toMatchObject({ unitPriceFen: 4000 });
    expect(await look("sku=NOPE-1")).toEqual({ found: false });
    const outsider = await createUserWithRole("E55555", "EMPLOYEE");
    expect((await thrown(skuRoute.loader(args(request(`/org/sku?org=${org.id}&sku=ZL-0001`, await cookieFor(outsider)))))).status).toBe(404);
  });
});
