// The hall on every core (ADR 024): this primary applies the migrations once, then runs one server.js
// per worker, all on the same SQLite file. Exactly one worker runs the background jobs (reservation
// sweeper, checkpoints, …); when any worker dies a new one takes its place and its role.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { migrate } from "./scripts/migrate.js";

const workers = workerCount(process.env.WEB_CONCURRENCY);

function workerCount(setting) {
  if (setting === undefined || setting === "") return availableParallelism();
  const n = Number(setting);
  if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  console.error(`Invalid environment configuration:\n  WEB_CONCURRENCY: must be a whole number from 1 to 64 (got "${setting}")`);
  process.exit(1);
}

// Before any worker opens the database, so workers starting together never race a migration.
// deploy/start.sh migrates before Litestream starts (its first snapshot holds locks) and says so.
if (!process.argv.includes("--skip-migrations")) migrate();

cluster.setupPrimary({ exec: "server.js" });

let stopping = false;
const roles = new Map(); // worker id → whether it runs the background jobs

function fork(runsJobs) {
  const worker = cluster.fork({ BACKGROUND_JOBS: runsJobs ? "true" : "false" });
  roles.set(worker.id, runsJobs);
  worker.once("listening", () => (worker.served = true));
  return worker;
}

// The job runner starts first: a bad setting then stops one process with one message, not N.
let listening = 0;
const announce = () => {
  if (++listening === workers) console.info(`扶贫馆: ${workers} worker process${workers === 1 ? "" : "es"} listening on port ${process.env.PORT ?? 3000}`);
};
fork(true).once("listening", () => {
  announce();
  for (let i = 1; i < workers; i++) fork(false).once("listening", announce);
});

cluster.on("exit", (worker, code, signal) => {
  const runsJobs = roles.get(worker.id);
  roles.delete(worker.id);
  if (stopping) {
    if (roles.size === 0) process.exit(process.exitCode ?? 0);
    return;
  }
  if (!worker.served) {
    // It never served a request: a configuration or start-up error that a restart would repeat.
    console.error(`A worker exited during start-up (${signal ?? `code ${code}`}); stopping.`);
    stopping = true;
    for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
    process.exitCode = 1;
    if (roles.size === 0) process.exit(1);
    return;
  }
  console.warn(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another${runsJobs ? " to run the background jobs" : ""}.`);
  fork(runsJobs);
});

// SIGTERM (systemd, docker stop, Litestream's -exec) is passed on; each worker finishes its requests.
// Ctrl-C already reached every worker from the terminal: only stragglers get a SIGTERM later.
function stop(signal) {
  if (stopping) return;
  stopping = true;
  const remaining = () => Object.values(cluster.workers ?? {}).filter(Boolean);
  if (remaining().length === 0) process.exit(0);
  if (signal === "SIGTERM") for (const worker of remaining()) worker.process.kill("SIGTERM");
  else setTimeout(() => remaining().forEach((worker) => worker.process.kill("SIGTERM")), 6_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
