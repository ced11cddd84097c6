import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { DEFAULT_TABLE_LIMITS, type TableLimits, type TableResult } from "./table-file.server";

export { DEFAULT_TABLE_LIMITS, type TableLimits, type TableProblem, type TableResult, type TableRow } from "./table-file.server";

/**
 * The one way an uploaded CSV or spreadsheet is read (ADR 017): in a small pool of worker threads,
 * so unpacking and parsing a file never stalls the shoppers served by the event loop. Each worker
 * has a heap ceiling: a file that still manages to blow up costs that worker, never the process.
 * A full queue answers "busy, try again" rather than piling files up in memory.
 */

// From the sources (dev, tests, scripts) the worker runs through tsx; the build ships it compiled
// beside the server bundle (build/server/index.js → build/workers/table-file.worker.js).
const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith(".ts");
const workerFile = fromSource ? path.resolve(here, "../workers/table-file.worker.ts") : path.resolve(here, "../workers/table-file.worker.js");

const HEAP_MB_PER_WORKER = 192;
const QUEUED_FILES = 8;

let pool: Piscina | null = null;

function getPool() {
  if (!pool) {
    if (!existsSync(workerFile)) throw new Error(`table worker missing: ${workerFile} (npm run build compiles it)`);
    pool = new Piscina({
      filename: workerFile,
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
      maxQueue: QUEUED_FILES,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB_PER_WORKER, maxYoungGenerationSizeMb: 32 },
      execArgv: fromSource ? ["--import", "tsx"] : [],
    });
  }
  return pool;
}

/**
 * Every non-blank row of the file, or the first limit it broke (row count, row length, unpacked
 * size, compression ratio), as an i18n key in the common namespace naming the limit.
 */
export async function readUploadedTable(
  file: { name: string; bytes: Uint8Array },
  limits: Partial<TableLimits> & Pick<TableLimits, "maxRows">,
): Promise<TableResult> {
  const task = { fileName: file.name, bytes: file.bytes, limits: { ...DEFAULT_TABLE_LIMITS, ...limits } };
  try {
    return (await getPool().run(task)) as TableResult;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY") return { ok: false, problem: { message: "common:table.tooComplex" } };
    if ((error as Error).message?.includes("queue is at limit")) return { ok: false, problem: { message: "common:table.busy" } };
    throw error;
  }
}

/** For tests: the pool's threads, to show that files are read off the main thread. */
export function tableWorkerThreads() {
  return pool?.threads.length ?? 0;
}
