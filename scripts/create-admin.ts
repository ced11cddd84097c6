/**
 * npm run create-admin -- --username <name> [--name <display name>] [--password <pw>]
 * Without --password it asks for one (hidden input is not available in every terminal, so it is read
 * as a line; pipe it in for scripts: `echo "$PW" | npm run create-admin -- --username ops`).
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";

const { values } = parseArgs({
  options: { username: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
});

const Input = z.object({
  username: z.string().regex(/^[a-zA-Z0-9._-]{3,40}$/, "username: 3–40 letters, digits, dot, dash or underscore"),
  name: z.string().min(1).max(60),
  password: z.string().min(10, "password: at least 10 characters").max(200),
});

async function readPassword() {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const answer = await rl.question("Password (at least 10 characters): ");
  rl.close();
  return answer.trim();
}

const parsed = Input.safeParse({
  username: values.username,
  name: values.name ?? values.username,
  password: values.password ?? (await readPassword()),
});
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n"));
  process.exit(1);
}

// A one-off command: no checkpoint thread (it kept the process from ever exiting).
process.env.BACKGROUND_JOBS = "false";
const { prisma } = await import("~/utils/db.server");
const { createUser } = await import("~/models/user.server");
const existing = await prisma.user.findUnique({ where: { username: parsed.data.username } });
if (existing) {
  console.error(`A user named ${parsed.data.username} already exists.`);
  process.exit(1);
}
const user = await createUser({ ...parsed.data, role: "ADMIN" });
console.info(`Administrator ${user.username} created (id ${user.id}).`);
await prisma.$disconnect();
