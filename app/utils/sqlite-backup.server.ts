import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "./env.server";

/** File-level backup plumbing for one SQLite file; opens no Prisma client (restore needs the file to itself). */

export class BackupError extends Error {}

export function databaseFile(url = getEnv().DATABASE_URL) {
  return resolve(url.replace(/^file:/, ""));
}

/** Opens a file as SQLite and runs integrity_check; it must also be a hall database (migrated). */
export function checkIntegrity(file: string) {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new BackupError(`${file} fails SQLite's integrity check: ${String(result)}`);
    const isHall = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!isHall) throw new BackupError(`${file} is not a hall database (it has no migrations table)`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * A consistent copy, safe while the server runs: VACUUM INTO reads one snapshot in one read
 * transaction (writers carry on; a page-by-page copy would restart on every write). Checked after.
 */
export function copyDatabase(source: string, target: string) {
  const file = resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare("VACUUM INTO ?").run(file);
  } finally {
    db.close();
  }
  checkIntegrity(file);
  return file;
}

/**
 * Puts a backup in place of the database. Refuses while anything has the database open (the server,
 * Litestream, a shell): leaving WAL mode needs the only connection, so trying it is the test. The
 * backup is checked first; the database it replaces is kept beside it, renamed, so nothing is lost.
 */
export function restoreFrom(backup: string, target: string, now = new Date()) {
  const from = resolve(backup);
  if (!existsSync(from)) throw new BackupError(`${from} does not exist`);
  checkIntegrity(from);

  let kept: string | null = null;
  if (existsSync(target)) {
    const db = new Database(target, { timeout: 0 });
    try {
      db.pragma("journal_mode = DELETE"); // folds the WAL in; fails if any other connection is open
    } catch {
      throw new BackupError(`${target} is in use: stop the server (and Litestream) before restoring`);
    } finally {
      db.close();
    }
    kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, kept);
  }
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  const copy = new Database(from, { readonly: true });
  try {
    copy.prepare("VACUUM INTO ?").run(staging);
  } finally {
    copy.close();
  }
  const fd = openSync(staging, "r");
  fsyncSync(fd);
  closeSync(fd);
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  // Litestream tracks the old file's WAL here; a new file must start a new generation (Litestream's tips).
  rmSync(join(dirname(target), `.${basename(target)}-litestream`), { recursive: true, force: true });
  renameSync(staging, target);
  const db = new Database(target);
  db.pragma("journal_mode = WAL");
  db.close();
  return { restored: target, kept };
}
