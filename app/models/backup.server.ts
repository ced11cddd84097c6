import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { statSync } from "node:fs";
import { promisify } from "node:util";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { addReadinessCheck } from "~/utils/health.server";
import { metrics } from "~/utils/metrics.server";
import { copyDatabase, databaseFile } from "~/utils/sqlite-backup.server";

/**
 * Backups of the one SQLite file (ADR 023): Litestream replicates it continuously when
 * LITESTREAM_CONFIG is set; `npm run backup` / `npm run restore` make and restore a consistent copy
 * for those without it.
 */

export type BackupStatus = {
  /** When the newest backup was taken (Litestream: the newest change its replica holds). */
  lastBackupAt: Date | null;
  /** How old a change can be and still be missing from every backup: Litestream's replica lag, or the
   * time since the last copy. null when there is no backup at all. */
  ageSeconds: number | null;
  kind: "litestream" | "file" | "none";
  /** Older than an operator should accept: Litestream more than 5 minutes behind, a copy older than 26 hours (daily job plus slack), or none. */
  stale: boolean;
};

const STALE_AFTER_S = { litestream: 300, file: 26 * 3600 };

/** The Litestream binary the npm package installs for this platform (the npx wrapper hides failures). */
export function litestreamBinary() {
  return createRequire(import.meta.url).resolve(`@flydotio/litestream-${process.platform}-${process.arch}/litestream`);
}

const run = promisify(execFile);

type Generation = { replica: string; generation: string; lagMs: number; end: Date };

/** `litestream generations` lists, per replica and generation, its lag behind the database and its newest change. */
export async function litestreamGenerations(config: string, file = databaseFile()): Promise<Generation[]> {
  const { stdout } = await run(litestreamBinary(), ["generations", "-config", config, file], { timeout: 10_000 });
  return stdout
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length === 5)
    .map(([replica, generation, lag, , end]) => ({ replica: replica!, generation: generation!, lagMs: goDurationMs(lag!), end: new Date(end!) }));
}

/** Go's time.Duration text ("-944ms", "1m2.5s", "3h0m0s") in milliseconds. */
export function goDurationMs(text: string) {
  const sign = text.startsWith("-") ? -1 : 1;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };
  let ms = 0;
  for (const [, value, unit] of text.matchAll(/([\d.]+)(h|ms|m|s|us|µs|ns)/g)) ms += Number(value) * units[unit!]!;
  return sign * ms;
}

let cached: { at: number; status: BackupStatus } | undefined;
const CACHE_MS = 10_000;

/**
 * The newest backup, for the admin dashboard, /readyz and /metrics. Asking Litestream costs a
 * process start (and a listing on S3), so the answer is kept for 10 s.
 */
export async function backupStatus(now = new Date()): Promise<BackupStatus> {
  if (cached && now.getTime() - cached.at < CACHE_MS) return cached.status;
  const config = getEnv().LITESTREAM_CONFIG;
  let status: BackupStatus;
  if (config) {
    const generations = await litestreamGenerations(config).catch((error: unknown) => {
      console.warn(`Could not read Litestream's replicas: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    const newest = generations.sort((a, b) => b.end.getTime() - a.end.getTime())[0];
    status = newest
      ? withStaleness({ kind: "litestream", lastBackupAt: newest.end, ageSeconds: Math.max(0, Math.round(newest.lagMs / 1000)) })
      : { kind: "litestream", lastBackupAt: null, ageSeconds: null, stale: true };
  } else {
    const last = await prisma.backupRecord.findFirst({ orderBy: { finishedAt: "desc" }, select: { finishedAt: true } });
    status = last
      ? withStaleness({ kind: "file", lastBackupAt: last.finishedAt, ageSeconds: Math.max(0, Math.round((now.getTime() - last.finishedAt.getTime()) / 1000)) })
      : { kind: "none", lastBackupAt: null, ageSeconds: null, stale: true };
  }
  cached = { at: now.getTime(), status };
  return status;
}

function withStaleness(status: { kind: "litestream" | "file"; lastBackupAt: Date; ageSeconds: number }): BackupStatus {
  return { ...status, stale: status.ageSeconds > STALE_AFTER_S[status.kind] };
}

export function forgetBackupStatus() {
  cached = undefined;
}

/** `npm run backup`: a checked copy of the live database, recorded for the dashboard and /readyz. */
export async function backupTo(target: string, source = databaseFile()) {
  const file = copyDatabase(source, target);
  const bytes = statSync(file).size;
  await prisma.backupRecord.create({ data: { location: file, bytes } });
  forgetBackupStatus();
  return { file, bytes };
}

// /readyz and /metrics report the newest backup's age. A stale backup is the operator's alarm, not a
// reason to take this process out of service, so the check itself always passes.
addReadinessCheck({
  name: "backup",
  async run() {
    const { kind, lastBackupAt, ageSeconds, stale } = await backupStatus();
    return { ok: true, detail: { kind, lastBackupAt, ageSeconds, stale } };
  },
});
metrics.setBackupAgeSource(async () => (await backupStatus()).ageSeconds);
