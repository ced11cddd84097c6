import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export const roles = ["ADMIN"] as const;
export type Role = (typeof roles)[number];

// bcrypt cost 12: about 200 ms here, slow enough to hurt guessing and fast enough to sign in.
const BCRYPT_COST = 12;
const SESSION_DAYS = 30;

export function hashPassword(password: string) {
  return bcrypt.hash(password, BCRYPT_COST);
}

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
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/**
 * Checks a password and opens a session. Failed attempts are counted per account and per address
 * in the database, so the limit holds across restarts and processes.
 */
export async function signIn(username: string, password: string, ip: string): Promise<SignInResult> {
  const env = getEnv();
  const since = new Date(Date.now() - env.LOGIN_WINDOW_MINUTES * 60_000);
  const userKey = `user:${username.toLowerCase()}`;
  const ipKey = `ip:${ip}`;
  const [userFailures, ipFailures] = await Promise.all([
    prisma.loginAttempt.count({ where: { key: userKey, createdAt: { gte: since } } }),
    prisma.loginAttempt.count({ where: { key: ipKey, createdAt: { gte: since } } }),
  ]);
  if (userFailures >= env.LOGIN_MAX_FAILURES || ipFailures >= env.LOGIN_MAX_FAILURES * 4) {
    return { ok: false, reason: "rate-limited", retryAfterMinutes: env.LOGIN_WINDOW_MINUTES };
  }

  const user = await prisma.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true },
  });
  // Compare against a dummy hash for unknown users so timing does not reveal which names exist.
  const valid = await bcrypt.compare(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !valid) {
    await prisma.loginAttempt.createMany({ data: [{ key: userKey }, { key: ipKey }] });
    return { ok: false, reason: "invalid" };
  }

  await prisma.loginAttempt.deleteMany({ where: { key: userKey } });
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600_000);
  const session = await prisma.session.create({
    data: { id: randomBytes(32).toString("base64url"), userId: user.id, expiresAt },
    select: { id: true },
  });
  return { ok: true, sessionId: session.id, expiresAt };
}

let dummyHash: Promise<string> | undefined;
/** A real hash of the same cost, made once, so checking an unknown name costs what a known one does. */
function getDummyHash() {
  dummyHash ??= bcrypt.hash(randomBytes(16).toString("hex"), BCRYPT_COST);
  return dummyHash;
}

export async function signOut(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function getUserBySession(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { id: true, username: true, name: true, role: true } } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}
