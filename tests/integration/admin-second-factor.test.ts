import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateTOTP } from "@epic-web/totp";
import { checkSignInCode } from "~/models/admin-second-factor.server";
import { signIn } from "~/models/user.server";
import { loader as adminLoader } from "~/routes/admin";
import { action as ownPageAction, loader as ownPageLoader } from "~/routes/admin.second-factor";
import { action as loginAction } from "~/routes/login";
import { action as secondFactorAction, loader as secondFactorLoader } from "~/routes/login_.second-factor";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { openTotpSecret } from "~/utils/second-factor-crypto.server";
import { cookieFor, createUserWithRole, enrolAdmin } from "../support/admin-fixtures";
import { cookiePair, post, refusal, request, thrown, unwrap } from "../support/routes";
import { DEMO_TOTP_SECRET } from "../support/totp";

const PASSWORD = "office-password-2026";
const STEP_MS = 30_000;
let clock = Date.UTC(2026, 11, 3, 9, 0, 5);

/** The code an authenticator shows at the (faked) time now. */
async function codeNow(secret: string = DEMO_TOTP_SECRET) {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;
}

function nextStep() {
  clock += STEP_MS;
  vi.setSystemTime(clock);
}

/** The password step through the login route: the cookie it sets and where it sends the browser. */
async function passwordStep(username: string, password = PASSWORD) {
  const response = await thrown(loginAction(args(post("/login", null, { username, password, redirectTo: "/admin" }))));
  return { location: response.headers.get("Location"), cookie: cookiePair(response.headers.get("Set-Cookie")) };
}

/** The second step's answer: the message at the code field (never the code typed back), or the recovery codes, or a redirect. */
async function sendCode(cookie: string, code: string, intent: "verify" | "enrol" = "verify") {
  try {
    const result = await secondFactorAction(args(post("/login/second-factor?redirectTo=%2Fadmin", cookie, { intent, code })));
    const { status, fieldErrors, values, body } = refusal<{ recoveryCodes: string[] | null }>(result);
    expect(values).not.toHaveProperty("code");
    return { status, error: fieldErrors.code?.[0] ?? null, recoveryCodes: body.recoveryCodes, headers: unwrap(result).headers };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, error: null, recoveryCodes: null, headers: error.headers };
  }
}

function args(req: Request) {
  return { request: req, params: {}, context: {} as Record<string, never> };
}

/** Whether a cookie opens the admin area: the admin layout's loader answers instead of redirecting. */
async function reachesAdmin(cookie: string) {
  try {
    await adminLoader(args(request("/admin", cookie)));
    return true;
  } catch (error) {
    if (error instanceof Response && error.status === 302) return false;
    throw error;
  }
}

async function enrolledAdmin(username: string) {
  const admin = await createUserWithRole(username, "ADMIN", PASSWORD);
  await enrolAdmin(admin.id);
  return admin;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  nextStep();
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.ADMIN_TOTP_REQUIRED;
  resetEnvCache();
});

