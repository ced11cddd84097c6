import http from "node:http";
import { afterEach, expect, it, vi } from "vitest";
import { shutdownGracefully } from "../../server/shutdown.js";

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), flush: vi.fn() };

afterEach(() => {
  process.removeAllListeners("SIGTERM");
  process.removeAllListeners("SIGINT");
  vi.restoreAllMocks();
});

it("exits with an error when the background work never stops, instead of hanging on", async () => {
  const server = http.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const exited = new Promise<number | undefined>((resolve) => {
    vi.spyOn(process, "exit").mockImplementation(((code?: number) => resolve(code)) as typeof process.exit);
  });
  shutdownGracefully(server, { graceMs: 1000, logger: logger as never, stopBackgroundWork: () => new Promise(() => undefined), stopWorkMs: 100 });
  process.emit("SIGTERM", "SIGTERM");
  expect(await exited).toBe(1);
  expect(logger.error).toHaveBeenCalledWith(expect.stringContaining("did not stop within 100 ms"));
});

it("exits cleanly once the background work has stopped", async () => {
  const server = http.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const exited = new Promise<number | undefined>((resolve) => {
    vi.spyOn(process, "exit").mockImplementation(((code?: number) => resolve(code)) as typeof process.exit);
  });
  const stopBackgroundWork = vi.fn(() => Promise.resolve());
  shutdownGracefully(server, { graceMs: 1000, logger: logger as never, stopBackgroundWork, stopWorkMs: 100 });
  process.emit("SIGTERM", "SIGTERM");
  expect(await exited).toBe(0);
  expect(stopBackgroundWork).toHaveBeenCalledOnce();
});
