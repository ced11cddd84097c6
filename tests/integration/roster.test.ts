import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { RegisterSchema } from "~/models/account-schema";
import { registerWithCode, requestRegistrationCode } from "~/models/registration.server";
import { importRoster, MAX_ROSTER_BYTES, parseRosterFile, previewRoster } from "~/models/roster.server";
import { getUserBySession, signIn } from "~/models/user.server";
import * as rosterPage from "~/routes/admin.roster";
import * as outboxPage from "~/routes/admin.outbox";
import * as registerPage from "~/routes/register";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { cookieFor, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { refusal, request, thrown, unwrap } from "../support/routes";

beforeEach(resetDatabase);

const PASSWORD = "tea-and-rice-2026";
const HEADER = "工号,姓名,手机,部门,状态";
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join("\n"));

async function imported(...rows: string[]) {
  const admin = await prisma.user.findFirst({ where: { role: "ADMIN" } }) ?? (await createUserWithRole("office", "ADMIN"));
  const parsed = await parseRosterFile("roster.csv", csv(...rows));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return importRoster(parsed.rows, admin.id);
}

/** The code in the newest outbox message to a mobile, as the person would read it on their phone. */
async function codeSentTo(mobile: string) {
  const message = await prisma.outboxMessage.findFirst({ where: { mobile }, orderBy: { id: "desc" } });
  return /验证码 (\d{6})/.exec(message?.body ?? "")?.[1] ?? null;
}

const register = (employeeNo: string, code: string, ip = "10.9.0.1") =>
  registerWithCode(RegisterSchema.parse({ employeeNo, code, password: PASSWORD, confirmPassword: PASSWORD }), ip);

