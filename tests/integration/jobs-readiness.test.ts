import { afterAll, expect, it } from "vitest";
import { readiness } from "~/utils/health.server";
import { markJobsStarted, registerJob, unregisterJob } from "~/utils/jobs.server";
import { resetEnvCache } from "~/utils/env.server";

const saved = process.env.BACKGROUND_JOBS;
afterAll(() => {
  process.env.BACKGROUND_JOBS = saved;
  resetEnvCache();
  unregisterJob("first-of-two");
});

it("is not ready while only some of the background jobs have started", async () => {
  process.env.BACKGROUND_JOBS = "true";
  resetEnvCache();
  // The checkpoint thread registers first; the sweeper and the reconciler a moment later.
  registerJob("first-of-two", 60_000);
  expect((await readiness()).checks.jobs).toMatchObject({ ok: false });
  markJobsStarted();
  expect((await readiness()).checks.jobs).toMatchObject({ ok: true });
});
