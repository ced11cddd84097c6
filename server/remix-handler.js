// Remix behind the edge, as @remix-run/express would run it but for three things: the request body
// Remix reads is the counted one (body-limit.js), every request carries its CSP nonce and id in the
// load context, and a page that does not say how it may be cached is private: no shared cache and no
// browser store keeps a signed-in visitor's page.
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { encode } from "turbo-stream";

export const PERSONAL_CACHE_CONTROL = "private, no-store";

function fetchHeaders(incoming) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

function fetchRequest(req, res) {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  const init = { method: req.method, headers: fetchHeaders(req.headers), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = req.limitedBody ? createReadableStreamFromReadable(req.limitedBody) : null;
    init.duplex = "half";
  }
  // The client went away, or the edge already answered (413): loaders and actions stop.
  let answered = false;
  res.once("finish", () => (answered = true));
  res.once("close", () => answered || controller.abort());
  res.locals.abortRemix = () => controller.abort();
  return new Request(url.href, init);
}

async function send(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixHandler({ build, mode }) {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = fetchRequest(req, res);
      const response = await handle(request, { cspNonce: res.locals.cspNonce, requestId: req.id });
      if (res.locals.refused || res.headersSent) {
        await response.body?.cancel();
        return;
      }
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", PERSONAL_CACHE_CONTROL);
      await send(res, response);
    } catch (error) {
      if (res.locals.refused || res.headersSent) return;
      next(error);
    }
  };
}

/**
 * An error answer to a single-fetch data request (`/x.data`: every Remix form sent by the browser's
 * scripts), in Remix's own wire format, so the page's error boundary shows it as a route error with
 * its status (e.g. 413) instead of failing to decode an HTML page.
 */
export async function sendRouteError(res, { status, statusText, data }) {
  const error = {};
  const body = encode({ error }, { plugins: [(value) => value === error && ["ErrorResponse", data, status, statusText]] });
  res.status(status).set({ "Content-Type": "text/x-script", "X-Remix-Response": "yes", "Cache-Control": "no-store" });
  await writeReadableStreamToWritable(body, res);
}
