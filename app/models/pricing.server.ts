import type { Prisma } from "~/generated/prisma/client";
import { diffFields, recordAudit } from "~/models/audit.server";
import { uniqueViolation } from "~/models/product.server";
import { prisma } from "~/utils/db.server";
import { MAX_TIERS, type ContractPriceInput, type OrderRulesInput, type TierInput } from "./pricing-schema";
import type { FieldErrors } from "./product-schema";

/**
 * Which price an organisation pays for one line — the one rule, used wherever a bulk order is priced:
 *
 *   1. The organisation has a contract price for the product → the contract price, whatever the quantity.
 *   2. Otherwise the price of the highest quantity tier whose minQuantity ≤ the line's quantity.
 *   3. Otherwise the list price (Product.priceFen).
 *   A contract or tier above the list price is ignored (the next step applies), so a line never costs
 *   more per unit than the list price.
 *
 * Why a contract beats tiers even when a tier would be cheaper: the contract is the whole agreement
 * with that organisation, negotiated knowing the tiers, and its buyers can budget on one fixed price.
 * Why never above the list: the list price is what everyone sees in the shop, and buying more must
 * never cost more; when an administrator lowers a list price, tiers and contracts set earlier against
 * the old price would otherwise overcharge until someone remembered to edit them.
 *
 * Each line is priced on its own quantity. Employees' own purchases (cart, checkout) pay list prices
 * and have no minimum: this module is for organisation orders only.
 */
export type PriceSource = "contract" | "tier" | "list";
export type ChosenPrice = { unitPriceFen: number; source: PriceSource; tierMinQuantity?: number };

export function choosePrice(
  product: { priceFen: number; tiers: readonly { minQuantity: number; priceFen: number }[] },
  contractPriceFen: number | null,
  quantity: number,
): ChosenPrice {
  const list = product.priceFen;
  if (contractPriceFen !== null && contractPriceFen <= list) return { unitPriceFen: contractPriceFen, source: "contract" };
  let best: { minQuantity: number; priceFen: number } | null = null;
  for (const tier of product.tiers) {
    if (tier.minQuantity <= quantity && tier.priceFen <= list && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  }
  if (best) return { unitPriceFen: best.priceFen, source: "tier", tierMinQuantity: best.minQuantity };
  return { unitPriceFen: list, source: "list" };
}

export type PricedLine = {
  productId: number;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  source: PriceSource;
  tierMinQuantity?: number;
};
export type PricedLines = { ok: true; lines: PricedLine[]; totalFen: number } | { ok: false; unknownProductIds: number[] };

type PricingDb = Pick<Prisma.TransactionClient, "product" | "priceTier" | "contractPrice">;

/**
 * Prices an organisation's order lines (organisationId null: no contract prices) in three queries
 * however many lines there are. Pass a transaction client to price inside the order's transaction.
 * Whether the buyer may order for the organisation, and whether the products are on sale, is the
 * caller's business; quantities must be positive whole numbers (parsed before they get here).
 */
export async function priceLines(
  organisationId: number | null,
  lines: readonly { productId: number; quantity: number }[],
  db: PricingDb = prisma,
): Promise<PricedLines> {
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
  }
  const ids = [...new Set(lines.map((l) => l.productId))];
  const [products, tiers, contracts] = await Promise.all([
    db.product.findMany({ where: { id: { in: ids } }, select: { id: true, priceFen: true } }),
    db.priceTier.findMany({ where: { productId: { in: ids } }, select: { productId: true, minQuantity: true, priceFen: true } }),
    organisationId === null
      ? Promise.resolve([])
      : db.contractPrice.findMany({ where: { organisationId, productId: { in: ids } }, select: { productId: true, priceFen: true } }),
  ]);
  const byId = new Map(products.map((p) => [p.id, { priceFen: p.priceFen, tiers: [] as { minQuantity: number; priceFen: number }[] }]));
  for (const t of tiers) byId.get(t.productId)?.tiers.push(t);
  const contractFor = new Map(contracts.map((c) => [c.productId, c.priceFen]));
  const unknownProductIds = ids.filter((id) => !byId.has(id));
  if (unknownProductIds.length > 0) return { ok: false, unknownProductIds };

  let totalFen = 0;
  const priced = lines.map(({ productId, quantity }) => {
    const chosen = choosePrice(byId.get(productId)!, contractFor.get(productId) ?? null, quantity);
    const lineTotalFen = chosen.unitPriceFen * quantity;
    totalFen += lineTotalFen;
    if (!Number.isSafeInteger(totalFen)) throw new RangeError("order total is too large");
    return { productId, quantity, ...chosen, lineTotalFen };
  });
  return { ok: true, lines: priced, totalFen };
}

