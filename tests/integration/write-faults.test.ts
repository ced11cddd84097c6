import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { exclusiveTransactions } from "~/utils/exclusive-adapter.server";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../support/db";

/**
 * Faults injected into the write path (ADR 018). Each test runs writers concurrently, records what
 * every caller was told, and checks it against what another connection finds on disk: a caller told
 * "done" finds its rows, a caller told "failed" finds none, and a reader never saw a row that did not
 * commit.
 */

const file = process.env.DATABASE_URL!.replace(/^file:/, "");
// Another connection to the same file: it sees only what is committed to it.
const outside = new Database(file, { readonly: true });
afterAll(() => outside.close());
const onDisk = (key: string) => (outside.prepare(`SELECT COUNT(*) AS n FROM "LoginAttempt" WHERE "key" = ?`).get(key) as { n: number }).n;

beforeEach(resetDatabase);
afterEach(async () => {
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "inject_rollback"`);
  await prisma.$executeRawUnsafe(`PRAGMA max_page_count = 1073741823`);
});

/** A trigger that makes SQLite roll back the whole transaction, as it does on disk full or I/O error. */
const injectWholeRollback = () =>
  prisma.$executeRawUnsafe(`
    CREATE TRIGGER "inject_rollback" BEFORE INSERT ON "LoginAttempt" WHEN NEW."key" LIKE 'doomed:%'
    BEGIN SELECT RAISE(ROLLBACK, 'injected: the whole transaction is rolled back'); END`);

type Outcome = { keys: string[]; told: "done" | "failed"; error?: unknown; seenAtAck?: number[] };

/** Runs the writes concurrently; notes what each caller is told and what the disk held at that moment. */
async function tell(writes: { keys: string[]; run: () => Promise<unknown> }[]): Promise<Outcome[]> {
  return Promise.all(
    writes.map(({ keys, run }) =>
      run().then(
        () => ({ keys, told: "done" as const, seenAtAck: keys.map(onDisk) }),
        (error: unknown) => ({ keys, told: "failed" as const, error }),
      ),
    ),
  );
}

function expectToldTheTruth(outcomes: Outcome[]) {
  for (const o of outcomes) {
    const found = o.keys.map(onDisk);
    if (o.told === "done") {
      // On disk when the caller heard "done" (not merely later), and still there.
      expect(o.seenAtAck, `${o.keys.join()} told done`).toEqual(o.keys.map(() => 1));
      expect(found).toEqual(o.keys.map(() => 1));
    } else {
      expect(found, `${o.keys.join()} told failed`).toEqual(o.keys.map(() => 0));
    }
  }
}

describe("the write path under faults", () => {
  it("fails only the transaction whose statement fails, and tells the others they committed", async () => {
    const outcomes = await tell(
      Array.from({ length: 30 }, (_, i) => {
        const keys = [`a:${i}`, `b:${i}`];
        // Every fifth writes its second row with an id already taken: a unique violation mid-transaction.
        const clash = i % 5 === 0;
        return {
          keys,
          run: () =>
            prisma.$transaction([
              prisma.loginAttempt.create({ data: { key: keys[0]! } }),
              clash ? prisma.loginAttempt.create({ data: { id: 1, key: keys[1]! } }) : prisma.loginAttempt.create({ data: { key: keys[1]! } }),
            ]),
        };
      }),
    );
    // Row id 1 may be taken by whichever transaction ran first; every clash after it fails, alone.
    const failed = outcomes.filter((o) => o.told === "failed");
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.every((o) => Number(o.keys[0]!.slice(2)) % 5 === 0)).toBe(true);
    for (const o of failed) expect(String(o.error)).toMatch(/Unique constraint/);
    expectToldTheTruth(outcomes);
  });

  it("keeps a transaction SQLite rolled back whole from committing anything, and leaves the others alone", async () => {
    await injectWholeRollback();
    let continuedAfterRollback = 0;
    const outcomes = await tell(
      Array.from({ length: 40 }, (_, i) => {
        switch (i % 4) {
          case 0: // a batch whose second statement makes SQLite roll back the whole transaction
            return {
              keys: [`first:${i}`, `doomed:${i}`],
              run: () => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `first:${i}` } }), prisma.loginAttempt.create({ data: { key: `doomed:${i}` } })]),
            };
          case 1: // code that catches the error and carries on writing in what it thinks is its transaction
            return {
              keys: [`before:${i}`, `after:${i}`],
              run: () =>
                prisma.$transaction(async (tx) => {
                  await tx.loginAttempt.create({ data: { key: `before:${i}` } });
                  await tx.loginAttempt.create({ data: { key: `doomed:${i}` } }).catch(() => {});
                  await tx.loginAttempt.create({ data: { key: `after:${i}` } }).catch(() => (continuedAfterRollback += 1));
                }),
            };
          case 2: // a plain write
            return { keys: [`plain:${i}`], run: () => prisma.loginAttempt.create({ data: { key: `plain:${i}` } }) };
          default:
            return {
              keys: [`ok:${i}`, `ok2:${i}`],
              run: () => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `ok:${i}` } }), prisma.loginAttempt.create({ data: { key: `ok2:${i}` } })]),
            };
        }
      }),
    );
    expectToldTheTruth(outcomes);
    // Exactly the doomed ones failed; everyone else committed and heard so.
    expect(outcomes.map((o) => o.told)).toEqual(outcomes.map((_, i) => (i % 4 < 2 ? "failed" : "done")));
    // The write after the rollback was refused, not run on its own outside any transaction…
    expect(continuedAfterRollback).toBe(10);
    // …and the transaction that carried on is told it was rolled back.
    for (const o of outcomes.filter((_, i) => i % 4 === 1)) expect(String(o.error)).toMatch(/rolled back/);
    expect(outside.prepare(`SELECT COUNT(*) AS n FROM "LoginAttempt" WHERE "key" LIKE 'doomed:%'`).get()).toEqual({ n: 0 });
  });

  it("tells every writer the truth when the disk fills up (SQLITE_FULL)", async () => {
    const [pages] = await prisma.$queryRawUnsafe<{ page_count: bigint }[]>(`PRAGMA page_count`);
    // Room for a handful of rows of ~3 KB each, not for all of them.
    await prisma.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(pages!.page_count) + 8}`);
    const big = "x".repeat(3000);
    const outcomes = await tell(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? { keys: [`full:${i}:${big}`], run: () => prisma.loginAttempt.create({ data: { key: `full:${i}:${big}` } }) }
          : {
              keys: [`full:${i}:a:${big}`, `full:${i}:b:${big}`],
              run: () => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `full:${i}:a:${big}` } }), prisma.loginAttempt.create({ data: { key: `full:${i}:b:${big}` } })]),
            },
      ),
    );
    const failed = outcomes.filter((o) => o.told === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(outcomes.length - failed.length).toBeGreaterThan(0);
    for (const o of failed) expect(String(o.error)).toMatch(/full/i);
    expectToldTheTruth(outcomes);
    // The hall keeps working once there is room again.
    await prisma.$executeRawUnsafe(`PRAGMA max_page_count = 1073741823`);
    await prisma.$transaction([prisma.loginAttempt.create({ data: { key: "after-full" } })]);
    expect(onDisk("after-full")).toBe(1);
  });

  it("never lets a reader see a row that did not commit", async () => {
    await injectWholeRollback();
    const seen = new Set<string>();
    const read = async () => {
      for (const row of await prisma.loginAttempt.findMany({ select: { key: true } })) seen.add(row.key);
    };
    // Reads queued between the writes, and a reader polling throughout.
    let writing = true;
    const poller = (async () => {
      while (writing) {
        await read();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const outcomes: Outcome[] = [];
    for (let round = 0; round < 10; round++) {
      const reads: Promise<void>[] = [];
      const between = <T,>(write: () => Promise<T>) => () => {
        const written = write();
        reads.push(read(), new Promise<void>((r) => setImmediate(r)).then(read));
        return written;
      };
      outcomes.push(
        ...(await tell([
          { keys: [`r${round}:ok`], run: between(() => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `r${round}:ok` } })])) },
          {
            keys: [`r${round}:held`],
            run: between(() =>
              prisma.$transaction(async (tx) => {
                await tx.loginAttempt.create({ data: { key: `r${round}:held` } });
                await new Promise((r) => setTimeout(r, 2)); // readers get their turn while it is open
                throw new Error("changed its mind");
              }),
            ),
          },
          {
            keys: [`r${round}:with-doomed`],
            run: between(() => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `r${round}:with-doomed` } }), prisma.loginAttempt.create({ data: { key: `doomed:${round}` } })])),
          },
          { keys: [`r${round}:ok2`], run: between(() => prisma.$transaction([prisma.loginAttempt.create({ data: { key: `r${round}:ok2` } })])) },
        ])),
      );
      await Promise.all(reads);
    }
    writing = false;
    await poller;
    expectToldTheTruth(outcomes);
    // The writers that did nothing wrong committed, whatever the others did.
    expect(outcomes.filter((o) => /:ok2?$/.test(o.keys[0]!)).map((o) => o.told)).toEqual(Array(20).fill("done"));
    const committed = new Set((outside.prepare(`SELECT "key" FROM "LoginAttempt"`).all() as { key: string }[]).map((r) => r.key));
    expect([...seen].filter((key) => !committed.has(key))).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
  });

  describe("durability (commits written with synchronous = NORMAL, then the WAL fsynced)", () => {
    // Each fsync is held until the test lets it finish, or makes it fail.
    const fsyncs: { finish: () => void; fail: (error: unknown) => void }[] = [];
    const durable = () => new Promise<void>((finish, fail) => fsyncs.push({ finish, fail }));
    const url = process.env.DATABASE_URL!;
    const client = new PrismaClient({ adapter: exclusiveTransactions(new PrismaBetterSQLite3({ url }), new PrismaBetterSQLite3({ url, readonly: true }), { durable }) });
    afterAll(() => client.$disconnect());
    const committed = async (...keys: string[]) => {
      while (keys.some((key) => onDisk(key) === 0)) await new Promise((r) => setImmediate(r));
    };

    it("tells a writer it committed only once its commit is durable, without holding up the next writer", async () => {
      const told: string[] = [];
      const batch = client.$transaction([client.loginAttempt.create({ data: { key: "dur:batch" } })]).then(() => told.push("batch"));
      const plain = client.loginAttempt.create({ data: { key: "dur:plain" } }).then(() => told.push("plain"));
      // Both committed one after the other in SQLite while the first fsync is still pending…
      await committed("dur:batch", "dur:plain");
      // …and neither caller has been told.
      expect(told).toEqual([]);
      for (const f of fsyncs.splice(0)) f.finish();
      await Promise.all([batch, plain]);
      expect(told.sort()).toEqual(["batch", "plain"]);
    });

    it("tells a writer its commit could not be made durable when the fsync fails", async () => {
      const write = client.$transaction([client.loginAttempt.create({ data: { key: "dur:lost" } })]);
      await committed("dur:lost");
      for (const f of fsyncs.splice(0)) f.fail(new Error("Could not make the database's commits durable: restart the server"));
      await expect(write).rejects.toThrow(/could not make the database's commits durable/i);
    });
  });

  describe("I/O errors injected under the driver", () => {
    const ioError = () => Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_WRITE" });
    let fault: ((query: SqlQuery, inner: SqlDriverAdapter) => Promise<void>) | null = null;
    const faulty: SqlDriverAdapterFactory = (() => {
      const factory = new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, timeout: 5000 });
      return {
        provider: factory.provider,
        adapterName: factory.adapterName,
        async connect() {
          const inner = await factory.connect();
          await inner.executeRaw({ sql: "PRAGMA synchronous = FULL", args: [], argTypes: [] });
          return new Proxy(inner, {
            get(target, prop) {
              if (prop !== "executeRaw" && prop !== "queryRaw") return Reflect.get(target, prop, target);
              return async (query: SqlQuery) => {
                await fault?.(query, target);
                return prop === "executeRaw" ? target.executeRaw(query) : target.queryRaw(query);
              };
            },
          });
        },
      };
    })();
    const client = new PrismaClient({ adapter: exclusiveTransactions(faulty, new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, readonly: true })) });
    afterEach(() => (fault = null));
    afterAll(() => client.$disconnect());

    it("fails every transaction whose COMMIT fails, and rolls it back so the next one starts clean", async () => {
      let commits = 0;
      // Every third COMMIT fails with an I/O error before it is written; SQLite keeps the transaction open.
      fault = async (query) => {
        if (/^\s*COMMIT\s*$/i.test(query.sql) && ++commits % 3 === 0) throw ioError();
      };
      const outcomes = await tell(
        Array.from({ length: 30 }, (_, i) => ({
          keys: [`io:${i}`, `io2:${i}`],
          run: () => client.$transaction([client.loginAttempt.create({ data: { key: `io:${i}` } }), client.loginAttempt.create({ data: { key: `io2:${i}` } })]),
        })),
      );
      expect(outcomes.filter((o) => o.told === "failed")).toHaveLength(10);
      expectToldTheTruth(outcomes);
      fault = null;
      await client.loginAttempt.create({ data: { key: "io:after" } });
      expect(onDisk("io:after")).toBe(1);
    });

    it("fails a transaction that SQLite rolled back on an I/O error, and commits nothing it does afterwards", async () => {
      // SQLite answers this statement's I/O error by rolling back the whole transaction.
      fault = async (query, inner) => {
        if (/INSERT/i.test(query.sql) && query.args.some((a) => typeof a === "string" && a.startsWith("ioerr:"))) {
          await inner.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
          throw ioError();
        }
      };
      const outcomes = await tell(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? {
                keys: [`io-before:${i}`, `io-after:${i}`],
                run: () =>
                  client.$transaction(async (tx) => {
                    await tx.loginAttempt.create({ data: { key: `io-before:${i}` } });
                    await tx.loginAttempt.create({ data: { key: `ioerr:${i}` } }).catch(() => {});
                    await tx.loginAttempt.create({ data: { key: `io-after:${i}` } });
                  }),
              }
            : { keys: [`io-ok:${i}`], run: () => client.$transaction([client.loginAttempt.create({ data: { key: `io-ok:${i}` } })]) },
        ),
      );
      expect(outcomes.map((o) => o.told)).toEqual(outcomes.map((_, i) => (i % 2 ? "failed" : "done")));
      expectToldTheTruth(outcomes);
    });
  });
});
