import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { SsoIdentityClaims } from "~/utils/oidc.server";
import { recordAudit } from "./audit.server";
import { uniqueViolation } from "./product.server";
import { rosterEntry } from "./roster.server";
import { openSession } from "./user.server";

/**
 * Company sign-in (ADR 028): the identity provider says who someone is (issuer, subject, 工号 claim);
 * the roster says whether they work here. Only an 在职 roster person gets a session, always on an
 * EMPLOYEE account: their existing one (same 工号) or one made from the roster's name and mobile.
 * Administrators never sign in this way, so their second factor cannot be stepped around.
 */

/** Accounts made by company sign-in have no password; this matches no hash, so password sign-in fails. */
const NO_PASSWORD = "!sso";

export type SsoRefusal = "unknown" | "left" | "mismatch" | "conflict";
export type SsoSignInResult =
  | { ok: true; userId: number; created: boolean; sessionId: string; expiresAt: Date }
  | { ok: false; reason: SsoRefusal };

type Outcome = { ok: true; userId: number; created: boolean } | { ok: false; reason: SsoRefusal };

export async function signInWithCompanyIdentity(identity: SsoIdentityClaims): Promise<SsoSignInResult> {
  let outcome: Outcome;
  try {
    outcome = await linkIdentity(identity);
  } catch (error) {
    // Two first sign-ins of one person at once: the other made the account or link; this one uses it.
    if (uniqueViolation(error) === null) throw error;
    outcome = await linkIdentity(identity);
  }
  if (!outcome.ok) return outcome;
  return { ...outcome, ...(await openSession(outcome.userId)) };
}

function linkIdentity(identity: SsoIdentityClaims): Promise<Outcome> {
  return prisma.$transaction(async (tx) => {
    const key = { issuer: identity.issuer, subject: identity.subject };
    const refuse = async (reason: SsoRefusal, userId: number | null = null): Promise<Outcome> => {
      await recordAudit(tx, { userId, action: "sso.refused", entityType: "SsoIdentity", entityId: `${identity.issuer}#${identity.subject}`, details: { reason, employeeNo: identity.employeeNo } });
      return { ok: false, reason };
    };

    const linked = await tx.ssoIdentity.findUnique({ where: { issuer_subject: key }, select: { user: { select: { id: true, employeeNo: true } } } });
    // A subject, once linked, stays that person's: the provider now naming another 工号 needs a human look.
    if (linked && linked.user.employeeNo !== identity.employeeNo) return refuse("mismatch", linked.user.id);

    const person = await rosterEntry(identity.employeeNo, tx);
    if (!person) return refuse("unknown");
    const account = await tx.user.findFirst({
      where: { OR: [{ employeeNo: person.employeeNo }, { username: person.employeeNo }] },
      select: { id: true, role: true, employeeNo: true, leftAt: true },
    });
    if (person.status !== "ACTIVE" || account?.leftAt) return refuse("left", account?.id ?? null);
    if (account && (account.role !== "EMPLOYEE" || account.employeeNo !== person.employeeNo)) return refuse("conflict", account.id);

    let userId = account?.id;
    if (userId === undefined) {
      const mobileHolder = await tx.user.findUnique({ where: { mobile: person.mobile }, select: { id: true } });
      if (mobileHolder) return refuse("conflict", mobileHolder.id);
      userId = (await createEmployeeFromRoster(tx, person)).id;
    }
    const now = new Date();
    if (linked) {
      await tx.ssoIdentity.update({ where: { issuer_subject: key }, data: { lastUsedAt: now } });
    } else {
      await tx.ssoIdentity.create({ data: { ...key, userId, createdAt: now, lastUsedAt: now } });
      await recordAudit(tx, { userId, action: "sso.link", entityType: "User", entityId: userId, details: { ...key, employeeNo: person.employeeNo, accountCreated: !account } });
    }
    await recordAudit(tx, { userId, action: "sso.signIn", entityType: "User", entityId: userId, details: key });
    return { ok: true, userId, created: !account };
  });
}

function createEmployeeFromRoster(tx: Prisma.TransactionClient, person: { employeeNo: string; name: string; mobile: string }) {
  return tx.user.create({
    data: { username: person.employeeNo, employeeNo: person.employeeNo, name: person.name, mobile: person.mobile, role: "EMPLOYEE", passwordHash: NO_PASSWORD },
    select: { id: true },
  });
}
