import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cartFingerprint } from "~/models/cart-fingerprint.server";
import { getBatch } from "~/models/ledger-import.server";
import { ledgerTotalFen } from "~/models/ledger.server";
import { startPayment } from "~/models/payment.server";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { startStripeStandIn, stripeStandInEnv, stripeEvent, type StripeStandIn } from "../mocks/stripe";
import { resetDatabase } from "../support/db";
import { createBuyer, createShop, placeTestOrder, product, stockOf } from "../support/order-fixtures";
import { bulkProduct, createOrgShop, organisationWithMembers } from "../support/org-fixtures";

/**
 * The rules that hold under concurrency inside one process (orders, payments-stripe, org-terms tests)
 * must hold when the buyers are spread over several processes on one database file, as `npm start`
 * runs the hall (one server per core, ADR 024): no oversell, one payment per event, one credit limit.
 */
const PROCESSES = 3;

/** Starts one worker per job, lets them all connect, then releases them at once; returns their results. */
async function race<T>(jobs: object[], env: Record<string, string> = {}): Promise<T[][]> {
  const children = jobs.map((job, i) =>
    spawn(process.execPath, ["--import", "tsx", "tests/support/cross-process-worker.ts", JSON.stringify(job)], {
      // As cluster.js does: one process runs the background jobs, the others do not.
      env: { ...process.env, ...env, BACKGROUND_JOBS: i === 0 ? "true" : "false" },
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  const outputs = children.map((child) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (err += String(d)));
    const ready = new Promise<void>((resolve, reject) => {
      const check = () => (out.includes("ready\n") ? resolve() : undefined);
      child.stdout.on("data", check);
      child.on("exit", (code) => reject(new Error(`worker exited ${code} before ready: ${err}`)));
    });
    const result = new Promise<T[]>((resolve, reject) =>
      child.on("exit", (code) => {
        const line = out.split("\n").find((l) => l.startsWith("result "));
        if (code === 0 && line) resolve(JSON.parse(line.slice("result ".length)) as T[]);
        else reject(new Error(`worker exited ${code}: ${err}`));
      }),
    );
    return { ready, result };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.write("go\n");
  return Promise.all(outputs.map((o) => o.result));
}

beforeEach(resetDatabase);

describe("several processes on one database file", () => {
  it("sell the last 3 units to exactly 3 of 50 buyers spread over 3 processes, each order with its payment attempt", async () => {
    const ref = await createShop();
    const rice = await product(ref, 3);
    const buyers: { id: number }[] = [];
    for (let i = 0; i < 50; i++) {
      buyers.push(
        await prisma.user.create({
          data: { username: `C${i}`, name: `买家${i}`, role: "EMPLOYEE", passwordHash: "x", cart: { create: { token: `t-${i}`, lines: { create: { productId: rice.id, quantity: 1, priceFenWhenAdded: 5990 } } } } },
        }),
      );
    }
    const fingerprint = cartFingerprint([{ productId: rice.id, quantity: 1, unitPriceFen: 5990 }]);
    const jobs = Array.from({ length: PROCESSES }, (_, p) => ({
      scenario: "checkout",
      fingerprint,
      buyers: buyers.filter((_, i) => i % PROCESSES === p).map((b) => ({ id: b.id, key: `cross-${b.id}` })),
    }));
    const results = (await race<{ ok: boolean; reason?: string; problems?: unknown }>(jobs)).flat();
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ reason: "lines", problems: [{ productId: rice.id, problem: "sold-out" }] });
    expect(await stockOf(rice.id)).toBe(0);
    expect(await prisma.order.count()).toBe(3);
    expect(await prisma.payment.count()).toBe(3);
    expect(await prisma.cartLine.count()).toBe(47);
  }, 180_000);

  describe("with Stripe", () => {
    let stripe: StripeStandIn;
    const savedEnv = { ...process.env };
    beforeAll(async () => {
      stripe = await startStripeStandIn();
      Object.assign(process.env, stripeStandInEnv(stripe.port));
      resetEnvCache();
    });
    afterAll(async () => {
      process.env = { ...savedEnv };
      resetEnvCache();
      await stripe.close();
    });

    it("change the order once for the same webhook event delivered 12 times at once to 3 processes", async () => {
      const ref = await createShop();
      const buyer = await createBuyer("E20001");
      const rice = await product(ref, 10, 5990);
      const herb = await product(ref, 10, 1250, "fengshan");
      const order = await placeTestOrder(buyer.id, [{ productId: rice.id, quantity: 2 }, { productId: herb.id, quantity: 3 }]);
      const started = await startPayment(order.id, "http://hall.test");
      if (!started.ok) throw new Error(started.reason);
      const { providerRef } = await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } });
      const payload = stripeEvent("checkout.session.completed", stripe.pay(providerRef));

      const statuses = (await race<number>(Array.from({ length: PROCESSES }, () => ({ scenario: "webhook", payload, times: 4 })))).flat();
      expect(statuses).toEqual(Array(12).fill(200));
      const events = await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.status)).toEqual(["AWAITING_PAYMENT", "PAID"]);
      expect(await prisma.ledgerEntry.count({ where: { orderId: order.id } })).toBe(2);
      expect(await ledgerTotalFen()).toBe(order.totalFen);
      expect(await prisma.paymentEvent.count()).toBe(1);
      expect(await stockOf(rice.id)).toBe(8);
    }, 180_000);
  });

  it("let one of 3 concurrent orders from 3 processes through when any two would exceed the credit limit", async () => {
    const ref = await createOrgShop();
    await bulkProduct(ref, { sku: "RICE", priceFen: 1000 });
    const org = await organisationWithMembers({ paymentTerms: "ON_TERMS", creditLimitFen: 15_000 });
    const members = [org.buyer, org.admin, org.approver];
    const results = (await race<{ ok: boolean; reason?: string; availableFen?: number }>(members.map((m) => ({ scenario: "credit", org, userId: m.id })))).flat();
    expect(results).toHaveLength(3);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, reason: "over-credit-limit", availableFen: 5_000 });
    expect(await prisma.order.count()).toBe(1);
    expect((await prisma.product.findUniqueOrThrow({ where: { sku: "RICE" } })).stock).toBe(990);
  }, 180_000);

  it("show a platform import checked by another process as in progress, and one silent for a minute as interrupted", async () => {
    const admin = await createBuyer("office");
    const batch = (progressAt: Date) => prisma.importBatch.create({ data: { channel: "JD", fileName: "jd.csv", createdByUserId: admin.id, rowCount: 1000, processedRows: 400, progressAt } });
    const elsewhere = await batch(new Date());
    const abandoned = await batch(new Date(Date.now() - 61_000));
    expect((await getBatch(elsewhere.id))?.running).toBe(true);
    expect((await getBatch(abandoned.id))?.running).toBe(false);
  });
});
