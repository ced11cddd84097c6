import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The real production server (`node server.js`, the built app) on 127.0.0.1 and a free port, on this test file's database. */
export type RunningServer = {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout (its JSON log lines). */
  output: () => string;
  /** Resident memory of the server process, from /proc. */
  rssBytes: () => number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
};

export const TEST_SESSION_SECRET = "edge-test-session-secret-0123456789abcdef";
export const TEST_METRICS_TOKEN = "edge-test-metrics-token-0123456789";

/** `env` overrides the defaults below; an empty string leaves a setting out. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(path.resolve("build/server/index.js"))) throw new Error("No production build: run `npm run build` first (npm test does)");
  const settings: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    DATABASE_URL: process.env.DATABASE_URL,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    SESSION_SECRET: TEST_SESSION_SECRET,
    ALLOW_TEST_PAYMENTS: "true",
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    LOG_LEVEL: "info",
    ...env,
  };
  const child = spawn(process.execPath, ["server.js"], {
    env: Object.fromEntries(Object.entries(settings).filter(([, value]) => value)) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr}${stdout}`));
    });
  });
  return {
    url,
    child,
    output: () => stdout,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
