import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startPaymentReconciler } from "./models/payment-reconciliation.server";
import { startReservationSweeper } from "./models/reservation-sweeper.server";
import { dbReady } from "./utils/db.server";
import { getEnv } from "./utils/env.server";

// Fail at start, naming the setting, rather than on the first request.
getEnv();
dbReady
  .then(() => {
    // With several processes on one database only one runs the jobs (cluster.js, ADR 024).
    if (getEnv().BACKGROUND_JOBS === "true") {
      startReservationSweeper();
      startPaymentReconciler();
    }
  })
  .catch((error: unknown) => {
    console.error("Could not prepare the database connection", error);
    process.exit(1);
  });

const ABORT_DELAY = 5_000;

/**
 * Log what an operator must look at; a visitor who typed a wrong URL or closed the tab is not an
 * error of the hall's (Remix would otherwise print a stack trace for every unknown path).
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Error && error.message.startsWith("No route matches URL")) return;
  console.error(error);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
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
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
