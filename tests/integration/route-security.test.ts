import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadDemoCatalogue } from "../../prisma/demo/load";
import { DEMO_EMPLOYEE_PASSWORD } from "../../prisma/demo/people";
import { loadDemoGiftBoxes } from "../../scripts/seed-gifts";
import { cookieFor, createUserWithRole } from "../support/admin-fixtures";
import { request } from "../support/routes";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };

// Every route of the hall, found on disk: a new route is covered without editing this file.
const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const routes = Object.entries(modules).map(([file, mod]) => ({ name: file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, ""), mod }));
const adminRoutes = routes.filter((r) => r.name === "admin" || r.name.startsWith("admin."));

// Plausible values for every dynamic segment, so handlers get past their own param checks.
const params = { id: "1", slug: "zhenlai", number: "FP-20261126-000001", ref: "x" };

let adminCookie: string;
let employeeCookie: string;
// The demo canteen's organisation admin (prisma/demo/organisations.ts): organisation pages act for members.
let orgAdminCookie: string;

beforeAll(async () => {
  await loadDemoCatalogue(prisma, { admin: false, passwordCost: 10 });
  // Gift box 1 exists, so /admin/gift-boxes/$id handlers get past their 404.
  await loadDemoGiftBoxes(prisma);
  await createUserWithRole("route-admin", "ADMIN", "route-admin-password");
  await createUserWithRole("route-employee", "EMPLOYEE", "route-employee-password");
  adminCookie = await cookieFor({ username: "route-admin", password: "route-admin-password" });
  employeeCookie = await cookieFor({ username: "route-employee", password: "route-employee-password" });
  orgAdminCookie = await cookieFor({ username: "D20003", password: DEMO_EMPLOYEE_PASSWORD });
});

/** Runs a loader or action and reports its status however it answers (returned, thrown, or sync throw). */
async function outcome(run: () => Promise<unknown> | undefined) {
  try {
    const value = await run();
    return value instanceof Response ? value : { status: (value as { init?: { status?: number } })?.init?.status ?? 200 };
  } catch (error) {
    if (error instanceof Response) return error;
    return { status: 500, error };
  }
}

/** Everything a request could change: row counts of every table and the sums that hold stock and money. */
async function fingerprint() {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'product_search%' AND name NOT IN ('LoginAttempt', 'Session')`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    counts[name] = Number(row?.n ?? 0);
  }
  const [sums] = await prisma.$queryRawUnsafe<Record<string, bigint | number | null>[]>(
    `SELECT (SELECT SUM("stock") FROM "Product") AS stock, (SELECT SUM("priceFen") FROM "Product") AS prices,
            (SELECT COUNT(*) FROM "Product" WHERE "status" = 'ACTIVE') AS active, (SELECT COUNT(*) FROM "Supplier" WHERE "status" = 'ADMITTED') AS admitted,
            (SELECT SUM(length("storyZh")) FROM "County") AS stories`,
  );
  return { counts, sums: JSON.stringify(sums, (_k, v) => (typeof v === "bigint" ? Number(v) : v)) };
}

describe("every administrative route", () => {
  it("is found on disk", () => {
    expect(adminRoutes.map((r) => r.name)).toEqual(expect.arrayContaining(["admin", "admin._index", "admin.products.$id", "admin.orders._index", "admin.employees"]));
  });

  for (const method of ["loader", "action"] as const) {
    it(`${method}s send anonymous visitors to sign in and refuse employees`, async () => {
      for (const { name, mod } of adminRoutes) {
        const handler = mod[method];
        if (!handler) continue;
        const init = method === "action" ? { method: "POST", body: new URLSearchParams({ intent: "update" }) } : {};
        const anonymous = await outcome(() => handler({ request: request(`/${name}`, null, init), params, context: {} }));
        expect(anonymous.status, `${name} ${method} anonymous`).toBe(302);
        expect((anonymous as Response).headers?.get("Location"), name).toMatch(/^\/login\?redirectTo=/);
        const employee = await outcome(() => handler({ request: request(`/${name}`, employeeCookie, init), params, context: {} }));
        expect(employee.status, `${name} ${method} employee`).toBe(403);
      }
    });
  }
});

describe("reading a page", () => {
  it("never changes anything, whoever asks and whatever the query string says", async () => {
    const before = await fingerprint();
    const hostileQuery = "?intent=delete&id=1&quantity=-5&productId=1&status=ARCHIVED&amount=999999&confirm=cancel&org=1&blank=99999";
    for (const cookie of [null, employeeCookie, adminCookie, orgAdminCookie]) {
      for (const { name, mod } of routes) {
        if (!mod.loader) continue;
        const result = await outcome(() => mod.loader!({ request: request(`/${name}${hostileQuery}`, cookie), params, context: {} }));
        expect(result.status, `${name} loader`).toBeLessThan(500);
      }
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("hostile form input", () => {
  const hostile: Record<string, string>[] = [
    { quantity: "-5", productId: "1" },
    { quantity: "99999999999999999999", productId: "1" },
    { quantity: "1.5", productId: "abc" },
    { productId: "999999", quantity: "1" },
    { name: "<script>alert(1)</script>".repeat(500), nameZh: "x".repeat(10_000), reason: "x".repeat(10_000), note: "x".repeat(10_000) },
    { price: "-1", delta: "-999999999", amount: "-100", amountYuan: "1e9" },
    { org: "1", number: "FP-20261126-000001", listId: "-1", "sku.0": "x".repeat(500), "quantity.0": "-1", "received.1": "-3", "stars.1": "9" },
  ];
  const intents = ["add", "set-quantity", "remove", "update", "adjustStock", "archive", "refund", "ship", "cancel", "create", "status", "pay", "fail"];

  it("is refused with a clear answer and moves no stock or money, on every form", async () => {
    // Some intents need no input (archive, restore) and may succeed; what hostile values must never
    // do is move stock or money or create orders, carts, refunds or ledger entries.
    const guarded = async () => {
      const { counts, sums } = await fingerprint();
      const { stock, prices } = JSON.parse(sums) as { stock: number; prices: number };
      const { Order, OrderLine, Refund, LedgerEntry, Cart, CartLine, Address, User, Product, Payment } = counts;
      return { stock, prices, Order, OrderLine, Refund, LedgerEntry, Cart, CartLine, Address, User, Product, Payment };
    };
    const before = await guarded();
    for (const cookie of [employeeCookie, adminCookie, orgAdminCookie]) {
      for (const { name, mod } of routes) {
        if (!mod.action || name === "logout" || name === "login" || name === "register") continue;
        for (const intent of intents) {
          for (const fields of hostile) {
            const result = await outcome(() =>
              mod.action!({ request: request(`/${name}`, cookie, { method: "POST", body: new URLSearchParams({ intent, ...fields }) }), params, context: {} }),
            );
            expect(result.status, `${name} ${intent} ${JSON.stringify(fields).slice(0, 60)}: ${String((result as { error?: unknown }).error ?? "")}`).toBeLessThan(500);
          }
        }
      }
    }
    expect(await guarded()).toEqual(before);
  }, 120_000);
});
