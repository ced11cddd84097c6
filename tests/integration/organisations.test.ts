import { beforeEach, describe, expect, it } from "vitest";
import { ApplicationSchema } from "~/models/organisation-schema";
import { applyForOrganisation, requireMembership } from "~/models/organisation.server";
import { hashPassword } from "~/models/user.server";
import * as adminOrganisation from "~/routes/admin.organisations_.$id";
import * as adminOrganisations from "~/routes/admin.organisations";
import * as orgPage from "~/routes/org._index";
import * as applyPage from "~/routes/org.apply";
import { prisma } from "~/utils/db.server";
import { cookieFor, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, request, thrown, type RouteHandler } from "../support/routes";

beforeEach(resetDatabase);

const PASSWORD = "tea-and-rice-2026";
let passwordHash: Promise<string> | undefined;

async function employee(employeeNo: string, mobile: string) {
  passwordHash ??= hashPassword(PASSWORD);
  const user = await prisma.user.create({
    data: { username: employeeNo, employeeNo, name: `员工${employeeNo}`, mobile, role: "EMPLOYEE", passwordHash: await passwordHash },
    select: { id: true },
  });
  return { id: user.id, employeeNo, mobile, cookie: await cookieFor({ username: employeeNo, password: PASSWORD }) };
}

const application = {
  name: "一汽总部食堂",
  kind: "CANTEEN",
  creditCode: "91350100m000100y43",
  contactName: "王芳",
  contactMobile: "13800020002",
  "locations[0].name": "一食堂",
  "locations[0].address": "长春市绿园区东风大街 8899 号",
  "locations[0].contactName": "王芳",
  "locations[0].contactMobile": "13800020002",
};

const call = (handler: RouteHandler, req: Request, params: Record<string, string> = {}) => handler({ request: req, params, context: {} });

async function approvedOrganisation(applicant: { id: number }, creditCode = "91110000100000000R") {
  const input = ApplicationSchema.parse({
    ...application,
    creditCode,
    locations: [{ name: "一食堂", address: "长春市", contactName: "王芳", contactMobile: "13800020002" }],
  });
  const result = await applyForOrganisation(applicant.id, input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  await prisma.organisation.update({ where: { id: result.value.id }, data: { status: "APPROVED" } });
  return result.value.id;
}

describe("applying", () => {
  it("creates a PENDING organisation with the applicant as ORG_ADMIN and its locations", async () => {
    const wang = await employee("E20001", "13800020002");
    const response = await thrown(call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, {
      ...application,
      "locations[1].name": "二食堂",
      "locations[1].address": "长春市绿园区 2 号",
      "locations[1].contactName": "李强",
      "locations[1].contactMobile": "139 0002 0003",
      // A row added and left blank is ignored.
      "locations[2].name": "",
    })));
    expect(response.status).toBe(302);
    const organisation = await prisma.organisation.findUniqueOrThrow({
      where: { creditCode: "91350100M000100Y43" },
      include: { members: true, locations: { orderBy: { id: "asc" } } },
    });
    expect(response.headers.get("Location")).toBe(`/org?org=${organisation.id}&done=applied`);
    expect(organisation).toMatchObject({ status: "PENDING", kind: "CANTEEN", name: "一汽总部食堂" });
    expect(organisation.members).toMatchObject([{ userId: wang.id, role: "ORG_ADMIN" }]);
    expect(organisation.locations.map((l) => [l.name, l.contactMobile])).toEqual([["一食堂", "13800020002"], ["二食堂", "13900020003"]]);

    const page = (await call(orgPage.loader as RouteHandler, request("/org", wang.cookie))) as { current: { organisation: { status: string } } };
    expect(page.current.organisation.status).toBe("PENDING");
  });

  it("answers field by field, keeping the values, and refuses a credit code already used", async () => {
    const wang = await employee("E20001", "13800020002");
    const bad = refusal(
      await call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, {
        ...application,
        creditCode: "91350100M000100Y44",
        "locations[0].contactMobile": "123",
        // A second row half filled in is checked on its own row, not shifted onto another.
        "locations[1].name": "",
        "locations[2].name": "三食堂",
        "locations[2].contactMobile": "13900020005",
      })),
    );
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toEqual({
      creditCode: ["org:errors.creditCode.checkCharacter"],
      "locations[0].contactMobile": ["org:errors.mobile"],
      "locations[2].address": ["org:errors.required"],
      "locations[2].contactName": ["org:errors.required"],
    });
    expect(bad.values).toMatchObject({ name: "一汽总部食堂", creditCode: "91350100M000100Y44" });
    const rows = bad.values.locations as Record<string, string>[];
    expect([rows[0]?.contactMobile, rows[2]?.name]).toEqual(["123", "三食堂"]);

    await thrown(call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, application)));
    const again = refusal(await call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, application)));
    expect(again.status).toBe(400);
    expect(again.fieldErrors).toEqual({ creditCode: ["org:errors.creditCodeTaken"] });
    expect(await prisma.organisation.count()).toBe(1);
  });

  it("sends anonymous visitors to sign in", async () => {
    const response = await thrown(call(applyPage.action as RouteHandler, post("/org/apply", null, application)));
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("administrators", () => {
  it("list, approve and reject with a reason, audited", async () => {
    const wang = await employee("E20001", "13800020002");
    await thrown(call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, application)));
    const { id } = await prisma.organisation.findFirstOrThrow({ select: { id: true } });
    const admin = await createUserWithRole("org-admin", "ADMIN");
    const cookie = await cookieFor(admin);

    const list = (await call(adminOrganisations.loader as RouteHandler, request("/admin/organisations?status=PENDING&q=食堂", cookie))) as { total: number };
    expect(list.total).toBe(1);
    const none = (await call(adminOrganisations.loader as RouteHandler, request("/admin/organisations?status=APPROVED", cookie))) as { total: number };
    expect(none.total).toBe(0);

    const noReason = refusal(await call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${id}`, cookie, { intent: "reject", reason: " " }), { id: String(id) }));
    expect(noReason.status).toBe(400);
    expect(noReason.fieldErrors).toEqual({ reason: ["org:errors.required"] });

    await thrown(call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${id}`, cookie, { intent: "reject", reason: "信用代码与名称不符" }), { id: String(id) }));
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", statusReason: "信用代码与名称不符" });
    await thrown(call(adminOrganisation.action as RouteHandler, post(`/admin/organisations/${id}`, cookie, { intent: "approve" }), { id: String(id) }));
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");

    const audit = await prisma.auditLog.findMany({ where: { entityType: "Organisation", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.userId])).toEqual([
      ["organisation.apply", wang.id],
      ["organisation.reject", admin.id],
      ["organisation.approve", admin.id],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ status: ["PENDING", "REJECTED"], reason: "信用代码与名称不符" });

    const detail = (await call(adminOrganisation.loader as RouteHandler, request(`/admin/organisations/${id}`, cookie), { id: String(id) })) as { members: unknown[]; locations: unknown[] };
    expect(detail.members).toHaveLength(1);
    expect(detail.locations).toHaveLength(1);
  });

  it("pages refuse anonymous visitors and employees", async () => {
    const wang = await employee("E20001", "13800020002");
    const id = await approvedOrganisation(wang);
    const params = { id: String(id) };
    for (const handler of [adminOrganisations.loader, adminOrganisation.loader, adminOrganisation.action] as RouteHandler[]) {
      const req = (cookie: string | null) => (handler === adminOrganisation.action ? post(`/admin/organisations/${id}`, cookie, { intent: "approve" }) : request(`/admin/organisations/${id}`, cookie));
      expect((await thrown(call(handler, req(null), params))).status).toBe(302);
      expect((await thrown(call(handler, req(wang.cookie), params))).status).toBe(403);
    }
  });
});

