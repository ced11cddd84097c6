import { statSync } from "node:fs";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { getEnv } from "./env.server";

/**
 * The hall's Prometheus metrics, served at /metrics (server/observability.js). Models report domain
 * events through the named functions below, one line each; label values are fixed sets (route
 * patterns, outcomes), never raw URLs or ids, so the number of series stays bounded.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const httpDuration = new Histogram({
  name: "hall_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by route pattern, method and status class",
  labelNames: ["route", "method", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const ordersPlaced = new Counter({ name: "hall_orders_placed_total", help: "Orders placed", labelNames: ["kind"] as const, registers: [registry] });
const ordersPaid = new Counter({ name: "hall_orders_paid_total", help: "Orders marked paid", registers: [registry] });
const ordersRefunded = new Counter({ name: "hall_refunds_recorded_total", help: "Refunds recorded on orders (full or partial)", registers: [registry] });
const webhooks = new Counter({ name: "hall_webhook_events_total", help: "Payment webhook deliveries by outcome", labelNames: ["provider", "outcome"] as const, registers: [registry] });
const sweeps = new Counter({ name: "hall_reservation_sweeps_total", help: "Runs of the expired-reservation sweeper", labelNames: ["result"] as const, registers: [registry] });
const released = new Counter({ name: "hall_reservations_released_total", help: "Unpaid orders cancelled by the sweeper and their stock returned", registers: [registry] });
const importRows = new Counter({ name: "hall_import_rows_total", help: "Rows read by imports", labelNames: ["kind"] as const, registers: [registry] });

function fileSize(path: string) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const databaseFile = () => getEnv().DATABASE_URL.replace(/^file:/, "");
new Gauge({
  name: "hall_database_bytes",
  help: "Size of the SQLite database file",
  registers: [registry],
  collect() {
    this.set(fileSize(databaseFile()));
  },
});
new Gauge({
  name: "hall_database_wal_bytes",
  help: "Size of the SQLite write-ahead log",
  registers: [registry],
  collect() {
    this.set(fileSize(`${databaseFile()}-wal`));
  },
});

let backupAge: (() => Promise<number | null>) | undefined;
new Gauge({
  name: "hall_backup_age_seconds",
  help: "Seconds since the last completed backup (absent until a backup source is registered)",
  registers: [registry],
  async collect() {
    const age = await backupAge?.();
    if (age === null || age === undefined) this.reset();
    else this.set(age);
  },
});

export const metrics = {
  httpRequest(route: string, method: string, status: number, seconds: number) {
    httpDuration.observe({ route, method, status: `${Math.floor(status / 100)}xx` }, seconds);
  },
  orderPlaced(kind: "employee" | "organisation" | "gift") {
    ordersPlaced.inc({ kind });
  },
  orderPaid() {
    ordersPaid.inc();
  },
  refundRecorded() {
    ordersRefunded.inc();
  },
  webhookOutcome(provider: string, outcome: string) {
    webhooks.inc({ provider, outcome });
  },
  reservationSweep(result: "ok" | "failed", releasedOrders = 0) {
    sweeps.inc({ result });
    released.inc(releasedOrders);
  },
  importRows(kind: "products" | "ledger" | "org-order" | "gift-recipients", rows: number) {
    importRows.inc({ kind }, rows);
  },
  /** The backup job (Litestream or `npm run backup`) tells how old the newest backup is. */
  setBackupAgeSource(source: () => Promise<number | null>) {
    backupAge = source;
  },
};
