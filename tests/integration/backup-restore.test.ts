import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";

// Set before db.server is imported: the connection must leave checkpoints to Litestream, as in production.
const { dir, config } = vi.hoisted(() => {
  const dir = `${process.cwd()}/tests/.tmp/litestream-${process.pid}`;
  process.env.LITESTREAM_CONFIG = `${dir}/litestream.yml`;
  return { dir, config: `${dir}/litestream.yml` };
});

import { backupStatus, backupTo, forgetBackupStatus, litestreamBinary, litestreamGenerations } from "~/models/backup.server";
import { markOrderPaid, placeOrder } from "~/models/order.server";
import { dbReady, prisma } from "~/utils/db.server";
import { BackupError, databaseFile, restoreFrom } from "~/utils/sqlite-backup.server";
import { createBuyer, createShop, product } from "../support/order-fixtures";

const replica = path.join(dir, "replica");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function startLitestream() {
  const child = spawn(litestreamBinary(), ["replicate", "-config", config], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let log = "";
  child.stderr!.on("data", (d) => (log += String(d)));
  child.stdout!.on("data", (d) => (log += String(d)));
  return { child, log: () => log };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Acked = { id: number; number: string; totalFen: number; paid: boolean; at: number };

/** Buyers placing two-line orders (every other one paid, so the ledger is written too) until stopped. */
function writeUnderLoad(userId: number, productIds: number[], buyers: number) {
  const acked: Acked[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: buyers }, async () => {
    while (running) {
      const i = n++;
      const result = await placeOrder({
        userId,
        checkoutKey: `drill-${i}`,
        lines: [
          { productId: productIds[i % productIds.length]!, quantity: 1 + (i % 3) },
          { productId: productIds[(i + 1) % productIds.length]!, quantity: 1 },
        ],
        delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
      });
      if (!result.ok) throw new Error(`order refused: ${JSON.stringify(result)}`);
      const paid = i % 2 === 0 && (await markOrderPaid({ orderId: result.order.id, provider: "LOCAL", providerRef: `drill-${i}` })) === "paid";
      // Acknowledged: the caller has been told, so the order must survive a restore taken after this.
      acked.push({ id: result.order.id, number: result.order.number, totalFen: result.order.totalFen, paid, at: Date.now() });
    }
  });
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

function restoreReplica(out: string, timestamp?: Date) {
  const args = ["restore", "-config", config, "-o", out, ...(timestamp ? ["-timestamp", timestamp.toISOString()] : []), databaseFile()];
  try {
    execFileSync(litestreamBinary(), args, { stdio: "pipe" });
  } catch (error) {
    throw new Error(`litestream restore failed: ${String((error as { stderr?: Buffer }).stderr)}`);
  }
}

/** What a restored file holds, read with a plain connection (the hall's own points at the live file). */
function readRestored(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const orders = db.prepare(`SELECT id, number, totalFen, paidAt FROM "Order"`).all() as { id: number; number: string; totalFen: number; paidAt: number | null }[];
    const lines = new Map((db.prepare(`SELECT orderId, COUNT(*) AS n FROM "OrderLine" GROUP BY orderId`).all() as { orderId: number; n: number }[]).map((r) => [r.orderId, r.n]));
    const ledger = new Map((db.prepare(`SELECT orderId, SUM(amountFen) AS fen FROM "LedgerEntry" WHERE orderId IS NOT NULL GROUP BY orderId`).all() as { orderId: number; fen: number }[]).map((r) => [r.orderId, r.fen]));
    return { integrity, orders: new Map(orders.map((o) => [o.id, o])), lines, ledger };
  } finally {
    db.close();
  }
}

describe("restore drill: continuous backup with Litestream", () => {
  it("restores every acknowledged order and its ledger entries after the database is destroyed, and to a point in time", async () => {
    await dbReady;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      config,
      `dbs:\n  - path: ${databaseFile()}\n    monitor-interval: 100ms\n    replicas:\n      - type: file\n        path: ${replica}\n        sync-interval: 100ms\n`,
    );
    const ref = await createShop();
    const buyer = await createBuyer("E1");
    const products = [await product(ref, 1_000_000), await product(ref, 1_000_000), await product(ref, 1_000_000, 5990, "fengshan")];
    const litestream = startLitestream();
    // Replication is running (its first snapshot taken) before the buyers arrive.
    for (let i = 0; i < 100 && (await litestreamGenerations(config)).length === 0; i++) await sleep(100);

    const load = writeUnderLoad(buyer.id, products.map((p) => p.id), 6);
    const ackedBetween = (from: number, to: number) => load.acked.filter((o) => o.at > from && o.at < to).length;
    // However fast this machine is today: enough orders a second before the moment, and enough after it.
    while (ackedBetween(0, Date.now() - 1000) < 10) await sleep(50);
    const pointInTime = new Date();
    while (ackedBetween(pointInTime.getTime() + 50, Infinity) < 10) await sleep(50);
    await load.stop();

    // The last replication: wait until the replica holds every change the database file has.
    let caughtUp = false;
    for (let i = 0; i < 100 && !caughtUp; i++) {
      await sleep(100);
      const [current] = await litestreamGenerations(config);
      caughtUp = !!current && current.lagMs <= 0 && current.end.getTime() >= Math.floor(load.acked.at(-1)!.at / 1000) * 1000;
    }
    expect(caughtUp).toBe(true);
    // Our connection never checkpointed behind Litestream's back: one generation, no forced re-snapshot.
    expect(await litestreamGenerations(config)).toHaveLength(1);
    forgetBackupStatus();
    expect(await backupStatus()).toMatchObject({ kind: "litestream", ageSeconds: 0, stale: false });

    // The machine is lost: Litestream dies with it and the database files are gone.
    litestream.child.kill("SIGKILL");
    await prisma.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile() + suffix, { force: true });
    expect(existsSync(databaseFile())).toBe(false);

    const restoredFile = path.join(dir, "restored.db");
    restoreReplica(restoredFile);
    const restored = readRestored(restoredFile);
    expect(restored.integrity).toBe("ok");
    expect(restored.orders.size).toBe(load.acked.length);
    for (const order of load.acked) {
      expect(restored.orders.get(order.id)?.number).toBe(order.number);
      expect(restored.lines.get(order.id)).toBe(2);
      expect(restored.ledger.get(order.id) ?? 0).toBe(order.paid ? order.totalFen : 0);
    }

    // Point in time: everything acknowledged a sync interval before the moment is there, nothing after it.
    const pitFile = path.join(dir, "point-in-time.db");
    restoreReplica(pitFile, pointInTime);
    const atPoint = readRestored(pitFile);
    expect(atPoint.integrity).toBe("ok");
    const before = load.acked.filter((o) => o.at < pointInTime.getTime() - 1000);
    const after = load.acked.filter((o) => o.at > pointInTime.getTime() + 50);
    expect(before.length).toBeGreaterThan(10);
    expect(after.length).toBeGreaterThan(10);
    for (const order of before) expect(atPoint.orders.has(order.id)).toBe(true);
    for (const order of after) expect(atPoint.orders.has(order.id)).toBe(false);
    expect(atPoint.orders.size).toBeLessThan(restored.orders.size);
  }, 180_000);
});

