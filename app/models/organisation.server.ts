import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { uniqueViolation } from "~/models/product.server";
import { prisma } from "~/utils/db.server";
import type { FieldErrors } from "./account-schema";
import type { ApplicationInput, InviteInput, LocationInput, MemberRole, OrganisationStatus, ReviewInput } from "./organisation-schema";

export type OrgResult<T = null> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

const fail = (field: string, key: string): { ok: false; fieldErrors: FieldErrors } => ({ ok: false, fieldErrors: { [field]: [key] } });
const notFound = () => new Response("Not found", { status: 404 });

const creditCodeTaken = () => fail("creditCode", "org:errors.creditCodeTaken");

/**
 * An employee applies for an organisation account. The applicant becomes its first ORG_ADMIN; the
 * organisation waits (PENDING) until an administrator approves it.
 */
export async function applyForOrganisation(userId: number, input: ApplicationInput): Promise<OrgResult<{ id: number }>> {
  if (await prisma.organisation.findUnique({ where: { creditCode: input.creditCode }, select: { id: true } })) return creditCodeTaken();
  try {
    const organisation = await prisma.$transaction(async (tx) => {
      const created = await tx.organisation.create({
        data: {
          name: input.name,
          kind: input.kind,
          creditCode: input.creditCode,
          contactName: input.contactName,
          contactMobile: input.contactMobile,
          members: { create: { userId, role: "ORG_ADMIN" } },
          locations: { create: input.locations },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        userId,
        action: "organisation.apply",
        entityType: "Organisation",
        entityId: created.id,
        details: { name: input.name, kind: input.kind, creditCode: input.creditCode },
      });
      return created;
    });
    return { ok: true, value: organisation };
  } catch (error) {
    // Two applications with the same code at once: the unique index decides.
    if (uniqueViolation(error) === null) throw error;
    return creditCodeTaken();
  }
}

/**
 * THE access rule for everything an organisation does (its page, its members and locations, and its
 * orders): the user must be a member of the organisation. Non-members get 404, so nobody can learn
 * which organisations exist; a member without one of `roles` gets 403; with `approved`, a PENDING or
 * REJECTED organisation gets 403 too. Returns the member's role and the organisation.
 */
export async function requireMembership(
  userId: number,
  organisationId: number,
  options: { roles?: readonly MemberRole[]; approved?: boolean } = {},
) {
  const membership = await prisma.organisationMember.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: {
      id: true,
      role: true,
      suspendedAt: true,
      organisation: { select: { id: true, name: true, kind: true, creditCode: true, status: true, statusReason: true, contactName: true, contactMobile: true } },
    },
  });
  // A suspended membership (the member is 离职 on the roster) acts for nothing.
  if (!membership || membership.suspendedAt) throw notFound();
  if (options.roles && !options.roles.includes(membership.role as MemberRole)) throw new Response("Forbidden", { status: 403 });
  if (options.approved && membership.organisation.status !== "APPROVED") throw new Response("Forbidden", { status: 403 });
  return { memberId: membership.id, role: membership.role as MemberRole, organisation: membership.organisation };
}

/** The organisations a user belongs to, for the selector on /org. */
export function listMyOrganisations(userId: number) {
  return prisma.organisation.findMany({
    where: { members: { some: { userId, suspendedAt: null } } },
    orderBy: { id: "asc" },
    select: { id: true, name: true, status: true },
  });
}

const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, employeeNo: true, mobile: true } },
} satisfies Prisma.OrganisationMemberSelect;

const locationSelect = { id: true, name: true, address: true, contactName: true, contactMobile: true, active: true } satisfies Prisma.DeliveryLocationSelect;

/** Members and delivery locations of one organisation (after requireMembership). */
export async function getOrganisationPeople(organisationId: number) {
  const [members, locations] = await Promise.all([
    prisma.organisationMember.findMany({ where: { organisationId }, orderBy: { id: "asc" }, select: memberSelect }),
    prisma.deliveryLocation.findMany({ where: { organisationId }, orderBy: [{ active: "desc" }, { id: "asc" }], select: locationSelect }),
  ]);
  return { members, locations };
}

/** An ORG_ADMIN adds an existing employee, found by 工号 (any case) or mobile number. */
export async function inviteMember(organisationId: number, input: InviteInput, actorId: number): Promise<OrgResult> {
  const user = await prisma.user.findFirst({
    where: { role: "EMPLOYEE", OR: [{ employeeNo: input.identifier.toUpperCase() }, { mobile: input.identifier }] },
    select: { id: true, employeeNo: true },
  });
  if (!user) return fail("identifier", "org:errors.userNotFound");
  try {
    await prisma.$transaction(async (tx) => {
      const member = await tx.organisationMember.create({ data: { organisationId, userId: user.id, role: input.role }, select: { id: true } });
      await recordAudit(tx, {
        userId: actorId,
        action: "organisation.member.add",
        entityType: "Organisation",
        entityId: organisationId,
        details: { memberId: member.id, userId: user.id, employeeNo: user.employeeNo, role: input.role },
      });
    });
  } catch (error) {
    if (uniqueViolation(error) === null) throw error;
    return fail("identifier", "org:errors.alreadyMember");
  }
  return { ok: true, value: null };
}