describe("an enrolled administrator signs in with a password and then a code", () => {
  it("the password alone opens nothing; the code opens the admin area", async () => {
    await enrolledAdmin("office-a");
    const step1 = await passwordStep("office-a");
    expect(step1.location).toBe("/login/second-factor?redirectTo=%2Fadmin");
    expect(await prisma.session.count()).toBe(0);
    // Half signed in: no admin page, and the sign-in page still asks for the code.
    expect(await reachesAdmin(step1.cookie)).toBe(false);
    expect(await secondFactorLoader(args(request("/login/second-factor", step1.cookie)))).toMatchObject({ step: "verify" });

    const done = await sendCode(step1.cookie, await codeNow());
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/admin");
    expect(await reachesAdmin(cookiePair(done.headers.get("Set-Cookie")))).toBe(true);
  });

  it("without a password step there is nothing to give a code to", async () => {
    const response = await thrown(secondFactorLoader(args(request("/login/second-factor?redirectTo=%2Fadmin", null))));
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin");
  });

  it("a code cannot be used twice, even sent twice at once; the next step's code works", async () => {
    const admin = await enrolledAdmin("office-b");
    const code = await codeNow();
    const both = await Promise.all([checkSignInCode(admin.id, code, "10.0.0.1"), checkSignInCode(admin.id, code, "10.0.0.1")]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, reason: "replayed" });

    const again = await passwordStep("office-b");
    const replay = await sendCode(again.cookie, code);
    expect(replay.status).toBe(400);
    expect(replay.error).toBe("secondFactor:replayed");
    expect(await reachesAdmin(again.cookie)).toBe(false);

    nextStep();
    expect((await sendCode(again.cookie, await codeNow())).status).toBe(302);
  });

  it("wrong codes count toward the account's sign-in limit, a right password does not clear them, and then even the right code is refused", async () => {
    const admin = await enrolledAdmin("office-c");
    const first = await passwordStep("office-c");
    for (const code of ["000000", "111111", "222222"]) expect((await sendCode(first.cookie, code)).error).toBe("secondFactor:invalid");
    // Typing the right password again does not buy more guesses.
    const second = await passwordStep("office-c");
    for (const code of ["333333", "444444"]) expect((await sendCode(second.cookie, code)).error).toBe("secondFactor:invalid");
    const locked = await sendCode(second.cookie, await codeNow());
    expect(locked.status).toBe(429);
    expect(locked.error).toBe("secondFactor:rateLimited");
    expect(await signIn("office-c", PASSWORD, "10.0.0.2")).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(0);
  });

  it("an empty code or the other step's form is refused at the code field, counting no attempt", async () => {
    await enrolledAdmin("office-j");
    const step1 = await passwordStep("office-j");
    for (let i = 0; i < 5; i++) {
      const empty = await sendCode(step1.cookie, "  ");
      expect(empty).toMatchObject({ status: 400, error: "common:errors.required" });
    }
    const otherStep = await sendCode(step1.cookie, await codeNow(), "enrol");
    expect(otherStep).toMatchObject({ status: 400, error: "secondFactor:invalid" });
    expect(await reachesAdmin(step1.cookie)).toBe(false);
    nextStep();
    expect((await sendCode(step1.cookie, await codeNow())).status).toBe(302);
  });
});

