import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { secondFactorStep, type SecondFactorStep } from "~/models/admin-second-factor.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueViolation } from "~/models/product.server";
import { clearAttempts, giveBack, takeAttempts, type AttemptRule } from "~/utils/attempts.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { sqliteDateTime } from "./ledger.server";
import { rosterMismatch } from "./roster.server";
import type { EmployeeInput, FieldErrors, ProfileInput } from "./account-schema";

export { hashPassword };

export const roles = ["ADMIN", "EMPLOYEE"] as const;
export type Role = (typeof roles)[number];

const SESSION_DAYS = 30;

export async function createUser(input: { username: string; name: string; role: Role; password: string }) {
  return prisma.user.create({
    data: {
      username: input.username,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
    select: { id: true, username: true, role: true },
  });
}

export type SignInResult =
  | { ok: true; sessionId: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "left" }
  | { ok: false; reason: "second-factor"; userId: number; step: SecondFactorStep }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/**
 * Who a sign-in name means: a username (administrators; an employee's username is their 工号), an
 * employee number in any case, or a mobile number. Employee numbers are never 11 characters, so
 * they cannot be read as a mobile number; a username match comes first.
 */
async function findUserToSignIn(identifier: string) {
  const candidates = await prisma.user.findMany({
    where: { OR: [{ username: identifier }, { employeeNo: identifier.toUpperCase() }, { mobile: identifier }] },
    select: { id: true, username: true, employeeNo: true, passwordHash: true, leftAt: true, role: true, totpEnabledAt: true },
    take: 3,
  });
  return (
    candidates.find((u) => u.username === identifier) ??
    candidates.find((u) => u.employeeNo === identifier.toUpperCase()) ??
    candidates[0] ??
    null
  );
}

/** Failures on a known account are counted per account, whichever of its names was typed. */
export const accountKey = (userId: number) => `account:${userId}`;

export function signInRules(userKey: string, ip: string): AttemptRule[] {
  const env = getEnv();
  return [
    { key: `ip:${ip}`, limit: env.LOGIN_MAX_FAILURES * 4, windowMinutes: env.LOGIN_WINDOW_MINUTES },
    { key: userKey, limit: env.LOGIN_MAX_FAILURES, windowMinutes: env.LOGIN_WINDOW_MINUTES },
  ];
}

/**
 * Checks a password and opens a session. Each attempt first takes a place under the per-account and
 * per-address limits (atomically, in the database, so the limit holds across a burst, restarts and
 * processes); a full limit refuses without checking the password. A correct password gives its
 * places back and clears the account's failures.
 */
export async function signIn(identifier: string, password: string, ip: string): Promise<SignInResult> {
  const user = await findUserToSignIn(identifier);
  const userKey = user ? accountKey(user.id) : `user:${identifier.toLowerCase()}`;
  const taken = await takeAttempts(signInRules(userKey, ip));
  if (!taken.ok) return { ok: false, reason: "rate-limited", retryAfterMinutes: taken.rule.windowMinutes };

  // Compare against a dummy hash for unknown users so timing does not reveal which names exist.
  const { valid, rehash } = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !valid) return { ok: false, reason: "invalid" };

  await giveBack(taken.ids);
  // Wrong second-factor codes keep counting after a right password: only a right code clears them (ADR 027).
  const secondFactor = secondFactorStep(user);
  if (!secondFactor) await clearAttempts(userKey);
  if (user.leftAt) return { ok: false, reason: "left" };
  if (rehash) await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  if (secondFactor) return { ok: false, reason: "second-factor", userId: user.id, step: secondFactor };
  return { ok: true, ...(await openSession(user.id)) };
}

/** A new session for a user who has just proved who they are (signed in or registered). */
export async function openSession(userId: number) {
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600_000);
  const session = await prisma.session.create({
    data: { id: randomBytes(32).toString("base64url"), userId, expiresAt },
    select: { id: true },
  });
  return { sessionId: session.id, expiresAt };
}

