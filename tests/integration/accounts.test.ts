import { beforeEach, describe, expect, it } from "vitest";
import { EmployeeSchema, RegisterSchema } from "~/models/account-schema";
import { listPickupPoints } from "~/models/pickup.server";
import {
  changePassword,
  createEmployee,
  createUser,
  getUserBySession,
  resetEmployeePassword,
  signIn,
  updateProfile,
} from "~/models/user.server";
import * as accountLayout from "~/routes/account";
import * as profilePage from "~/routes/account._index";
import * as addressesPage from "~/routes/account.addresses._index";
import * as addressPage from "~/routes/account.addresses.$id";
import * as employeesPage from "~/routes/admin.employees";
import * as employeePage from "~/routes/admin.employees_.$id";
import { action as loginAction } from "~/routes/login";
import * as registerPage from "~/routes/register";
import { prisma } from "~/utils/db.server";
import { loadDemoCatalogue } from "../../prisma/demo/load";
import { DEMO_EMPLOYEES, DEMO_EMPLOYEE_PASSWORD } from "../../prisma/demo/people";
import { cookieFor, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, request, thrown, type RouteHandler } from "../support/routes";

beforeEach(resetDatabase);

const PASSWORD = "tea-and-rice-2026";
const zhang = { employeeNo: "E10001", name: "张伟", mobile: "13800010001", password: PASSWORD };

/** Puts people on the roster, as the office's roster import does. */
async function onRoster(...people: { employeeNo: string; name: string; mobile: string; status?: string }[]) {
  for (const p of people) await prisma.rosterEntry.create({ data: { employeeNo: p.employeeNo, name: p.name, mobile: p.mobile, status: p.status ?? "ACTIVE" } });
}

async function employee(overrides: Partial<typeof zhang> = {}) {
  const input = EmployeeSchema.parse({ ...zhang, ...overrides });
  await onRoster(input);
  const result = await createEmployee(input, null);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { id: result.value.id, ...input };
}

async function signedIn(identifier: string, password = PASSWORD) {
  const result = await signIn(identifier, password, "10.1.1.1");
  if (!result.ok) throw new Error(`sign-in as ${identifier} failed: ${result.reason}`);
  return result;
}

