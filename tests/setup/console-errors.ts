import { afterEach, vi } from "vitest";

// An unexpected error logged (console.error, or the hall's logger) is a failure: it means something
// went wrong that a user would hit. Each per-file setup imports this once DATABASE_URL and NODE_ENV
// are set, so the logger reads the test settings.
const { logger } = await import("~/utils/logger.server");
// The logger read the settings; a test file may still change them (vi.hoisted) before it imports the app.
(await import("~/utils/env.server")).resetEnvCache();
let errorSpy = vi.spyOn(console, "error");
let logSpy = vi.spyOn(logger, "error");
afterEach(() => {
  const calls = [...errorSpy.mock.calls, ...logSpy.mock.calls];
  errorSpy.mockRestore();
  logSpy.mockRestore();
  errorSpy = vi.spyOn(console, "error");
  logSpy = vi.spyOn(logger, "error");
  if (calls.length > 0) throw new Error(`an error was logged: ${calls.map((c) => (typeof c[0] === "string" ? c[0] : String(c[1] ?? JSON.stringify(c[0])))).join("; ")}`);
});
