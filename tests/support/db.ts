import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";

/** Empties every table of this test file's database (the schema stays), for a clean start per test. */
export async function resetDatabase() {
  if (isPostgres) return resetPostgres();
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%' AND name NOT LIKE 'product_search%'`,
  );
  // The ledger refuses deletes by trigger; a test database may drop and restore them.
  const guards = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'LedgerEntry'`,
  );
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    for (const { name } of guards) await prisma.$executeRawUnsafe(`DROP TRIGGER "${name}"`);
    for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
    await prisma.$executeRawUnsafe(`INSERT INTO "product_search"("product_search") VALUES ('delete-all')`);
  } finally {
    for (const { sql } of guards) await prisma.$executeRawUnsafe(sql);
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}

/** The same on PostgreSQL: one TRUNCATE with the ledger's guard against it lifted inside the transaction. */
async function resetPostgres() {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_%'`,
  );
  const list = tables.map(({ name }) => `"${name}"`).join(", ");
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_no_truncate"`),
    prisma.$executeRawUnsafe(`TRUNCATE ${list}`),
    prisma.$executeRawUnsafe(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_no_truncate"`),
  ]);
}
