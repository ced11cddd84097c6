/**
 * SQLite against PostgreSQL on this machine, in one run (ADR 025): the same models, the same demo
 * catalogue, each engine in its own process. PostgreSQL runs from Debian's package in a throwaway
 * cluster on loopback with its durable defaults (fsync on, synchronous_commit on).
 *   npx tsx scripts/bench/engines.ts            (BENCH_SECONDS=4 per measurement)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startCluster } from "../../tests/support/postgres-cluster";
import { migratePostgres } from "../postgres-migrate";

type Figures = Record<"orders" | "list" | "search" | "dashboard", { perSecond: number; p50: number; p95: number }>;

function worker(databaseUrl: string): Figures {
  const out = execFileSync("npx", ["tsx", "scripts/bench/engine-worker.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), ALLOW_TEST_PAYMENTS: "true" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Figures;
}

const dir = mkdtempSync(path.join(tmpdir(), "hall-bench-"));
const cluster = await startCluster({ durable: true });
try {
  const sqliteUrl = `file:${path.join(dir, "bench.db")}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: sqliteUrl }, stdio: "pipe" });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "bench"`);
  await admin.end();
  await migratePostgres(cluster.url("bench"));

  const sqlite = worker(sqliteUrl);
  const postgres = worker(cluster.url("bench"));
  const rows = (Object.keys(sqlite) as (keyof Figures)[]).map((k) => ({
    what: k,
    sqlitePerSecond: Math.round(sqlite[k].perSecond),
    postgresPerSecond: Math.round(postgres[k].perSecond),
    ratio: Number((postgres[k].perSecond / sqlite[k].perSecond).toFixed(2)),
    sqliteP95: Number(sqlite[k].p95.toFixed(1)),
    postgresP95: Number(postgres[k].p95.toFixed(1)),
  }));
  for (const r of rows) {
    console.info(`${r.what}: SQLite ${r.sqlitePerSecond}/s (p95 ${r.sqliteP95} ms), PostgreSQL ${r.postgresPerSecond}/s (p95 ${r.postgresP95} ms), ratio ${r.ratio}`);
  }
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
