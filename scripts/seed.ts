/**
 * Loads the demo catalogue into an empty database; never touches one that already has data.
 *
 *   DATABASE_URL=file:./data/hall.db npx tsx scripts/seed.ts
 *
 * Builds its own Prisma client rather than importing app/utils/db.server.ts, whose getEnv() also
 * insists on production-only settings (SESSION_SECRET) that seeding does not need.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "../app/generated/prisma/client";
import { loadDemoCatalogue } from "../prisma/demo/load";
import { loadDemoGiftBoxes } from "./seed-gifts";
import { seedLedger } from "./seed-ledger";

async function main() {
  const url = process.env.DATABASE_URL || "file:./data/hall.db";
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file URL such as file:./data/hall.db`);
  const file = url.replace(/^file:/, "");
  mkdirSync(dirname(file), { recursive: true });
  // Same settings as app/utils/db.server.ts: WAL persists in the file; foreign keys are per connection.
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.close();

  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
  try {
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    const started = performance.now();
    const result = await loadDemoCatalogue(prisma);
    if (!result.loaded) {
      console.info("Database already has data; demo data not loaded.");
      return;
    }
    await loadDemoGiftBoxes(prisma);
    const ledger = seedLedger(file);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `Demo data loaded in ${seconds}s: ${result.counties} counties, ${result.categories} categories, ` +
        `${result.suppliers} suppliers, ${result.products} products (${result.flagshipProducts} flagship, ` +
        `${result.endorsements} first-secretary endorsed), ${result.employees} employees, ${result.pickupPoints} pickup points` +
        `${result.admin ? ", admin user \"admin\" (authenticator key in the README)" : ""}, ${ledger.entries} ledger entries.`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
