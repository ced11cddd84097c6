import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's PostgreSQL binaries (`apt-get install postgresql`: 15 on bookworm), the newest installed; PG_BIN overrides. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder holding initdb and pg_ctl)");
  return `/usr/lib/postgresql/${newest}/bin`;
}

export type Cluster = { dir: string; port: number; url: (database: string) => string; stop: () => void };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` user Debian's package creates. */
function asClusterOwner(tool: string, args: string[]): [string, string[]] {
  const command = path.join(postgresBin(), tool);
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/**
 * A throwaway PostgreSQL cluster for tests: its own folder under the system temp directory, loopback
 * only on a free port, a superuser `hall` trusted without a password. Unless `durable`, fsync is off:
 * the tests check behaviour, not durability, and the cluster is deleted afterwards.
 */
export async function startCluster({ durable = false } = {}): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "hall-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  execFileSync(...asClusterOwner("initdb", ["-D", data, "-U", "hall", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]), { stdio: "pipe" });
  execFileSync(...asClusterOwner("pg_ctl", [
    "-D", data, "-l", path.join(dir, "server.log"), "-w", "start",
    "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} ${durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"} -c max_connections=200`,
  ]), { stdio: "pipe" });
  const stop = () => {
    spawnSync(...asClusterOwner("pg_ctl", ["-D", data, "-m", "immediate", "stop"]), { stdio: "pipe" });
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, port, url: (database) => `postgresql://hall@127.0.0.1:${port}/${database}`, stop };
}
