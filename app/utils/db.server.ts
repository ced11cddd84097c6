import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client";
import { getEnv } from "./env.server";
import { startBackgroundCheckpoints } from "./checkpointer.server";
import { exclusiveTransactions, type GroupCommitStats } from "./exclusive-adapter.server";
import { releaseConnectionOnFailedCommit, serializableTransactions } from "./serializable-transactions.server";
import { isPostgres } from "./sql-dialect.server";

function filePath(url: string) {
  return url.replace(/^file:/, "");
}

/**
 * WAL lets readers run while one writer commits; it persists in the file, so setting it once is
 * enough. synchronous is per connection: FULL because stock and, later, money are written here.
 */
function preparePragmas(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path);
  raw.pragma("journal_mode = WAL");
  raw.close();
}

/** Transactions committed, and the disk commits that carried them (group commit, ADR 009). */
export const groupCommitStats: GroupCommitStats = { transactions: 0, commits: 0 };

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
  const adapter = exclusiveTransactions(new PrismaBetterSQLite3({ url, timeout: 5000 }), groupCommitStats);
  const client = new PrismaClient({ adapter });
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
    await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
    // Checkpoints run in a background thread; this connection only checkpoints if that falls behind.
    await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 10000");
    startBackgroundCheckpoints(filePath(getEnv().DATABASE_URL));
    // SQLite's advice for long-lived connections: refresh planner statistics where they are stale.
    await prisma.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  })());
