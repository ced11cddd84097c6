import "~/models/backup.server"; // registers the backup age with /readyz and /metrics
import { stopReservationSweeper } from "~/models/reservation-sweeper.server";
import { stopBackgroundCheckpoints } from "./checkpointer.server";
import { prisma } from "./db.server";
import { edgeErrorPage } from "./edge-pages.server";
import { getEnv } from "./env.server";
import { flushErrorReports, reportError } from "./error-reporting.server";
import { closeHealthProbe, readiness } from "./health.server";
import { logger } from "./logger.server";
import { metrics, registry } from "./metrics.server";
import { requestContext } from "./request-context.server";

/**
 * What the HTTP server (server.js, plain JavaScript) takes from the application build: one logger,
 * one metrics registry and one environment, shared with the routes. Exported by entry.server.tsx.
 */
export const edge = {
  env: getEnv,
  logger,
  requestContext,
  metrics,
  metricsRegistry: registry,
  readiness,
  edgeErrorPage,
  reportError,
  /** Shutdown, after the last request: background jobs first (they write), then the database. */
  async stopBackgroundWork() {
    await stopReservationSweeper();
    await stopBackgroundCheckpoints();
    closeHealthProbe();
    await prisma.$disconnect();
    await flushErrorReports();
  },
};

export type Edge = typeof edge;
