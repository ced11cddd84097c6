import { beforeEach, describe, expect, it, vi } from "vitest";

// The WAL file's fsyncs, held until the test lets each one finish (or fail).
const disk = vi.hoisted(() => ({
  syncs: [] as { finish: () => void; fail: (error: unknown) => void }[],
  missing: false,
}));
vi.mock("node:fs/promises", () => ({
  open: async () => {
    if (disk.missing) throw Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    return { sync: () => new Promise<void>((finish, fail) => disk.syncs.push({ finish, fail })) };
  },
}));
const { createWalSync } = await import("~/utils/wal-sync.server");

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

beforeEach(() => {
  disk.syncs.length = 0;
  disk.missing = false;
});

describe("making commits durable off the event loop", () => {
  it("answers a commit made while an fsync runs only after the next fsync, which starts after it", async () => {
    const wal = createWalSync("/db-wal");
    const first = wal.durable();
    await turns();
    expect(disk.syncs).toHaveLength(1);
    let secondAnswered = false;
    const second = wal.durable().then(() => (secondAnswered = true));
    disk.syncs[0]!.finish();
    await first;
    await turns();
    // The first fsync may have started before the second commit reached the file.
    expect(secondAnswered).toBe(false);
    expect(disk.syncs).toHaveLength(2);
    disk.syncs[1]!.finish();
    await second;
    expect(secondAnswered).toBe(true);
  });

  it("lets every commit that waits for the disk share one fsync", async () => {
    const wal = createWalSync("/db-wal");
    const first = wal.durable();
    await turns();
    const waiting = Array.from({ length: 10 }, () => wal.durable());
    disk.syncs[0]!.finish();
    await turns();
    disk.syncs[1]!.finish();
    await Promise.all([first, ...waiting]);
    expect(disk.syncs).toHaveLength(2);
  });

  it("reports no commit durable after an fsync has failed, even if a later one would succeed", async () => {
    const wal = createWalSync("/db-wal");
    const first = wal.durable();
    await turns();
    disk.syncs[0]!.fail(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }));
    await expect(first).rejects.toThrow(/restart the server/);
    await expect(wal.durable()).rejects.toThrow(/restart the server/);
    expect(disk.syncs).toHaveLength(1);
  });

  it("has nothing to sync before SQLite has created the WAL file", async () => {
    disk.missing = true;
    await expect(createWalSync("/db-wal").durable()).resolves.toBeUndefined();
    expect(disk.syncs).toHaveLength(0);
  });
});