describe("npm run backup / npm run restore", () => {
  it("copies the live database while it is written, refuses to restore over a database in use, and restores a checked copy", async () => {
    // Fresh file and connection: the drill above deleted the first (and stopped Litestream, unless it failed).
    for (const child of children) child.kill("SIGKILL");
    await prisma.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile() + suffix, { force: true });
    execFileSync(process.execPath, ["-e", `require("node:fs").copyFileSync("tests/.tmp/template.db", ${JSON.stringify(databaseFile())})`]);
    await prisma.$connect();
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL"); // as the server sets it at start

    const ref = await createShop();
    const buyer = await createBuyer("E2");
    const products = [await product(ref, 1_000_000), await product(ref, 1_000_000, 5990, "fengshan")];
    const load = writeUnderLoad(buyer.id, products.map((p) => p.id), 4);
    await sleep(300);
    const copy = path.join(dir, "copy.db");
    const backedUp = await backupTo(copy);
    const ackedBeforeCopy = load.acked.length;
    await load.stop();
    expect(backedUp.bytes).toBeGreaterThan(0);
    await expect(backupTo(copy)).rejects.toThrow(BackupError);

    // Consistent: every order has its lines, and nothing the copy started after is half there.
    const copied = readRestored(copy);
    expect(copied.integrity).toBe("ok");
    expect(copied.orders.size).toBeGreaterThanOrEqual(ackedBeforeCopy);
    for (const id of copied.orders.keys()) expect(copied.lines.get(id)).toBe(2);
    forgetBackupStatus();
    delete process.env.LITESTREAM_CONFIG;
    const { resetEnvCache } = await import("~/utils/env.server");
    resetEnvCache();
    expect(await backupStatus()).toMatchObject({ kind: "file", stale: false });

    // The server's connection is open: restoring now would pull the file from under it.
    expect(() => restoreFrom(copy, databaseFile())).toThrow(/in use/);
    const corrupt = path.join(dir, "corrupt.db");
    writeFileSync(corrupt, "SQLite format 3\0 but not really");
    expect(() => restoreFrom(corrupt, path.join(dir, "target.db"))).toThrow(BackupError);

    const ordersNow = await prisma.order.count();
    expect(ordersNow).toBeGreaterThan(copied.orders.size);
    await prisma.$disconnect();
    const { kept } = restoreFrom(copy, databaseFile());
    expect(kept).not.toBeNull();
    expect(readRestored(databaseFile()).orders.size).toBe(copied.orders.size);
    // The database it replaced is kept, with everything written after the copy.
    expect(readRestored(kept!).orders.size).toBe(ordersNow);
  }, 180_000);
});
