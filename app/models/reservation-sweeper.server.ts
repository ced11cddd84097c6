import { releaseExpiredReservations } from "./order.server";

const SWEEP_EVERY_MS = 60_000;
let timer: NodeJS.Timeout | undefined;

/**
 * Returns the stock of unpaid orders whose reservation ran out: once at start (so a restart after a
 * crash frees what the crash left held) and then every minute. Safe in several processes at once.
 */
export function startReservationSweeper() {
  if (timer || process.env.NODE_ENV === "test") return;
  const sweep = () =>
    releaseExpiredReservations().catch((error: unknown) => console.error("Releasing expired reservations failed", error));
  void sweep();
  timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
}
