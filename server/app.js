// The hall's HTTP edge, in the order a request meets it: id, log and metrics; operator endpoints;
// the build's scripts and stylesheets; security headers; the cross-site check; the body limit; other
// static files; Remix.
import compression from "compression";
import express from "express";
import { enforceBodyLimits, bodyLimits } from "./body-limit.js";
import { healthz, metricsEndpoint, readyz, requestObservability } from "./observability.js";
import { remixHandler, sendRouteError } from "./remix-handler.js";
import { routePatterns } from "./routes.js";
import { refuseCrossSitePosts, securityHeaders } from "./security.js";
import { builtAssets, publicFiles } from "./static-files.js";

/**
 * @param {{ build: any, isShuttingDown: () => boolean }} options `build` is the Remix server build;
 *   its entry module exports `edge` (app/utils/edge.server.ts): logger, metrics, health checks, env.
 */
export function createApp({ build, isShuttingDown }) {
  const edge = build.entry.module.edge;
  const env = edge.env();
  const patternOf = routePatterns(build);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");

  app.use(requestObservability({ edge, patternOf }));
  app.get("/healthz", healthz());
  app.get("/readyz", readyz({ edge, isShuttingDown }));
  app.get("/metrics", metricsEndpoint({ edge }));

  app.use("/assets", builtAssets());
  app.use(securityHeaders({ production: env.NODE_ENV === "production" }));
  app.use(refuseCrossSitePosts());
  app.use(
    enforceBodyLimits({
      limitFor: bodyLimits(env),
      refuse(req, res, limit) {
        res.locals.refused = true;
        res.locals.abortRemix?.();
        // Called from the body stream: back inside the request's context, so its log line has the id.
        edge.requestContext.run(req.context, () => {
          if (req.path.endsWith(".data")) {
            void sendRouteError(res, { status: 413, statusText: "Payload Too Large", data: { limitBytes: limit } });
            return;
          }
          void edge
            .edgeErrorPage({ status: 413, url: `http://localhost${req.originalUrl}`, cookie: req.headers.cookie, requestId: req.id, limitBytes: limit })
            .then((page) => res.status(413).type("html").set("Cache-Control", "no-store").send(page))
            .catch(() => res.status(413).type("text/plain").send("Payload Too Large"));
        });
      },
    }),
  );
  app.use(compression());

  // Remix sees a Fetch Request without the socket; hand it the address for rate limiting.
  app.use((req, _res, next) => {
    req.headers["x-hall-client-ip"] = req.ip ?? "unknown";
    next();
  });

  app.use(publicFiles());

  app.all("*", remixHandler({ build, mode: env.NODE_ENV }));

  // Last resort: an error nothing else answered. Logged with the request id, reported, and a plain 500.
  app.use((error, req, res, _next) => {
    edge.logger.error({ err: error }, "Unhandled error");
    edge.reportError(error);
    if (res.headersSent) return void res.end();
    res.status(500).type("text/plain").send(`Internal Server Error (${req.id})`);
  });

  return { app, edge, env };
}
