/**
 * Background jobs report each run here, so /readyz can tell a job that stopped from one that runs.
 * A job is overdue once it has been silent for longer than it promised when it registered.
 */
type Job = { everyMs: number; registeredAt: number; lastBeatAt: number | null; lastError: string | null };

const jobs = new Map<string, Job>();
let allStarted = false;

/** Called once every job this process runs has been started: until then it is not ready. */
export function markJobsStarted() {
  allStarted = true;
}

export function jobsStarted() {
  return allStarted;
}

/** A job says it exists and how often it runs; overdue means three periods without a beat. */
export function registerJob(name: string, everyMs: number) {
  jobs.set(name, { everyMs, registeredAt: Date.now(), lastBeatAt: null, lastError: null });
}

export function heartbeat(name: string, error?: unknown) {
  const job = jobs.get(name);
  if (!job) return;
  job.lastBeatAt = Date.now();
  job.lastError = error === undefined ? null : error instanceof Error ? error.message : String(error);
}

export function unregisterJob(name: string) {
  jobs.delete(name);
}

export type JobState = { name: string; ok: boolean; lastRunSecondsAgo: number | null };

export function jobStates(now = Date.now()): JobState[] {
  return [...jobs].map(([name, job]) => {
    const age = job.lastBeatAt === null ? null : now - job.lastBeatAt;
    // Not yet run counts from registration: a job that never beats goes overdue all the same.
    const ok = job.lastError === null && now - (job.lastBeatAt ?? job.registeredAt) <= 3 * job.everyMs;
    return { name, ok, lastRunSecondsAgo: age === null ? null : Math.round(age / 1000) };
  });
}
