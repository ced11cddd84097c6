import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { takeAttempts, type AttemptRule } from "~/utils/attempts.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword } from "~/utils/password.server";
import { smsProvider } from "~/utils/sms.server";
import type { FieldErrors, RegisterInput, RequestCodeInput } from "./account-schema";
import { sqliteDateTime } from "./ledger.server";
import { uniqueViolation } from "./product.server";
import { rosterEntry } from "./roster.server";

/**
 * Registration for people on the roster only (ADR 021): 工号 + name must match the roster, and the
 * person proves it with a one-time code sent to the roster's mobile (6 digits, 10 minutes, 5 tries,
 * then a new code). What the requester is told never depends on whether the 工号 exists, matches or
 * is registered, so the form cannot be used to learn who works here or who has an account.
 */

export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;
const RESEND_SECONDS = 60;

function codeHash(employeeNo: string, code: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`registration:${employeeNo}:${code}`).digest("hex");
}

function codeRules(employeeNo: string, ip: string): AttemptRule[] {
  const env = getEnv();
  return [
    { key: `code-ip:${ip}`, limit: env.REGISTER_CODES_PER_ADDRESS, windowMinutes: 60 },
    { key: `code-resend:${employeeNo}`, limit: 1, windowMinutes: RESEND_SECONDS / 60 },
    { key: `code-person:${employeeNo}`, limit: env.REGISTER_CODES_PER_PERSON, windowMinutes: 60 },
  ];
}

export type CodeRequestResult = { ok: true } | { ok: false; reason: "rate-limited"; minutes: number };

/**
 * Sends a code to the roster mobile of an 在职 person whose name matches and who has no account yet
 * (one who has gets a message saying so instead). Any earlier code of theirs stops working. Limited
 * per address and per 工号 (whatever the 工号), before anything is looked up.
 */
export async function requestRegistrationCode(input: RequestCodeInput, ip: string): Promise<CodeRequestResult> {
  const taken = await takeAttempts(codeRules(input.employeeNo, ip));
  if (!taken.ok) return { ok: false, reason: "rate-limited", minutes: Math.max(1, Math.ceil(taken.rule.windowMinutes)) };
  const person = await rosterEntry(input.employeeNo);
  if (!person || person.status !== "ACTIVE" || person.name !== input.name) return { ok: true };
  const registered = await prisma.user.findFirst({ where: { OR: [{ employeeNo: person.employeeNo }, { username: person.employeeNo }] }, select: { id: true } });
  if (registered) {
    await smsProvider().send(person.mobile, `【一汽扶贫馆】工号 ${person.employeeNo} 已注册，请直接登录；如非本人操作请忽略。`);
    return { ok: true };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = new Date();
  await prisma.$transaction([
    prisma.verificationCode.updateMany({ where: { employeeNo: person.employeeNo, usedAt: null }, data: { usedAt: now } }),
    prisma.verificationCode.create({
      data: { employeeNo: person.employeeNo, codeHash: codeHash(person.employeeNo, code), createdAt: now, expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000) },
    }),
  ]);
  await smsProvider().send(person.mobile, `【一汽扶贫馆】注册验证码 ${code}，${CODE_MINUTES} 分钟内有效。请勿告诉他人。`);
  return { ok: true };
}

export type RegisterResult = { ok: true; userId: number } | { ok: false; fieldErrors: FieldErrors } | { ok: false; reason: "rate-limited" };

const codeError = (key: string): RegisterResult => ({ ok: false, fieldErrors: { code: [`account:errors.${key}`] } });

/**
 * Creates the account of the roster person the code was sent to, with the roster's name and mobile.
 * A try is counted (atomically) before the code is compared, so parallel guesses get five in all.
 */
export async function registerWithCode(input: RegisterInput, ip: string): Promise<RegisterResult> {
  const taken = await takeAttempts([{ key: `register-ip:${ip}`, limit: getEnv().REGISTER_CODES_PER_ADDRESS * CODE_TRIES, windowMinutes: 60 }]);
  if (!taken.ok) return { ok: false, reason: "rate-limited" };
  const now = sqliteDateTime(new Date());
  const [attempt] = await prisma.$queryRaw<{ id: number; codeHash: string }[]>`
    UPDATE "VerificationCode" SET "attempts" = "attempts" + 1
    WHERE "id" = (SELECT "id" FROM "VerificationCode" WHERE "employeeNo" = ${input.employeeNo} AND "usedAt" IS NULL ORDER BY "id" DESC LIMIT 1)
      AND "expiresAt" > ${now} AND "attempts" < ${CODE_TRIES}
    RETURNING "id", "codeHash"`;
  if (!attempt) return codeError("codeExpired");
  const expected = Buffer.from(attempt.codeHash, "hex");
  if (!timingSafeEqual(expected, Buffer.from(codeHash(input.employeeNo, input.code), "hex"))) return codeError("codeWrong");

  const passwordHash = await hashPassword(input.password);
  try {
    const userId = await prisma.$transaction(async (tx) => {
      const used = await tx.verificationCode.updateMany({ where: { id: attempt.id, usedAt: null }, data: { usedAt: new Date() } });
      const person = await rosterEntry(input.employeeNo, tx);
      if (used.count === 0 || !person || person.status !== "ACTIVE") return null;
      const user = await tx.user.create({
        data: { username: person.employeeNo, employeeNo: person.employeeNo, name: person.name, mobile: person.mobile, role: "EMPLOYEE", passwordHash },
        select: { id: true },
      });
      return user.id;
    });
    return userId === null ? codeError("codeExpired") : { ok: true, userId };
  } catch (error) {
    const unique = uniqueViolation(error);
    if (unique === null) throw error;
    return { ok: false, fieldErrors: { employeeNo: [unique.includes("mobile") ? "account:errors.rosterMobileTaken" : "account:errors.employeeNoTaken"] } };
  }
}
