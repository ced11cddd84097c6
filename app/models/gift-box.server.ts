import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { diffFields, recordAudit } from "./audit.server";
import { componentField, type GiftBoxInput } from "./gift-schema";
import { priceLines, type PricedLine } from "./pricing.server";
import { isSellable } from "./sellable.server";

/**
 * Gift boxes (ADR 014): bundles of products an administrator defines. A box has no stock and no price
 * of its own: both come from its components, so a component sold elsewhere makes fewer boxes available
 * at once, and a price change of a component changes the box.
 */

type Db = Prisma.TransactionClient | typeof prisma;

const componentSelect = {
  quantity: true,
  productId: true,
  product: {
    select: { id: true, sku: true, nameZh: true, nameEn: true, spec: true, stock: true, status: true, countyId: true, supplier: { select: { status: true } }, county: { select: { nameZh: true, nameEn: true } } },
  },
} satisfies Prisma.GiftBoxComponentSelect;

type Component = Prisma.GiftBoxComponentGetPayload<{ select: typeof componentSelect }>;

/** Every component of the box can be sold (sellable.server.ts). */
export const componentsSellable = (components: readonly { product: { status: string; supplier: { status: string } } }[]) =>
  components.every((c) => isSellable(c.product));

/** How many whole boxes the stock makes: min over components of ⌊stock / per-box quantity⌋, 0 if any component is off sale. */
export function availableBoxes(components: readonly Component[]) {
  if (components.length === 0 || !componentsSellable(components)) return 0;
  return Math.min(...components.map((c) => Math.floor(Math.max(0, c.product.stock) / c.quantity)));
}

/** The order's lines for `boxes` boxes: each component's per-box quantity × boxes. */
export const aggregatedLines = (components: readonly { productId: number; quantity: number }[], boxes: number) =>
  components.map((c) => ({ productId: c.productId, quantity: c.quantity * boxes }));

export type GiftPrice = { ok: true; boxes: number; unitPriceFen: number; totalFen: number; lines: PricedLine[] } | { ok: false };

/**
 * Prices `boxes` boxes for an organisation exactly as the order will charge them: priceLines (the one
 * rule: contract → tier → list) on the components' quantities for the whole order. Every line total is
 * a multiple of `boxes`, so the price per box is exact.
 */
export async function priceGiftBoxes(organisationId: number | null, components: readonly { productId: number; quantity: number }[], boxes: number, db: Db = prisma): Promise<GiftPrice> {
  if (components.length === 0) return { ok: false };
  const priced = await priceLines(organisationId, aggregatedLines(components, boxes), db);
  if (!priced.ok) return { ok: false };
  return { ok: true, boxes, unitPriceFen: priced.totalFen / boxes, totalFen: priced.totalFen, lines: priced.lines };
}

/** Boxes with components, price of one box (no contract: list or tier prices) and availability. */
export async function listGiftBoxes(filter: { activeOnly?: boolean; organisationId?: number | null } = {}) {
  const boxes = await prisma.giftBox.findMany({
    where: filter.activeOnly ? { status: "ACTIVE" } : {},
    orderBy: [{ status: "asc" }, { id: "asc" }],
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      descriptionZh: true,
      descriptionEn: true,
      imageUrl: true,
      status: true,
      components: { orderBy: { position: "asc" }, select: componentSelect },
    },
  });
  return Promise.all(
    boxes.map(async (box) => {
      const price = await priceGiftBoxes(filter.organisationId ?? null, box.components, 1);
      return { ...box, unitPriceFen: price.ok ? price.unitPriceFen : null, available: availableBoxes(box.components) };
    }),
  );
}

export async function getGiftBox(id: number, db: Db = prisma) {
  const box = await db.giftBox.findUnique({
    where: { id },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      descriptionZh: true,
      descriptionEn: true,
      imageUrl: true,
      status: true,
      updatedAt: true,
      components: { orderBy: { position: "asc" }, select: componentSelect },
    },
  });
  return box ? { ...box, available: availableBoxes(box.components) } : null;
}
export type GiftBoxDetail = NonNullable<Awaited<ReturnType<typeof getGiftBox>>>;