export type QuantityCheck =
  | { ok: true }
  | { ok: false; problem: "below-minimum"; min: number; message: QuantityMessage }
  | { ok: false; problem: "not-case-multiple"; casePack: number; suggestions: [number, number]; message: QuantityMessage };
/** An i18n key (shop namespace) and its values, naming the quantities that may be ordered. */
export type QuantityMessage = { key: string; params: Record<string, string | number> };

/** "5kg/袋" → "袋": what one unit is called, for messages; "件" when the spec does not say. */
export function unitOfSpec(spec: string | undefined) {
  const unit = spec?.split("/").pop()?.trim();
  return unit && spec?.includes("/") && unit.length <= 3 ? unit : "件";
}

/**
 * An organisation may order a product at least `minOrderQuantity` units, in whole cases of `casePack`.
 * The smallest allowed quantity is therefore the first whole number of cases at or above the minimum.
 * A quantity between allowed values gets the allowed values either side of it as suggestions.
 */
export function checkOrderQuantity(
  product: { minOrderQuantity: number; casePack: number; spec?: string },
  quantity: number,
): QuantityCheck {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`quantity must be an integer, got ${quantity}`);
  const casePack = Math.max(1, product.casePack);
  const min = Math.ceil(Math.max(1, product.minOrderQuantity) / casePack) * casePack;
  const unit = unitOfSpec(product.spec);
  if (quantity < min) {
    return { ok: false, problem: "below-minimum", min, message: { key: "shop:tiers.problems.belowMinimum", params: { min, unit } } };
  }
  if (quantity % casePack !== 0) {
    const lower = Math.floor(quantity / casePack) * casePack;
    const higher = lower + casePack;
    return {
      ok: false,
      problem: "not-case-multiple",
      casePack,
      suggestions: [lower, higher],
      message: { key: "shop:tiers.problems.notCaseMultiple", params: { casePack, unit, lower, higher } },
    };
  }
  return { ok: true };
}

/**
 * What the product page shows: the order rules and the tiers that can apply (a tier at or above the
 * list price never does). One query, by the product's unique slug and the tiers' (productId, minQuantity) index.
 */
export async function getPublicPricing(slug: string) {
  const rows = await prisma.$queryRawUnsafe<
    { listFen: number | bigint; moq: number | bigint; casePack: number | bigint; minQuantity: number | bigint | null; tierFen: number | bigint | null }[]
  >(
    `SELECT p."priceFen" AS listFen, p."minOrderQuantity" AS moq, p."casePack" AS casePack, t."minQuantity" AS minQuantity, t."priceFen" AS tierFen
       FROM "Product" p LEFT JOIN "PriceTier" t ON t."productId" = p."id" AND t."priceFen" < p."priceFen"
      WHERE p."slug" = ? ORDER BY t."minQuantity" ASC`,
    slug,
  );
  const first = rows[0];
  if (!first) return null;
  return {
    minOrderQuantity: Number(first.moq),
    casePack: Number(first.casePack),
    tiers: rows.filter((r) => r.minQuantity !== null).map((r) => ({ minQuantity: Number(r.minQuantity), priceFen: Number(r.tierFen) })),
  };
}

