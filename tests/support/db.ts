import { prisma } from "~/utils/db.server";

/** Empties every table of this test file's database (the schema stays), for a clean start per test. */
export async function resetDatabase() {
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
