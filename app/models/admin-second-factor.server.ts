import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import QRCode from "qrcode";
import { recordAudit } from "~/models/audit.server";
import { accountKey, openSession, signInRules } from "~/models/user.server";
import { clearAttempts, giveBack, takeAttempts } from "~/utils/attempts.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashRecoveryCode, newRecoveryCode, normaliseRecoveryCode, openTotpSecret, sealTotpSecret } from "~/utils/second-factor-crypto.server";
import { getSession, sessionStorage } from "~/utils/session.server";

/**
 * Administrators' second factor (issue 10 §3, ADR 027): a TOTP authenticator (RFC 6238: SHA-1, six
 * digits, 30 seconds, what every authenticator app reads from a QR code) and ten one-time recovery
 * codes. The password step leaves only a short-lived mark in the cookie; the session that opens the
 * hall is created after the code.
 */
export const TOTP = { period: 30, digits: 6, algorithm: "SHA-1", charSet: "0123456789" } as const;
const ISSUER = "一汽扶贫馆";
const RECOVERY_CODE_COUNT = 10;
/** Time between the password and the code before the password must be typed again. */
const PENDING_MINUTES = 5;

export type SecondFactorStep = "verify" | "enrol";

/** ADMIN_TOTP_REQUIRED, or by default: in production. */
export function secondFactorRequired(): boolean {
  const env = getEnv();
  return env.ADMIN_TOTP_REQUIRED ? env.ADMIN_TOTP_REQUIRED === "true" : env.NODE_ENV === "production";
}

/** What a user whose password was right must still do: enrolled accounts always give a code. */
export function secondFactorStep(user: { role: string; totpEnabledAt: Date | null }): SecondFactorStep | null {
  if (user.totpEnabledAt) return "verify";
  return user.role === "ADMIN" && secondFactorRequired() ? "enrol" : null;
}

/** The cookie of someone whose password was right; they are not signed in (no session id). */
export async function markPasswordChecked(request: Request, userId: number) {
  const session = await getSession(request);
  session.unset("sessionId");
  session.set("secondFactor", { userId, until: Date.now() + PENDING_MINUTES * 60_000 });
  return sessionStorage().commitSession(session);
}

/** Who is between the password and the code, and what they must do; null when nobody or too late. */
export async function pendingSecondFactor(request: Request) {
  const mark = (await getSession(request)).get("secondFactor");
  if (!mark || mark.until < Date.now()) return null;
  const user = await prisma.user.findFirst({
    where: { id: mark.userId, leftAt: null },
    select: { id: true, username: true, role: true, totpEnabledAt: true },
  });
  const step = user ? secondFactorStep(user) : null;
  return user && step ? { userId: user.id, username: user.username, step } : null;
}

/** The code was right: the mark goes, the session is opened. Returns the Set-Cookie value. */
export async function completeSignIn(request: Request, userId: number) {
  const { sessionId, expiresAt } = await openSession(userId);
  const session = await getSession(request);
  session.unset("secondFactor");
  session.set("sessionId", sessionId);
  return { sessionId, cookie: await sessionStorage().commitSession(session, { expires: expiresAt }) };
}

/**
 * The secret being enrolled, its otpauth:// URI and the URI as a QR code (an SVG data URL made on the
 * server). A secret not yet confirmed is kept (sealed) so a reload shows the same QR code.
 */
export async function enrolment(userId: number) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, totpSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) return null;
  let secret = user.totpSecret ? openTotpSecret(userId, user.totpSecret) : null;
  if (!secret) {
    secret = (await generateTOTP(TOTP)).secret;
    await prisma.user.update({ where: { id: userId }, data: { totpSecret: sealTotpSecret(userId, secret) } });
  }
  const uri = getTOTPAuthUri({ ...TOTP, secret, accountName: user.username, issuer: ISSUER });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export type CodeResult =
  | { ok: true; recoveryCodes: string[] | null }
  | { ok: false; reason: "invalid" | "replayed" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/** Six digits from the authenticator, or a recovery code (12 hex digits, dashes optional). */
export function codeKind(code: string): "totp" | "recovery" | null {
  const trimmed = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(trimmed)) return "totp";
  return /^[0-9a-f]{12}$/.test(normaliseRecoveryCode(code)) ? "recovery" : null;
}