// —— Administration ——

export type PricingWriteResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: FieldErrors; listPriceFen?: number };

class Refused extends Error {
  constructor(readonly fieldErrors: FieldErrors, readonly listPriceFen?: number) {
    super("refused");
  }
}

/** Runs a write; a refusal found inside, or a unique clash from a concurrent write, comes back as field errors. */
async function asResult(work: () => Promise<boolean>, clash?: { field: string; key: string }): Promise<PricingWriteResult> {
  try {
    return { ok: true, changed: await work() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, fieldErrors: error.fieldErrors, listPriceFen: error.listPriceFen };
    if (clash && uniqueViolation(error) !== null) return { ok: false, fieldErrors: { [clash.field]: [clash.key] } };
    throw error;
  }
}

const notFound = () => new Response("Not found", { status: 404 });

export async function getProductPricingForAdmin(productId: number) {
  return prisma.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      sku: true,
      nameZh: true,
      nameEn: true,
      spec: true,
      priceFen: true,
      minOrderQuantity: true,
      casePack: true,
      updatedAt: true,
      priceTiers: { orderBy: { minQuantity: "asc" }, select: { id: true, minQuantity: true, priceFen: true } },
    },
  });
}

export function setOrderRules(productId: number, input: OrderRulesInput, userId: number | null) {
  return asResult(
    () =>
      prisma.$transaction(async (tx) => {
        const before = await tx.product.findUnique({ where: { id: productId }, select: { minOrderQuantity: true, casePack: true } });
        if (!before) throw notFound();
        const changes = diffFields(before, input);
        if (Object.keys(changes).length === 0) return false;
        await tx.product.update({ where: { id: productId }, data: input });
        await recordAudit(tx, { userId, action: "product.orderRules", entityType: "Product", entityId: productId, details: changes });
        return true;
      }),
  );
}

async function checkTier(tx: Prisma.TransactionClient, productId: number, input: TierInput, exceptTierId?: number) {
  const product = await tx.product.findUnique({
    where: { id: productId },
    select: { priceFen: true, priceTiers: { select: { id: true, minQuantity: true } } },
  });
  if (!product) throw notFound();
  const others = product.priceTiers.filter((t) => t.id !== exceptTierId);
  const errors: FieldErrors = {};
  if (exceptTierId === undefined && others.length >= MAX_TIERS) errors.minQuantity = ["admin:pricing.errors.tooManyTiers"];
  else if (others.some((t) => t.minQuantity === input.minQuantity)) errors.minQuantity = ["admin:pricing.errors.tierTaken"];
  if (input.price > product.priceFen) errors.price = ["admin:pricing.errors.aboveList"];
  if (Object.keys(errors).length > 0) throw new Refused(errors, product.priceFen);
}

export function addTier(productId: number, input: TierInput, userId: number | null) {
  return asResult(
    () =>
      prisma.$transaction(async (tx) => {
        await checkTier(tx, productId, input);
        const tier = await tx.priceTier.create({ data: { productId, minQuantity: input.minQuantity, priceFen: input.price } });
        await recordAudit(tx, {
          userId,
          action: "product.tierAdd",
          entityType: "Product",
          entityId: productId,
          details: { tierId: tier.id, minQuantity: input.minQuantity, priceFen: input.price },
        });
        return true;
      }),
    { field: "minQuantity", key: "admin:pricing.errors.tierTaken" },
  );
}

export function updateTier(productId: number, tierId: number, input: TierInput, userId: number | null) {
  return asResult(
    () =>
      prisma.$transaction(async (tx) => {
        const before = await tx.priceTier.findFirst({ where: { id: tierId, productId }, select: { minQuantity: true, priceFen: true } });
        if (!before) throw notFound();
        await checkTier(tx, productId, input, tierId);
        const after = { minQuantity: input.minQuantity, priceFen: input.price };
        const changes = diffFields(before, after);
        if (Object.keys(changes).length === 0) return false;
        await tx.priceTier.update({ where: { id: tierId }, data: after });
        await recordAudit(tx, { userId, action: "product.tierUpdate", entityType: "Product", entityId: productId, details: { tierId, ...changes } });
        return true;
      }),
    { field: "minQuantity", key: "admin:pricing.errors.tierTaken" },
  );
}

