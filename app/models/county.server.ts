import { diffFields, recordAudit } from "~/models/audit.server";
import { refreshSearchFields } from "~/models/product.server";
import { prisma } from "~/utils/db.server";
import type { CountyInput } from "./product-schema";

export function listCountiesForAdmin() {
  return prisma.county.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      nameZh: true,
      nameEn: true,
      provinceZh: true,
      provinceEn: true,
      kind: true,
      _count: { select: { products: true, suppliers: true } },
    },
  });
}

export function getCountyForAdmin(slug: string) {
  return prisma.county.findUnique({
    where: { slug },
    select: { id: true, slug: true, nameZh: true, nameEn: true, provinceZh: true, provinceEn: true, kind: true, storyZh: true, storyEn: true },
  });
}

/** A new Chinese name is part of its products' search text, so they are re-indexed in the same transaction. */
export function updateCounty(slug: string, input: CountyInput, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.county.findUnique({
      where: { slug },
      select: { id: true, nameZh: true, nameEn: true, storyZh: true, storyEn: true },
    });
    if (!before) throw new Response("Not found", { status: 404 });
    const changes = diffFields(before, input);
    if (Object.keys(changes).length === 0) return false;
    await tx.county.update({ where: { id: before.id }, data: input });
    if ("nameZh" in changes) await refreshSearchFields(tx, { countyId: before.id });
    await recordAudit(tx, { userId, action: "county.update", entityType: "County", entityId: before.id, details: changes });
    return true;
  });
}
