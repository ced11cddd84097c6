import type { Prisma } from "~/generated/prisma/client";
import { readUploadedTable } from "~/utils/uploaded-table.server";
import { inBatches } from "~/utils/batches";
import { prisma } from "~/utils/db.server";
import { EMPLOYEE_NO_PATTERN, MOBILE_PATTERN, type FieldErrors } from "./account-schema";
import { recordAudit } from "./audit.server";

/**
 * The employee roster (ADR 021): the company's list of who works here, imported by administrators.
 * Registration, gift recipients and 离职 all read it. An import is all-or-nothing like every other
 * import: every bad row is listed with its row number, and nothing is written unless all are valid.
 */

export const MAX_ROSTER_ROWS = 50_000;
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;
export const rosterStatuses = ["ACTIVE", "LEFT"] as const;
export type RosterStatus = (typeof rosterStatuses)[number];

export type RosterRow = { row: number; employeeNo: string; name: string; mobile: string; department: string; status: RosterStatus };
type RosterField = "employeeNo" | "name" | "mobile" | "department" | "status";
export type RosterProblem = { row: number; field?: RosterField; message: string; params?: Record<string, string | number> };
export type RosterFileResult = { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] };

const HEADERS: Record<RosterField, string[]> = {
  employeeNo: ["工号", "员工号", "employeeno", "employeenumber", "employee"],
  name: ["姓名", "name"],
  mobile: ["手机", "手机号", "手机号码", "mobile", "phone"],
  department: ["部门", "department", "dept"],
  status: ["状态", "在职状态", "status"],
};

const STATUS_WORDS: Record<string, RosterStatus> = { 在职: "ACTIVE", active: "ACTIVE", "": "ACTIVE", 离职: "LEFT", left: "LEFT" };

function columnOf(header: string): RosterField | null {
  for (const part of header.split("/")) {
    const word = part.toLowerCase().replace(/[\s_()（）-]/g, "");
    for (const [field, words] of Object.entries(HEADERS)) if (words.includes(word)) return field as RosterField;
  }
  return null;
}

/**
 * Reads a roster file (CSV or XLSX; columns 工号, 姓名, 手机, and optionally 部门 and 状态 在职/离职, an
 * empty status meaning 在职) and checks every row. A mobile may belong to one person only, in the
 * file and against roster people the file does not mention.
 */
export async function parseRosterFile(fileName: string, bytes: Uint8Array): Promise<RosterFileResult> {
  // The same bounded reader as every other upload (ADR 017): the header row and MAX_ROSTER_ROWS people.
  const table = await readUploadedTable({ name: fileName, bytes }, { maxRows: MAX_ROSTER_ROWS + 1 });
  if (!table.ok) return { ok: false, problems: [{ row: 0, ...table.problem }] };
  const nonBlank = table.rows.filter((r) => r.values.some((v) => v.trim() !== ""));
  const header = nonBlank[0];
  if (!header) return { ok: false, problems: [{ row: 0, message: "admin:roster.file.empty" }] };
  const columns = new Map<RosterField, number>();
  header.values.forEach((h, i) => {
    const field = columnOf(h.trim());
    if (field && !columns.has(field)) columns.set(field, i);
  });
  if (!columns.has("employeeNo") || !columns.has("name") || !columns.has("mobile")) {
    return { ok: false, problems: [{ row: header.row, message: "admin:roster.file.header" }] };
  }
  const dataRows = nonBlank.slice(1);
  if (dataRows.length === 0) return { ok: false, problems: [{ row: 0, message: "admin:roster.file.noRows" }] };
  if (dataRows.length > MAX_ROSTER_ROWS) return { ok: false, problems: [{ row: 0, message: "admin:roster.file.tooMany", params: { max: MAX_ROSTER_ROWS } }] };

  const problems: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  for (const { row, values } of dataRows) {
    const cell = (field: RosterField) => {
      const index = columns.get(field);
      return index === undefined ? "" : (values[index] ?? "").trim();
    };
    const before = problems.length;
    const problem = (field: RosterField, message: string, params: Record<string, string | number> = {}) =>
      problems.push({ row, field, message: `admin:roster.rowErrors.${message}`, params: { row, ...params } });

    const employeeNo = cell("employeeNo").toUpperCase();
    if (!EMPLOYEE_NO_PATTERN.test(employeeNo)) problem("employeeNo", "employeeNo", { value: employeeNo.slice(0, 20) });
    const name = cell("name");
    if (name === "" || name.length > 50) problem("name", "name");
    const mobile = cell("mobile").replace(/[\s-]/g, "");
    if (!MOBILE_PATTERN.test(mobile)) problem("mobile", "mobile", { value: mobile.slice(0, 20) });
    const department = cell("department");
    if (department.length > 50) problem("department", "department");
    const status = STATUS_WORDS[cell("status").toLowerCase()];
    if (!status) problem("status", "status", { value: cell("status").slice(0, 10) });
    if (problems.length === before) rows.push({ row, employeeNo, name, mobile, department, status: status! });
  }
  problems.push(...(await duplicates(rows)));
  return problems.length > 0 ? { ok: false, problems: problems.sort((a, b) => a.row - b.row) } : { ok: true, rows };
}