let dummyHash: Promise<string> | undefined;
/** A real hash of the same cost, made once, so checking an unknown name costs what a known one does. */
function getDummyHash() {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

export async function signOut(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** The signed-in user of a session that has not expired: one statement, as every signed-in request asks. */
export async function getUserBySession(sessionId: string) {
  const [user] = await prisma.$queryRaw<{ id: number; username: string; name: string; role: Role }[]>`
    SELECT u."id", u."username", u."name", u."role" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."expiresAt" > ${sqliteDateTime(new Date())} AND u."leftAt" IS NULL`;
  return user ?? null;
}

export type AccountResult<T = null> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

const takenEmployeeNo = { employeeNo: ["account:errors.employeeNoTaken"] };
const takenMobile = { mobile: ["account:errors.mobileTaken"] };

/** Which of the form's unique fields another account already holds. */
async function clashes(input: { employeeNo?: string; mobile?: string }, exceptUserId?: number): Promise<FieldErrors | null> {
  const others = { NOT: exceptUserId ? { id: exceptUserId } : undefined };
  const [byNumber, byMobile] = await Promise.all([
    input.employeeNo
      ? prisma.user.findFirst({ where: { ...others, OR: [{ employeeNo: input.employeeNo }, { username: input.employeeNo }] }, select: { id: true } })
      : null,
    input.mobile ? prisma.user.findFirst({ where: { ...others, mobile: input.mobile }, select: { id: true } }) : null,
  ]);
  if (!byNumber && !byMobile) return null;
  return { ...(byNumber ? takenEmployeeNo : {}), ...(byMobile ? takenMobile : {}) };
}

/** A unique-index race (two forms at once) reported like the check before it. */
function clashFromError(error: unknown): FieldErrors {
  const unique = uniqueViolation(error);
  if (unique === null) throw error;
  return unique.includes("mobile") ? takenMobile : takenEmployeeNo;
}

/**
 * An employee account for a person on the roster: role EMPLOYEE, username = 工号 (so usernames stay
 * unique across roles). Made by an administrator (audited) or by a test or script (actorId null).
 */
export async function createEmployee(input: EmployeeInput, actorId: number | null): Promise<AccountResult<{ id: number }>> {
  // The roster is the source of truth (ADR 021): no account for someone who is not on it as given.
  const problems = (await clashes(input)) ?? (await rosterMismatch(input));
  if (problems) return { ok: false, fieldErrors: problems };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { username: input.employeeNo, employeeNo: input.employeeNo, name: input.name, mobile: input.mobile, role: "EMPLOYEE", passwordHash },
        select: { id: true },
      });
      if (actorId !== null) {
        await recordAudit(tx, {
          userId: actorId,
          action: "employee.create",
          entityType: "User",
          entityId: created.id,
          details: { employeeNo: input.employeeNo, name: input.name, mobile: input.mobile },
        });
      }
      return created;
    });
    return { ok: true, value: user };
  } catch (error) {
    return { ok: false, fieldErrors: clashFromError(error) };
  }
}

const profileSelect = { id: true, username: true, name: true, role: true, employeeNo: true, mobile: true, createdAt: true } satisfies Prisma.UserSelect;

export function getProfile(userId: number) {
  return prisma.user.findUnique({ where: { id: userId }, select: profileSelect });
}

export async function updateProfile(userId: number, input: ProfileInput): Promise<AccountResult> {
  const problems = await clashes({ mobile: input.mobile }, userId);
  if (problems) return { ok: false, fieldErrors: problems };
  try {
    await prisma.user.update({ where: { id: userId }, data: { name: input.name, mobile: input.mobile } });
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, fieldErrors: clashFromError(error) };
  }
}

/**
 * Changes a password after checking the current one. Wrong current passwords count toward the same
 * per-account limit as sign-ins, so a borrowed session cannot be used to guess it. Every other
 * session of the user ends; the one in use stays open.
 */
export async function changePassword(
  userId: number,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | undefined,
): Promise<AccountResult> {
  const env = getEnv();
  const key = accountKey(userId);
  const taken = await takeAttempts([{ key, limit: env.LOGIN_MAX_FAILURES, windowMinutes: env.LOGIN_WINDOW_MINUTES }]);
  if (!taken.ok) return { ok: false, fieldErrors: { currentPassword: ["account:errors.tooManyAttempts"] } };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)).valid) {
    return { ok: false, fieldErrors: { currentPassword: ["account:errors.currentPassword"] } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, NOT: keepSessionId ? { id: keepSessionId } : undefined } }),
    prisma.loginAttempt.deleteMany({ where: { key } }),
  ]);
  return { ok: true, value: null };
}

/** An administrator sets a new password: the employee's sessions end and any lock-out is lifted. */
export async function resetEmployeePassword(employeeId: number, password: string, actorId: number) {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const employee = await tx.user.findFirst({ where: { id: employeeId, role: "EMPLOYEE" }, select: { id: true } });
    if (!employee) return false;
    await tx.user.update({ where: { id: employeeId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: employeeId } });
    await tx.loginAttempt.deleteMany({ where: { key: accountKey(employeeId) } });
    await recordAudit(tx, { userId: actorId, action: "employee.resetPassword", entityType: "User", entityId: employeeId });
    return true;
  });
}

export const EMPLOYEE_PAGE_SIZE = 50;

/** Employees for the administrators' list, newest first; q matches 工号, name or mobile. */
export async function listEmployees(filter: { q?: string; page?: number }) {
  const q = filter.q?.trim();
  const where: Prisma.UserWhereInput = {
    role: "EMPLOYEE",
    OR: q ? [{ employeeNo: { contains: q.toUpperCase() } }, { name: { contains: q } }, { mobile: { contains: q } }] : undefined,
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, employees] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * EMPLOYEE_PAGE_SIZE,
      take: EMPLOYEE_PAGE_SIZE,
      select: { id: true, employeeNo: true, name: true, mobile: true, createdAt: true },
    }),
  ]);
  return { employees, total, page, pages: Math.max(1, Math.ceil(total / EMPLOYEE_PAGE_SIZE)) };
}

export function getEmployee(id: number) {
  return prisma.user.findFirst({ where: { id, role: "EMPLOYEE" }, select: profileSelect });
}
