/**
 * Does signing in stall other shoppers? The product list's p95 with nobody signing in, then while
 * waves of 40 parallel sign-ins (real password hashes, each for its own account) run against the same
 * process. Password hashing runs in libuv's thread pool (scrypt), so the ratio should stay small.
 */
import Database from "better-sqlite3";
import { hashPassword } from "../../app/utils/password.server";

const PARALLEL = 40;

export async function benchSignIn(base: string, dbFile: string, load: (url: string) => Promise<{ p95: number; p50: number; rps: number; errors: number }>) {
  const run = Date.now().toString(36);
  const hash = await hashPassword("bench-password");
  const db = new Database(dbFile);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insert = db.prepare(`INSERT INTO "User" ("username","name","role","passwordHash","createdAt") VALUES (?, ?, 'EMPLOYEE', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < PARALLEL; i++) insert.run(`signin-${run}-${i}`, `员工${i}`, hash, now);
  })();
  db.close();

  const signIn = async (i: number) => {
    const res = await fetch(`${base}/login`, {
      method: "POST",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: `signin-${run}-${i}`, password: "bench-password", redirectTo: "/" }),
      redirect: "manual",
    });
    if (res.status !== 302) throw new Error(`sign-in answered ${res.status}`);
  };

  const quiet = await load(`${base}/products`);
  let signIns = 0;
  let running = true;
  const started = performance.now();
  const waves = (async () => {
    while (running) {
      await Promise.all(Array.from({ length: PARALLEL }, (_, i) => signIn(i)));
      signIns += PARALLEL;
    }
  })();
  const during = await load(`${base}/products`);
  running = false;
  await waves;
  const seconds = (performance.now() - started) / 1000;
  return { quiet, during, signIns, signInsPerSecond: signIns / seconds, ratio: during.p95 / quiet.p95 };
}
