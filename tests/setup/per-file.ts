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

// An unexpected console.error is a failure: it means something went wrong that a user would hit.
let errorSpy = vi.spyOn(console, "error");
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  errorSpy = vi.spyOn(console, "error");
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => String(c[0])).join("; ")}`);
});