describe("registration", () => {
  it("an administrator creates an EMPLOYEE whose username is the 工号, typed in any case, with a scrypt hash", async () => {
    await onRoster(zhang);
    const input = EmployeeSchema.parse({ ...zhang, employeeNo: " e10001 ", mobile: "138 0001-0001" });
    const result = await createEmployee(input, null);
    expect(result.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({ where: { employeeNo: "E10001" } });
    expect(user).toMatchObject({ username: "E10001", role: "EMPLOYEE", name: "张伟", mobile: "13800010001" });
    expect(user.passwordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
  });

  it("opens an account only for a 在职 roster person, with the roster's name and mobile", async () => {
    const admin = await createUserWithRole("office", "ADMIN");
    const create = (fields: Partial<typeof zhang>) => createEmployee(EmployeeSchema.parse({ ...zhang, ...fields }), admin.id);
    expect(await create({})).toEqual({ ok: false, fieldErrors: { employeeNo: ["account:errors.notOnRoster"] } });
    await onRoster(zhang, { employeeNo: "E10009", name: "周杰", mobile: "13800010009", status: "LEFT" });
    expect(await create({ employeeNo: "E10009", name: "周杰", mobile: "13800010009" })).toEqual({ ok: false, fieldErrors: { employeeNo: ["account:errors.rosterLeft"] } });
    expect(await create({ name: "张三", mobile: "13900000000" })).toEqual({ ok: false, fieldErrors: { name: ["account:errors.rosterName"], mobile: ["account:errors.rosterMobile"] } });
    expect(await prisma.user.count({ where: { role: "EMPLOYEE" } })).toBe(0);
    expect(await create({})).toMatchObject({ ok: true });
  });

  it("checks the number, mobile, code and password rules", () => {
    const employeeErrors = (fields: Record<string, string>) => EmployeeSchema.safeParse({ ...zhang, ...fields }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(employeeErrors({ employeeNo: "E1" })).toEqual([["employeeNo", "account:errors.employeeNo"]]);
    // 11 characters could be read as a mobile number at sign-in.
    expect(employeeErrors({ employeeNo: "13800010001" })).toEqual([["employeeNo", "account:errors.employeeNo"]]);
    expect(employeeErrors({ employeeNo: "E-10001" })).toEqual([["employeeNo", "account:errors.employeeNo"]]);
    expect(employeeErrors({ mobile: "12800010001" })).toEqual([["mobile", "account:errors.mobile"]]);
    expect(employeeErrors({ mobile: "1380001000" })).toEqual([["mobile", "account:errors.mobile"]]);
    expect(employeeErrors({ name: "  " })).toEqual([["name", "account:errors.required"]]);
    const errors = (fields: Record<string, string>) =>
      RegisterSchema.safeParse({ employeeNo: "E10001", code: "123456", password: PASSWORD, confirmPassword: PASSWORD, ...fields }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(errors({ code: "12345" })).toEqual([["code", "account:errors.code"]]);
    expect(errors({ password: "short", confirmPassword: "short" })).toEqual([["password", "account:errors.passwordShort"]]);
    expect(errors({ confirmPassword: "something else" })).toEqual([["confirmPassword", "account:errors.passwordMismatch"]]);
  });

  it("refuses a 工号 or mobile that is already registered, naming the field", async () => {
    await employee();
    expect(await createEmployee(EmployeeSchema.parse({ ...zhang, mobile: "13900000000" }), null)).toEqual({
      ok: false,
      fieldErrors: { employeeNo: ["account:errors.employeeNoTaken"] },
    });
    expect(await createEmployee(EmployeeSchema.parse({ ...zhang, employeeNo: "E20002" }), null)).toEqual({
      ok: false,
      fieldErrors: { mobile: ["account:errors.mobileTaken"] },
    });
    expect(await createEmployee(EmployeeSchema.parse(zhang), null)).toEqual({
      ok: false,
      fieldErrors: { employeeNo: ["account:errors.employeeNoTaken"], mobile: ["account:errors.mobileTaken"] },
    });
    // An administrator's username is taken as a 工号 too, since it becomes the employee's username.
    await createUser({ username: "OPS1", name: "扶贫办", role: "ADMIN", password: PASSWORD });
    const clash = await createEmployee(EmployeeSchema.parse({ ...zhang, employeeNo: "OPS1", mobile: "13900000001" }), null);
    expect(clash).toEqual({ ok: false, fieldErrors: { employeeNo: ["account:errors.employeeNoTaken"] } });
    expect(await prisma.user.count({ where: { role: "EMPLOYEE" } })).toBe(1);
  });

  it("answers a bad registration with 400, field errors and the typed values, never the password or code", async () => {
    const bad = refusal(
      await registerPage.action({
        request: post("/register", null, { employeeNo: "E10001", code: "12", password: PASSWORD, confirmPassword: "different-password" }),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toEqual({ code: ["account:errors.code"], confirmPassword: ["account:errors.passwordMismatch"] });
    expect(bad.values).toEqual({ employeeNo: "E10001" });
    expect(bad.body).toMatchObject({ intent: "register", stage: "code" });
  });

  it("sends a signed-in visitor away from the registration page", async () => {
    await employee();
    const cookie = await cookieFor({ username: "E10001", password: PASSWORD });
    const response = await thrown(registerPage.loader({ request: request("/register", cookie), params: {}, context: {} }));
    expect(response.headers.get("Location")).toBe("/account");
  });
});

describe("signing in as an employee", () => {
  it("accepts the 工号 (any case), the mobile number or the username", async () => {
    const { id } = await employee();
    for (const identifier of ["E10001", "e10001", "13800010001"]) {
      const result = await signedIn(identifier);
      expect(await getUserBySession(result.sessionId), identifier).toMatchObject({ id, role: "EMPLOYEE" });
    }
    expect(await signIn("13800010001", "wrong password", "10.1.1.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("13800019999", PASSWORD, "10.1.1.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("counts failures per account whichever of its names is typed", async () => {
    await employee();
    for (const [i, identifier] of ["E10001", "13800010001", "e10001", "13800010001", "E10001"].entries()) {
      await signIn(identifier, `guess-${i}`, `10.2.2.${i}`);
    }
    expect(await signIn("13800010001", PASSWORD, "10.2.2.99")).toEqual({ ok: false, reason: "rate-limited", retryAfterMinutes: 15 });
    expect(await signIn("E10001", PASSWORD, "10.2.2.99")).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("signs in through the login form with a mobile number", async () => {
    await employee();
    const response = await thrown(
      loginAction({
        request: new Request("http://localhost/login", {
          method: "POST",
          body: new URLSearchParams({ username: "13800010001", password: PASSWORD, redirectTo: "/account" }),
          headers: { "x-hall-client-ip": "10.3.3.3" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
  });
});

describe("profile", () => {
  it("edits name and mobile, refusing a mobile another account holds", async () => {
    const { id } = await employee();
    await employee({ employeeNo: "E10002", name: "李娜", mobile: "13800010002" });
    expect(await updateProfile(id, { name: "张伟伟", mobile: "13800010002" })).toEqual({
      ok: false,
      fieldErrors: { mobile: ["account:errors.mobileTaken"] },
    });
    expect(await updateProfile(id, { name: "张伟伟", mobile: "13800010009" })).toEqual({ ok: true, value: null });
    expect(await prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "张伟伟", mobile: "13800010009" });
    expect((await signedIn("13800010009")).ok).toBe(true);
  });

  it("changes the password only with the current one, ending other sessions but not this one", async () => {
    const { id } = await employee();
    const here = await signedIn("E10001");
    const elsewhere = await signedIn("13800010001");
    expect(await changePassword(id, { currentPassword: "not it", newPassword: "a-new-password-1" }, here.sessionId)).toEqual({
      ok: false,
      fieldErrors: { currentPassword: ["account:errors.currentPassword"] },
    });
    expect(await changePassword(id, { currentPassword: PASSWORD, newPassword: "a-new-password-1" }, here.sessionId)).toEqual({ ok: true, value: null });
    expect(await getUserBySession(here.sessionId)).not.toBeNull();
    expect(await getUserBySession(elsewhere.sessionId)).toBeNull();
    expect(await signIn("E10001", PASSWORD, "10.4.4.4")).toEqual({ ok: false, reason: "invalid" });
    expect((await signedIn("E10001", "a-new-password-1")).ok).toBe(true);
  });

  it("stops guessing the current password after five tries", async () => {
    const { id } = await employee();
    for (let i = 0; i < 5; i++) await changePassword(id, { currentPassword: `guess-${i}`, newPassword: "a-new-password-1" }, undefined);
    expect(await changePassword(id, { currentPassword: PASSWORD, newPassword: "a-new-password-1" }, undefined)).toEqual({
      ok: false,
      fieldErrors: { currentPassword: ["account:errors.tooManyAttempts"] },
    });
  });

  it("the profile page shows the account and answers bad input with 400 next to the field", async () => {
    await employee();
    const cookie = await cookieFor({ username: "E10001", password: PASSWORD });
    const loaded = (await profilePage.loader({ request: request("/account", cookie), params: {}, context: {} })) as { profile: Record<string, unknown> };
    expect(loaded.profile).toMatchObject({ employeeNo: "E10001", name: "张伟", mobile: "13800010001" });
    expect(loaded.profile).not.toHaveProperty("passwordHash");

    const bad = refusal(await profilePage.action({ request: post("/account", cookie, { intent: "profile", name: "", mobile: "abc" }), params: {}, context: {} }));
    expect(bad).toMatchObject({
      status: 400,
      body: { intent: "profile" },
      fieldErrors: { name: ["account:errors.required"], mobile: ["account:errors.mobile"] },
      values: { mobile: "abc" },
    });

    const short = refusal(
      await profilePage.action({
        request: post("/account", cookie, { intent: "password", currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }),
        params: {},
        context: {},
      }),
    );
    expect(short).toMatchObject({ status: 400, body: { intent: "password" }, fieldErrors: { newPassword: ["account:errors.passwordShort"] } });
    expect(short.values).toEqual({ intent: "password" });

    // The model's refusal comes back the same way: at its field, the passwords not sent back.
    const wrong = refusal(
      await profilePage.action({
        request: post("/account", cookie, { intent: "password", currentPassword: "not the password", newPassword: "a-new-password-1", confirmPassword: "a-new-password-1" }),
        params: {},
        context: {},
      }),
    );
    expect(wrong).toMatchObject({ status: 400, fieldErrors: { currentPassword: ["account:errors.currentPassword"] }, values: { intent: "password" } });
    expect(wrong.values).not.toHaveProperty("newPassword");

    const saved = await thrown(profilePage.action({ request: post("/account", cookie, { intent: "profile", name: "张伟", mobile: "13800010008" }), params: {}, context: {} }));
    expect(saved.headers.get("Location")).toBe("/account?done=saved");
  });
});

describe("who may open which page", () => {
  const accountHandlers: [string, RouteHandler, string, Record<string, string>][] = [
    ["account layout", accountLayout.loader as RouteHandler, "/account", {}],
    ["profile", profilePage.loader as RouteHandler, "/account", {}],
    ["profile action", profilePage.action as RouteHandler, "/account", {}],
    ["addresses", addressesPage.loader as RouteHandler, "/account/addresses", {}],
    ["addresses action", addressesPage.action as RouteHandler, "/account/addresses", {}],
    ["address", addressPage.loader as RouteHandler, "/account/addresses/1", { id: "1" }],
    ["address action", addressPage.action as RouteHandler, "/account/addresses/1", { id: "1" }],
  ];

  it.each(accountHandlers)("%s sends anonymous visitors to sign in and back", async (_name, handler, path, params) => {
    const response = await thrown(handler({ request: post(path, null, { intent: "profile" }), params, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  const adminHandlers: [string, RouteHandler, string, Record<string, string>, "GET" | "POST"][] = [
    ["employees", employeesPage.loader as RouteHandler, "/admin/employees", {}, "GET"],
    ["employees action", employeesPage.action as RouteHandler, "/admin/employees", {}, "POST"],
    ["employee", employeePage.loader as RouteHandler, "/admin/employees/1", { id: "1" }, "GET"],
    ["employee action", employeePage.action as RouteHandler, "/admin/employees/1", { id: "1" }, "POST"],
  ];

  it.each(adminHandlers)("admin %s refuses anonymous visitors (sign in) and employees (403), writing nothing", async (_n, handler, path, params, method) => {
    const { id } = await employee();
    const fields = { employeeNo: "E90009", name: "冒充", mobile: "13900090009", password: "another-password" };
    const call = (cookie: string | null) =>
      handler({ request: method === "POST" ? post(path, cookie, fields) : request(path, cookie), params: { ...params, id: String(id) }, context: {} });
    const anonymous = await thrown(call(null));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const forbidden = await thrown(call(await cookieFor({ username: "E10001", password: PASSWORD })));
    expect(forbidden.status).toBe(403);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.auditLog.count()).toBe(0);
    expect((await signedIn("E10001")).ok).toBe(true);
  });
});

describe("administrators and employee accounts", () => {
  async function adminCookie() {
    const admin = await createUserWithRole("office", "ADMIN");
    return { id: admin.id, cookie: await cookieFor(admin) };
  }

  it("creates an employee, audited without the password; a duplicate is a field error", async () => {
    const admin = await adminCookie();
    const fields = { employeeNo: "e20001", name: "赵敏", mobile: "13900020001", password: "first-password-1" };
    const notYet = refusal(await employeesPage.action({ request: post("/admin/employees", admin.cookie, fields), params: {}, context: {} }));
    expect(notYet.status).toBe(400);
    expect(notYet.fieldErrors).toEqual({ employeeNo: ["account:errors.notOnRoster"] });
    await onRoster({ employeeNo: "E20001", name: "赵敏", mobile: "13900020001" });
    const created = await thrown(employeesPage.action({ request: post("/admin/employees", admin.cookie, fields), params: {}, context: {} }));
    const user = await prisma.user.findUniqueOrThrow({ where: { employeeNo: "E20001" } });
    expect(created.headers.get("Location")).toBe(`/admin/employees/${user.id}?done=created`);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "employee.create" } });
    expect(audit).toMatchObject({ userId: admin.id, entityType: "User", entityId: String(user.id) });
    expect(JSON.parse(audit.details)).toEqual({ employeeNo: "E20001", name: "赵敏", mobile: "13900020001" });
    expect((await signedIn("13900020001", "first-password-1")).ok).toBe(true);

    const again = refusal(await employeesPage.action({ request: post("/admin/employees", admin.cookie, fields), params: {}, context: {} }));
    expect(again.status).toBe(400);
    expect(again.fieldErrors).toEqual({ employeeNo: ["account:errors.employeeNoTaken"], mobile: ["account:errors.mobileTaken"] });
    expect(again.values).toEqual({ employeeNo: "e20001", name: "赵敏", mobile: "13900020001" });

    // The schema refuses before the roster is asked: each field's message, what was typed back but the password.
    const typo = refusal(
      await employeesPage.action({ request: post("/admin/employees", admin.cookie, { ...fields, employeeNo: "E-1", mobile: "1390002", password: "short" }), params: {}, context: {} }),
    );
    expect(typo).toMatchObject({
      status: 400,
      fieldErrors: { employeeNo: ["account:errors.employeeNo"], mobile: ["account:errors.mobile"], password: ["account:errors.passwordShort"] },
      values: { employeeNo: "E-1", name: "赵敏", mobile: "1390002" },
    });
    expect(typo.values).not.toHaveProperty("password");
  });

  it("lists and searches employees by 工号, name or mobile, without administrators", async () => {
    const admin = await adminCookie();
    await employee();
    await employee({ employeeNo: "E10002", name: "李娜", mobile: "13800010002" });
    const list = async (q: string) => {
      const data = (await employeesPage.loader({ request: request(`/admin/employees?q=${encodeURIComponent(q)}`, admin.cookie), params: {}, context: {} })) as {
        employees: { employeeNo: string }[];
      };
      return data.employees.map((e) => e.employeeNo);
    };
    expect(await list("")).toEqual(["E10002", "E10001"]);
    expect(await list("e10001")).toEqual(["E10001"]);
    expect(await list("李")).toEqual(["E10002"]);
    expect(await list("0010002")).toEqual(["E10002"]);
    expect(await list("office")).toEqual([]);
  });

  it("resets a password: audited, the employee signed out everywhere and unlocked", async () => {
    const admin = await adminCookie();
    const { id } = await employee();
    const session = await signedIn("E10001");
    for (let i = 0; i < 5; i++) await signIn("E10001", `guess-${i}`, "10.5.5.5");

    const bad = refusal(await employeePage.action({ request: post(`/admin/employees/${id}`, admin.cookie, { password: "short" }), params: { id: String(id) }, context: {} }));
    expect(bad).toMatchObject({ status: 400, fieldErrors: { password: ["account:errors.passwordShort"] }, values: {} });
    expect(bad.values).not.toHaveProperty("password");

    const done = await thrown(
      employeePage.action({ request: post(`/admin/employees/${id}`, admin.cookie, { password: "reset-password-1" }), params: { id: String(id) }, context: {} }),
    );
    expect(done.headers.get("Location")).toBe(`/admin/employees/${id}?done=reset`);
    expect(await getUserBySession(session.sessionId)).toBeNull();
    expect((await signedIn("E10001", "reset-password-1")).ok).toBe(true);
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "employee.resetPassword" } })).toMatchObject({
      userId: admin.id,
      entityId: String(id),
      details: "{}",
    });
  });

  it("answers 404 for an id that is not an employee, and never resets an administrator", async () => {
    const admin = await adminCookie();
    const args = (id: number) => ({ params: { id: String(id) }, context: {} as Record<string, never> });
    expect((await thrown(employeePage.loader({ request: request(`/admin/employees/${admin.id}`, admin.cookie), ...args(admin.id) }))).status).toBe(404);
    expect((await thrown(employeePage.loader({ request: request("/admin/employees/999", admin.cookie), ...args(999) }))).status).toBe(404);
    const reset = await thrown(
      employeePage.action({ request: post(`/admin/employees/${admin.id}`, admin.cookie, { password: "reset-password-1" }), ...args(admin.id) }),
    );
    expect(reset.status).toBe(404);
    expect(await resetEmployeePassword(admin.id, "reset-password-1", admin.id)).toBe(false);
    expect(await prisma.auditLog.count()).toBe(0);
  });
});

describe("demo people and pickup points", () => {
  it("loads three employees with a default 长春 address, and the pickup points in order", async () => {
    const result = await loadDemoCatalogue(prisma, { admin: false, passwordCost: 10 });
    expect(result).toMatchObject({ loaded: true, employees: 3, pickupPoints: 3 });
    // The demo organisations' members (prisma/demo/organisations.ts) are loaded with their organisations.
    const employees = await prisma.user.findMany({ where: { role: "EMPLOYEE", memberships: { none: {} } }, include: { addresses: true }, orderBy: { id: "asc" } });
    expect(employees.map((e) => [e.employeeNo, e.name, e.mobile])).toEqual(DEMO_EMPLOYEES.map((e) => [e.employeeNo, e.name, e.mobile]));
    for (const e of employees) {
      expect(e.addresses).toHaveLength(1);
      expect(e.addresses[0]).toMatchObject({ isDefault: true, city: "长春市" });
    }
    // One hash, shared.
    expect(new Set(employees.map((e) => e.passwordHash)).size).toBe(1);
    expect((await signedIn("13800010002", DEMO_EMPLOYEE_PASSWORD)).ok).toBe(true);

    await prisma.pickupPoint.update({ where: { code: "RDI" }, data: { active: false } });
    const points = await listPickupPoints();
    expect(points.map((p) => [p.code, p.kind])).toEqual([
      ["HQ", "COMPANY"],
      ["HALL", "OFFLINE_HALL"],
    ]);
    expect(points[0]).toMatchObject({ nameZh: "一汽总部自提点", addressZh: expect.stringContaining("长春市") });
  });
});
