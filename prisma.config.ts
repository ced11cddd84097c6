import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/hall.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // better-sqlite3 does not create folders.
    mkdirSync(dirname(url.replace(/^file:/, "")), { recursive: true });
    return new PrismaBetterSQLite3({ url, timeout: 5000 });
  },
});
