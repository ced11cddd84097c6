import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

/**
 * cluster.js (ADR 024) runs in a scratch working directory whose server.js is a stand-in that says
 * which process answered and whether it runs the background jobs; migrations and node_modules are the
 * real ones. So this tests the primary's roles without building the app.
 */
const repo = process.cwd();
const work = path.join(repo, "tests/.tmp", `cluster-${process.pid}`);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function prepare() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const entry of ["node_modules", "prisma", "prisma.config.ts"]) symlinkSync(path.join(repo, entry), path.join(work, entry));
  writeFileSync(
    path.join(work, "server.js"),
    `import { createServer } from "node:http";
if (process.env.FAIL_AT_START === "true") { console.error("Invalid environment configuration"); process.exit(1); }
const server = createServer((_req, res) => res.end(JSON.stringify({ pid: process.pid, jobs: process.env.BACKGROUND_JOBS })));
server.listen(Number(process.env.PORT));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
`,
  );
  writeFileSync(path.join(work, "package.json"), `{ "type": "module" }`);
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function startCluster(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repo, "cluster.js")], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: `file:${path.join(work, "hall.db")}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request on a new connection (a kept-alive one would always reach the same worker). */
function ask(port: number) {
  return new Promise<{ pid: number; jobs: string }>((resolve, reject) => {
    // A connection handed to the worker just killed is never answered: give up on it and ask again.
    const request = get({ host: "127.0.0.1", port, path: "/", agent: false, timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (d) => (body += String(d)));
      res.on("end", () => resolve(JSON.parse(body) as { pid: number; jobs: string }));
    });
    request.on("timeout", () => request.destroy(new Error("no answer")));
    request.on("error", reject);
  });
}

/** Asks until `count` different worker processes have answered; returns what each said. */
async function workers(port: number, count: number) {
  const seen = new Map<number, string>();
  for (let i = 0; i < 400 && seen.size < count; i++) {
    try {
      const body = await ask(port);
      seen.set(body.pid, body.jobs);
    } catch {
      await sleep(50);
    }
  }
  return seen;
}

describe("cluster.js", () => {
  it("migrates once, serves from WEB_CONCURRENCY workers with exactly one running the jobs, and hands the jobs on when that worker dies", async () => {
    prepare();
    const port = await freePort();
    const cluster = startCluster({ PORT: String(port), WEB_CONCURRENCY: "3" });

    const first = await workers(port, 3);
    expect(first.size).toBe(3);
    expect([...first.values()].sort()).toEqual(["false", "false", "true"]);
    const db = new Database(path.join(work, "hall.db"), { readonly: true });
    const migrations = db.prepare(`SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`).get() as { n: number };
    db.close();
    expect(migrations.n).toBeGreaterThan(5);

    const jobRunner = [...first].find(([, jobs]) => jobs === "true")![0];
    process.kill(jobRunner, "SIGKILL");
    let after = new Map<number, string>();
    for (let i = 0; i < 100; i++) {
      after = await workers(port, 3);
      if (after.size === 3 && !after.has(jobRunner)) break;
      await sleep(100);
    }
    expect(after.has(jobRunner)).toBe(false);
    expect([...after.values()].sort()).toEqual(["false", "false", "true"]);
    expect(cluster.output()).toMatch(/starting another to run the background jobs/);

    cluster.child.kill("SIGTERM");
    expect(await cluster.exited).toBe(0);
  }, 180_000);

  it("stops with one message when workers cannot start, and refuses a bad WEB_CONCURRENCY", async () => {
    prepare();
    const failing = startCluster({ PORT: String(await freePort()), WEB_CONCURRENCY: "4", FAIL_AT_START: "true" });
    expect(await failing.exited).toBe(1);
    expect(failing.output().match(/Invalid environment configuration/g)).toHaveLength(1);
    expect(failing.output()).toMatch(/exited during start-up/);

    const bad = startCluster({ PORT: String(await freePort()), WEB_CONCURRENCY: "lots" });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/WEB_CONCURRENCY: must be a whole number/);
  }, 180_000);
});
