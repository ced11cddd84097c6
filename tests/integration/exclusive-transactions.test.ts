import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../support/db";

beforeEach(resetDatabase);

const county = () =>
  prisma.county.create({ data: { slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai", provinceZh: "吉林省", provinceEn: "Jilin", kind: "ASSIGNED" } });

describe("one SQLite connection shared by every request", () => {
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
});
