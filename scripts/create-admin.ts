/**
 * npm run create-admin -- --username <name> [--name <display name>] [--password <pw>]
 * npm run create-admin -- --username <name> --reset-second-factor   (a lost authenticator, ADR 027)
 * Without --password it asks for one (hidden input is not available in every terminal, so it is read
 * as a line; pipe it in for scripts: `echo "$PW" | npm run create-admin -- --username ops`).
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";

const { values } = parseArgs({
  options: { username: { type: "string" }, name: { type: "string" }, password: { type: "string" }, "reset-second-factor": { type: "boolean" } },
});

const ENROL_HINT =
  "At the next sign-in the hall shows a QR code to scan with an authenticator app, then ten recovery codes to keep " +
  "(required when NODE_ENV=production or ADMIN_TOTP_REQUIRED=true).";

if (values["reset-second-factor"]) {
  const { prisma } = await import("~/utils/db.server");
  const { resetSecondFactor } = await import("~/models/admin-second-factor.server");
  const admin = await prisma.user.findFirst({ where: { username: values.username ?? "", role: "ADMIN" }, select: { id: true } });
  if (!admin) {
    console.error(`No administrator named ${values.username ?? "(missing --username)"}.`);
    process.exit(1);
  }
  await resetSecondFactor(admin.id, null);
  console.info(`Second factor of ${values.username} reset; their sessions have ended. ${ENROL_HINT}`);
  await prisma.$disconnect();
  process.exit(0);
}

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
console.info(`Administrator ${user.username} created (id ${user.id}). ${ENROL_HINT}`);
await prisma.$disconnect();
