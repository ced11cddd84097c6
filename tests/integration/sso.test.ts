import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/models/user.server";
import { loader as loginLoader } from "~/routes/login";
import { loader as ssoStart } from "~/routes/auth.sso";
import { loader as ssoCallback } from "~/routes/auth.sso_.callback";
import { getOptionalUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { resetDatabase } from "../support/db";
import { startOidcProvider, TEST_CLIENT, type ProviderAccount, type RunningProvider } from "../support/oidc-provider";
import { request, thrown, unwrap } from "../support/routes";

// A real OpenID Connect provider on 127.0.0.1; the hall's routes run in this process as the server runs them.
const HALL = "http://localhost";
const accounts: ProviderAccount[] = [
  { login: "zhang", password: "pw-zhang", subject: "sub-zhang", employeeNo: "E10001", name: "张伟（公司）" },
  { login: "li", password: "pw-li", subject: "sub-li", employeeNo: "e10002", name: "李娜" },
  { login: "wang", password: "pw-wang", subject: "sub-wang", employeeNo: "E10003", name: "王强" },
  { login: "stranger", password: "pw-stranger", subject: "sub-stranger", employeeNo: "E77777", name: "路人" },
  { login: "nonumber", password: "pw-nonumber", subject: "sub-nonumber", name: "无工号" },
];
const account = (login: string) => accounts.find((a) => a.login === login)!;

let provider: RunningProvider;
const saved = { ...process.env };

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [`${HALL}/auth/sso/callback`], accounts });
  Object.assign(process.env, { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret });
  resetEnvCache();
});

afterAll(async () => {
  process.env = { ...saved };
  resetEnvCache();
  await provider.stop();
});

beforeEach(async () => {
  await resetDatabase();
  await prisma.rosterEntry.createMany({
    data: [
      { employeeNo: "E10001", name: "张伟", mobile: "13800010001", department: "采购部", status: "ACTIVE" },
      { employeeNo: "E10002", name: "李娜", mobile: "13800010002", department: "财务部", status: "ACTIVE" },
      { employeeNo: "E10003", name: "王强", mobile: "13800010003", department: "研发总院", status: "LEFT" },
    ],
  });
  browser = new Browser();
});

afterEach(() => {
  vi.useRealTimers();
});

/** One visitor's browser: cookies per host, redirects followed by hand, the hall's routes called in process. */
class Browser {
  private cookies = new Map<string, Map<string, string>>();

  private remember(url: URL, headers: Headers) {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    this.cookies.set(url.host, jar);
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join("="));
    }
  }

  cookieFor(url: URL) {
    return [...(this.cookies.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ") || null;
  }

  /** GET /auth/sso at the hall: the provider's authorization URL it redirects to. */
  async startAtHall(path = "/auth/sso") {
    const res = await thrown(ssoStart({ request: request(path, this.cookieFor(new URL(HALL))), params: {}, context: {} }));
    expect(res.status).toBe(302);
    this.remember(new URL(HALL), res.headers);
    return new URL(res.headers.get("Location")!);
  }

  /** Follows the provider's pages, signing in on its form when asked, until it sends the browser back to the hall. */
  async atProvider(start: URL, login: string): Promise<URL> {
    let url = start;
    let init: RequestInit = {};
    for (let hops = 0; hops < 10; hops++) {
      const headers = new Headers(init.headers);
      const cookie = this.cookieFor(url);
      if (cookie) headers.set("Cookie", cookie);
      const res = await fetch(url, { ...init, headers, redirect: "manual" });
      this.remember(url, res.headers);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get("Location")!, url);
        if (next.origin === HALL) return next;
        url = next;
        init = {};
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`provider page without a form (${res.status}): ${html}`);
      const who = account(login);
      url = new URL(action, url);
      init = { method: "POST", body: new URLSearchParams({ login: who.login, password: who.password }), headers: { "Content-Type": "application/x-www-form-urlencoded" } };
    }
    throw new Error("too many redirects at the provider");
  }

  /** The provider's answer delivered to the hall's callback: a redirect (signed in) or a page (refused). */
  async callback(url: URL) {
    const result = await ssoCallback({ request: request(url.pathname + url.search, this.cookieFor(new URL(HALL))), params: {}, context: {} }).catch((e: unknown) => {
      if (e instanceof Response) return e;
      throw e;
    });
    if (result instanceof Response) {
      this.remember(new URL(HALL), result.headers);
      return { status: result.status, location: result.headers.get("Location"), problem: null };
    }
    const { status, body, headers } = unwrap<{ problem: string }>(result);
    this.remember(new URL(HALL), headers);
    return { status, location: null, problem: body.problem };
  }

  async signIn(login: string, path = "/auth/sso") {
    return this.callback(await this.atProvider(await this.startAtHall(path), login));
  }

  /** Who the hall thinks is signed in. */
  hallUser() {
    return getOptionalUser(request("/", this.cookieFor(new URL(HALL))));
  }
}

let browser: Browser;