describe("the roster file", () => {
  it("lists every bad row with its number and writes nothing", async () => {
    const result = await parseRosterFile(
      "roster.csv",
      csv("E10001,张伟,13800010001,采购部,在职", "E1,李娜,13800010002,,在职", "E10003,,12345,,休假", "E10001,王强,13800010004,,", "E10005,赵敏,13800010001,,离职"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [3, "employeeNo", "admin:roster.rowErrors.employeeNo"],
      [4, "name", "admin:roster.rowErrors.name"],
      [4, "mobile", "admin:roster.rowErrors.mobile"],
      [4, "status", "admin:roster.rowErrors.status"],
      [5, "employeeNo", "admin:roster.rowErrors.duplicate"],
      [6, "mobile", "admin:roster.rowErrors.mobileTwice"],
    ]);
    expect(await prisma.rosterEntry.count()).toBe(0);
  });

  it("reads XLSX too, and refuses a mobile another roster person holds", async () => {
    await imported("E10001,张伟,13800010001,,在职");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("花名册");
    sheet.addRow(["工号", "姓名", "手机", "部门", "状态"]);
    sheet.addRow(["e10002", "李娜", 13800010002, "研发总院", "在职"]);
    sheet.addRow(["E10003", "王强", "13800010001", "", ""]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await parseRosterFile("roster.xlsx", bytes);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 3, field: "mobile", message: "admin:roster.rowErrors.mobileTaken", params: { other: "E10001" } }] });
    sheet.getRow(3).getCell(3).value = "13800010003";
    const good = await parseRosterFile("roster.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(good).toMatchObject({ ok: true, rows: [{ employeeNo: "E10002", mobile: "13800010002", department: "研发总院", status: "ACTIVE" }, { employeeNo: "E10003", status: "ACTIVE" }] });
  });

  it("previews new, changed and leaving people, then imports them in one audited step", async () => {
    await imported("E10001,张伟,13800010001,采购部,在职", "E10002,李娜,13800010002,,在职", "E10003,王强,13800010003,,在职");
    const parsed = await parseRosterFile("roster.csv", csv("E10001,张伟,13800010001,采购部,在职", "E10002,李娜,13900010002,研发总院,在职", "E10003,王强,13800010003,,离职", "E10004,赵敏,13800010004,,在职"));
    if (!parsed.ok) throw new Error("bad file");
    const plan = await previewRoster(parsed.rows);
    expect({ added: plan.added.map((r) => r.employeeNo), changed: plan.changed.map((r) => r.employeeNo), left: plan.left.map((r) => r.employeeNo), unchanged: plan.unchanged }).toEqual({
      added: ["E10004"],
      changed: ["E10002"],
      left: ["E10003"],
      unchanged: 1,
    });
    expect(await prisma.rosterEntry.count()).toBe(3); // a preview writes nothing
    const admin = await createUserWithRole("office2", "ADMIN");
    await importRoster(parsed.rows, admin.id);
    expect(await prisma.rosterEntry.findUnique({ where: { employeeNo: "E10002" } })).toMatchObject({ mobile: "13900010002", department: "研发总院" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "roster.import", userId: admin.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ added: 1, changed: ["E10002"], left: ["E10003"] });
  });

  it("takes a company-sized roster: 6,000 people checked, imported, and later all 离职 in one file", async () => {
    const people = (status: string) => Array.from({ length: 6_000 }, (_, i) => `R${String(i).padStart(6, "0")},员工${i},137${String(i).padStart(8, "0")},总装车间,${status}`);
    await imported("E10001,张伟,13800010001,,在职");
    // A clash found among thousands: the last person's mobile belongs to someone already on the roster.
    const clash = await parseRosterFile("roster.csv", csv(...people("在职").slice(0, -1), "R999999,最后一人,13800010001,,在职"));
    expect(clash).toMatchObject({ ok: false, problems: [{ row: 6_001, field: "mobile", message: "admin:roster.rowErrors.mobileTaken", params: { other: "E10001" } }] });
    const staff = await imported(...people("在职"));
    expect(staff.plan.added).toHaveLength(6_000);
    const users = await prisma.user.createManyAndReturn({ data: Array.from({ length: 1_200 }, (_, i) => ({ username: `R${String(i).padStart(6, "0")}`, employeeNo: `R${String(i).padStart(6, "0")}`, name: `员工${i}`, role: "EMPLOYEE", passwordHash: "x" })), select: { id: true } });
    await prisma.session.createMany({ data: users.map((u, i) => ({ id: `s-${i}`, userId: u.id, expiresAt: new Date(Date.now() + 86_400_000) })) });
    const gone = await imported(...people("离职"));
    expect({ left: gone.plan.left.length, signedOut: gone.signedOut }).toEqual({ left: 6_000, signedOut: 1_200 });
    expect(await prisma.user.count({ where: { employeeNo: { startsWith: "R" }, leftAt: null } })).toBe(0);
  });

  it("a 离职 import signs the person out everywhere, stops sign-in and suspends memberships; orders stay", async () => {
    await imported("E10001,张伟,13800010001,,在职");
    const user = await prisma.user.create({
      data: { username: "E10001", employeeNo: "E10001", name: "张伟", mobile: "13800010001", role: "EMPLOYEE", passwordHash: await hashPassword(PASSWORD, 10) },
    });
    const org = await prisma.organisation.create({ data: { name: "食堂", kind: "CANTEEN", creditCode: "91220101MA0Y0CT00X", contactName: "张伟", contactMobile: "13800010001", status: "APPROVED" } });
    await prisma.organisationMember.create({ data: { organisationId: org.id, userId: user.id, role: "ORG_ADMIN" } });
    const phone = await signIn("E10001", PASSWORD, "10.0.0.1");
    const laptop = await signIn("13800010001", PASSWORD, "10.0.0.2");
    if (!phone.ok || !laptop.ok) throw new Error("sign-in failed");

    const { signedOut } = await imported("E10001,张伟,13800010001,,离职");
    expect(signedOut).toBe(2);
    expect(await getUserBySession(phone.sessionId)).toBeNull();
    expect(await getUserBySession(laptop.sessionId)).toBeNull();
    expect(await signIn("E10001", PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "left" });
    expect(await prisma.organisationMember.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ suspendedAt: expect.any(Date) });
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);

    // Back 在职 in a later import: sign-in and memberships return.
    await imported("E10001,张伟,13800010001,,在职");
    expect((await signIn("E10001", PASSWORD, "10.0.0.4")).ok).toBe(true);
    expect(await prisma.organisationMember.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ suspendedAt: null });
  });

  it("the admin page previews an upload and imports only on confirm", async () => {
    const admin = await createUserWithRole("office", "ADMIN");
    const cookie = await cookieFor({ username: "office", password: "correct horse battery" });
    const form = new FormData();
    form.set("intent", "preview");
    form.set("file", new File([csv("E10001,张伟,13800010001,,在职")], "roster.csv", { type: "text/csv" }));
    const preview = unwrap<{ stage: string; counts: Record<string, number>; file: string; fileName: string }>(
      await rosterPage.action({ request: request("/admin/roster", cookie, { method: "POST", body: form }), params: {}, context: {} }),
    );
    expect(preview.body).toMatchObject({ stage: "preview", counts: { added: 1, changed: 0, left: 0 } });
    expect(await prisma.rosterEntry.count()).toBe(0);
    const confirm = new FormData();
    confirm.set("intent", "confirm");
    confirm.set("fileName", preview.body.fileName);
    confirm.set("file", preview.body.file);
    const done = await thrown(rosterPage.action({ request: request("/admin/roster", cookie, { method: "POST", body: confirm }), params: {}, context: {} }));
    expect(done.headers.get("Location")).toBe("/admin/roster?added=1&changed=0&left=0&signedOut=0");
    expect(await prisma.auditLog.count({ where: { action: "roster.import", userId: admin.id } })).toBe(1);

    await createUserWithRole("E77777", "EMPLOYEE");
    const employee = await cookieFor({ username: "E77777", password: "correct horse battery" });
    expect((await thrown(outboxPage.loader({ request: request("/admin/outbox", employee), params: {}, context: {} }))).status).toBe(403);
  });

  it("the admin page reads the upload as a stream with limits: too large, no file, or a confirm without the previewed file import nothing", async () => {
    await createUserWithRole("office", "ADMIN");
    const cookie = await cookieFor({ username: "office", password: "correct horse battery" });
    const send = async (fields: Record<string, string | File>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.set(name, value);
      return unwrap<{ stage: string; problems: { message: string; params?: Record<string, number> }[] }>(
        await rosterPage.action({ request: request("/admin/roster", cookie, { method: "POST", body }), params: {}, context: {} }),
      );
    };
    const huge = new Uint8Array(MAX_ROSTER_BYTES + 1).fill(0x41);
    const tooLarge = await send({ intent: "preview", file: new File([huge], "roster.csv", { type: "text/csv" }) });
    expect(tooLarge).toMatchObject({ status: 413, body: { stage: "errors", problems: [{ message: "common:upload.fileTooLarge", params: { mb: MAX_ROSTER_BYTES / 1024 / 1024 } }] } });
    expect(await send({ intent: "preview" })).toMatchObject({ status: 400, body: { problems: [{ message: "admin:roster.file.empty" }] } });
    expect(await send({ intent: "confirm", fileName: "roster.csv" })).toMatchObject({ status: 400, body: { problems: [{ message: "admin:roster.file.empty" }] } });
    expect(await prisma.rosterEntry.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "roster.import" } })).toBe(0);
  });

  it("the outbox page is for administrators", async () => {
    await createUserWithRole("E77777", "EMPLOYEE");
    const employee = await cookieFor({ username: "E77777", password: "correct horse battery" });
    expect((await thrown(outboxPage.loader({ request: request("/admin/outbox", employee), params: {}, context: {} }))).status).toBe(403);
  });
});

