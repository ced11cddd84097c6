import { heartbeat, registerJob, unregisterJob } from "~/utils/jobs.server";
import { logger } from "~/utils/logger.server";
import { metrics } from "~/utils/metrics.server";
import { releaseExpiredReservations } from "./order.server";

const SWEEP_EVERY_MS = 60_000;
const JOB = "reservation-sweeper";
let timer: NodeJS.Timeout | undefined;
let sweeping: Promise<void> | undefined;

/**
 * Returns the stock of unpaid orders whose reservation ran out: once at start (so a restart after a
 * crash frees what the crash left held) and then every minute. Safe in several processes at once.
 */
export function startReservationSweeper() {
  if (timer || process.env.NODE_ENV === "test") return;
  registerJob(JOB, SWEEP_EVERY_MS);
  const sweep = () =>
    (sweeping = releaseExpiredReservations().then(
      (released) => {
        heartbeat(JOB);
        metrics.reservationSweep("ok", released);
      },
      (error: unknown) => {
        heartbeat(JOB, error);
        metrics.reservationSweep("failed");
        logger.error({ err: error }, "Releasing expired reservations failed");
      },
    ));
  void sweep();
  timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
}

/** Stops the schedule and waits for a sweep under way, so the database can close after it (shutdown). */
export async function stopReservationSweeper() {
  clearInterval(timer);
  timer = undefined;
  unregisterJob(JOB);
  await sweeping;
}
