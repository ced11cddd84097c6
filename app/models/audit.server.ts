import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

export type AuditEntry = {
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  details?: Record<string, unknown>;
};

/** Who did what, when. Written inside the same transaction as the change it describes. */
export function recordAudit(db: Db, entry: AuditEntry) {
  return db.auditLog.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

/** Only the fields whose value changed, as { field: [before, after] }. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (after[key] !== undefined && before[key] !== after[key]) changes[key] = [before[key], after[key]];
  }
  return changes;
}

export function listAudit(options: { entityType?: string; entityId?: string; take?: number; skip?: number }) {
  return prisma.auditLog.findMany({
    where: { entityType: options.entityType, entityId: options.entityId },
    orderBy: { id: "desc" },
    take: options.take ?? 50,
    skip: options.skip ?? 0,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      details: true,
      createdAt: true,
      user: { select: { username: true, name: true } },
    },
  });
}