describe("the migration", () => {
  it("puts every existing employee with a 工号 and mobile on the roster as 在职, so nobody is locked out", () => {
    const db = new Database(":memory:");
    const dirs = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const roster = dirs.find((d) => d.endsWith("_employee_roster"))!;
    for (const dir of dirs.filter((d) => d < roster)) db.exec(readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8"));
    const insert = db.prepare(`INSERT INTO "User" ("username","name","role","employeeNo","mobile","passwordHash","createdAt") VALUES (?, ?, ?, ?, ?, 'x', '2026-01-01T00:00:00.000+00:00')`);
    insert.run("E10001", "张伟", "EMPLOYEE", "E10001", "13800010001");
    insert.run("admin", "扶贫办", "ADMIN", null, null);
    db.exec(readFileSync(`prisma/migrations/${roster}/migration.sql`, "utf8"));
    expect(db.prepare(`SELECT "employeeNo", "name", "mobile", "status" FROM "RosterEntry"`).all()).toEqual([{ employeeNo: "E10001", name: "张伟", mobile: "13800010001", status: "ACTIVE" }]);
    db.close();
  });
});

describe("registration by the roster and a one-time code", () => {
  beforeEach(async () => {
    await imported("E10001,张伟,13800010001,,在职", "E10002,李娜,13800010002,,在职", "E10009,周离,13800010009,,离职");
  });

  it("sends a code to the roster's mobile, keeps only its hash, and creates the roster person's account", async () => {
    expect(await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.1")).toEqual({ ok: true });
    const code = await codeSentTo("13800010001");
    expect(code).toMatch(/^\d{6}$/);
    const stored = await prisma.verificationCode.findFirstOrThrow({ where: { employeeNo: "E10001" } });
    expect(stored.codeHash).not.toContain(code!);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(10 * 60_000);

    const result = await register("E10001", code!);
    expect(result.ok).toBe(true);
    expect(await prisma.user.findUniqueOrThrow({ where: { employeeNo: "E10001" } })).toMatchObject({ username: "E10001", name: "张伟", mobile: "13800010001", role: "EMPLOYEE" });
    // A code works once.
    expect(await register("E10001", code!)).toEqual({ ok: false, fieldErrors: { code: ["account:errors.codeExpired"] } });
  });

  it("registering with another person's 工号 fails: the code goes to their phone, and five guesses end it", async () => {
    // The attacker knows 李娜's 工号 and name, but not her phone.
    await requestRegistrationCode({ employeeNo: "E10002", name: "李娜" }, "6.6.6.6");
    const code = (await codeSentTo("13800010002"))!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const guesses = await Promise.all(Array.from({ length: 40 }, () => register("E10002", wrong, "6.6.6.6")));
    expect(guesses.filter((g) => !g.ok && "fieldErrors" in g && g.fieldErrors.code?.[0] === "account:errors.codeWrong")).toHaveLength(5);
    // After five tries even the right code is refused: a new one must be asked for.
    expect(await register("E10002", code, "6.6.6.6")).toEqual({ ok: false, fieldErrors: { code: ["account:errors.codeExpired"] } });
    expect(await prisma.user.count({ where: { employeeNo: "E10002" } })).toBe(0);
    expect(await prisma.verificationCode.findFirstOrThrow({ where: { employeeNo: "E10002" } })).toMatchObject({ attempts: 5 });
  });

  it("answers alike for unknown, misnamed, 离职 and registered people, sending nothing to anyone who did not ask", async () => {
    await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.1");
    await register("E10001", (await codeSentTo("13800010001"))!);
    const before = await prisma.outboxMessage.count();
    for (const [employeeNo, name] of [["E99999", "无名"], ["E10002", "别人"], ["E10009", "周离"]] as const) {
      expect(await requestRegistrationCode({ employeeNo, name }, "10.9.0.2")).toEqual({ ok: true });
    }
    expect(await prisma.outboxMessage.count()).toBe(before);
    expect(await prisma.verificationCode.count({ where: { employeeNo: { in: ["E99999", "E10002", "E10009"] } } })).toBe(0);
    // The registered person is told on their own phone (a minute later); the requester sees the same answer.
    await prisma.loginAttempt.deleteMany({ where: { key: "code-resend:E10001" } });
    expect(await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.3")).toEqual({ ok: true });
    expect((await prisma.outboxMessage.findFirstOrThrow({ orderBy: { id: "desc" } })).body).toMatch(/已注册/);
  });

  it("expires a code after ten minutes, and a new code replaces the old one", async () => {
    await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.1");
    const first = (await codeSentTo("13800010001"))!;
    await prisma.verificationCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await register("E10001", first)).toEqual({ ok: false, fieldErrors: { code: ["account:errors.codeExpired"] } });
    await prisma.loginAttempt.deleteMany({ where: { key: "code-resend:E10001" } });
    await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.1");
    const second = (await codeSentTo("13800010001"))!;
    expect((await register("E10001", second)).ok).toBe(true);
  });

  it("throttles resends per person and requests per address, whatever the number", async () => {
    expect(await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.1")).toEqual({ ok: true });
    // A second request within a minute, from anywhere, is refused; so is one for a number nobody has.
    expect(await requestRegistrationCode({ employeeNo: "E10001", name: "张伟" }, "10.9.0.7")).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await requestRegistrationCode({ employeeNo: "E99999", name: "无名" }, "10.9.0.8")).toEqual({ ok: true });
    expect(await requestRegistrationCode({ employeeNo: "E99999", name: "无名" }, "10.9.0.8")).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await prisma.outboxMessage.count()).toBe(1);
    // One address asking about many numbers stops at the per-address limit (20 an hour by default).
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await requestRegistrationCode({ employeeNo: `X${1000 + i}`, name: "某人" }, "10.9.0.9"));
    expect(answers.filter((a) => a.ok)).toHaveLength(20);
  });

  it("registers through the two-step form and signs the person in", async () => {
    // A 工号 that cannot be one is refused at its field before anything is asked of the roster.
    const typo = refusal(await registerPage.action({ request: form("/register", { intent: "code", employeeNo: "E-1", name: "李娜" }), params: {}, context: {} }));
    expect(typo).toMatchObject({ status: 400, fieldErrors: { employeeNo: ["account:errors.employeeNo"] }, values: { employeeNo: "E-1", name: "李娜" }, body: { stage: "identify" } });
    expect(await prisma.verificationCode.count()).toBe(0);

    const step1 = unwrap<{ stage: string; sent: boolean }>(
      await registerPage.action({ request: form("/register", { intent: "code", employeeNo: "e10002", name: "李娜" }), params: {}, context: {} }),
    );
    expect(step1.body).toMatchObject({ stage: "code", sent: true });
    // Asking again within the minute, from the second step: 429 with the minutes to wait, still on the second step.
    const resend = refusal<{ stage: string; minutes: number }>(
      await registerPage.action({ request: form("/register", { intent: "resend", employeeNo: "E10002", name: "李娜" }), params: {}, context: {} }),
    );
    expect(resend).toMatchObject({ status: 429, formError: "account:register.rateLimited", values: { employeeNo: "E10002", name: "李娜" }, body: { stage: "code", minutes: 1 } });
    const code = (await codeSentTo("13800010002"))!;
    const response = await thrown(
      registerPage.action({ request: form("/register", { employeeNo: "E10002", code, password: PASSWORD, confirmPassword: PASSWORD, redirectTo: "/%09/evil.example" }), params: {}, context: {} }),
    );
    expect(response.headers.get("Location")).toBe("/%09/evil.example");
    const user = await requireUser(request("/account", response.headers.get("Set-Cookie")!.split(";")[0]!));
    expect(user).toMatchObject({ username: "E10002", name: "李娜" });
  });
});

function form(path: string, fields: Record<string, string>) {
  return request(path, null, { method: "POST", body: new URLSearchParams(fields), headers: { "x-hall-client-ip": "10.8.0.1" } });
}
