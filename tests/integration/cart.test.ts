import { beforeEach, describe, expect, it } from "vitest";
import { changeCart, countCartItems, getCart, mergeCarts, type CartOwner } from "~/models/cart.server";
import { CartActionSchema } from "~/models/checkout-schema";
import * as cartRoute from "~/routes/cart";
import * as root from "~/root";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { cookiePair, makeProduct, post, request, unwrap, type RouteArgs } from "../support/buying";
import { refusal } from "../support/routes";
import { resetDatabase } from "../support/db";

let ref: ReferenceData;

beforeEach(async () => {
  await resetDatabase();
  ref = await createReferenceData();
});

const add = (owner: CartOwner, productId: number, quantity: number) => changeCart(owner, { intent: "add", productId, quantity });

async function anonymousCart() {
  const token = `t${"x".repeat(42)}`;
  await prisma.cart.create({ data: { token } });
  return { token } as CartOwner & { token: string };
}

describe("cart model", () => {
  it("adds up quantities of the same product and prices lines on the server", async () => {
    const user = await createUserWithRole("e1", "EMPLOYEE");
    const rice = await makeProduct(ref, { priceFen: 5990 });
    expect(await add({ userId: user.id }, rice.id, 2)).toEqual({ ok: true, setCookie: null });
    expect((await add({ userId: user.id }, rice.id, 3)).ok).toBe(true);
    const cart = await getCart({ userId: user.id });
    expect(cart.lines).toHaveLength(1);
    expect(cart).toMatchObject({ itemCount: 5, totalFen: 5 * 5990, ready: true });
  });

  it("refuses more than the per-order limit or the stock, naming the maximum, and changes nothing", async () => {
    const user = { userId: (await createUserWithRole("e1", "EMPLOYEE")).id };
    const limited = await makeProduct(ref, { stock: 100, maxPerOrder: 3 });
    const scarce = await makeProduct(ref, { stock: 2 });
    const gone = await makeProduct(ref, { stock: 0 });
    expect((await add(user, limited.id, 2)).ok).toBe(true);
    expect(await add(user, limited.id, 2)).toEqual({ ok: false, error: { message: "orders:errors.overLimit", max: 3, inCart: 2 } });
    expect(await changeCart(user, { intent: "set-quantity", productId: limited.id, quantity: 4 })).toEqual({
      ok: false,
      error: { message: "orders:errors.overLimit", max: 3 },
    });
    expect(await add(user, scarce.id, 3)).toEqual({ ok: false, error: { message: "orders:errors.overStock", max: 2 } });
    expect(await add(user, gone.id, 1)).toEqual({ ok: false, error: { message: "orders:errors.soldOut", max: 0 } });
    const cart = await getCart(user);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([[limited.id, 2]]);
  });

  it("refuses unknown and unavailable products", async () => {
    const user = { userId: (await createUserWithRole("e1", "EMPLOYEE")).id };
    const archived = await makeProduct(ref, { status: "ARCHIVED" });
    expect(await add(user, 999_999, 1)).toEqual({ ok: false, error: { message: "orders:errors.unknownProduct" } });
    expect(await add(user, archived.id, 1)).toEqual({ ok: false, error: { message: "orders:errors.unavailable" } });
    expect(await prisma.cartLine.count()).toBe(0);
  });

  it("shows a price change, a stock drop, an archived product and a suspended supplier instead of hiding them", async () => {
    const user = { userId: (await createUserWithRole("e1", "EMPLOYEE")).id };
    const [repriced, dropped, archived, suspended, fine] = await Promise.all(
      [5990, 1000, 2000, 3000, 4000].map((priceFen) => makeProduct(ref, { priceFen, stock: 10 })),
    );
    for (const p of [repriced, dropped, archived, suspended, fine]) expect((await add(user, p!.id, 3)).ok).toBe(true);
    await prisma.product.update({ where: { id: repriced!.id }, data: { priceFen: 4990 } });
    await prisma.product.update({ where: { id: dropped!.id }, data: { stock: 1 } });
    await prisma.product.update({ where: { id: archived!.id }, data: { status: "ARCHIVED" } });
    // The suspended supplier's product moves to its own supplier so the others stay on sale.
    const other = await prisma.supplier.create({ data: { name: "暂停社", kind: "COOPERATIVE", countyId: ref.zhenlai.id, status: "SUSPENDED" } });
    await prisma.product.update({ where: { id: suspended!.id }, data: { supplierId: other.id } });

    const cart = await getCart(user);
    const line = (id: number) => cart.lines.find((l) => l.productId === id)!;
    expect(line(repriced!.id)).toMatchObject({ unitPriceFen: 4990, priceWasFen: 5990, lineTotalFen: 3 * 4990, issue: null });
    expect(line(dropped!.id).issue).toEqual({ kind: "over-stock", available: 1 });
    expect(line(archived!.id).issue).toEqual({ kind: "unavailable" });
    expect(line(suspended!.id).issue).toEqual({ kind: "unavailable" });
    expect(line(fine!.id)).toMatchObject({ priceWasFen: null, issue: null });
    expect(cart.ready).toBe(false);
    expect(cart.totalFen).toBe(3 * 4990 + 3 * 4000);
  });

  it("merges the browser's cart into the account's: quantities add up, capped by stock and limit", async () => {
    const user = await createUserWithRole("e1", "EMPLOYEE");
    const both = await makeProduct(ref, { stock: 100, maxPerOrder: 5 });
    const scarce = await makeProduct(ref, { stock: 4 });
    const onlyAnonymous = await makeProduct(ref, { priceFen: 1200 });
    const anon = await anonymousCart();
    await add({ userId: user.id }, both.id, 3);
    await add({ userId: user.id }, scarce.id, 3);
    await add(anon, both.id, 4);
    await add(anon, scarce.id, 1);
    await add(anon, onlyAnonymous.id, 2);
    await prisma.product.update({ where: { id: scarce.id }, data: { stock: 3 } });

    await mergeCarts(anon.token, user.id);
    const cart = await getCart({ userId: user.id });
    expect(Object.fromEntries(cart.lines.map((l) => [l.productId, l.quantity]))).toEqual({ [both.id]: 5, [scarce.id]: 3, [onlyAnonymous.id]: 2 });
    expect(await prisma.cart.count({ where: { token: anon.token } })).toBe(0);
    // Merging again (a second sign-in with the old cookie) finds nothing to merge.
    await mergeCarts(anon.token, user.id);
    expect((await getCart({ userId: user.id })).itemCount).toBe(10);
  });

  it("gives the browser's cart to a user who has none, and no user's cart is reachable by token", async () => {
    const user = await createUserWithRole("e1", "EMPLOYEE");
    const rice = await makeProduct(ref);
    const anon = await anonymousCart();
    await add(anon, rice.id, 2);
    await mergeCarts(anon.token, user.id);
    expect((await getCart({ userId: user.id })).itemCount).toBe(2);
    expect((await getCart(anon)).lines).toEqual([]);
  });

  it("parses hostile form input into clear errors", () => {
    const bad = [
      { intent: "add", productId: "1", quantity: "-1" },
      { intent: "add", productId: "1", quantity: "1.5" },
      { intent: "add", productId: "1", quantity: "1e3" },
      { intent: "add", productId: "1", quantity: "1000" },
      { intent: "add", productId: "1", quantity: "99999999999999999999" },
      { intent: "add", productId: "1", quantity: "x".repeat(10_000) },
      { intent: "add", productId: "1", quantity: "" },
    ];
    for (const input of bad) {
      const parsed = CartActionSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("orders:errors.quantity");
    }
    expect(CartActionSchema.safeParse({ intent: "add", productId: "abc", quantity: "1" }).error?.issues[0]?.message).toBe("orders:errors.unknownProduct");
    expect(CartActionSchema.safeParse({ intent: "add", productId: "0", quantity: "1" }).error?.issues[0]?.message).toBe("orders:errors.unknownProduct");
    expect(CartActionSchema.safeParse({ intent: "drop-table", productId: "1" }).error?.issues[0]?.message).toBe("orders:errors.intent");
    expect(CartActionSchema.safeParse({ productId: "1" }).error?.issues[0]?.message).toBe("orders:errors.intent");
  });
});