export function removeTier(productId: number, tierId: number, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const tier = await tx.priceTier.findFirst({ where: { id: tierId, productId }, select: { minQuantity: true, priceFen: true } });
    if (!tier) return false;
    await tx.priceTier.delete({ where: { id: tierId } });
    await recordAudit(tx, { userId, action: "product.tierRemove", entityType: "Product", entityId: productId, details: { tierId, ...tier } });
    return true;
  });
}

export function getOrganisationContractPrices(organisationId: number) {
  return prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true,
      name: true,
      contractPrices: {
        orderBy: { product: { sku: "asc" } },
        select: {
          id: true,
          priceFen: true,
          updatedAt: true,
          product: { select: { id: true, sku: true, nameZh: true, nameEn: true, spec: true, priceFen: true, status: true } },
        },
      },
    },
  });
}

const contractAudit = (organisationId: number) => ({ entityType: "Organisation", entityId: organisationId });

export function addContractPrice(organisationId: number, input: ContractPriceInput, userId: number | null) {
  return asResult(
    () =>
      prisma.$transaction(async (tx) => {
        const [organisation, product] = await Promise.all([
          tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } }),
          tx.product.findUnique({ where: { sku: input.sku }, select: { id: true, priceFen: true } }),
        ]);
        if (!organisation) throw notFound();
        if (!product) throw new Refused({ sku: ["admin:pricing.errors.unknownSku"] });
        if (input.price > product.priceFen) throw new Refused({ price: ["admin:pricing.errors.aboveList"] }, product.priceFen);
        const existing = await tx.contractPrice.findUnique({
          where: { organisationId_productId: { organisationId, productId: product.id } },
          select: { id: true },
        });
        if (existing) throw new Refused({ sku: ["admin:pricing.errors.contractExists"] });
        await tx.contractPrice.create({ data: { organisationId, productId: product.id, priceFen: input.price } });
        await recordAudit(tx, { userId, action: "organisation.contractPriceAdd", ...contractAudit(organisationId), details: { sku: input.sku, priceFen: input.price } });
        return true;
      }),
    { field: "sku", key: "admin:pricing.errors.contractExists" },
  );
}

export function updateContractPrice(organisationId: number, contractId: number, priceFen: number, userId: number | null) {
  return asResult(
    () =>
      prisma.$transaction(async (tx) => {
        const before = await tx.contractPrice.findFirst({
          where: { id: contractId, organisationId },
          select: { priceFen: true, product: { select: { sku: true, priceFen: true } } },
        });
        if (!before) throw notFound();
        if (priceFen > before.product.priceFen) throw new Refused({ price: ["admin:pricing.errors.aboveList"] }, before.product.priceFen);
        if (before.priceFen === priceFen) return false;
        await tx.contractPrice.update({ where: { id: contractId }, data: { priceFen } });
        await recordAudit(tx, {
          userId,
          action: "organisation.contractPriceUpdate",
          ...contractAudit(organisationId),
          details: { sku: before.product.sku, priceFen: [before.priceFen, priceFen] },
        });
        return true;
      }),
  );
}

export function removeContractPrice(organisationId: number, contractId: number, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.contractPrice.findFirst({
      where: { id: contractId, organisationId },
      select: { priceFen: true, product: { select: { sku: true } } },
    });
    if (!existing) return false;
    await tx.contractPrice.delete({ where: { id: contractId } });
    await recordAudit(tx, {
      userId,
      action: "organisation.contractPriceRemove",
      ...contractAudit(organisationId),
      details: { sku: existing.product.sku, priceFen: [existing.priceFen, null] },
    });
    return true;
  });
}
