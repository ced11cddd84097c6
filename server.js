// The hall's HTTP server: the edge in server/ (limits, headers, logs, metrics, health) in front of
// the Remix build; graceful shutdown on SIGTERM/SIGINT. Plain JavaScript: `node server.js` needs no tsx.
import { createServer } from "node:http";
import { createApp } from "./server/app.js";
import { shutdownGracefully } from "./server/shutdown.js";

const build = await import("./build/server/index.js");

let isShuttingDown = () => false;
const { app, edge, env } = createApp({ build, isShuttingDown: () => isShuttingDown() });

// Slow clients cannot hold a connection open: headers within HTTP_HEADERS_TIMEOUT_MS, the whole
// request within HTTP_REQUEST_TIMEOUT_MS (checked every second; 408 otherwise). The request line and
// headers together must fit in 16 KB (431 otherwise).
const server = createServer(
  {
    headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: 1000,
    maxHeaderSize: 16 * 1024,
  },
  app,
);
server.listen({ port: env.PORT, host: env.HOST }, () => {
  edge.logger.info(`扶贫馆 listening on http://${env.HOST ?? "localhost"}:${server.address().port}`);
});

({ isShuttingDown } = shutdownGracefully(server, {
  graceMs: env.SHUTDOWN_GRACE_MS,
  logger: edge.logger,
  stopBackgroundWork: edge.stopBackgroundWork,
}));
