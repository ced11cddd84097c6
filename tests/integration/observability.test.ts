import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "~/models/order.server";
import { handlePaymentEvent, startPayment } from "~/models/payment.server";
import { resetEnvCache } from "~/utils/env.server";
import { flushErrorReports, reportError, startErrorReporting } from "~/utils/error-reporting.server";
import { registry } from "~/utils/metrics.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData } from "../support/admin-fixtures";
import { makeProduct } from "../support/buying";

async function counter(name: string, labels: Record<string, string> = {}) {
  const metric = await registry.getSingleMetric(name)?.get();
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

describe("domain metrics", () => {
  it("count an order once when it is placed (not on a replay) and once when it is paid", async () => {
    const ref = await createReferenceData();
    const product = await makeProduct(ref, { stock: 10 });
    const user = await prisma.user.create({ data: { username: "E40001", name: "赵六", role: "EMPLOYEE", passwordHash: "x" } });
    const placedBefore = await counter("hall_orders_placed_total", { kind: "employee" });
    const paidBefore = await counter("hall_orders_paid_total");
    const input = {
      userId: user.id,
      checkoutKey: "metrics-order-key-0000000000",
      lines: [{ productId: product.id, quantity: 1 }],
      delivery: { method: "DELIVERY" as const, recipient: "赵六", mobile: "13800010009", addressText: "长春" },
    };
    const placed = await placeOrder(input);
    await placeOrder(input);
    if (!placed.ok) throw new Error("order not placed");
    expect(await counter("hall_orders_placed_total", { kind: "employee" })).toBe(placedBefore + 1);

    const started = await startPayment(placed.order.id, "http://localhost");
    if (!started.ok) throw new Error("payment not started");
    const { providerRef } = await prisma.payment.findFirstOrThrow({ where: { orderId: placed.order.id } });
    for (const eventId of ["e1", "e2"]) {
      await handlePaymentEvent({ provider: "LOCAL", eventId, type: "local.pay", at: new Date(), kind: "payment-succeeded", providerRef });
    }
    expect(await counter("hall_orders_paid_total")).toBe(paidBefore + 1);
  });
});

describe("error reporting", () => {
  const received: string[] = [];
  let listener: http.Server;
  let dsn: string;
  const saved = process.env.SENTRY_DSN;

  beforeAll(async () => {
    listener = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += String(d)));
      req.on("end", () => {
        received.push(body);
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    dsn = `http://publickey@127.0.0.1:${(listener.address() as { port: number }).port}/1`;
  });
  afterAll(async () => {
    process.env.SENTRY_DSN = saved;
    resetEnvCache();
    await new Promise((resolve) => listener.close(resolve));
  });

  it("sends nothing without SENTRY_DSN, and sends an error to the configured service when it is set", async () => {
    delete process.env.SENTRY_DSN;
    resetEnvCache();
    await startErrorReporting();
    reportError(new Error("not sent: no DSN"));
    await flushErrorReports();
    expect(received).toEqual([]);

    process.env.SENTRY_DSN = dsn;
    resetEnvCache();
    await startErrorReporting();
    reportError(new Error("the hall broke here"));
    await flushErrorReports();
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("the hall broke here");
    expect(received[0]).not.toContain("not sent: no DSN");
  });
});