describe("members and locations", () => {
  it("an ORG_ADMIN invites by 工号 or mobile, changes roles, and the last ORG_ADMIN stays", async () => {
    const wang = await employee("E20001", "13800020002");
    const li = await employee("E20002", "13800020003");
    const zhao = await employee("E20003", "13800020004");
    const org = await approvedOrganisation(wang);
    const act = (cookie: string, fields: Record<string, string>) => call(orgPage.action as RouteHandler, post("/org", cookie, { org: String(org), ...fields }));

    expect((await thrown(act(wang.cookie, { intent: "invite", identifier: "e20002", role: "BUYER" }))).status).toBe(302);
    expect((await thrown(act(wang.cookie, { intent: "invite", identifier: "138 0002 0004", role: "APPROVER" }))).status).toBe(302);
    const members = await prisma.organisationMember.findMany({ where: { organisationId: org }, orderBy: { id: "asc" } });
    expect(members.map((m) => [m.userId, m.role])).toEqual([[wang.id, "ORG_ADMIN"], [li.id, "BUYER"], [zhao.id, "APPROVER"]]);

    const again = refusal(await act(wang.cookie, { intent: "invite", identifier: "E20002", role: "BUYER" }));
    expect(again.fieldErrors).toEqual({ identifier: ["org:errors.alreadyMember"] });
    const nobody = refusal(await act(wang.cookie, { intent: "invite", identifier: "E99999", role: "BUYER" }));
    expect(nobody.fieldErrors).toEqual({ identifier: ["org:errors.userNotFound"] });

    // A buyer can see the page but not manage it.
    expect((await thrown(act(li.cookie, { intent: "invite", identifier: "E20003", role: "BUYER" }))).status).toBe(403);
    const seen = (await call(orgPage.loader as RouteHandler, request(`/org?org=${org}`, li.cookie))) as { current: { role: string; members: unknown[] } };
    expect(seen.current).toMatchObject({ role: "BUYER" });
    expect(seen.current.members).toHaveLength(3);

    const wangMember = members[0]!;
    const demote = refusal(await act(wang.cookie, { intent: "role", memberId: String(wangMember.id), role: "BUYER" }));
    expect(demote.fieldErrors).toEqual({ members: ["org:errors.lastAdmin"] });
    const remove = refusal(await act(wang.cookie, { intent: "remove", memberId: String(wangMember.id) }));
    expect(remove.fieldErrors).toEqual({ members: ["org:errors.lastAdmin"] });

    // With a second ORG_ADMIN the first may step down, then be removed.
    await thrown(act(wang.cookie, { intent: "role", memberId: String(members[1]!.id), role: "ORG_ADMIN" }));
    await thrown(act(wang.cookie, { intent: "role", memberId: String(wangMember.id), role: "BUYER" }));
    await thrown(act(li.cookie, { intent: "remove", memberId: String(wangMember.id) }));
    const left = await prisma.organisationMember.findMany({ where: { organisationId: org }, orderBy: { id: "asc" } });
    expect(left.map((m) => [m.userId, m.role])).toEqual([[li.id, "ORG_ADMIN"], [zhao.id, "APPROVER"]]);
    const actions = await prisma.auditLog.findMany({ where: { entityType: "Organisation" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["organisation.member.add", "organisation.member.role", "organisation.member.remove"]));
  });

  it("an ORG_ADMIN adds and deactivates delivery locations", async () => {
    const wang = await employee("E20001", "13800020002");
    const org = await approvedOrganisation(wang);
    const act = (fields: Record<string, string>) => call(orgPage.action as RouteHandler, post("/org", wang.cookie, { org: String(org), ...fields }));
    const bad = refusal(await act({ intent: "addLocation", name: "二食堂", address: "", contactName: "李强", contactMobile: "1" }));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toEqual({ address: ["org:errors.required"], contactMobile: ["org:errors.mobile"] });
    expect(bad.values).toMatchObject({ name: "二食堂", contactMobile: "1" });
    expect(bad.body).toMatchObject({ intent: "addLocation" });
    await thrown(act({ intent: "addLocation", name: "二食堂", address: "长春市 2 号", contactName: "李强", contactMobile: "13900020003" }));
    const first = await prisma.deliveryLocation.findFirstOrThrow({ where: { organisationId: org }, orderBy: { id: "asc" } });
    await thrown(act({ intent: "deactivateLocation", locationId: String(first.id) }));
    const locations = await prisma.deliveryLocation.findMany({ where: { organisationId: org }, orderBy: { id: "asc" } });
    expect(locations.map((l) => [l.name, l.active])).toEqual([["一食堂", false], ["二食堂", true]]);
  });

  it("a PENDING organisation cannot be managed yet", async () => {
    const wang = await employee("E20001", "13800020002");
    await employee("E20002", "13800020003");
    await thrown(call(applyPage.action as RouteHandler, post("/org/apply", wang.cookie, application)));
    const { id } = await prisma.organisation.findFirstOrThrow({ select: { id: true } });
    const response = await thrown(call(orgPage.action as RouteHandler, post("/org", wang.cookie, { org: String(id), intent: "invite", identifier: "E20002", role: "BUYER" })));
    expect(response.status).toBe(403);
    expect(await prisma.organisationMember.count()).toBe(1);
  });

  it("nobody outside the organisation can see or change it: 404", async () => {
    const wang = await employee("E20001", "13800020002");
    const outsider = await employee("E20009", "13800020009");
    const org = await approvedOrganisation(wang);
    expect((await thrown(call(orgPage.loader as RouteHandler, request(`/org?org=${org}`, outsider.cookie)))).status).toBe(404);
    expect((await thrown(call(orgPage.action as RouteHandler, post("/org", outsider.cookie, { org: String(org), intent: "invite", identifier: "E20009", role: "ORG_ADMIN" })))).status).toBe(404);
    expect((await thrown(requireMembership(outsider.id, org))).status).toBe(404);
    expect(await prisma.organisationMember.count({ where: { userId: outsider.id } })).toBe(0);
    // Without ?org an outsider simply has no organisation.
    expect(await call(orgPage.loader as RouteHandler, request("/org", outsider.cookie))).toEqual({ organisations: [], current: null });
    // A member of two organisations chooses between them.
    const second = await approvedOrganisation(wang, "91440300MA5DABCDEU");
    const page = (await call(orgPage.loader as RouteHandler, request(`/org?org=${second}`, wang.cookie))) as { organisations: unknown[]; current: { organisation: { id: number } } };
    expect(page.organisations).toHaveLength(2);
    expect(page.current.organisation.id).toBe(second);
  });
});