describe("the /cart action and the header count", () => {
  const call = (fields: Record<string, string>, cookie: string | null = null) =>
    cartRoute.action({ request: post("/cart", cookie, fields), params: {}, context: {} } as RouteArgs);
  const rootData = async (cookie: string | null) =>
    unwrap<{ cartCount: number }>(await root.loader({ request: request("/", cookie), params: {}, context: {} } as RouteArgs)).body;

  it("gives an anonymous shopper a cart cookie on the first add, HttpOnly and SameSite=Lax, and counts it in the header", async () => {
    const rice = await makeProduct(ref);
    const first = unwrap(await call({ intent: "add", productId: String(rice.id), quantity: "2" }));
    expect(first.status).toBe(200);
    const setCookie = first.headers.get("Set-Cookie");
    expect(setCookie).toMatch(/^__hall_cart=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = cookiePair(setCookie);
    const second = unwrap(await call({ intent: "add", productId: String(rice.id), quantity: "1" }, cookie));
    expect(second.headers.get("Set-Cookie")).toBeNull();
    expect((await rootData(cookie)).cartCount).toBe(3);
    expect((await rootData(null)).cartCount).toBe(0);
    expect((await rootData("__hall_cart=forged")).cartCount).toBe(0);
  });

  it("answers hostile input with 400 and a clear message, and changes nothing", async () => {
    const rice = await makeProduct(ref, { stock: 5, maxPerOrder: 4 });
    const cookie = cookiePair(unwrap(await call({ intent: "add", productId: String(rice.id), quantity: "1" })).headers.get("Set-Cookie"));
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "add", productId: String(rice.id), quantity: "-3" }, "quantity", "orders:errors.quantity"],
      [{ intent: "add", productId: String(rice.id), quantity: "2.5" }, "quantity", "orders:errors.quantity"],
      [{ intent: "add", productId: String(rice.id), quantity: "1".repeat(10_240) }, "quantity", "orders:errors.quantity"],
      [{ intent: "add", productId: "424242", quantity: "1" }, "quantity", "orders:errors.unknownProduct"],
      [{ intent: "add", productId: "x".repeat(10_240), quantity: "1" }, "productId", "orders:errors.unknownProduct"],
      [{ intent: "set-quantity", productId: String(rice.id), quantity: "5" }, "quantity", "orders:errors.overLimit"],
      [{ intent: "explode", productId: String(rice.id), quantity: "1" }, "intent", "orders:errors.intent"],
      [{ intent: "buy-now", productId: String(rice.id), quantity: "0" }, "quantity", "orders:errors.quantity"],
    ];
    for (const [fields, field, message] of cases) {
      const answer = refusal<{ errorParams: { max?: number } }>(await call(fields, cookie));
      expect(answer.status).toBe(400);
      expect(answer.fieldErrors).toEqual({ [field]: [message] });
      // What was typed comes back into the field, a 10 kB string cut short.
      expect(String(answer.values.quantity).length).toBeLessThanOrEqual(16);
    }
    const overLimit = refusal<{ errorParams: { max?: number } }>(await call({ intent: "set-quantity", productId: String(rice.id), quantity: "5" }, cookie));
    expect(overLimit.body.errorParams).toEqual({ max: 4 });
    expect(overLimit.values).toEqual({ intent: "set-quantity", productId: String(rice.id), quantity: "5" });
    expect((await rootData(cookie)).cartCount).toBe(1);
  });

  it("answers a change it made with the intent, for the page's message, and nothing typed to keep", async () => {
    const rice = await makeProduct(ref);
    const added = unwrap<{ intent: string; result: { initialValue: unknown; error?: unknown } }>(await call({ intent: "add", productId: String(rice.id), quantity: "2" }));
    expect(added.body.intent).toBe("add");
    expect(added.body.result).toEqual({ initialValue: null });
  });

  it("sets and removes lines for a signed-in user by user id", async () => {
    const user = await createUserWithRole("e1", "EMPLOYEE");
    const cookie = await cookieFor(user);
    const rice = await makeProduct(ref);
    expect(unwrap(await call({ intent: "add", productId: String(rice.id), quantity: "1" }, cookie)).headers.get("Set-Cookie")).toBeNull();
    expect(unwrap(await call({ intent: "set-quantity", productId: String(rice.id), quantity: "7" }, cookie)).status).toBe(200);
    expect(await countCartItems(request("/", cookie), { id: user.id })).toBe(7);
    expect((await rootData(cookie)).cartCount).toBe(7);
    expect(unwrap(await call({ intent: "remove", productId: String(rice.id) }, cookie)).status).toBe(200);
    expect((await rootData(cookie)).cartCount).toBe(0);
  });
});
