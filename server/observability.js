// Request ids, one JSON log line per request, request metrics, and the operator endpoints
// /healthz, /readyz and /metrics (ADR 016).
import { randomUUID, timingSafeEqual } from "node:crypto";
import { pinoHttp } from "pino-http";

// An id from a proxy in front of the hall is kept if it looks like one, so both logs share it.
const INCOMING_ID = /^[\w.:-]{8,128}$/;

/**
 * Gives every request an id (answered in X-Request-Id), runs the rest of the request inside the
 * request context (so any log line carries the id and the signed-in user), logs one line when the
 * answer is sent, and times it per route pattern.
 */
export function requestObservability({ edge, patternOf }) {
  const logRequest = pinoHttp({
    logger: edge.logger,
    genReqId(req, res) {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    // Only what an operator needs; no headers, no query string (it may carry codes), no body.
    serializers: {
      req: (req) => ({ method: req.method, path: req.url?.split("?")[0] }),
      res: (res) => ({ status: res.statusCode }),
    },
    customAttributeKeys: { responseTime: "durationMs" },
    customProps: (req) => ({ route: req.routePattern, userId: req.context?.userId }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    customSuccessMessage: (req, res) => `${req.method} ${req.routePattern} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${req.routePattern} ${res.statusCode}`,
    autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" || req.url === "/metrics" },
  });

  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.routePattern = routeLabel(req.path, patternOf);
    logRequest(req, res, () => {
      req.context = { requestId: req.id };
      res.once("finish", () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        edge.metrics.httpRequest(req.routePattern, req.method, res.statusCode, seconds);
      });
      edge.requestContext.run(req.context, next);
    });
  };
}

function routeLabel(path, patternOf) {
  if (path.startsWith("/assets/")) return "/assets/*";
  if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path;
  return patternOf(path);
}

/** Alive: the process answers. Nothing else is checked, so a slow database never restarts a healthy process. */
export function healthz() {
  return (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  };
}

/** Ready for traffic: the database takes writes, migrations are applied, background jobs are running. */
export function readyz({ edge, isShuttingDown }) {
  return async (_req, res) => {
    const result = await edge.readiness();
    const ok = result.ok && !isShuttingDown();
    res
      .status(ok ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ status: ok ? "ready" : isShuttingDown() ? "shutting-down" : "not-ready", checks: result.checks });
  };
}

/**
 * Prometheus metrics behind a bearer token. Without METRICS_TOKEN the endpoint does not exist
 * (404) — in production as well, so metrics are never public by accident.
 */
export function metricsEndpoint({ edge }) {
  return async (req, res) => {
    const token = edge.env().METRICS_TOKEN;
    if (!token) return void res.status(404).type("text/plain").send("Not Found");
    const given = Buffer.from((req.get("authorization") ?? "").replace(/^Bearer\s+/i, ""));
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return void res.status(401).set("WWW-Authenticate", "Bearer").type("text/plain").send("Unauthorized");
    }
    res.set("Content-Type", edge.metricsRegistry.contentType).set("Cache-Control", "no-store");
    res.send(await edge.metricsRegistry.metrics());
  };
}
