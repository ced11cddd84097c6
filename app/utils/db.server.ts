import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client";
import { getEnv } from "./env.server";
import { startBackgroundCheckpoints } from "./checkpointer.server";
import { exclusiveTransactions } from "./exclusive-adapter.server";
import { createWalSync } from "./wal-sync.server";
import { releaseConnectionOnFailedCommit, serializableTransactions } from "./serializable-transactions.server";
import { isPostgres } from "./sql-dialect.server";

function filePath(url: string) {
  return url.replace(/^file:/, "");
}

/**
 * WAL lets readers run while one writer commits; it persists in the file, so setting it once is
 * enough. synchronous is per connection (see dbReady).
 */
function preparePragmas(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path);
  raw.pragma("journal_mode = WAL");
  raw.close();
}

function createClient() {
  const url = getEnv().DATABASE_URL;
  if (isPostgres) {
    // ADR 025: the same models generated for PostgreSQL (prisma/postgres/schema.prisma, kept identical
    // by a test), so the one client type serves both; the pool gives each transaction its own connection.
    // Transactions that PostgreSQL refuses run again and queue for the pool's connections meanwhile:
    // waiting up to 10 s for one (Prisma's default is 2 s) keeps a burst from failing buyers.
    const adapter = releaseConnectionOnFailedCommit(new PrismaPg({ connectionString: url, max: 20 }));
    const client = new PostgresPrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } }) as unknown as PrismaClient;
    return serializableTransactions(client);
  }
  preparePragmas(filePath(url));
  // One writer, transactions one at a time, answered once the WAL is fsynced; plain reads on a
  // read-only connection that sees only committed transactions (ADR 018).
  const walSync = createWalSync(`${filePath(url)}-wal`);
  const adapter = exclusiveTransactions(
    new PrismaBetterSQLite3({ url, timeout: 5000 }),
    new PrismaBetterSQLite3({ url, timeout: 5000, readonly: true }),
    { durable: walSync.durable },
  );
  // A write waits its turn behind a long import (seconds, while it yields to readers) instead of
  // failing after Prisma's default 2 s.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
  return client;
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaReady?: Promise<void> };

export const prisma: PrismaClient = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

// Per-connection settings for the adapter's single connection, issued before any other query.
export const dbReady: Promise<void> =
  globalForPrisma.prismaReady ??
  (globalForPrisma.prismaReady = (async () => {
    if (isPostgres) return;
    const env = getEnv();
    // A COMMIT only appends to the WAL; the wrapper fsyncs it off the event loop before anyone is
    // told "committed" (ADR 018).
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    if (env.LITESTREAM_CONFIG) {
      // Litestream copies the WAL before it checkpoints; a checkpoint of ours could reset the WAL under
      // it and force a full new snapshot (ADR 023). Its own PASSIVE checkpoints run in its own process.
      await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
    } else {
      // Checkpoints run in a background thread; this connection only checkpoints if that falls behind.
      await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 10000");
      // One thread per database is enough: with several processes, the one that runs the jobs (ADR 024).
      if (env.BACKGROUND_JOBS === "true") startBackgroundCheckpoints(filePath(env.DATABASE_URL));
    }
    // SQLite's advice for long-lived connections: refresh planner statistics where they are stale.
    await prisma.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  })());
