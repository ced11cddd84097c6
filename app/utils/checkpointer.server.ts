import { Worker } from "node:worker_threads";
import { heartbeat, registerJob, unregisterJob } from "./jobs.server";
import { logger } from "./logger.server";

// Runs in its own thread with its own connection: a PASSIVE checkpoint never blocks the hall's writer.
const checkpointLoop = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: 5000 });
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); parentPort.postMessage("beat"); } catch { /* busy or closing: the next round tries again */ }
}, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

const JOB = "wal-checkpoints";
let running: Worker | undefined;

/**
 * better-sqlite3 is synchronous, so SQLite's automatic checkpoint — copying the WAL back into the
 * database file and fsyncing it, every ~1,000 pages — runs inside some request's COMMIT and stalls the
 * whole event loop for it. This thread checkpoints every second instead; the connection's own
 * automatic checkpoint stays on at a higher threshold as a safety net (ADR 013).
 */
export function startBackgroundCheckpoints(file: string, everyMs = 1000) {
  const worker = new Worker(checkpointLoop, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  registerJob(JOB, everyMs);
  worker.on("message", () => heartbeat(JOB));
  worker.on("error", (error) => {
    heartbeat(JOB, error);
    logger.warn(`Background checkpoints stopped: ${error.message}`);
  });
  running = worker;
  return worker;
}

/** Asks the thread to close its connection and waits for it to end (shutdown). */
export async function stopBackgroundCheckpoints() {
  const worker = running;
  running = undefined;
  if (!worker) return;
  unregisterJob(JOB);
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.postMessage("stop");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await worker.terminate();
}
