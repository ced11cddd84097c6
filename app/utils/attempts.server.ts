import { sqliteDateTime } from "~/models/ledger.server";
import { prisma } from "./db.server";

/**
 * Rate limits that hold under a burst (ADR 021). An attempt takes its place BEFORE the password or
 * code is checked, in one conditional INSERT: SQLite runs it as one statement on the one connection,
 * so of forty parallel attempts exactly `limit` get a row and the rest are refused unchecked. Rows
 * live in LoginAttempt and count within a sliding window.
 */
export type AttemptRule = { key: string; limit: number; windowMinutes: number };

/** The id of the attempt's row, or null when the key already has `limit` attempts in its window. */
export async function takeAttempt(rule: AttemptRule): Promise<number | null> {
  const now = Date.now();
  const since = new Date(now - rule.windowMinutes * 60_000);
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO "LoginAttempt" ("key", "createdAt")
    SELECT ${rule.key}, ${sqliteDateTime(new Date(now))}
    WHERE (SELECT COUNT(*) FROM "LoginAttempt" WHERE "key" = ${rule.key} AND "createdAt" >= ${sqliteDateTime(since)}) < ${rule.limit}
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/**
 * Takes one attempt under every rule, or none: the first rule that is full gives back the attempts
 * already taken and is returned.
 */
export async function takeAttempts(rules: AttemptRule[]): Promise<{ ok: true; ids: number[] } | { ok: false; rule: AttemptRule }> {
  const ids: number[] = [];
  for (const rule of rules) {
    const id = await takeAttempt(rule);
    if (id === null) {
      await giveBack(ids);
      return { ok: false, rule };
    }
    ids.push(id);
  }
  return { ok: true, ids };
}

/** Attempts that turned out fine (a correct password) stop counting. */
export async function giveBack(ids: number[]) {
  if (ids.length > 0) await prisma.loginAttempt.deleteMany({ where: { id: { in: ids } } });
}

/** Clears a key's window, e.g. an account's failures after it signs in. */
export async function clearAttempts(key: string) {
  await prisma.loginAttempt.deleteMany({ where: { key } });
}
