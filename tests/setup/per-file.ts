import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";

// Each test file works on its own copy of the migrated template: a real SQLite file, no sharing.
const TMP_DIR = path.resolve("tests/.tmp");
const file = path.join(TMP_DIR, `test-${randomUUID()}.db`);
copyFileSync(path.join(TMP_DIR, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

await import("./console-errors");
