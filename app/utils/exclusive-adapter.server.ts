import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";
import { nextTurn } from "./batches";

/** A first-come, first-served lock; `acquire` resolves with the function that releases it. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const next = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => release);
      tail = tail.then(() => next);
      return ready;
    },
  };
}

const sql = (text: string): SqlQuery => ({ sql: text, args: [], argTypes: [] });

/**
 * better-sqlite3 answers synchronously, so a transaction of a thousand statements is one unbroken chain
 * of promise callbacks: timers and sockets wait until it ends (a product re-import held every other
 * shopper for 2.7 s). A transaction gives the event loop a turn once it has run this long; its write lock
 * stays held, and reads meanwhile go to the read-only connection. Longer slices finish a long import
 * sooner (writers queue behind it); shorter ones answer readers sooner: with 40 ms the product list's
 * p95 during a re-import was 3.1× its quiet value, with 10 ms 1.5× (`npm run bench -- --only heavy`).
 */
export const TRANSACTION_SLICE_MS = 10;

/** Statements that only read: outside a transaction they go to the read-only connection. */
const isRead = (query: SqlQuery) => /^\s*SELECT\b/i.test(query.sql);

/** better-sqlite3 under Prisma's adapter: only it knows whether SQLite still holds our transaction open. */
type Driver = { inTransaction: boolean };
function driverOf(adapter: SqlDriverAdapter): Driver {
  const client = (adapter as unknown as { client?: Partial<Driver> }).client;
  if (typeof client?.inTransaction !== "boolean") throw new Error("exclusiveTransactions expects Prisma's better-sqlite3 adapter");
  return client as Driver;
}

/**
 * SQLite rolled a transaction back by itself (disk full, I/O error, a trigger's RAISE(ROLLBACK)):
 * nothing it wrote is on disk, and nothing more can be done in it.
 */
export class TransactionRolledBackError extends Error {
  constructor(cause: unknown) {
    super(`The transaction was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "TransactionRolledBackError";
  }
}

/**
 * One writer connection whose transactions run one at a time, and one read-only connection for
 * plain reads (ADR 018).
 *
 * Prisma's better-sqlite3 adapter serialises transactions, but a plain query from another request
 * could run on the same connection while a transaction is open: it would read uncommitted rows, and a
 * rollback would undo its writes too. Here every statement on the writer waits while a transaction is
 * open, and each transaction is SQLite's own BEGIN IMMEDIATE … COMMIT (the write lock taken at once,
 * so other processes on the file queue at BEGIN rather than fail mid-transaction). A caller is told
 * "committed" (its transaction's COMMIT, or a plain write) only once `durable()` has resolved — the
 * WAL fsynced after that COMMIT — while the next transaction already runs. Plain SELECTs go to the
 * read-only connection, which in WAL sees only committed transactions and never waits for the writer.
 *
 * When a statement error makes SQLite roll back the whole transaction, every later statement of it,
 * and its COMMIT, fails with TransactionRolledBackError: nothing runs outside the transaction believing
 * it is inside one.
 */
export function exclusiveTransactions(
  writerFactory: SqlDriverAdapterFactory,
  readerFactory: SqlDriverAdapterFactory,
  { durable = () => Promise.resolve() }: { durable?: () => Promise<void> } = {},
): SqlDriverAdapterFactory {
  return {
    provider: writerFactory.provider,
    adapterName: writerFactory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const writer = await writerFactory.connect();
      const reader = await readerFactory.connect();
      const driver = driverOf(writer);
      const lock = createLock();

      const alone = async <T>(work: () => Promise<T>): Promise<T> => {
        const release = await lock.acquire();
        try {
          return await work();
        } finally {
          release();
        }
      };
      /** A statement outside any transaction commits by itself: answered once that is on disk. */
      const write = async <T>(work: () => Promise<T>): Promise<T> => {
        const result = await alone(work);
        await durable();
        return result;
      };

      return {
        provider: writer.provider,
        adapterName: writer.adapterName,
        queryRaw: (query: SqlQuery): Promise<SqlResultSet> => (isRead(query) ? reader.queryRaw(query) : write(() => writer.queryRaw(query))),
        executeRaw: (query: SqlQuery) => write(() => writer.executeRaw(query)),
        executeScript: (script: string) => write(() => writer.executeScript(script)),
        getConnectionInfo: writer.getConnectionInfo?.bind(writer),
        dispose: () =>
          alone(async () => {
            await reader.dispose();
            await writer.dispose();
          }),
        async startTransaction(isolationLevel): Promise<Transaction> {
          if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
            // Same answer as the adapter itself: SQLite transactions are serializable.
            return writer.startTransaction(isolationLevel);
          }
          const release = await lock.acquire();
          try {
            await writer.executeRaw(sql("BEGIN IMMEDIATE"));
          } catch (error) {
            release();
            throw error;
          }
          let ended = false;
          let sliceStarted = performance.now();
          // The error with which SQLite rolled this transaction back by itself, if it did.
          let lost: unknown = undefined;

          // Prisma ends a transaction by sending COMMIT or ROLLBACK, then calling commit()/rollback().
          const end = async (how: "COMMIT" | "ROLLBACK") => {
            if (ended) return;
            ended = true;
            try {
              if (lost !== undefined) {
                if (how === "COMMIT") throw new TransactionRolledBackError(lost);
                return;
              }
              try {
                await writer.executeRaw(sql(how));
              } catch (error) {
                // A COMMIT that failed may leave the transaction open (SQLITE_BUSY): end it here.
                if (driver.inTransaction) await writer.executeRaw(sql("ROLLBACK")).catch(() => {});
                throw error;
              }
            } finally {
              release();
            }
            // The next transaction runs meanwhile; this one is answered once it is on disk.
            if (how === "COMMIT") await durable();
          };

          const statement = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T | undefined> => {
            // Matched, not upper-cased: a 5,000-row INSERT is not copied to learn it is not a COMMIT.
            const ending = /^\s*(COMMIT|ROLLBACK)\s*$/i.exec(query.sql);
            if (ending) {
              await end(ending[1]!.toUpperCase() as "COMMIT" | "ROLLBACK");
              return undefined;
            }
            if (ended) throw new Error("The transaction has already ended");
            if (lost !== undefined) throw new TransactionRolledBackError(lost);
            if (performance.now() - sliceStarted > TRANSACTION_SLICE_MS) {
              await nextTurn();
              sliceStarted = performance.now();
              if (ended) throw new Error("The transaction has already ended");
            }
            try {
              return await run();
            } catch (error) {
              if (!driver.inTransaction) lost = error;
              throw error;
            }
          };

          return {
            provider: writer.provider,
            adapterName: writer.adapterName,
            options: { usePhantomQuery: false },
            queryRaw: async (query: SqlQuery) => (await statement(query, () => writer.queryRaw(query))) ?? { columnNames: [], columnTypes: [], rows: [] },
            executeRaw: async (query: SqlQuery) => (await statement(query, () => writer.executeRaw(query))) ?? 0,
            commit: () => end("COMMIT"),
            rollback: () => end("ROLLBACK"),
          };
        },
      };
    },
  };
}