/** A 工号 twice in the file, or a mobile held by two people (in the file, or one in it and one on the roster). */
async function duplicates(rows: RosterRow[]): Promise<RosterProblem[]> {
  const problems: RosterProblem[] = [];
  const byNumber = new Map<string, number>();
  const byMobile = new Map<string, RosterRow>();
  for (const r of rows) {
    const earlier = byNumber.get(r.employeeNo);
    if (earlier !== undefined) problems.push({ row: r.row, field: "employeeNo", message: "admin:roster.rowErrors.duplicate", params: { row: r.row, value: r.employeeNo, firstRow: earlier } });
    else byNumber.set(r.employeeNo, r.row);
    const sameMobile = byMobile.get(r.mobile);
    if (sameMobile && sameMobile.employeeNo !== r.employeeNo) {
      problems.push({ row: r.row, field: "mobile", message: "admin:roster.rowErrors.mobileTwice", params: { row: r.row, value: r.mobile, firstRow: sameMobile.row } });
    } else byMobile.set(r.mobile, r);
  }
  const holders = [];
  for (const mobiles of inBatches([...byMobile.keys()])) {
    holders.push(...(await prisma.rosterEntry.findMany({ where: { mobile: { in: mobiles } }, select: { employeeNo: true, mobile: true } })));
  }
  const others = holders.filter((holder) => !byNumber.has(holder.employeeNo));
  for (const other of others) {
    const r = byMobile.get(other.mobile)!;
    problems.push({ row: r.row, field: "mobile", message: "admin:roster.rowErrors.mobileTaken", params: { row: r.row, value: r.mobile, other: other.employeeNo } });
  }
  return problems;
}

export type RosterPlan = {
  added: RosterRow[];
  changed: (RosterRow & { before: { name: string; mobile: string; department: string; status: string } })[];
  left: RosterRow[];
  unchanged: number;
};

/** What an import would change: people new to the roster, details changed, and people now 离职. */
async function planRoster(db: Prisma.TransactionClient | typeof prisma, rows: RosterRow[]): Promise<RosterPlan> {
  const existing = new Map<string, { name: string; mobile: string; department: string; status: string }>();
  for (const batch of inBatches(rows)) {
    const found = await db.rosterEntry.findMany({
      where: { employeeNo: { in: batch.map((r) => r.employeeNo) } },
      select: { employeeNo: true, name: true, mobile: true, department: true, status: true },
    });
    for (const { employeeNo, ...rest } of found) existing.set(employeeNo, rest);
  }
  const plan: RosterPlan = { added: [], changed: [], left: [], unchanged: 0 };
  for (const r of rows) {
    const before = existing.get(r.employeeNo);
    if (!before) plan.added.push(r);
    else if (r.status === "LEFT" && before.status !== "LEFT") plan.left.push(r);
    else if (before.name !== r.name || before.mobile !== r.mobile || before.department !== r.department || before.status !== r.status) plan.changed.push({ ...r, before });
    else plan.unchanged++;
  }
  return plan;
}

export function previewRoster(rows: RosterRow[]) {
  return planRoster(prisma, rows);
}

