import { readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "./env.server";
import { jobStates, jobsStarted } from "./jobs.server";

/**
 * What /readyz checks, in one list: each check answers quickly with ok and a short public detail (no
 * private data). Other parts of the hall add theirs with addReadinessCheck (e.g. backup age).
 */
export type CheckResult = { ok: boolean; detail?: unknown };
export type ReadinessCheck = { name: string; run: () => CheckResult | Promise<CheckResult> };

const checks: ReadinessCheck[] = [];

export function addReadinessCheck(check: ReadinessCheck) {
  checks.push(check);
}

export async function readiness() {
  const results: Record<string, CheckResult> = {};
  for (const check of checks) {
    try {
      results[check.name] = await check.run();
    } catch (error) {
      results[check.name] = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: Object.values(results).every((r) => r.ok), checks: results };
}

let probe: Database.Database | undefined;
function probeConnection() {
  probe ??= new Database(getEnv().DATABASE_URL.replace(/^file:/, ""), { timeout: 1000, fileMustExist: true });
  return probe;
}

/** Closes the probe's own connection (shutdown). */
export function closeHealthProbe() {
  probe?.close();
  probe = undefined;
}

// The database takes the write lock within a second: writable file, space for the journal, no stuck writer.
addReadinessCheck({
  name: "database",
  run() {
    const db = probeConnection();
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return { ok: true };
  },
});

// Every migration folder shipped with this build is applied (a deploy that skipped `migrate deploy` is not ready).
const shipped = (() => {
  try {
    return readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
})();
addReadinessCheck({
  name: "migrations",
  run() {
    const applied = new Set(
      probeConnection()
        .prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => (r as { name: string }).name),
    );
    const pending = shipped.filter((name) => !applied.has(name));
    return { ok: pending.length === 0, detail: { applied: applied.size, pending: pending.length } };
  },
});

addReadinessCheck({
  name: "jobs",
  run() {
    const states = jobStates();
    // The process that runs the jobs is not ready until they have started (they start once the
    // database connection is prepared, a moment after the server listens).
    const started = getEnv().BACKGROUND_JOBS !== "true" || jobsStarted();
    return { ok: started && states.every((s) => s.ok), detail: states };
  },
});
