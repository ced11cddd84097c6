import { Worker } from "node:worker_threads";

// Runs in its own thread with its own connection: a PASSIVE checkpoint never blocks the hall's writer.
const checkpointLoop = `
const { workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: 5000 });
setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or closing: the next round tries again */ }
}, workerData.everyMs);
`;

/**
 * better-sqlite3 is synchronous, so SQLite's automatic checkpoint — copying the WAL back into the
 * database file and fsyncing it, every ~1,000 pages — runs inside some request's COMMIT and stalls the
 * whole event loop for it. This thread checkpoints every second instead; the connection's own
 * automatic checkpoint stays on at a higher threshold as a safety net (ADR 013).
 */
export function startBackgroundCheckpoints(file: string, everyMs = 1000) {
  const worker = new Worker(checkpointLoop, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  worker.on("error", (error) => console.warn(`Background checkpoints stopped: ${error.message}`));
  return worker;
}
