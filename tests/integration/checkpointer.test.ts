import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startBackgroundCheckpoints } from "~/utils/checkpointer.server";

const dir = path.resolve("tests/.tmp");
const file = path.join(dir, `checkpoint-${process.pid}.db`);
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});

describe("background checkpoints", () => {
  it("copy committed pages from the WAL into the database file without the writer checkpointing", async () => {
    mkdirSync(dir, { recursive: true });
    const writer = new Database(file);
    cleanup.push(() => writer.close());
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0"); // the writer never checkpoints itself here
    writer.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)`);
    const insert = writer.prepare(`INSERT INTO t (body) VALUES (?)`);
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run("x".repeat(500));
    })();
    const before = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000);

    const worker = startBackgroundCheckpoints(file, 20);
    cleanup.push(() => worker.terminate());
    let after = before;
    for (let i = 0; i < 100 && after < 1_000_000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = statSync(file).size;
    }
    // The rows now live in the database file itself, and a fresh reader sees all of them.
    expect(after).toBeGreaterThan(before + 1_000_000);
    const reader = new Database(file, { readonly: true });
    cleanup.push(() => reader.close());
    expect(reader.prepare(`SELECT COUNT(*) AS n FROM t`).get()).toEqual({ n: 2000 });
  });
});
