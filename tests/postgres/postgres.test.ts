import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { SEARCH_VECTOR } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";
import { migratePostgres, POSTGRES_MIGRATIONS } from "../../scripts/postgres-migrate";
import { createReferenceData, type ReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { product } from "../support/order-fixtures";

// What only PostgreSQL needs (ADR 025); the shop's behaviour is checked by the shared test files.
const adminUrl = inject("postgresUrl");

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase() {
  const name = `fresh_${Math.random().toString(36).slice(2)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

it("runs on PostgreSQL", () => {
  expect(isPostgres).toBe(true);
});

describe("the migrations", () => {
  it("give every model of prisma/schema.prisma its table and every field its column, and nothing more", async () => {
    const columns = await prisma.$queryRawUnsafe<{ table: string; column: string }[]>(
      `SELECT table_name::text AS "table", column_name::text AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_%'`,
    );
    const actual = columns.map((c) => `${c.table}.${c.column}`).sort();
    const expected = Object.values(Prisma.ModelName)
      .flatMap((model) => Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!).map((f) => `${model}.${f}`))
      .sort();
    expect(actual).toEqual(expected);
  });

  it("apply each migration once, even when several processes start together, and again apply nothing", async () => {
    const url = await freshDatabase();
    const runs = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    const all = (await query<{ name: string }>(url, `SELECT "name" FROM "_hall_migrations" ORDER BY "name"`)).map((r) => r.name);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(runs.flat().sort()).toEqual(all);
    expect(await migratePostgres(url)).toEqual([]);
  });

  it("leave nothing of a migration that fails, and record only those that succeeded", async () => {
    const url = await freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "hall-migrations-"));
    try {
      mkdirSync(path.join(dir, "1_good"));
      writeFileSync(path.join(dir, "1_good", "migration.sql"), `CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY);`);
      mkdirSync(path.join(dir, "2_bad"));
      writeFileSync(path.join(dir, "2_bad", "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER); SELECT no_such_function();`);
      await expect(migratePostgres(url, dir)).rejects.toThrow(/migration 2_bad failed/);
      const tables = (await query<{ t: string }>(url, `SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.t);
      expect(tables).toEqual(["Good", "_hall_migrations"]);
      expect((await query<{ name: string }>(url, `SELECT "name" FROM "_hall_migrations"`)).map((r) => r.name)).toEqual(["1_good"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are the folder the runner reads by default", () => {
    expect(POSTGRES_MIGRATIONS).toMatch(/prisma[/\\]postgres[/\\]migrations$/);
  });
});

describe("the database's own rules", () => {
  let ref: ReferenceData;
  beforeAll(async () => {
    await resetDatabase();
    ref = await createReferenceData();
  });
  afterAll(() => resetDatabase());

  it("refuses TRUNCATE on the ledger as well as UPDATE and DELETE", async () => {
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "LedgerEntry"`)).rejects.toThrow(/append-only/);
  });

  it("finds products through the search index: the query's expression is the index's", async () => {
    const plan = await prisma.$transaction([
      prisma.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`),
      prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT p."id" FROM "Product" p CROSS JOIN to_tsquery('simple', $1) AS tsq WHERE ${SEARCH_VECTOR} @@ tsq`,
        "'dami':*BCD",
      ),
    ]);
    expect(plan[1].map((r) => r["QUERY PLAN"]).join("\n")).toContain("Product_search_idx");
  });

  it("loses no update when transactions that read and then write the same row race: each is serialized or run again", async () => {
    const rice = await product(ref, 0);
    await Promise.all(
      Array.from({ length: 12 }, () =>
        prisma.$transaction(async (tx) => {
          const { stock } = await tx.product.findUniqueOrThrow({ where: { id: rice.id }, select: { stock: true } });
          await tx.product.update({ where: { id: rice.id }, data: { stock: stock + 1 } });
        }),
      ),
    );
    expect((await prisma.product.findUniqueOrThrow({ where: { id: rice.id } })).stock).toBe(12);
  });

  it("keeps a rule that spans rows (a credit limit's kind) under racing transactions, and answers afterwards", async () => {
    // Each transaction reads the two products' total and adds one unit to one of them while the total
    // is below 10: write skew, which only SERIALIZABLE refuses; 40 of them queue for 20 connections.
    const a = await product(ref, 0);
    const b = await product(ref, 0);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          const both = await tx.product.findMany({ where: { id: { in: [a.id, b.id] } }, select: { stock: true } });
          if (both.reduce((sum, p) => sum + p.stock, 0) >= 10) return;
          await tx.product.update({ where: { id: i % 2 ? a.id : b.id }, data: { stock: { increment: 1 } } });
        }),
      ),
    );
    const after = await prisma.product.findMany({ where: { id: { in: [a.id, b.id] } }, select: { stock: true } });
    expect(after.reduce((sum, p) => sum + p.stock, 0)).toBe(10);
  });
});
