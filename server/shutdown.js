// Graceful shutdown (ADR 015): on SIGTERM or SIGINT stop accepting connections, let requests in flight
// finish (at most SHUTDOWN_GRACE_MS), close idle keep-alive connections as they become idle, then stop
// background jobs and close the database, and exit. A second signal exits at once, and so does a
// shutdown whose background work has not stopped within `stopWorkMs`: a process that never exits
// holds its port and its database file until someone kills it by hand.

/**
 * @param {import("node:http").Server} server
 * @param {{ graceMs: number, logger: import("pino").Logger, stopBackgroundWork: () => Promise<void>, stopWorkMs?: number }} options
 */
export function shutdownGracefully(server, { graceMs, logger, stopBackgroundWork, stopWorkMs = 10_000 }) {
  let shuttingDown = false;

  async function shutdown(signal) {
    if (shuttingDown) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.info(`${signal}: finishing requests in flight (at most ${graceMs} ms), then exiting`);
    const forced = setTimeout(() => {
      logger.warn("Requests still in flight after the grace period: closing their connections");
      server.closeAllConnections();
    }, graceMs);
    forced.unref();

    // No new connections from here on; close() calls back once every connection has ended.
    const closed = new Promise((resolve) => server.close(resolve));
    // Keep-alive connections end as soon as they have no request in flight.
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(idleSweep);
    clearTimeout(forced);

    let code = 0;
    let stuck;
    const tooLong = new Promise((resolve) => {
      stuck = setTimeout(() => resolve("timeout"), stopWorkMs);
    });
    try {
      if ((await Promise.race([stopBackgroundWork(), tooLong])) === "timeout") {
        logger.error(`Background work (jobs, database) did not stop within ${stopWorkMs} ms: exiting anyway`);
        code = 1;
      }
    } catch (error) {
      logger.error({ err: error }, "Stopping background work failed");
      code = 1;
    } finally {
      clearTimeout(stuck);
    }
    logger.info("Stopped");
    logger.flush?.();
    process.exit(code);
  }

  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => void shutdown(signal));
  return { isShuttingDown: () => shuttingDown };
}
