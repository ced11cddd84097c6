/**
 * Every core, one database (ADR 024): the product list and HTTP checkout with `node cluster.js` at
 * WEB_CONCURRENCY = 1, 2 … N on the same file, as ratios to one process measured in the same run.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { benchHttpCheckout } from "./checkout-http";

type Load = (url: string) => Promise<{ rps: number; p50: number; p95: number; errors: number }>;

export type CoresRow = { processes: number; listRps: number; listP95: number; listErrors: number; checkoutPerSecond: number; checkoutP95: number; checkoutFailures: number };

async function startCluster(processes: number, port: number, env: Record<string, string>) {
  const child = spawn("node", ["cluster.js"], { env: { ...process.env, ...env, PORT: String(port), WEB_CONCURRENCY: String(processes) }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  for (let i = 0; i < 1800 && !out.includes("listening on port"); i++) await new Promise((r) => setTimeout(r, 100));
  if (!out.includes("listening on port")) throw new Error(`cluster.js with ${processes} processes did not start: ${out}`);
  return child;
}

export async function benchCores(dbFile: string, port: number, env: Record<string, string>, load: Load, { max = availableParallelism(), buyers = 400, concurrency = 20 } = {}) {
  const rows: CoresRow[] = [];
  for (let processes = 1; processes <= max; processes++) {
    const cluster = await startCluster(processes, port, env);
    try {
      const list = await load(`http://localhost:${port}/products`);
      const checkout = await benchHttpCheckout(`http://localhost:${port}`, dbFile, { buyers, concurrency });
      rows.push({
        processes,
        listRps: list.rps,
        listP95: list.p95,
        listErrors: list.errors,
        checkoutPerSecond: checkout.ordersPerSecond,
        checkoutP95: checkout.p95,
        checkoutFailures: checkout.failures,
      });
    } finally {
      cluster.kill("SIGTERM");
      await new Promise((r) => cluster.once("exit", r));
    }
  }
  return rows;
}

export function describeCores(rows: CoresRow[]) {
  const one = rows[0]!;
  return rows.map(
    (r) =>
      `${r.processes} process${r.processes === 1 ? "" : "es"}: product list ${r.listRps.toFixed(0)} req/s (×${(r.listRps / one.listRps).toFixed(2)}, p95 ${r.listP95.toFixed(1)} ms, ${r.listErrors} errors); ` +
      `checkout ${r.checkoutPerSecond.toFixed(0)} orders/s (×${(r.checkoutPerSecond / one.checkoutPerSecond).toFixed(2)}, p95 ${r.checkoutP95.toFixed(1)} ms, ${r.checkoutFailures} failed)`,
  );
}
