// Applies pending migrations (`prisma migrate deploy`) and prints only what an operator needs: which
// migrations were applied, or the error. Prisma's own output warns that the schema's placeholder `url`
// is unused — it is (the driver adapter picks the file) but Prisma 6.19's CLI needs it present.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export function migrate() {
  try {
    const out = execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { encoding: "utf8", stdio: "pipe" });
    const applied = [...out.matchAll(/└─ (\d{14}_[\w-]+)\//g)].map((m) => m[1]);
    if (applied.length > 0) console.info(`Database migrated: ${applied.join(", ")}`);
  } catch (error) {
    console.error(`Database migration failed.\n${error.stdout ?? ""}${error.stderr ?? error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) migrate();
