import { setTimeout as sleep } from "node:timers/promises";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import type { PrismaClient } from "~/generated/prisma/client";

/** Enough for 50 buyers racing for one product's last units (tests/integration/orders.test.ts). */
const MAX_ATTEMPTS = 40;

/**
 * PostgreSQL's answer to a transaction that could not be serialized (40001) or a deadlock (40P01):
 * Prisma reports both as P2034, a raw statement as P2010 with the code in its message, and a failed
 * COMMIT as the driver adapter's own error with the code in its cause.
 */
export function isSerializationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, cause } = error as { code?: string; cause?: { originalCode?: string; kind?: string } };
  return (
    code === "P2034" ||
    cause?.kind === "TransactionWriteConflict" ||
    cause?.originalCode === "40001" ||
    cause?.originalCode === "40P01" ||
    /Code: `40001`|Code: `40P01`|could not serialize access|deadlock detected/.test(error.message)
  );
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

/**
 * Under SERIALIZABLE, PostgreSQL may refuse a transaction at its COMMIT. Prisma 6.19 then never hands
 * the transaction's connection back to the pool (it releases it only after a successful COMMIT), so
 * after ten such commits every request waits forever. This wrapper releases it: a refused COMMIT has
 * already ended the transaction on the server, so the connection is clean.
 */
export function releaseConnectionOnFailedCommit(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  const isCommit = (query: SqlQuery) => /^\s*COMMIT\b/i.test(query.sql);
  const wrap = (tx: Transaction): Transaction => ({
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: async (query) => {
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        if (isCommit(query)) await tx.rollback().catch(() => {});
        throw error;
      }
    },
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const inner = await factory.connect();
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query) => inner.queryRaw(query),
        executeRaw: (query) => inner.executeRaw(query),
        executeScript: (script) => inner.executeScript(script),
        getConnectionInfo: inner.getConnectionInfo?.bind(inner),
        dispose: () => inner.dispose(),
        startTransaction: async (isolationLevel) => wrap(await inner.startTransaction(isolationLevel)),
      };
    },
  };
}
