import { prisma } from "~/utils/db.server";

/** Where an order can be collected instead of delivered: company pickup points and the offline hall. */
export function listPickupPoints() {
  return prisma.pickupPoint.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, nameZh: true, nameEn: true, addressZh: true, addressEn: true, kind: true },
  });
}

export type PickupPoint = Awaited<ReturnType<typeof listPickupPoints>>[number];
