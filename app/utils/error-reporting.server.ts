import { getEnv } from "./env.server";
import { logger } from "./logger.server";
import { requestContext } from "./request-context.server";

type SentryModule = typeof import("@sentry/node");
let sentry: SentryModule | undefined;

/**
 * Sends unexpected errors to a Sentry-compatible service when SENTRY_DSN is set; otherwise nothing is
 * loaded and nothing leaves the machine. No personal data: no cookies, bodies or addresses, only the
 * error, the route and the request id a user can quote.
 */
export async function startErrorReporting() {
  const { SENTRY_DSN, NODE_ENV } = getEnv();
  if (!SENTRY_DSN || sentry) return;
  const Sentry = await import("@sentry/node");
  Sentry.init({
    dsn: SENTRY_DSN,
    environment: NODE_ENV,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    skipOpenTelemetrySetup: true,
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.dedupeIntegration()],
  });
  sentry = Sentry;
  logger.info("Error reporting enabled");
}

export function reportError(error: unknown) {
  if (!sentry) return;
  const requestId = requestContext.getStore()?.requestId;
  sentry.captureException(error, requestId ? { tags: { requestId } } : undefined);
}

/** Waits (bounded) until reports already taken are sent: before the process exits. */
export async function flushErrorReports(timeoutMs = 2000) {
  if (sentry) await sentry.flush(timeoutMs);
}
