import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterEach, vi } from "vitest";

// Each test file works on its own copy of the migrated template: a real SQLite file, no sharing.
const TMP_DIR = path.resolve("tests/.tmp");
const file = path.join(TMP_DIR, `test-${randomUUID()}.db`);
copyFileSync(path.join(TMP_DIR, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

// An unexpected error logged (console.error, or the hall's logger) is a failure: it means something
// went wrong that a user would hit. The logger is imported only now, after DATABASE_URL is set.
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