describe("enrolment, required in production", () => {
  it("an administrator without an authenticator enrols right after the password: QR code, first code, ten recovery codes shown once", async () => {
    process.env.ADMIN_TOTP_REQUIRED = "true";
    resetEnvCache();
    const admin = await createUserWithRole("office-d", "ADMIN", PASSWORD);
    const step1 = await passwordStep("office-d");
    expect(await reachesAdmin(step1.cookie)).toBe(false);
    const page = (await secondFactorLoader(args(request("/login/second-factor", step1.cookie)))) as {
      step: string;
      enrolment: { secret: string; uri: string; qrCode: string };
    };
    expect(page.step).toBe("enrol");
    expect(page.enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(page.enrolment.uri).toContain(`secret=${page.enrolment.secret}`);
    // A reload shows the same key; the database holds it only sealed.
    const reload = (await secondFactorLoader(args(request("/login/second-factor", step1.cookie)))) as typeof page;
    expect(reload.enrolment.secret).toBe(page.enrolment.secret);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(stored.totpEnabledAt).toBeNull();
    expect(stored.totpSecret).not.toContain(page.enrolment.secret);

    expect((await sendCode(step1.cookie, "123456", "enrol")).error).toBe("secondFactor:invalid");
    const done = await sendCode(step1.cookie, await codeNow(page.enrolment.secret), "enrol");
    expect(done.status).toBe(200);
    const codes = done.recoveryCodes!;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await reachesAdmin(cookiePair(done.headers.get("Set-Cookie")))).toBe(true);
    const hashes = await prisma.recoveryCode.findMany({ where: { userId: admin.id }, select: { codeHash: true } });
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.codeHash)).not.toContain(codes[0]);
    expect(await prisma.auditLog.count({ where: { action: "admin.secondFactor.enrol", entityId: String(admin.id) } })).toBe(1);

    // Next time: the code from the same app, not the enrolment again.
    nextStep();
    const later = await passwordStep("office-d");
    expect((await sendCode(later.cookie, await codeNow(page.enrolment.secret))).status).toBe(302);
  });

  it("outside production (the default here) an administrator without an authenticator signs in with the password", async () => {
    await createUserWithRole("office-e", "ADMIN", PASSWORD);
    expect(await signIn("office-e", PASSWORD, "10.0.0.3")).toMatchObject({ ok: true });
  });

  it("a recovery code signs in once, and its use is audited", async () => {
    process.env.ADMIN_TOTP_REQUIRED = "true";
    resetEnvCache();
    const admin = await createUserWithRole("office-f", "ADMIN", PASSWORD);
    const step1 = await passwordStep("office-f");
    const { enrolment } = (await secondFactorLoader(args(request("/login/second-factor", step1.cookie)))) as { enrolment: { secret: string } };
    const codes = (await sendCode(step1.cookie, await codeNow(enrolment.secret), "enrol")).recoveryCodes!;

    const lostPhone = await passwordStep("office-f");
    const used = await sendCode(lostPhone.cookie, codes[3]!.toUpperCase().replace(/-/g, " "));
    expect(used.status).toBe(302);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "admin.recoveryCode.use", entityId: String(admin.id) } });
    expect(JSON.parse(audit.details)).toEqual({ left: 9 });

    const again = await passwordStep("office-f");
    expect((await sendCode(again.cookie, codes[3]!)).error).toBe("secondFactor:invalid");
    expect(await reachesAdmin(again.cookie)).toBe(false);
  });
});

it("a sealed secret copied onto another account does not open", async () => {
  const a = await enrolledAdmin("office-g");
  const b = await createUserWithRole("office-h", "ADMIN", PASSWORD);
  const { totpSecret } = await prisma.user.findUniqueOrThrow({ where: { id: a.id }, select: { totpSecret: true } });
  expect(openTotpSecret(a.id, totpSecret!)).toBe(DEMO_TOTP_SECRET);
  expect(() => openTotpSecret(b.id, totpSecret!)).toThrow(/cannot be opened/);
});

it("a signed-in administrator without an authenticator (setting off) enrols on their own page, which then shows the codes left", async () => {
  const admin = await createUserWithRole("office-i", "ADMIN", PASSWORD);
  const cookie = await cookieFor(admin);
  const page = (await ownPageLoader(args(request("/admin/second-factor", cookie)))) as { enrolledAt: Date | null; enrolment: { secret: string } };
  expect(page.enrolledAt).toBeNull();
  const wrong = refusal(await ownPageAction(args(post("/admin/second-factor", cookie, { intent: "enrol", code: "000000" }))));
  expect(wrong).toMatchObject({ status: 400, fieldErrors: { code: ["secondFactor:invalid"] }, values: { intent: "enrol" } });
  expect(wrong.values).not.toHaveProperty("code");
  const done = unwrap<{ recoveryCodes: string[] }>(await ownPageAction(args(post("/admin/second-factor", cookie, { code: await codeNow(page.enrolment.secret) }))));
  expect(done.body.recoveryCodes).toHaveLength(10);
  expect(await ownPageLoader(args(request("/admin/second-factor", cookie)))).toMatchObject({ recoveryCodesLeft: 10, enrolment: null });
  // From now on this administrator signs in with a code too.
  expect(await signIn("office-i", PASSWORD, "10.0.0.4")).toMatchObject({ ok: false, reason: "second-factor", step: "verify" });
});
