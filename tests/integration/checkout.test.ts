import { beforeEach, describe, expect, it, vi } from "vitest";
import { changeCart, getCart } from "~/models/cart.server";
import { markOrderPaid } from "~/models/order.server";
import * as checkout from "~/routes/checkout";
import * as login from "~/routes/login";
import * as orderPage from "~/routes/orders.$number";
import * as orderList from "~/routes/orders._index";
import * as cartRoute from "~/routes/cart";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { cookiePair, makeProduct, post, request, thrown, unwrap, type RouteArgs } from "../support/buying";
import { resetDatabase } from "../support/db";
import { refusal } from "../support/routes";

// The payment service is another module's contract; here it only has to be called correctly.
const payments = vi.hoisted(() => ({
  startPayment: vi.fn(async (orderId: number, _origin: string) => ({ ok: true as const, redirectUrl: `/pay/local/test-${orderId}` })),
  cancelOrder: vi.fn(async (_input: { orderNumber: string; userId?: number; actorUserId: number | null; reason: string }) => ({ ok: true as const, refunded: false })),
  // As with Stripe: no attempt opened in the order's own commit, so startPayment is what opens it.
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

async function loadCheckout(c = cookie) {
  return (await checkout.loader(args(request("/checkout", c)))) as Awaited<ReturnType<typeof checkout.loader>>;
}

function submit(fields: Record<string, string>, c = cookie) {
  return checkout.action(args(post("/checkout", c, fields)));
}

describe("checkout", () => {
  it("sends an anonymous visitor to sign in and back", async () => {
    const response = await thrown(checkout.loader(args(request("/checkout", null))));
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fcheckout");
  });

  it("places the order for pickup, empties the cart of what was ordered and goes to payment; a double submit makes one order", async () => {
    const rice = await makeProduct(ref, { stock: 10, priceFen: 5990 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 2 });
    const page = await loadCheckout();
    expect(page.cart.totalFen).toBe(11980);
    const fields = { checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, method: "PICKUP", pickupPointId: String(pickupPointId), note: " 请周五取 " };

    const first = await thrown(submit(fields));
    const order = await prisma.order.findFirstOrThrow({ include: { lines: true } });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/pay/local/test-${order.id}`);
    expect(payments.startPayment).toHaveBeenCalledWith(order.id, "http://localhost");
    expect(order).toMatchObject({ userId: buyer.id, deliveryMethod: "PICKUP", pickupPointId, note: "请周五取", totalFen: 11980 });
    expect((await getCart({ userId: buyer.id })).lines).toEqual([]);

    const again = await thrown(submit(fields));
    expect(again.headers.get("Location")).toBe(`/pay/local/test-${order.id}`);
    expect(await prisma.order.count()).toBe(1);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: rice.id } })).stock).toBe(8);
  });

  it("delivers only to the buyer's own address, and keeps what was typed on error", async () => {
    const rice = await makeProduct(ref);
    await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 1 });
    const other = await createUserWithRole("E10002", "EMPLOYEE");
    const theirs = await prisma.address.create({
      data: { userId: other.id, recipient: "李娜", mobile: "13900000000", province: "吉林省", city: "长春市", district: "绿园区", detail: "1号" },
    });
    const page = await loadCheckout();
    const base = { checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, note: "门卫代收" };

    const missing = refusal(await submit({ ...base, method: "DELIVERY" }));
    expect(missing.status).toBe(400);
    expect(missing.fieldErrors).toEqual({ addressId: ["orders:errors.address"] });
    expect(missing.values).toMatchObject({ method: "DELIVERY", note: "门卫代收" });

    const tooLong = refusal(await submit({ ...base, method: "PICKUP", pickupPointId: String(pickupPointId), note: "长".repeat(201) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.fieldErrors).toEqual({ note: ["orders:errors.noteTooLong"] });
    expect(tooLong.values).toMatchObject({ method: "PICKUP", pickupPointId: String(pickupPointId), note: "长".repeat(201) });

    const stolen = refusal(await submit({ ...base, method: "DELIVERY", addressId: String(theirs.id) }));
    expect(stolen.status).toBe(400);
    expect(stolen.fieldErrors).toEqual({ addressId: ["orders:errors.address"] });
    expect(stolen.values).toMatchObject({ method: "DELIVERY", addressId: String(theirs.id), note: "门卫代收" });
    expect(await prisma.order.count()).toBe(0);

    const mine = await prisma.address.create({
      data: { userId: buyer.id, recipient: "张伟", mobile: "13800010001", province: "吉林省", city: "长春市", district: "汽开区", detail: "东风大街1号" },
    });
    await thrown(submit({ ...base, method: "DELIVERY", addressId: String(mine.id) }));
    expect(await prisma.order.findFirstOrThrow()).toMatchObject({ recipient: "张伟", addressText: "吉林省长春市汽开区 东风大街1号" });
  });

  it("shows sold-out and over-limit lines per line, places nothing and leaves the cart alone", async () => {
    const scarce = await makeProduct(ref, { stock: 3 });
    const limited = await makeProduct(ref, { stock: 50, maxPerOrder: 5 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: scarce.id, quantity: 3 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: limited.id, quantity: 4 });
    const page = await loadCheckout();
    // Between rendering and submitting, someone else buys two, and the office lowers the limit.
    await prisma.product.update({ where: { id: scarce.id }, data: { stock: 1 } });
    await prisma.product.update({ where: { id: limited.id }, data: { maxPerOrder: 2 } });
    // The cart's fingerprint covers quantities and prices, not stock, so the order is attempted.
    const result = unwrap<{ problems: unknown[] }>(
      await submit({ checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, method: "PICKUP", pickupPointId: String(pickupPointId) }),
    );
    expect(result.status).toBe(409);
    expect(result.body.problems).toEqual(
      expect.arrayContaining([
        { productId: scarce.id, problem: "sold-out", available: 1 },
        { productId: limited.id, problem: "over-limit", limit: 2 },
      ]),
    );
    expect(await prisma.order.count()).toBe(0);
    expect((await getCart({ userId: buyer.id })).itemCount).toBe(7);
  });

  it("sends the buyer back to review when the cart or a price changed after the page was shown", async () => {
    const rice = await makeProduct(ref, { priceFen: 1000 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 1 });
    const page = await loadCheckout();
    await prisma.product.update({ where: { id: rice.id }, data: { priceFen: 1500 } });
    const response = await thrown(
      submit({ checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, method: "PICKUP", pickupPointId: String(pickupPointId) }),
    );
    expect(response.headers.get("Location")).toBe("/checkout?changed=1");
    expect(await prisma.order.count()).toBe(0);
  });

  it("refuses a forged checkout key or method", async () => {
    const result = refusal(await submit({ checkoutKey: "x", method: "DRONE" }));
    expect(result.status).toBe(400);
    expect(result.fieldErrors).toMatchObject({ checkoutKey: ["orders:errors.checkoutKey"], method: ["orders:errors.method"] });
  });
});

describe("signing in merges the browser's cart", () => {
  it("moves the anonymous cart into the account on a successful sign-in", async () => {
    const rice = await makeProduct(ref, { stock: 10 });
    await changeCart({ userId: buyer.id }, { intent: "add", productId: rice.id, quantity: 1 });
    const added = unwrap(await cartRoute.action(args(post("/cart", null, { intent: "add", productId: String(rice.id), quantity: "2" }))));
    const cartCookie = cookiePair(added.headers.get("Set-Cookie"));
    const response = await thrown(
      login.action(args(post("/login", cartCookie, { username: buyer.username, password: buyer.password, redirectTo: "/checkout" }))),
    );
    expect(response.headers.get("Location")).toBe("/checkout");
    expect((await getCart({ userId: buyer.id })).itemCount).toBe(3);
  });
});

describe("my orders", () => {
  async function placed(userCookie = cookie, userId = buyer.id) {
    const rice = await makeProduct(ref);
    await changeCart({ userId }, { intent: "add", productId: rice.id, quantity: 1 });
    const page = await loadCheckout(userCookie);
    await thrown(submit({ checkoutKey: page.checkoutKey, cartFingerprint: page.cart.fingerprint, method: "PICKUP", pickupPointId: String(pickupPointId) }, userCookie));
    return prisma.order.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } });
  }

  it("lists the buyer's own orders newest first and shows one with its history", async () => {
    const first = await placed();
    const second = await placed();
    await markOrderPaid({ orderId: second.id, provider: "LOCAL", providerRef: "r1" });
    const list = (await orderList.loader(args(request("/orders", cookie)))) as Awaited<ReturnType<typeof orderList.loader>>;
    expect(list.orders.map((o) => o.number)).toEqual([second.number, first.number]);
    const detail = (await orderPage.loader(args(request(`/orders/${second.number}`, cookie), { number: second.number }))) as Awaited<
      ReturnType<typeof orderPage.loader>
    >;
    expect(detail.order.status).toBe("PAID");
    expect(detail.order.events.map((e) => e.status)).toEqual(["AWAITING_PAYMENT", "PAID"]);
  });

  it("answers 404 for another user's order, to its loader and its action", async () => {
    const order = await placed();
    const stranger = await createUserWithRole("E20000", "EMPLOYEE");
    const strangerCookie = await cookieFor(stranger);
    const params = { number: order.number };
    expect((await thrown(orderPage.loader(args(request(`/orders/${order.number}`, strangerCookie), params)))).status).toBe(404);
    expect((await thrown(orderPage.action(args(post(`/orders/${order.number}`, strangerCookie, { intent: "cancel" }), params)))).status).toBe(404);
    expect((await thrown(orderPage.loader(args(request("/orders/FP-00000000-000000", cookie), { number: "FP-00000000-000000" })))).status).toBe(404);
    expect(payments.cancelOrder).not.toHaveBeenCalled();
  });

  it("pays again and cancels through the payment service, limited to the owner", async () => {
    const order = await placed();
    payments.startPayment.mockClear();
    const params = { number: order.number };
    const pay = await thrown(orderPage.action(args(post(`/orders/${order.number}`, cookie, { intent: "pay" }), params)));
    expect(pay.headers.get("Location")).toBe(`/pay/local/test-${order.id}`);
    expect(payments.startPayment).toHaveBeenCalledWith(order.id, "http://localhost");
    const cancel = await thrown(orderPage.action(args(post(`/orders/${order.number}`, cookie, { intent: "cancel" }), params)));
    expect(cancel.headers.get("Location")).toBe(`/orders/${order.number}?done=cancelled`);
    expect(payments.cancelOrder).toHaveBeenCalledWith({ orderNumber: order.number, userId: buyer.id, actorUserId: buyer.id, reason: "buyer-cancelled" });
    const bad = refusal(await orderPage.action(args(post(`/orders/${order.number}`, cookie, { intent: "refund-me" }), params)));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toEqual({ intent: ["orders:errors.intent"] });
  });
});