const audits = (action: string) => prisma.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("company sign-in through a real OpenID Connect provider", () => {
  it("shows the SSO button and sends the browser to the provider with state, nonce and an S256 PKCE challenge", async () => {
    expect(await loginLoader({ request: request("/login", null), params: {}, context: {} })).toEqual({ sso: true });
    const authorize = await browser.startAtHall();
    expect(authorize.origin).toBe(provider.issuer);
    const params = authorize.searchParams;
    expect(params.get("client_id")).toBe(TEST_CLIENT.id);
    expect(params.get("redirect_uri")).toBe(`${HALL}/auth/sso/callback`);
    expect(params.get("code_challenge_method")).toBe("S256");
    for (const name of ["state", "nonce", "code_challenge"]) expect(params.get(name)?.length).toBeGreaterThanOrEqual(32);
    // The verifier stays with the browser's signed cookie, never in the URL.
    expect(browser.cookieFor(new URL(HALL))).toMatch(/__hall_sso=/);
  });

  it("signs in a roster person: the account is made from the roster, then the same account is used again", async () => {
    const first = await browser.signIn("zhang", "/auth/sso?redirectTo=%2Forders");
    expect(first).toMatchObject({ status: 302, location: "/orders" });
    const user = await browser.hallUser();
    expect(user).toMatchObject({ username: "E10001", role: "EMPLOYEE", name: "张伟" });
    const made = await prisma.user.findUniqueOrThrow({ where: { employeeNo: "E10001" }, select: { mobile: true, passwordHash: true } });
    // Name and mobile from the roster, not from the provider; no password to guess.
    expect(made.mobile).toBe("13800010001");
    expect(made.passwordHash.startsWith("$scrypt$")).toBe(false);
    expect(await prisma.ssoIdentity.findMany({ select: { issuer: true, subject: true, userId: true } })).toEqual([
      { issuer: provider.issuer, subject: "sub-zhang", userId: user!.id },
    ]);

    // Another day, another browser: same person, same account, no second link.
    browser = new Browser();
    expect(await browser.signIn("zhang")).toMatchObject({ status: 302, location: "/" });
    expect((await browser.hallUser())?.id).toBe(user!.id);
    expect(await prisma.user.count()).toBe(1);
    expect(await audits("sso.link")).toHaveLength(1);
    expect(await audits("sso.signIn")).toHaveLength(2);
    expect(JSON.parse((await audits("sso.link"))[0]!.details)).toMatchObject({ subject: "sub-zhang", employeeNo: "E10001", accountCreated: true });
  });

  it("two first sign-ins of one person at once make one account and one link, and both are signed in", async () => {
    const other = new Browser();
    const [a, b] = await Promise.all([browser.atProvider(await browser.startAtHall(), "zhang"), other.atProvider(await other.startAtHall(), "zhang")]);
    const answers = await Promise.all([browser.callback(a), other.callback(b)]);
    expect(answers.map((x) => x.status)).toEqual([302, 302]);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.ssoIdentity.count()).toBe(1);
    expect((await browser.hallUser())?.id).toBe((await other.hallUser())?.id);
  });

  it("links a person who already registered with a password to that account, whatever the claim's case", async () => {
    const existing = await prisma.user.create({
      data: { username: "E10002", employeeNo: "E10002", name: "李娜", mobile: "13800010002", role: "EMPLOYEE", passwordHash: await hashPassword("their-own-password") },
    });
    expect(await browser.signIn("li")).toMatchObject({ status: 302 });
    expect((await browser.hallUser())?.id).toBe(existing.id);
    expect(await prisma.user.count()).toBe(1);
    expect(JSON.parse((await audits("sso.link"))[0]!.details)).toMatchObject({ employeeNo: "E10002", accountCreated: false });
  });

  it("refuses someone the roster does not know, with a reason and no account or session", async () => {
    expect(await browser.signIn("stranger")).toMatchObject({ status: 403, problem: "unknown" });
    expect(await browser.hallUser()).toBeNull();
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.session.count()).toBe(0);
    expect(JSON.parse((await audits("sso.refused"))[0]!.details)).toMatchObject({ reason: "unknown", employeeNo: "E77777" });
  });

  it("refuses a person marked 离职, even one who has an account, and an identity without a 工号", async () => {
    await prisma.user.create({ data: { username: "E10003", employeeNo: "E10003", name: "王强", role: "EMPLOYEE", passwordHash: "x", leftAt: new Date() } });
    expect(await browser.signIn("wang")).toMatchObject({ status: 403, problem: "left" });
    // A new browser: the first still holds its provider session, which would sign "wang" in again.
    browser = new Browser();
    expect(await browser.signIn("nonumber")).toMatchObject({ status: 400, problem: "no-employee-no" });
    expect(await prisma.session.count()).toBe(0);
    expect(await prisma.ssoIdentity.count()).toBe(0);
  });

  it("a person who leaves after linking is refused at their next company sign-in", async () => {
    expect(await browser.signIn("zhang")).toMatchObject({ status: 302 });
    await prisma.rosterEntry.update({ where: { employeeNo: "E10001" }, data: { status: "LEFT" } });
    browser = new Browser();
    expect(await browser.signIn("zhang")).toMatchObject({ status: 403, problem: "left" });
    expect(await browser.hallUser()).toBeNull();
  });

  it("never signs in an administrator's account through the provider", async () => {
    await prisma.user.create({ data: { username: "E10001", employeeNo: "E10001", name: "张伟", role: "ADMIN", passwordHash: "x" } });
    expect(await browser.signIn("zhang")).toMatchObject({ status: 403, problem: "conflict" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("refuses a linked identity the provider now says is another 工号", async () => {
    expect(await browser.signIn("zhang")).toMatchObject({ status: 302 });
    account("zhang").employeeNo = "E10002";
    try {
      browser = new Browser();
      expect(await browser.signIn("zhang")).toMatchObject({ status: 403, problem: "mismatch" });
      expect(await prisma.user.count({ where: { employeeNo: "E10002" } })).toBe(0);
    } finally {
      account("zhang").employeeNo = "E10001";
    }
  });

  it("refuses an answer whose state is not the one this browser was sent with", async () => {
    const authorize = await browser.startAtHall();
    authorize.searchParams.set("state", "state-chosen-by-someone-else-0123456789");
    const back = await browser.atProvider(authorize, "zhang");
    expect(await browser.callback(back)).toMatchObject({ status: 400, problem: "failed" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("refuses another browser's answer: the code arrives without that sign-in's cookie", async () => {
    const victim = new Browser();
    const back = await browser.atProvider(await browser.startAtHall(), "zhang");
    await victim.startAtHall();
    expect(await victim.callback(back)).toMatchObject({ status: 400, problem: "failed" });
    expect(await new Browser().callback(back)).toMatchObject({ status: 400, problem: "expired" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("refuses an ID token whose nonce is not this sign-in's", async () => {
    const authorize = await browser.startAtHall();
    authorize.searchParams.set("nonce", "nonce-chosen-by-someone-else-0123456789");
    const back = await browser.atProvider(authorize, "zhang");
    expect(await browser.callback(back)).toMatchObject({ status: 400, problem: "failed" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("refuses a replayed authorization code, even with the cookie it first came with", async () => {
    const authorize = await browser.startAtHall();
    const flowCookie = browser.cookieFor(new URL(HALL))!;
    const back = await browser.atProvider(authorize, "zhang");
    expect(await browser.callback(back)).toMatchObject({ status: 302 });
    expect(browser.cookieFor(new URL(HALL))).not.toMatch(/__hall_sso=/);

    const replay = await ssoCallback({ request: request(back.pathname + back.search, flowCookie), params: {}, context: {} });
    expect(unwrap<{ problem: string }>(replay)).toMatchObject({ status: 400, body: { problem: "failed" } });
    expect(await prisma.session.count()).toBe(1);
  });

  it("refuses an authorization code that has expired at the provider", async () => {
    const back = await browser.atProvider(await browser.startAtHall(), "zhang");
    // The provider keeps codes for 60 seconds; two minutes later it refuses this one.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 120_000 });
    expect(await browser.callback(back)).toMatchObject({ status: 400, problem: "failed" });
    expect(await prisma.session.count()).toBe(0);
  });

  it("keeps the redirect on the hall", async () => {
    expect(await browser.signIn("zhang", `/auth/sso?redirectTo=${encodeURIComponent("/%09/evil.example")}`)).toMatchObject({ location: "/%09/evil.example" });
    const again = new Browser();
    expect(await again.signIn("zhang", `/auth/sso?redirectTo=${encodeURIComponent("https://evil.example/")}`)).toMatchObject({ location: "/" });
  });
});

describe("a provider that cannot be reached", () => {
  it("answers 503 with a page saying so, and sets no cookie", async () => {
    const closed = await startOidcProvider({ redirectUris: [`${HALL}/auth/sso/callback`], accounts });
    await closed.stop();
    process.env.OIDC_ISSUER = closed.issuer;
    resetEnvCache();
    try {
      const answer = unwrap<{ problem: string }>(await ssoStart({ request: request("/auth/sso", null), params: {}, context: {} }));
      expect(answer).toMatchObject({ status: 503, body: { problem: "unavailable" } });
      expect(answer.headers.get("Set-Cookie")).toBeNull();
    } finally {
      process.env.OIDC_ISSUER = provider.issuer;
      resetEnvCache();
    }
  });
});

describe("an installation without company sign-in", () => {
  beforeAll(() => {
    for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[name];
    resetEnvCache();
  });

  it("shows no SSO button and has no SSO routes", async () => {
    expect(await loginLoader({ request: request("/login", null), params: {}, context: {} })).toEqual({ sso: false });
    expect((await thrown(ssoStart({ request: request("/auth/sso", null), params: {}, context: {} }))).status).toBe(404);
    expect(unwrap(await ssoCallback({ request: request("/auth/sso/callback?code=x&state=y", null), params: {}, context: {} }))).toMatchObject({
      status: 400,
      body: { problem: "expired" },
    });
  });
});
