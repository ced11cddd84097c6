import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { markOrderPaid, placeOrder } from "~/models/order.server";
import * as detail from "~/routes/admin.orders.$number";
import * as list from "~/routes/admin.orders._index";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { cookieFor, createReferenceData, createUserWithRole, type ReferenceData } from "../support/admin-fixtures";
import { makeProduct, post, request, thrown, type RouteArgs } from "../support/buying";
import { refusal } from "../support/routes";
import { resetDatabase } from "../support/db";

const payments = vi.hoisted(() => ({
  refundOrder: vi.fn(async (_r: { orderId: number; amountFen: number; reason: string; requestedById: number | null; idempotencyKey: string }) => ({
    ok: true as const,
    refundedFen: 100,
    status: "PARTLY_REFUNDED" as const,
  })),
  cancelOrder: vi.fn(async (_input: { orderNumber: string; actorUserId: number | null; reason: string }) => ({ ok: true as const, refunded: true })),
  startPayment: vi.fn(),
}));
vi.mock("~/models/payment.server", () => payments);

let ref: ReferenceData;
let admin: { id: number };
let adminCookie: string;
let keys = 0;

beforeEach(async () => {
  await resetDatabase();
  vi.clearAllMocks();
  ref = await createReferenceData();
  const a = await createUserWithRole("admin", "ADMIN");
  admin = a;
  adminCookie = await cookieFor(a);
});

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} }) as RouteArgs;

