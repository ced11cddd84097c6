/**
 * Applies prisma/postgres/migrations to a PostgreSQL database (ADR 025). Prisma 6.19's `migrate deploy`
 * cannot run through the pg driver adapter (prisma/orm#27403), so this small runner does what it would:
 * each pending migration folder, in name order, in its own transaction, recorded in "_hall_migrations".
 * An advisory lock makes processes that start together apply each migration once, one after another.
 *   DATABASE_URL=postgresql://… npx tsx scripts/postgres-migrate.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const POSTGRES_MIGRATIONS = fileURLToPath(new URL("../prisma/postgres/migrations", import.meta.url));
// Any constant shared by every process that migrates this database.
const MIGRATION_LOCK = 20261203;

export async function migratePostgres(url: string, dir = POSTGRES_MIGRATIONS): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // Held for the whole run (released when the connection closes): even creating the bookkeeping
    // table races when processes start together.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_hall_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      await client.query("BEGIN");
      try {
        const { rowCount } = await client.query(`SELECT 1 FROM "_hall_migrations" WHERE "name" = $1`, [name]);
        if (rowCount === 0) {
          await client.query(readFileSync(join(dir, name, "migration.sql"), "utf8"));
          await client.query(`INSERT INTO "_hall_migrations" ("name") VALUES ($1)`, [name]);
          applied.push(name);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
  return applied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error("DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/database)");
    process.exit(1);
  }
  const applied = await migratePostgres(url);
  console.info(applied.length ? `applied: ${applied.join(", ")}` : "nothing to apply");
}