/**
 * Accepts an authenticator code once: the step it belongs to must be later than the last one accepted,
 * written with one conditional UPDATE, so the same code sent twice (even at once) opens one session.
 */
async function acceptTotp(userId: number, sealed: string, code: string): Promise<"ok" | "invalid" | "replayed"> {
  const match = await verifyTOTP({ ...TOTP, otp: code.replace(/\s/g, ""), secret: openTotpSecret(userId, sealed), window: 1 });
  if (!match) return "invalid";
  const step = Math.floor(Date.now() / 1000 / TOTP.period) + match.delta;
  const taken = await prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return taken.count === 1 ? "ok" : "replayed";
}

/** Spends a recovery code (one conditional UPDATE: each works once) and records it. */
async function spendRecoveryCode(userId: number, code: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const spent = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (spent.count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, { userId, action: "admin.recoveryCode.use", entityType: "User", entityId: userId, details: { left } });
    return true;
  });
}

/**
 * Every code (authenticator or recovery, at sign-in or enrolment) takes a place under the same
 * per-account and per-address limits as a password first (ADR 021); a right code gives its place back
 * and clears the account's failures.
 */
async function withAttempt(userId: number, ip: string, check: () => Promise<CodeResult>): Promise<CodeResult> {
  const key = accountKey(userId);
  const taken = await takeAttempts(signInRules(key, ip));
  if (!taken.ok) return { ok: false, reason: "rate-limited", retryAfterMinutes: taken.rule.windowMinutes };
  const result = await check();
  if (result.ok) {
    await giveBack(taken.ids);
    await clearAttempts(key);
  }
  return result;
}

/** The second step of an enrolled user's sign-in. */
export function checkSignInCode(userId: number, code: string, ip: string): Promise<CodeResult> {
  return withAttempt(userId, ip, async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
    const kind = codeKind(code);
    if (!user.totpEnabledAt || !user.totpSecret || !kind) return { ok: false, reason: "invalid" };
    if (kind === "recovery") return (await spendRecoveryCode(userId, code)) ? { ok: true, recoveryCodes: null } : { ok: false, reason: "invalid" };
    const accepted = await acceptTotp(userId, user.totpSecret, code);
    return accepted === "ok" ? { ok: true, recoveryCodes: null } : { ok: false, reason: accepted };
  });
}

/**
 * Confirms an enrolment with a first code from the app: the authenticator is on from now, and ten new
 * recovery codes are made. They are returned to be shown once; only their hashes are kept.
 */
export function confirmEnrolment(userId: number, code: string, ip: string): Promise<CodeResult> {
  return withAttempt(userId, ip, async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
    if (user.totpEnabledAt || !user.totpSecret || codeKind(code) !== "totp") return { ok: false, reason: "invalid" };
    const accepted = await acceptTotp(userId, user.totpSecret, code);
    if (accepted !== "ok") return { ok: false, reason: accepted };
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const enrolled = await prisma.$transaction(async (tx) => {
      const on = await tx.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpEnabledAt: new Date() } });
      if (on.count !== 1) return false;
      await tx.recoveryCode.deleteMany({ where: { userId } });
      await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
      await recordAudit(tx, { userId, action: "admin.secondFactor.enrol", entityType: "User", entityId: userId, details: { recoveryCodes: RECOVERY_CODE_COUNT } });
      return true;
    });
    return enrolled ? { ok: true, recoveryCodes } : { ok: false, reason: "invalid" };
  });
}

/** Status for the administrator's own page. */
export async function secondFactorStatus(userId: number) {
  const [user, recoveryCodesLeft] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enrolledAt: user.totpEnabledAt, recoveryCodesLeft };
}

/**
 * A lost authenticator: the secret and recovery codes go, the account's sessions end, and the next
 * sign-in asks to enrol again. actorId null = from the command line (create-admin).
 */
export async function resetSecondFactor(userId: number, actorId: number | null) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { userId: actorId, action: "admin.secondFactor.reset", entityType: "User", entityId: userId });
  });
}
