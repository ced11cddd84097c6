// The hall's HTTP server: static files, a cross-site check for state-changing requests, and Remix.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const build = await import("./build/server/index.js");
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");
app.use(compression());

app.use((_req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
  });
  next();
});

// A form posted from another site is refused before it reaches any action. SameSite=Lax cookies
// already keep the session off such requests; this also stops them for anonymous actions.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  if (origin ? !sameHost(origin, req.get("host")) : site === "cross-site") {
    res.status(403).type("text/plain").send("Cross-site request refused");
    return;
  }
  next();
});

function sameHost(origin, host) {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" or garbage: an opaque origin is never ours
  }
}

// Remix sees a Fetch Request without the socket; hand it the address for rate limiting.
app.use((req, _res, next) => {
  req.headers["x-hall-client-ip"] = req.ip ?? "unknown";
  next();
});

app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, () => {
  console.info(`扶贫馆 listening on http://localhost:${port}`);
});

// Finish the requests in flight, then exit; a second signal exits at once.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