/** Whether taking ORG_ADMIN away from this member would leave the organisation without one. */
async function isLastAdmin(tx: Prisma.TransactionClient, organisationId: number, member: { role: string }) {
  if (member.role !== "ORG_ADMIN") return false;
  return (await tx.organisationMember.count({ where: { organisationId, role: "ORG_ADMIN" } })) <= 1;
}

/** Changes a member's role; the last ORG_ADMIN keeps the role (transactions are exclusive, ADR 007). */
export async function changeMemberRole(organisationId: number, memberId: number, role: MemberRole, actorId: number): Promise<OrgResult> {
  return prisma.$transaction(async (tx) => {
    const member = await tx.organisationMember.findFirst({ where: { id: memberId, organisationId }, select: { id: true, role: true, userId: true } });
    if (!member) throw notFound();
    if (member.role === role) return { ok: true, value: null } as const;
    if (role !== "ORG_ADMIN" && (await isLastAdmin(tx, organisationId, member))) return fail("members", "org:errors.lastAdmin");
    await tx.organisationMember.update({ where: { id: memberId }, data: { role } });
    await recordAudit(tx, {
      userId: actorId,
      action: "organisation.member.role",
      entityType: "Organisation",
      entityId: organisationId,
      details: { memberId, userId: member.userId, role: [member.role, role] },
    });
    return { ok: true, value: null } as const;
  });
}

/** Removes a member; never the last ORG_ADMIN. */
export async function removeMember(organisationId: number, memberId: number, actorId: number): Promise<OrgResult> {
  return prisma.$transaction(async (tx) => {
    const member = await tx.organisationMember.findFirst({ where: { id: memberId, organisationId }, select: { id: true, role: true, userId: true } });
    if (!member) throw notFound();
    if (await isLastAdmin(tx, organisationId, member)) return fail("members", "org:errors.lastAdmin");
    await tx.organisationMember.delete({ where: { id: memberId } });
    await recordAudit(tx, {
      userId: actorId,
      action: "organisation.member.remove",
      entityType: "Organisation",
      entityId: organisationId,
      details: { memberId, userId: member.userId, role: member.role },
    });
    return { ok: true, value: null } as const;
  });
}

export async function addLocation(organisationId: number, input: LocationInput, actorId: number) {
  await prisma.$transaction(async (tx) => {
    const location = await tx.deliveryLocation.create({ data: { organisationId, ...input }, select: { id: true } });
    await recordAudit(tx, { userId: actorId, action: "organisation.location.add", entityType: "Organisation", entityId: organisationId, details: { locationId: location.id, ...input } });
  });
}

/** Locations are switched off rather than deleted, so past orders keep where they went. */
export async function setLocationActive(organisationId: number, locationId: number, active: boolean, actorId: number) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.deliveryLocation.updateMany({ where: { id: locationId, organisationId }, data: { active } });
    if (count === 0) throw notFound();
    await recordAudit(tx, { userId: actorId, action: "organisation.location.active", entityType: "Organisation", entityId: organisationId, details: { locationId, active } });
  });
}

export const ORGANISATION_PAGE_SIZE = 50;

/** Organisations for the administrators' list, newest first; q matches name, credit code or contact. */
export async function listOrganisations(filter: { status?: OrganisationStatus; q?: string; page?: number }) {
  const q = filter.q?.trim();
  const where: Prisma.OrganisationWhereInput = {
    status: filter.status,
    OR: q ? [{ name: { contains: q } }, { creditCode: { contains: q.toUpperCase() } }, { contactName: { contains: q } }, { contactMobile: { contains: q } }] : undefined,
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, organisations] = await Promise.all([
    prisma.organisation.count({ where }),
    prisma.organisation.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * ORGANISATION_PAGE_SIZE,
      take: ORGANISATION_PAGE_SIZE,
      select: { id: true, name: true, kind: true, creditCode: true, status: true, contactName: true, createdAt: true, _count: { select: { members: true } } },
    }),
  ]);
  return { organisations, total, page, pages: Math.max(1, Math.ceil(total / ORGANISATION_PAGE_SIZE)) };
}

export async function getOrganisationForAdmin(id: number) {
  const organisation = await prisma.organisation.findUnique({
    where: { id },
    select: { id: true, name: true, kind: true, creditCode: true, contactName: true, contactMobile: true, status: true, statusReason: true, createdAt: true },
  });
  if (!organisation) return null;
  return { organisation, ...(await getOrganisationPeople(id)) };
}

/** An administrator approves or rejects an application (a rejection says why); audited. */
export async function reviewOrganisation(id: number, review: ReviewInput, actorId: number) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id }, select: { status: true } });
    if (!before) return false;
    const status = review.intent === "approve" ? "APPROVED" : "REJECTED";
    await tx.organisation.update({ where: { id }, data: { status, statusReason: review.reason } });
    await recordAudit(tx, {
      userId: actorId,
      action: `organisation.${review.intent}`,
      entityType: "Organisation",
      entityId: id,
      details: { status: [before.status, status], reason: review.reason },
    });
    return true;
  });
}
