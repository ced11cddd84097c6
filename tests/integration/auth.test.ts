import bcrypt from "bcryptjs";
import { beforeEach, describe, expect, it } from "vitest";
import { createUser, getUserBySession, hashPassword, signIn, signOut } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { commitSignIn, requireAdmin, requireUser, safeRedirect } from "~/utils/auth.server";
import { action as loginAction } from "~/routes/login";
import { resetDatabase } from "../support/db";
import { refusal } from "../support/routes";

beforeEach(resetDatabase);

async function admin(username = "office") {
  return createUser({ username, name: "扶贫办", role: "ADMIN", password: "correct-horse-battery" });
}

function loginRequest(fields: Record<string, string>, ip = "10.0.0.1") {
  return new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "x-hall-client-ip": ip },
  });
}

describe("signing in", () => {
  it("stores only a salted scrypt hash of the password, N = 2^15", async () => {
    await admin();
    await admin("twin");
    const [a, b] = await prisma.user.findMany({ orderBy: { id: "asc" }, select: { passwordHash: true } });
    expect(a!.passwordHash).not.toContain("correct-horse");
    expect(a!.passwordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a!.passwordHash).not.toBe(b!.passwordHash);
  });

  it("opens a session for the right password and refuses a wrong one", async () => {
    await admin();
    const ok = await signIn("office", "correct-horse-battery", "1.1.1.1");
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(await getUserBySession(ok.sessionId)).toMatchObject({ username: "office", role: "ADMIN" });
    expect(await signIn("office", "wrong", "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("nobody", "wrong", "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after five failures, even with the right password, and says for how long", async () => {
    await admin();
    for (let i = 0; i < 5; i++) await signIn("office", "guess" + i, `2.2.2.${i}`);
    expect(await signIn("office", "correct-horse-battery", "2.2.2.99")).toEqual({
      ok: false,
      reason: "rate-limited",
      retryAfterMinutes: 15,
    });
  });

  it("limits one address guessing across many accounts", async () => {
    for (let i = 0; i < 20; i++) await signIn(`user${i}`, "guess", "3.3.3.3");
    await admin("other");
    expect((await signIn("other", "correct-horse-battery", "3.3.3.3")).ok).toBe(false);
    expect((await signIn("other", "correct-horse-battery", "4.4.4.4")).ok).toBe(true);
  });

  it("answers a bad form with a 400 and the field named, and a lock-out with a 429", async () => {
    const empty = refusal(await loginAction({ request: loginRequest({ username: "", password: "" }), params: {}, context: {} }));
    expect(empty.status).toBe(400);
    expect(empty.fieldErrors.username).toEqual(["common:errors.required"]);

    await admin();
    for (let i = 0; i < 5; i++) await loginAction({ request: loginRequest({ username: "office", password: "x" }), params: {}, context: {} });
    const locked = refusal<{ minutes: number }>(
      await loginAction({ request: loginRequest({ username: "office", password: "correct-horse-battery" }), params: {}, context: {} }),
    );
    expect(locked.status).toBe(429);
    expect(locked.formError).toBe("common:login.rateLimited");
    expect(locked.body.minutes).toBe(15);
    // The username comes back into the form; the password never does.
    expect(locked.values).toEqual({ username: "office" });
  });

  it("signs in through the form with an HttpOnly, SameSite=Lax cookie and goes back where the user was", async () => {
    await admin();
    const response = await loginAction({
      request: loginRequest({ username: "office", password: "correct-horse-battery", redirectTo: "/admin/products" }),
      params: {},
      context: {},
    }).catch((thrown: unknown) => thrown as Response);
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/products");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const user = await requireAdmin(new Request("http://localhost/admin", { headers: { Cookie: cookie.split(";")[0]! } }));
    expect(user.username).toBe("office");
  });

  it("signing out ends the session on the server, not only in the browser", async () => {
    await admin();
    const ok = await signIn("office", "correct-horse-battery", "5.5.5.5");
    if (!ok.ok) throw new Error("sign-in failed");
    await signOut(ok.sessionId);
    expect(await getUserBySession(ok.sessionId)).toBeNull();
  });

  it("an expired session is not a session", async () => {
    const user = await admin();
    await prisma.session.create({ data: { id: "old", userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUserBySession("old")).toBeNull();
  });
});

describe("employees and administrators side by side", () => {
  async function employee() {
    return prisma.user.create({
      data: {
        username: "E10001",
        employeeNo: "E10001",
        mobile: "13800010001",
        name: "张伟",
        role: "EMPLOYEE",
        passwordHash: await hashPassword("correct-horse-battery"),
      },
    });
  }

  async function cookieOf(identifier: string) {
    const result = await signIn(identifier, "correct-horse-battery", "6.6.6.6");
    if (!result.ok) throw new Error(`sign-in as ${identifier} failed`);
    return (await commitSignIn(new Request("http://localhost/"), result.sessionId, result.expiresAt)).split(";")[0]!;
  }

  it("an employee signs in by 工号 or mobile; an administrator still by username", async () => {
    await employee();
    await admin();
    for (const identifier of ["E10001", "13800010001"]) {
      const user = await requireUser(new Request("http://localhost/account", { headers: { Cookie: await cookieOf(identifier) } }));
      expect(user, identifier).toMatchObject({ username: "E10001", role: "EMPLOYEE" });
    }
    const office = await requireUser(new Request("http://localhost/account", { headers: { Cookie: await cookieOf("office") } }));
    expect(office).toMatchObject({ username: "office", role: "ADMIN" });
  });

  it("requireUser lets any signed-in user in; requireAdmin still refuses an employee with 403", async () => {
    await employee();
    const cookie = await cookieOf("13800010001");
    const anonymous = await requireUser(new Request("http://localhost/account/addresses?x=1")).catch((r: unknown) => r as Response);
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Faddresses%3Fx%3D1");
    const forbidden = await requireAdmin(new Request("http://localhost/admin", { headers: { Cookie: cookie } })).catch((r: unknown) => r as Response);
    expect((forbidden as Response).status).toBe(403);
  });
});

describe("safeRedirect", () => {
  it("only follows paths on this site", () => {
    expect(safeRedirect("/products?q=1")).toBe("/products?q=1");
    expect(safeRedirect("https://evil.example/")).toBe("/");
    expect(safeRedirect("//evil.example/")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect(null, "/admin")).toBe("/admin");
  });
});

describe("sign-in under a burst", () => {
  it("40 parallel wrong passwords for one account get five password checks; a right one inside the burst is refused", async () => {
    await admin();
    const burst = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => signIn("office", `guess-${i}`, `7.7.${i}.1`)),
      signIn("office", "correct-horse-battery", "7.7.99.1"),
    ]);
    // "invalid" is only ever answered after a password check; "rate-limited" before any.
    expect(burst.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(burst.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(36);
    expect(burst.at(-1)).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("one address's parallel guesses across accounts stop at its limit too", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`user${i}`, "guess", "8.8.8.8")));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(20);
  });

  it("a successful sign-in does not use up the address's allowance", async () => {
    await admin();
    // One more than the address limit (4 × 5).
    for (let i = 0; i < 21; i++) expect((await signIn("office", "correct-horse-battery", "9.9.9.9")).ok).toBe(true);
  });

  it("an old bcrypt hash still signs in and is replaced by a scrypt hash", async () => {
    const user = await prisma.user.create({ data: { username: "legacy", name: "老账号", role: "ADMIN", passwordHash: await bcrypt.hash("correct-horse-battery", 4) } });
    expect((await signIn("legacy", "wrong-password", "1.2.3.4")).ok).toBe(false);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$2/);
    expect((await signIn("legacy", "correct-horse-battery", "1.2.3.4")).ok).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$scrypt\$ln=15,/);
    expect((await signIn("legacy", "correct-horse-battery", "1.2.3.4")).ok).toBe(true);
  });
});

describe("where a sign-in sends the browser", () => {
  it("keeps only paths on this site, parsed as a browser parses them", () => {
    expect(safeRedirect("/admin/products?q=米#top")).toBe("/admin/products?q=%E7%B1%B3#top");
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example");
    for (const hostile of ["//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "\\/evil.example", "/\\/evil.example", "/.//evil.example", "https://evil.example", " /x", "javascript:alert(1)"]) {
      expect(safeRedirect(hostile), JSON.stringify(hostile)).toBe("/");
    }
  });

  it("a newline in redirectTo is no 500: the sign-in lands on a safe path and opens one session", async () => {
    await admin();
    for (const [redirectTo, location] of <[string, string][]>[
      ["/admin\r\nSet-Cookie: x=1", "/adminSet-Cookie:%20x=1"],
      ["/\n/evil.example", "/"],
      ["/%09/evil.example", "/%09/evil.example"],
    ]) {
      const response = (await loginAction({ request: loginRequest({ username: "office", password: "correct-horse-battery", redirectTo }), params: {}, context: {} }).catch(
        (thrown: unknown) => thrown,
      )) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(location);
    }
    expect(await prisma.session.count()).toBe(3);
  });
});
