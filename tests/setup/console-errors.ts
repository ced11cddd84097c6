import { afterEach, vi } from "vitest";

// An unexpected console.error is a failure: it means something went wrong that a user would hit.
let errorSpy = vi.spyOn(console, "error");
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  errorSpy = vi.spyOn(console, "error");
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => String(c[0])).join("; ")}`);
});
