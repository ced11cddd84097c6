import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startPaymentReconciler } from "./models/payment-reconciliation.server";
import { startReservationSweeper } from "./models/reservation-sweeper.server";
import { markJobsStarted } from "./utils/jobs.server";
import { dbReady } from "./utils/db.server";
import { routeNamespaces } from "./i18n";
import { getPageWording } from "./i18n.server";
import { DocumentProvider } from "./utils/document-context";
import { getEnv } from "./utils/env.server";
import { resolveLanguage } from "./utils/language.server";
import { reportError, startErrorReporting } from "./utils/error-reporting.server";
import { logger } from "./utils/logger.server";

// The HTTP server (server.js) takes its logger, metrics and health checks from here.
export { edge } from "./utils/edge.server";

// Fail at start, naming the setting, rather than on the first request.
getEnv();
dbReady
  .then(() => {
    // With several processes on one database only one runs the jobs (cluster.js, ADR 024).
    if (getEnv().BACKGROUND_JOBS === "true") {
      startReservationSweeper();
      startPaymentReconciler();
      markJobsStarted();
    }
  })
  .catch((error: unknown) => {
    logger.fatal({ err: error }, "Could not prepare the database connection");
    process.exit(1);
  });
startErrorReporting().catch((error: unknown) => logger.error({ err: error }, "Error reporting could not start"));

/** Set by server.js for every request (server/remix-handler.js). */
type EdgeLoadContext = { cspNonce?: string; requestId?: string };

const ABORT_DELAY = 5_000;

/**
 * Log what an operator must look at; a visitor who typed a wrong URL or closed the tab is not an
 * error of the hall's (Remix would otherwise print a stack trace for every unknown path).
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Error && error.message.startsWith("No route matches URL")) return;
  logger.error({ err: error }, "Request failed");
  reportError(error);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // `vite dev` runs without server.js: no nonce, no id.
  const { cspNonce = "", requestId = "" } = (loadContext ?? {}) as EdgeLoadContext;
  // Only the wording the matched routes declare (their `handle.i18n`), in the visitor's language.
  const { lang } = await resolveLanguage(request);
  const namespaces = routeNamespaces(
    remixContext.staticHandlerContext.matches.map((match) => ({ handle: remixContext.routeModules[match.route.id]?.handle })),
  );
  const wording = getPageWording(lang, namespaces);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <DocumentProvider value={{ nonce: cspNonce, requestId, lang, wordingJson: wording.json, i18nFor: () => wording.i18n }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={cspNonce} />
      </DocumentProvider>,
      {
        nonce: cspNonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "Rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
