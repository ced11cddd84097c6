import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";

// What Prisma's schema cannot express lives in the migrations' SQL; a migration that redefines a
// table would silently drop it. These checks fail if that ever happens (docs/decisions/002).
describe("the migrated database", () => {
  const sqlOf = async (type: string, name: string) =>
    (await prisma.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE type = ? AND name = ?`, type, name))[0]?.sql ?? "";

  it("keeps stock, prices and order quantities guarded by CHECK constraints", async () => {
    const product = await sqlOf("table", "Product");
    expect(product).toContain(`CHECK ("stock" >= 0)`);
    expect(product).toContain(`CHECK ("priceFen" > 0)`);
    expect(product).toContain(`CHECK ("casePack" >= 1)`);
    expect(await sqlOf("table", "CartLine")).toContain(`CHECK ("quantity" > 0)`);
    expect(await sqlOf("table", "OrderLine")).toContain(`CHECK ("quantity" > 0)`);
  });

  it("keeps the search index triggers and the ledger's append-only triggers", async () => {
    for (const name of ["product_search_ai", "product_search_ad", "product_search_au", "LedgerEntry_no_update", "LedgerEntry_no_delete", "LedgerEntry_rollup", "LedgerEntry_product_rollup"]) {
      expect(await sqlOf("trigger", name), name).not.toBe("");
    }
  });
});
