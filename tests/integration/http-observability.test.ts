import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReferenceData, createUserWithRole, enrolAdmin } from "../support/admin-fixtures";
import { makeProduct } from "../support/buying";
import { startServer, TEST_METRICS_TOKEN, TEST_SESSION_SECRET, type RunningServer } from "../support/server";
import { DEMO_TOTP_SECRET, signInOverHttp } from "../support/totp";

let server: RunningServer;
const employee = { username: "obs-employee", password: "obs-employee-password-1" };
const admin = { username: "obs-admin", password: "obs-admin-password-12" };
let employeeId: number;
let productSlug: string;

/** Signs in through the real login form and returns the Cookie header the browser would send. */
/** The employee with a password; the administrator (enrolled in beforeAll) with a code too, as production asks. */
function signIn(user: { username: string; password: string }) {
  return signInOverHttp(server.url, user.username, user.password);
}

function logLines() {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  const ref = await createReferenceData();
  productSlug = (await makeProduct(ref)).slug;
  employeeId = (await createUserWithRole(employee.username, "EMPLOYEE", employee.password)).id;
  const { id: adminId } = await createUserWithRole(admin.username, "ADMIN", admin.password);
  await enrolAdmin(adminId, DEMO_TOTP_SECRET, TEST_SESSION_SECRET);
  server = await startServer();
});
afterAll(() => server?.stop());

describe("health", () => {
  it("/healthz says the process is alive", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz checks the database, the migrations and the background jobs, reports the backup age, and fails while the database cannot take a write", async () => {
    // Not ready until the background jobs have started, a moment after the server listens: ask as a load balancer would.
    let response = await fetch(`${server.url}/readyz`);
    for (let tries = 0; response.status !== 200 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      response = await fetch(`${server.url}/readyz`);
    }
    let body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: unknown }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(Object.keys(body.checks)).toEqual(["database", "migrations", "jobs", "backup"]);
    // No backup taken yet: reported (for the operator's alarm), without taking the process out of service.
    expect(body.checks.backup).toEqual({ ok: true, detail: { kind: "none", lastBackupAt: null, ageSeconds: null, stale: true } });
    const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    expect(body.checks.migrations!.detail).toEqual({ applied: migrations, pending: 0 });
    expect((body.checks.jobs!.detail as { name: string; ok: boolean }[]).map((j) => [j.name, j.ok])).toEqual(
      expect.arrayContaining([
        ["reservation-sweeper", true],
        ["wal-checkpoints", true],
      ]),
    );

    // Another connection holds the write lock: the hall cannot write, so it is not ready.
    const blocker = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    blocker.exec("BEGIN IMMEDIATE");
    try {
      response = await fetch(`${server.url}/readyz`);
      body = (await response.json()) as typeof body;
      expect(response.status).toBe(503);
      expect(body.checks.database!.ok).toBe(false);
    } finally {
      blocker.exec("ROLLBACK");
      blocker.close();
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe("request ids and logs", () => {
  it("returns an id with every answer, keeps a proxy's id, and shows it on the error page", async () => {
    const [a, b] = await Promise.all([fetch(`${server.url}/`), fetch(`${server.url}/`)]);
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    const fromProxy = await fetch(`${server.url}/healthz`, { headers: { "X-Request-Id": "proxy-abc-12345" } });
    expect(fromProxy.headers.get("x-request-id")).toBe("proxy-abc-12345");

    const missing = await fetch(`${server.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`请求编号：${missing.headers.get("x-request-id")}`);
  });

  it("writes one JSON line per request with route, status, duration and user — never the password or the cookie", async () => {
    const cookie = await signIn(employee);
    const response = await fetch(`${server.url}/products/${productSlug}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id");
    await new Promise((r) => setTimeout(r, 100));
    const lines = logLines().filter((l) => l.reqId === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { method: "GET", path: `/products/${productSlug}` }, route: "/products/:slug", res: { status: 200 }, userId: employeeId });
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(server.output()).not.toContain(employee.password);
    expect(server.output()).not.toContain(cookie.split("=")[1]!.slice(0, 20));
  });
});

describe("/metrics", () => {
  it("needs the bearer token", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);
  });

  it("counts requests per route pattern (never the raw URL) and reports the database, sweeps and domain counters", async () => {
    await fetch(`${server.url}/products/${productSlug}`);
    const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/hall_http_request_duration_seconds_count\{route="\/products\/:slug",method="GET",status="2xx"\} [1-9]/);
    expect(text).not.toContain(productSlug);
    expect(text).toMatch(/hall_database_bytes [1-9]\d*/);
    expect(text).toMatch(/hall_database_wal_bytes \d+/);
    expect(text).toMatch(/hall_reservation_sweeps_total\{result="ok"\} [1-9]/);
    expect(text).toContain("# TYPE hall_orders_placed_total counter");
    expect(text).toContain("# TYPE hall_backup_age_seconds gauge");
  });

  it("does not exist when no METRICS_TOKEN is set", async () => {
    const bare = await startServer({ METRICS_TOKEN: "" });
    try {
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});

// Flat route file names to URLs, with a value for each parameter.
function urlOf(routeFile: string) {
  const params: Record<string, string> = { $id: "1", $slug: "zhenlai", $number: "FP-20261126-000001", $ref: "x" };
  const segments = routeFile
    .replace(/\.tsx$/, "")
    .split(/(?<!\[)\.(?!\])/)
    .map((s) => s.replace("[.]", "."))
    .filter((s) => s !== "_index")
    .map((s) => params[s.replace(/_$/, "")] ?? s.replace(/_$/, ""));
  return `/${segments.join("/")}`;
}

describe("caching of pages", () => {
  it("every page of the hall, signed in or not, is private and never stored unless the route says otherwise", async () => {
    const routes = readdirSync("app/routes").filter((f) => f.endsWith(".tsx"));
    // Public by decision: the relief-progress figures (aggregates, no personal data).
    const declaredPublic = new Set(["/api/progress"]);
    const cookies = [null, await signIn(employee), await signIn(admin)];
    let checked = 0;
    for (const cookie of cookies) {
      for (const file of routes) {
        const url = urlOf(file);
        if (declaredPublic.has(url)) continue;
        for (const path of [url, `${url === "/" ? "/_root" : url}.data`]) {
          const response = await fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
          await response.arrayBuffer();
          expect(response.headers.get("cache-control"), `${path} ${cookie ? "signed in" : "anonymous"} → ${response.status}`).toMatch(/no-store/);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(6 * routes.length - 10);
  });
});
