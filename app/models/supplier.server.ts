import type { Prisma } from "~/generated/prisma/client";
import { diffFields, recordAudit } from "~/models/audit.server";
import { uniqueViolation, type WriteResult } from "~/models/product.server";
import { prisma } from "~/utils/db.server";
import type { FieldErrors, SupplierInput, SupplierStatus } from "./product-schema";

const supplierSelect = {
  id: true,
  name: true,
  kind: true,
  countyId: true,
  contactName: true,
  contactPhone: true,
  status: true,
  statusReason: true,
  updatedAt: true,
  county: { select: { nameZh: true, nameEn: true } },
  _count: { select: { products: true } },
} satisfies Prisma.SupplierSelect;

export function listSuppliers(filter: { status?: SupplierStatus; countyId?: number } = {}) {
  return prisma.supplier.findMany({
    where: { status: filter.status, countyId: filter.countyId },
    orderBy: [{ countyId: "asc" }, { name: "asc" }],
    select: supplierSelect,
  });
}

export function getSupplier(id: number) {
  return prisma.supplier.findUnique({ where: { id }, select: supplierSelect });
}

export function countPendingSuppliers() {
  return prisma.supplier.count({ where: { status: "PENDING" } });
}

async function checkSupplier(db: Prisma.TransactionClient, input: SupplierInput, exceptId?: number): Promise<FieldErrors | null> {
  const [county, clash] = await Promise.all([
    db.county.findUnique({ where: { id: input.countyId }, select: { id: true } }),
    db.supplier.findFirst({
      where: { countyId: input.countyId, name: input.name, NOT: exceptId ? { id: exceptId } : undefined },
      select: { id: true },
    }),
  ]);
  if (!county) return { countyId: ["admin:errors.unknownCounty"] };
  if (clash) return { name: ["admin:errors.supplierTaken"] };
  return null;
}

function duplicateName<T>(error: unknown): WriteResult<T> {
  if (uniqueViolation(error) !== null) return { ok: false, fieldErrors: { name: ["admin:errors.supplierTaken"] } };
  throw error;
}

/** New suppliers start PENDING: the county recommends, then the hall reviews and admits them. */
export async function createSupplier(input: SupplierInput, userId: number | null): Promise<WriteResult<{ id: number }>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const problems = await checkSupplier(tx, input);
      if (problems) return { ok: false as const, fieldErrors: problems };
      const supplier = await tx.supplier.create({ data: { ...input, status: "PENDING" }, select: { id: true } });
      await recordAudit(tx, { userId, action: "supplier.create", entityType: "Supplier", entityId: supplier.id, details: input });
      return { ok: true as const, value: supplier };
    });
  } catch (error) {
    return duplicateName(error);
  }
}

export async function updateSupplier(id: number, input: SupplierInput, userId: number | null): Promise<WriteResult<{ id: number }>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.supplier.findUnique({
        where: { id },
        select: { name: true, kind: true, countyId: true, contactName: true, contactPhone: true, _count: { select: { products: true } } },
      });
      if (!before) throw new Response("Not found", { status: 404 });
      // Products carry their supplier's county; moving a supplier with products would split them.
      if (before.countyId !== input.countyId && before._count.products > 0) {
        return { ok: false as const, fieldErrors: { countyId: ["admin:errors.supplierHasProducts"] } };
      }
      const problems = await checkSupplier(tx, input, id);
      if (problems) return { ok: false as const, fieldErrors: problems };
      const changes = diffFields(before, input);
      if (Object.keys(changes).length > 0) {
        await tx.supplier.update({ where: { id }, data: input });
        await recordAudit(tx, { userId, action: "supplier.update", entityType: "Supplier", entityId: id, details: changes });
      }
      return { ok: true as const, value: { id } };
    });
  } catch (error) {
    return duplicateName(error);
  }
}

/** Admitting or suspending always carries a reason, kept on the supplier and in the audit log. */
export function setSupplierStatus(id: number, status: "ADMITTED" | "SUSPENDED", reason: string, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.supplier.findUnique({ where: { id }, select: { status: true, statusReason: true } });
    if (!before) throw new Response("Not found", { status: 404 });
    await tx.supplier.update({ where: { id }, data: { status, statusReason: reason } });
    await recordAudit(tx, {
      userId,
      action: status === "ADMITTED" ? "supplier.admit" : "supplier.suspend",
      entityType: "Supplier",
      entityId: id,
      details: { status: [before.status, status], reason },
    });
  });
}
