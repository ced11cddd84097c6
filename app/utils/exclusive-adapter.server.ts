import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

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

/** Statements that only read: they may run inside an open group and answer at once. */
const isRead = (query: SqlQuery) => /^\s*SELECT\b/i.test(query.sql);

/** Statements SQLite ignores or refuses inside a transaction (PRAGMA foreign_keys, VACUUM …): they end the group first. */
const needsNoTransaction = (query: SqlQuery) => /^\s*(PRAGMA|VACUUM|ATTACH|DETACH)\b/i.test(query.sql);

/** Most transactions one commit may carry, so a steady stream of writers still reaches the disk. */
const MAX_GROUP = 64;

export type GroupCommitStats = { transactions: number; commits: number };

/**
 * better-sqlite3 gives Prisma one connection, and two things follow from that.
 *
 * Exclusive transactions. Prisma's adapter serialises transactions on the connection, but a plain
 * query from another request could run while a transaction is open: it would read uncommitted rows,
 * and a rollback would undo its writes too. Here every statement waits while a transaction is open.
 *
 * Group commit. With synchronous = FULL every COMMIT waits for the disk, and better-sqlite3 waits on
 * the event loop, so at checkout rates the fsync is what everyone queues for. Transactions that
 * arrive together share one: each runs in its own SAVEPOINT inside one BEGIN IMMEDIATE … COMMIT, a
 * rollback undoes only its own savepoint, and the COMMIT runs once the event loop has nothing more to
 * add (setImmediate) or MAX_GROUP transactions have joined. Nobody is told "committed" before the
 * COMMIT is on disk: a transaction's COMMIT, and a plain write made while a group is open, resolve
 * only after it. Reads in the meantime see what released savepoints wrote (as a reader would a moment
 * later); if that COMMIT failed, every writer in the group gets the error (ADR 013).
 */
export function exclusiveTransactions(factory: SqlDriverAdapterFactory, stats?: GroupCommitStats): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const inner = await factory.connect();
      const lock = createLock();
      let savepoints = 0;

      // The open group: its members wait on `durable`, settled by the group's COMMIT.
      let group: { size: number; durable: Promise<void>; settle: (error?: unknown) => void } | null = null;
      let flushScheduled = false;

      const openGroup = async () => {
        if (group) return group;
        await inner.executeRaw(sql("BEGIN IMMEDIATE"));
        let resolve!: () => void;
        let reject!: (error: unknown) => void;
        const durable = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
        durable.catch(() => {}); // each member awaits it; an unawaited rejection is not an error here
        group = { size: 0, durable, settle: (error) => (error === undefined ? resolve() : reject(error)) };
        return group;
      };

      // Runs with the lock held: ends the open group, if any, with one COMMIT.
      const commitGroup = async () => {
        const ending = group;
        if (!ending) return;
        group = null;
        try {
          await inner.executeRaw(sql("COMMIT"));
          if (stats) stats.commits += 1;
          ending.settle();
        } catch (error) {
          await inner.executeRaw(sql("ROLLBACK")).catch(() => {});
          ending.settle(error);
        }
      };

      const alone = async <T>(work: () => Promise<T>): Promise<T> => {
        const release = await lock.acquire();
        try {
          return await work();
        } finally {
          release();
        }
      };

      const scheduleCommit = () => {
        if (flushScheduled) return;
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          void alone(commitGroup);
        });
      };

      /** A plain write: inside an open group it is answered only once the group is on disk. */
      const write = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => {
        if (needsNoTransaction(query)) {
          return alone(async () => {
            await commitGroup();
            return run();
          });
        }
        let durable: Promise<void> | null = null;
        const result = await alone(async () => {
          const value = await run();
          if (group) {
            durable = group.durable;
            scheduleCommit();
          }
          return value;
        });
        if (durable) await durable;
        return result;
      };

      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query: SqlQuery): Promise<SqlResultSet> => (isRead(query) ? alone(() => inner.queryRaw(query)) : write(query, () => inner.queryRaw(query))),
        executeRaw: (query: SqlQuery) => write(query, () => inner.executeRaw(query)),
        // Scripts and settings run outside any transaction: end the open group first.
        executeScript: (script: string) =>
          alone(async () => {
            await commitGroup();
            return inner.executeScript(script);
          }),
        getConnectionInfo: inner.getConnectionInfo?.bind(inner),
        dispose: () => alone(async () => {
          await commitGroup();
          return inner.dispose();
        }),
        async startTransaction(isolationLevel): Promise<Transaction> {
          if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
            // Same answer as the adapter itself: SQLite transactions are serializable.
            return inner.startTransaction(isolationLevel);
          }
          const release = await lock.acquire();
          let member: NonNullable<typeof group>;
          const savepoint = `g${++savepoints}`;
          try {
            if (group && group.size >= MAX_GROUP) await commitGroup();
            member = await openGroup();
            await inner.executeRaw(sql(`SAVEPOINT ${savepoint}`));
            member.size += 1;
          } catch (error) {
            release();
            throw error;
          }
          let ended = false;
          // Prisma ends a transaction by sending COMMIT or ROLLBACK, then calling commit()/rollback().
          const end = async (how: "COMMIT" | "ROLLBACK") => {
            if (ended) return;
            ended = true;
            try {
              if (how === "COMMIT") {
                await inner.executeRaw(sql(`RELEASE ${savepoint}`));
                if (stats) stats.transactions += 1;
              } else {
                await inner.executeRaw(sql(`ROLLBACK TO ${savepoint}`));
                await inner.executeRaw(sql(`RELEASE ${savepoint}`));
              }
            } catch (error) {
              // The savepoint is gone: an error SQLite answers by rolling back the whole transaction.
              if (group === member) group = null;
              member.settle(error);
              release();
              throw error;
            }
            scheduleCommit();
            release();
            if (how === "COMMIT") await member.durable;
          };
          const statement = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => {
            // Matched, not upper-cased: a 5,000-row INSERT is not copied to learn it is not a COMMIT.
            const ending = /^\s*(COMMIT|ROLLBACK)\s*$/i.exec(query.sql);
            if (ending) {
              await end(ending[1]!.toUpperCase() as "COMMIT" | "ROLLBACK");
              return 0 as T;
            }
            return run();
          };
          return {
            provider: inner.provider,
            adapterName: inner.adapterName,
            options: { usePhantomQuery: false },
            queryRaw: (query: SqlQuery) =>
              statement(query, () => inner.queryRaw(query)).then((r) =>
                typeof r === "number" ? { columnNames: [], columnTypes: [], rows: [] } : r,
              ),
            executeRaw: (query: SqlQuery) => statement(query, () => inner.executeRaw(query)),
            commit: () => end("COMMIT"),
            rollback: () => end("ROLLBACK"),
          };
        },
      };
    },
  };
}