async function orderFor(user: { id: number }, at = new Date(), paid = true) {
  const product = await makeProduct(ref, { priceFen: 1000 });
  const result = await placeOrder(
    { userId: user.id, checkoutKey: `k-${++keys}-${"0".repeat(16)}`, lines: [{ productId: product.id, quantity: 2 }], delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" } },
    at,
  );
  if (!result.ok) throw new Error("fixture order failed");
  if (paid) await markOrderPaid({ orderId: result.order.id, provider: "LOCAL", providerRef: `r${keys}`, at });
  return prisma.order.findUniqueOrThrow({ where: { id: result.order.id } });
}

async function employee(no: string, name: string) {
  return prisma.user.create({ data: { username: no, employeeNo: no, name, role: "EMPLOYEE", passwordHash: "x" } });
}

type ListData = Awaited<ReturnType<typeof list.loader>>;
const search = async (query: string) => (await list.loader(args(request(`/admin/orders${query}`, adminCookie)))) as ListData;

describe("the order list", () => {
  it("searches by number, employee name and 工号, filters by status and Beijing dates, newest first", async () => {
    const zhang = await employee("E10001", "张伟");
    const li = await employee("E10002", "李娜");
    const old = await orderFor(zhang, new Date("2026-11-01T02:00:00Z"));
    const unpaid = await orderFor(li, new Date("2026-11-20T02:00:00Z"), false);
    // 23:30 Beijing on 21 November is 15:30 UTC the same day.
    const late = await orderFor(li, new Date("2026-11-21T15:30:00Z"));

    expect((await search("")).orders.map((o) => o.number)).toEqual([late.number, unpaid.number, old.number]);
    expect((await search(`?q=${old.number}`)).orders.map((o) => o.number)).toEqual([old.number]);
    expect((await search(`?q=${encodeURIComponent("李娜")}`)).orders.map((o) => o.number)).toEqual([late.number, unpaid.number]);
    expect((await search("?q=e10001")).orders.map((o) => o.number)).toEqual([old.number]);
    expect((await search("?status=AWAITING_PAYMENT")).orders.map((o) => o.number)).toEqual([unpaid.number]);
    expect((await search("?from=2026-11-21&to=2026-11-21")).orders.map((o) => o.number)).toEqual([late.number]);
    expect((await search("?to=2026-11-19")).orders.map((o) => o.number)).toEqual([old.number]);
    // Malformed filters are ignored, not errors.
    expect((await search("?status=NOPE&from=yesterday&page=-3")).total).toBe(3);
  });

  it("pages twenty at a time", async () => {
    const zhang = await employee("E10001", "张伟");
    for (let i = 0; i < 21; i++) await orderFor(zhang, new Date(), false);
    const first = await search("");
    expect(first).toMatchObject({ total: 21, page: 1, pages: 2 });
    expect(first.orders).toHaveLength(20);
    expect((await search("?page=2")).orders).toHaveLength(1);
  });
});

describe("order actions", () => {
  const act = (number: string, fields: Record<string, string>) => detail.action(args(post(`/admin/orders/${number}`, adminCookie, fields), { number }));

  it("marks shipped only with carrier and tracking number, then delivered, each audited", async () => {
    const order = await orderFor(await employee("E10001", "张伟"));
    const missing = refusal<{ intent: string }>(await act(order.number, { intent: "ship", carrier: "顺丰", trackingNumber: " " }));
    expect(missing.status).toBe(400);
    expect(missing.fieldErrors).toEqual({ trackingNumber: ["orders:errors.required"] });
    expect(missing.values).toEqual({ intent: "ship", carrier: "顺丰", trackingNumber: " " });
    // The page gives the reply to the form that was sent, the ship form.
    expect(missing.body.intent).toBe("ship");
    const badFormat = refusal(await act(order.number, { intent: "ship", carrier: "顺丰", trackingNumber: "SF 123" }));
    expect(badFormat.fieldErrors).toEqual({ trackingNumber: ["orders:errors.trackingFormat"] });

    const shipped = await thrown(act(order.number, { intent: "ship", carrier: "顺丰", trackingNumber: "SF1234567890" }));
    expect(shipped.headers.get("Location")).toBe(`/admin/orders/${order.number}?done=shipped`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "SHIPPED", carrier: "顺丰", trackingNumber: "SF1234567890" });
    const again = refusal(await act(order.number, { intent: "ship", carrier: "顺丰", trackingNumber: "SF1" }));
    expect(again.status).toBe(409);
    expect(again.formError).toBe("orders:errors.notShippable");

    await thrown(act(order.number, { intent: "deliver" }));
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DELIVERED");
    const audits = await prisma.auditLog.findMany({ where: { entityType: "Order", entityId: String(order.id) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.userId])).toEqual([["order.ship", admin.id], ["order.deliver", admin.id]]);
  });

  it("refunds part of an order with a reason and the form's idempotency key, audited; refuses bad amounts", async () => {
    const order = await orderFor(await employee("E10001", "张伟"));
    const page = (await detail.loader(args(request(`/admin/orders/${order.number}`, adminCookie), { number: order.number }))) as Awaited<ReturnType<typeof detail.loader>>;
    const base = { intent: "refund", reason: "破损一袋", idempotencyKey: page.refundKey };
    for (const [amount, message] of [["abc", "orders:errors.amountFormat"], ["0", "orders:errors.amountPositive"], ["20.01", "orders:errors.amountTooMuch"]] as const) {
      const refused = refusal<{ refundKey: string; errorParams: Record<string, string> }>(await act(order.number, { ...base, amount }));
      expect(refused.status).toBe(400);
      expect(refused.fieldErrors).toEqual({ amount: [message] });
      expect(refused.values).toMatchObject({ amount, reason: "破损一袋" });
      expect(refused.body.refundKey).toMatch(/^[0-9a-f-]{36}$/);
      // "不能超过可退金额 {{max}}": the page needs the amount left to refund.
      expect(refused.body.errorParams).toEqual(message === "orders:errors.amountTooMuch" ? { max: "¥20.00" } : {});
    }
    expect(payments.refundOrder).not.toHaveBeenCalled();

    const done = await thrown(act(order.number, { ...base, amount: "1.00" }));
    expect(done.headers.get("Location")).toBe(`/admin/orders/${order.number}?done=refunded`);
    // The audit entry travels with the request, to be written in the commit that creates the Refund row.
    expect(payments.refundOrder).toHaveBeenCalledWith({
      orderId: order.id,
      amountFen: 100,
      reason: "破损一袋",
      requestedById: admin.id,
      idempotencyKey: page.refundKey,
      audit: { userId: admin.id, action: "order.refund", details: { number: order.number, amountFen: 100, reason: "破损一袋" } },
    });
  });

  describe("above REFUND_CONFIRM_ABOVE_FEN", () => {
    beforeEach(() => {
      process.env.REFUND_CONFIRM_ABOVE_FEN = "1000";
      resetEnvCache();
    });
    afterEach(() => {
      delete process.env.REFUND_CONFIRM_ABOVE_FEN;
      resetEnvCache();
    });

    it("a refund or a paid order's cancellation is asked for, not made, and the page shows it waiting", async () => {
      const order = await orderFor(await employee("E10001", "张伟"));
      const page = (await detail.loader(args(request(`/admin/orders/${order.number}`, adminCookie), { number: order.number }))) as Awaited<ReturnType<typeof detail.loader>>;
      const asked = await thrown(act(order.number, { intent: "refund", reason: "破损两袋", amount: "15.00", idempotencyKey: page.refundKey }));
      expect(asked.headers.get("Location")).toBe(`/admin/orders/${order.number}?done=refundAsked`);
      const cancelled = await thrown(act(order.number, { intent: "cancel", reason: "顾客要求取消" }));
      expect(cancelled.headers.get("Location")).toBe(`/admin/orders/${order.number}?done=cancelAsked`);
      expect(payments.refundOrder).not.toHaveBeenCalled();
      expect(payments.cancelOrder).not.toHaveBeenCalled();
      const after = (await detail.loader(args(request(`/admin/orders/${order.number}`, adminCookie), { number: order.number }))) as Awaited<ReturnType<typeof detail.loader>>;
      expect(after.waiting.map((a) => [a.kind, a.details])).toEqual([
        ["REFUND", { orderId: order.id, orderNumber: order.number, amountFen: 1500, reason: "破损两袋" }],
        ["REFUND", { orderId: order.id, orderNumber: order.number, amountFen: 2000, reason: "顾客要求取消", cancel: true }],
      ]);
    });
  });

  it("cancels with a reason through the payment service, audited", async () => {
    const order = await orderFor(await employee("E10001", "张伟"));
    const missing = refusal(await act(order.number, { intent: "cancel", reason: "" }));
    expect(missing.fieldErrors).toEqual({ reason: ["orders:errors.required"] });
    await thrown(act(order.number, { intent: "cancel", reason: "员工申请" }));
    expect(payments.cancelOrder).toHaveBeenCalledWith({
      orderNumber: order.number,
      actorUserId: admin.id,
      reason: "员工申请",
      audit: { action: "order.cancel", details: { number: order.number, reason: "员工申请" } },
    });
  });

  it("answers 404 for an unknown order number", async () => {
    expect((await thrown(detail.loader(args(request("/admin/orders/FP-0", adminCookie), { number: "FP-0" })))).status).toBe(404);
  });
});
