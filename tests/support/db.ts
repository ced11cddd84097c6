import { prisma } from "~/utils/db.server";

/** Empties every table of this test file's database (the schema stays), for a clean start per test. */
export async function resetDatabase() {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%' AND name NOT LIKE 'product_search%'`,
  );
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
    await prisma.$executeRawUnsafe(`INSERT INTO "product_search"("product_search") VALUES ('delete-all')`);
  } finally {
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}
