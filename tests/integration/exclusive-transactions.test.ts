import { beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../support/db";

beforeEach(resetDatabase);

const county = () =>
  prisma.county.create({ data: { slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai", provinceZh: "吉林省", provinceEn: "Jilin", kind: "ASSIGNED" } });

describe("one writer connection shared by every request, and a read-only one", () => {
  it("does not let a plain read see what an open transaction has not committed", async () => {
    await county();
    let seenDuringTransaction: string | undefined;
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let updated!: () => void;
    const hasUpdated = new Promise<void>((r) => (updated = r));
    const transaction = prisma.$transaction(async (tx) => {
      await tx.county.update({ where: { slug: "zhenlai" }, data: { nameZh: "未提交" } });
      updated();
      await holding;
      throw new Error("roll back");
    });
    await hasUpdated;
    const read = prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } }).then((c) => (seenDuringTransaction = c.nameZh));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(transaction).rejects.toThrow("roll back");
    await read;
    expect(seenDuringTransaction).toBe("镇赉县");
  });

  it("does not let a rollback undo another request's write made meanwhile", async () => {
    await county();
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let updated!: () => void;
    const hasUpdated = new Promise<void>((r) => (updated = r));
    const transaction = prisma.$transaction(async (tx) => {
      await tx.county.update({ where: { slug: "zhenlai" }, data: { storyZh: "回滚" } });
      updated();
      await holding;
      throw new Error("roll back");
    });
    await hasUpdated;
    const write = prisma.loginAttempt.create({ data: { key: "user:someone" } });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(transaction).rejects.toThrow();
    await write;
    expect(await prisma.loginAttempt.count({ where: { key: "user:someone" } })).toBe(1);
    expect((await prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } })).storyZh).toBe("");
  });

  it("gives timers and sockets a turn while a long transaction runs, and still commits it whole", async () => {
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 1);
    const inside: number[] = [];
    try {
      await prisma.$transaction(
        async (tx) => {
          for (let i = 0; i < 3_000; i++) {
            await tx.category.upsert({ where: { slug: "slice" }, create: { slug: "slice", nameZh: "切片", nameEn: "Slice", sortOrder: i }, update: { sortOrder: i } });
            if (i % 500 === 0) inside.push(turns);
          }
        },
        { timeout: 60_000 },
      );
    } finally {
      clearInterval(ticking);
    }
    // better-sqlite3 answers at once: without the slices not one timer would fire until the end.
    expect(new Set(inside).size).toBeGreaterThan(1);
    expect(await prisma.category.findUniqueOrThrow({ where: { slug: "slice" } })).toMatchObject({ sortOrder: 2_999 });
  });

  it("runs many concurrent transactions and queries to completion", async () => {
    await county();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? prisma.$transaction([prisma.loginAttempt.create({ data: { key: `k${i}` } }), prisma.loginAttempt.create({ data: { key: `k${i}` } })])
          : prisma.loginAttempt.count(),
      ),
    );
    expect(await prisma.loginAttempt.count()).toBe(40);
  });

  it("tells no writer it committed before another connection can read the row", async () => {
    await county();
    // Another connection to the same file sees only what is committed to it.
    const outside = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
    const committed = (key: string) => outside.prepare(`SELECT COUNT(*) AS n FROM "LoginAttempt" WHERE "key" = ?`).get(key) as { n: number };
    const seenOnDisk: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const key = `commit:${i}`;
        const write =
          i % 3 === 0
            ? prisma.loginAttempt.create({ data: { key } }) // a plain write, between transactions
            : prisma.$transaction([prisma.loginAttempt.create({ data: { key } }), prisma.loginAttempt.create({ data: { key } })]);
        return write.then(() => seenOnDisk.push(committed(key).n));
      }),
    );
    outside.close();
    expect(seenOnDisk).toHaveLength(30);
    expect(seenOnDisk.every((n) => n >= 1)).toBe(true);
    expect(await prisma.loginAttempt.count({ where: { key: { startsWith: "commit:" } } })).toBe(50);
  });

  it("answers a plain read while a transaction is open, from what is committed", async () => {
    await county();
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let updated!: () => void;
    const hasUpdated = new Promise<void>((r) => (updated = r));
    const transaction = prisma.$transaction(async (tx) => {
      await tx.county.update({ where: { slug: "zhenlai" }, data: { nameZh: "已提交" } });
      updated();
      await holding;
    });
    await hasUpdated;
    // The transaction is still open: the read is answered without waiting for it.
    expect((await prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } })).nameZh).toBe("镇赉县");
    release();
    await transaction;
    expect((await prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } })).nameZh).toBe("已提交");
  });

  it("undoes only the transaction that rolls back, not the others committed with it", async () => {
    await county();
    const results = await Promise.allSettled([
      prisma.$transaction([prisma.loginAttempt.create({ data: { key: "kept:1" } })]),
      prisma.$transaction(async (tx) => {
        await tx.loginAttempt.create({ data: { key: "undone" } });
        throw new Error("roll back");
      }),
      prisma.$transaction([prisma.loginAttempt.create({ data: { key: "kept:2" } })]),
      // A unique violation fails one batch, and only that one.
      prisma.$transaction([prisma.county.create({ data: { slug: "zhenlai", nameZh: "重复", nameEn: "Dup", provinceZh: "吉林省", provinceEn: "Jilin", kind: "ASSIGNED" } })]),
      prisma.$transaction([prisma.loginAttempt.create({ data: { key: "kept:3" } })]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect((await prisma.loginAttempt.findMany({ orderBy: { key: "asc" } })).map((a) => a.key)).toEqual(["kept:1", "kept:2", "kept:3"]);
    expect(await prisma.county.count()).toBe(1);
  });

  it("runs a setting that SQLite ignores inside a transaction right after a rollback", async () => {
    await county();
    // A transaction that rolls back…
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.loginAttempt.create({ data: { key: "undone" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // …and a PRAGMA sent at once must still take effect.
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
    expect(await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0n }]);
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    expect(await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1n }]);
  });
});