export type GiftBoxWriteResult = { ok: true; id: number } | { ok: false; errors: Record<string, string[]> };

/** SKUs → product ids; unknown SKUs come back as errors on their rows. */
async function resolveComponents(components: GiftBoxInput["components"], db: Db) {
  const products = await db.product.findMany({ where: { sku: { in: components.map((c) => c.sku) } }, select: { id: true, sku: true } });
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p.id]));
  const errors: Record<string, string[]> = {};
  components.forEach((c, i) => {
    if (!bySku.has(c.sku.toUpperCase())) errors[componentField(c.row ?? i, "sku")] = ["gifts:errors.unknownSku"];
  });
  return { errors, resolved: components.map((c, position) => ({ productId: bySku.get(c.sku.toUpperCase()) ?? 0, quantity: c.quantity, position })) };
}

/** The components as recorded in the audit trail: what, and how many per box. */
const componentsOf = (input: GiftBoxInput) => input.components.map(({ sku, quantity }) => ({ sku, quantity }));

const boxFields = (input: GiftBoxInput) => ({
  nameZh: input.nameZh,
  nameEn: input.nameEn,
  descriptionZh: input.descriptionZh,
  descriptionEn: input.descriptionEn,
  imageUrl: input.imageUrl,
});

export async function createGiftBox(input: GiftBoxInput, adminId: number): Promise<GiftBoxWriteResult> {
  return prisma.$transaction(async (tx) => {
    const { errors, resolved } = await resolveComponents(input.components, tx);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const box = await tx.giftBox.create({ data: { ...boxFields(input), components: { create: resolved } }, select: { id: true } });
    await recordAudit(tx, { userId: adminId, action: "giftBox.create", entityType: "GiftBox", entityId: box.id, details: { ...boxFields(input), components: componentsOf(input) } });
    return { ok: true, id: box.id };
  });
}

/** Replaces the box's fields and components; orders placed earlier keep their own lines and price. */
export async function updateGiftBox(id: number, input: GiftBoxInput, adminId: number): Promise<GiftBoxWriteResult> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.giftBox.findUnique({
      where: { id },
      select: { nameZh: true, nameEn: true, descriptionZh: true, descriptionEn: true, imageUrl: true, components: { orderBy: { position: "asc" }, select: { quantity: true, product: { select: { sku: true } } } } },
    });
    if (!before) throw new Response("Not found", { status: 404 });
    const { errors, resolved } = await resolveComponents(input.components, tx);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    await tx.giftBoxComponent.deleteMany({ where: { giftBoxId: id } });
    await tx.giftBox.update({ where: { id }, data: { ...boxFields(input), components: { create: resolved } } });
    const { components: oldComponents, ...oldFields } = before;
    const beforeComponents = oldComponents.map((c) => ({ sku: c.product.sku, quantity: c.quantity }));
    const changes: Record<string, unknown> = diffFields(oldFields, boxFields(input));
    const afterComponents = componentsOf(input);
    if (JSON.stringify(beforeComponents) !== JSON.stringify(afterComponents)) changes.components = [beforeComponents, afterComponents];
    await recordAudit(tx, { userId: adminId, action: "giftBox.update", entityType: "GiftBox", entityId: id, details: changes });
    return { ok: true, id };
  });
}

/** Archived boxes are no longer offered; orders already placed are unaffected. Idempotent. */
export async function setGiftBoxStatus(id: number, status: "ACTIVE" | "ARCHIVED", adminId: number) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.giftBox.updateMany({ where: { id, status: { not: status } }, data: { status } });
    if (count > 0) await recordAudit(tx, { userId: adminId, action: status === "ARCHIVED" ? "giftBox.archive" : "giftBox.restore", entityType: "GiftBox", entityId: id });
    return count > 0;
  });
}
