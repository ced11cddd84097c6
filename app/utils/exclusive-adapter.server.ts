import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
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

/**
 * better-sqlite3 gives Prisma one connection. Prisma's adapter serialises transactions on it, but a
 * plain query from another request can still run on that connection while a transaction is open:
 * it would read uncommitted rows, and a rollback would undo its writes too. This wrapper makes a
 * transaction exclusive: every other statement waits until it commits or rolls back.
 */
export function exclusiveTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const inner = await factory.connect();
      const lock = createLock();
      const alone = async <T>(work: () => Promise<T>): Promise<T> => {
        const release = await lock.acquire();
        try {
          return await work();
        } finally {
          release();
        }
      };
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query: SqlQuery) => alone(() => inner.queryRaw(query)),
        executeRaw: (query: SqlQuery) => alone(() => inner.executeRaw(query)),
        executeScript: (script: string) => alone(() => inner.executeScript(script)),
        getConnectionInfo: inner.getConnectionInfo?.bind(inner),
        dispose: () => inner.dispose(),
        async startTransaction(isolationLevel): Promise<Transaction> {
          const release = await lock.acquire();
          let tx: Transaction;
          try {
            tx = await inner.startTransaction(isolationLevel);
          } catch (error) {
            release();
            throw error;
          }
          const finish = async (end: () => Promise<void>) => {
            try {
              await end();
            } finally {
              release();
            }
          };
          return {
            provider: tx.provider,
            adapterName: tx.adapterName,
            options: tx.options,
            queryRaw: (query: SqlQuery) => tx.queryRaw(query),
            executeRaw: (query: SqlQuery) => tx.executeRaw(query),
            commit: () => finish(() => tx.commit()),
            rollback: () => finish(() => tx.rollback()),
          };
        },
      };
    },
  };
}
