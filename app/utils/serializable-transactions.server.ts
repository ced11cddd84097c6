import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "~/generated/prisma/client";

/** Enough for 50 buyers racing for one product's last units (tests/integration/orders.test.ts). */
const MAX_ATTEMPTS = 40;

/**
 * PostgreSQL's answer to a transaction that could not be serialized (40001) or a deadlock (40P01):
 * Prisma reports both as P2034, a raw statement as P2010 with the code in its message.
 */
export function isSerializationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: string }).code === "P2034" || /Code: `40001`|Code: `40P01`|could not serialize access|deadlock detected/.test(error.message);
}

/**
 * ADR 025: the models were written for ADR 007's exclusive transactions (one at a time on SQLite's one
 * connection). On PostgreSQL every transaction — interactive or batch — runs SERIALIZABLE, which
 * guarantees the same outcome as some one-at-a-time order, and one that PostgreSQL cannot serialize
 * is run again, as its documentation asks of applications. The callbacks make no network calls
 * (ADR 007), so running one again repeats nothing outside the database.
 */
export function serializableTransactions(client: PrismaClient): PrismaClient {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: object) => Promise<unknown>;
  const run = async (arg: unknown, options?: object) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(arg, { isolationLevel: "Serializable", ...options });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isSerializationFailure(error)) throw error;
        // Jittered and growing, so the transactions that collided do not collide again in step.
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
      }
    }
  };
  return new Proxy(client, {
    get: (target, property, receiver) => (property === "$transaction" ? run : Reflect.get(target, property, receiver)),
  });
}