/**
 * Writes an import in one transaction, planned again inside it (the roster may have changed since
 * the preview). People now 离职 can no longer sign in: their sessions end and their organisation
 * memberships are suspended (orders and ledger entries stay). People back 在职 get them back.
 */
export async function importRoster(rows: RosterRow[], actorId: number) {
  return prisma.$transaction(async (tx) => {
    const plan = await planRoster(tx, rows);
    const now = new Date();
    for (const batch of inBatches(plan.added, 100)) {
      await tx.rosterEntry.createMany({ data: batch.map((r) => ({ employeeNo: r.employeeNo, name: r.name, mobile: r.mobile, department: r.department, status: r.status })) });
    }
    for (const r of [...plan.changed, ...plan.left]) {
      await tx.rosterEntry.update({ where: { employeeNo: r.employeeNo }, data: { name: r.name, mobile: r.mobile, department: r.department, status: r.status } });
    }
    const leaving = [...plan.left, ...plan.added.filter((r) => r.status === "LEFT")].map((r) => r.employeeNo);
    const returning = plan.changed.filter((r) => r.status === "ACTIVE" && r.before.status === "LEFT").map((r) => r.employeeNo);
    let signedOut = 0;
    const usersOf = async (numbers: string[]) => (await tx.user.findMany({ where: { employeeNo: { in: numbers } }, select: { id: true } })).map((u) => u.id);
    for (const numbers of inBatches(leaving)) {
      const ids = await usersOf(numbers);
      await tx.user.updateMany({ where: { id: { in: ids }, leftAt: null }, data: { leftAt: now } });
      signedOut += (await tx.session.deleteMany({ where: { userId: { in: ids } } })).count;
      await tx.organisationMember.updateMany({ where: { userId: { in: ids }, suspendedAt: null }, data: { suspendedAt: now } });
    }
    for (const numbers of inBatches(returning)) {
      const ids = await usersOf(numbers);
      await tx.user.updateMany({ where: { id: { in: ids } }, data: { leftAt: null } });
      await tx.organisationMember.updateMany({ where: { userId: { in: ids } }, data: { suspendedAt: null } });
    }
    await recordAudit(tx, {
      userId: actorId,
      action: "roster.import",
      entityType: "Roster",
      entityId: "roster",
      details: {
        added: plan.added.length,
        changed: plan.changed.map((r) => r.employeeNo).slice(0, 1000),
        left: leaving.slice(0, 1000),
        returned: returning.slice(0, 1000),
        unchanged: plan.unchanged,
        sessionsEnded: signedOut,
      },
    });
    return { plan, signedOut };
  }, { timeout: 120_000, maxWait: 10_000 });
}

export async function rosterSummary() {
  const [active, left] = await Promise.all([prisma.rosterEntry.count({ where: { status: "ACTIVE" } }), prisma.rosterEntry.count({ where: { status: "LEFT" } })]);
  return { active, left };
}

/** The roster entry of an employee number, as registration and gift matching read it. */
export function rosterEntry(employeeNo: string, db: Prisma.TransactionClient | typeof prisma = prisma) {
  return db.rosterEntry.findUnique({ where: { employeeNo: employeeNo.toUpperCase() }, select: { employeeNo: true, name: true, mobile: true, status: true } });
}

/**
 * Whether an account an administrator is about to create belongs to a roster person: the 工号 on the
 * roster and 在职, and the name and mobile the roster has (gift parcels are matched by that mobile).
 * Field errors as the account forms show them, or null.
 */
export async function rosterMismatch(input: { employeeNo: string; name: string; mobile: string }): Promise<FieldErrors | null> {
  const entry = await rosterEntry(input.employeeNo);
  if (!entry) return { employeeNo: ["account:errors.notOnRoster"] };
  if (entry.status !== "ACTIVE") return { employeeNo: ["account:errors.rosterLeft"] };
  const problems: FieldErrors = {};
  if (entry.name !== input.name.trim()) problems.name = ["account:errors.rosterName"];
  if (entry.mobile !== input.mobile) problems.mobile = ["account:errors.rosterMobile"];
  return Object.keys(problems).length > 0 ? problems : null;
}
