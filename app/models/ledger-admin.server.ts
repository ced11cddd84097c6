import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { sql } from "~/utils/sql-dialect.server";
import { ENTRIES_PER_PAGE, type AdjustmentInput, type OfflineSaleInput, type TargetInput } from "./ledger-schema";
import { ledgerInserts, sqliteDateTime, type BuyerType, type Channel } from "./ledger.server";
import { beijingMonthStart } from "./relief-progress.server";

/**
 * What administrators write into the consumption-relief ledger by hand: the yearly target, offline-hall
 * sales, adjustments with a reason, and reversals. Every write is audited in the same transaction.
 */

type FieldErrors = Record<string, string[]>;
export type LedgerWriteResult = { ok: true; entryIds: number[]; duplicate: boolean } | { ok: false; fieldErrors: FieldErrors };

export function listTargets() {
  return prisma.reliefTarget.findMany({ orderBy: { year: "desc" }, select: { year: true, totalFen: true, purchaseFen: true, helpedSalesFen: true, updatedAt: true } });
}

export async function setTarget(input: TargetInput, userId: number) {
  const data = { totalFen: input.total, purchaseFen: input.purchase, helpedSalesFen: input.helpedSales, updatedByUserId: userId };
  return prisma.$transaction(async (tx) => {
    const before = await tx.reliefTarget.findUnique({ where: { year: input.year }, select: { totalFen: true, purchaseFen: true, helpedSalesFen: true } });
    await tx.reliefTarget.upsert({ where: { year: input.year }, create: { year: input.year, ...data }, update: data });
    const after = { totalFen: data.totalFen, purchaseFen: data.purchaseFen, helpedSalesFen: data.helpedSalesFen };
    await recordAudit(tx, { userId, action: before ? "ledger.target.update" : "ledger.target.create", entityType: "ReliefTarget", entityId: input.year, details: { before, after } });
  });
}

async function entryIdsOf(db: Prisma.TransactionClient, sourceType: string, sourceId: string) {
  const rows = await db.ledgerEntry.findMany({ where: { sourceType, sourceId }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * An offline-hall sale. A product sale is priced by the server (list price × quantity) and counts for
 * the product's county. The form's key is the source id, so sending the form twice counts it once.
 */
export async function recordOfflineSale(input: OfflineSaleInput, userId: number): Promise<LedgerWriteResult> {
  let line: { countyId: number; amountFen: number; productId: number | null };
  if (input.mode === "product") {
    const product = await prisma.product.findUnique({ where: { sku: input.sku }, select: { id: true, countyId: true, priceFen: true } });
    if (!product) return { ok: false, fieldErrors: { sku: ["ledger:errors.unknownSku"] } };
    line = { countyId: product.countyId, amountFen: product.priceFen * input.quantity, productId: product.id };
  } else {
    const county = await prisma.county.findUnique({ where: { id: input.countyId }, select: { id: true } });
    if (!county) return { ok: false, fieldErrors: { countyId: ["ledger:errors.unknownCounty"] } };
    line = { countyId: county.id, amountFen: input.amount, productId: null };
  }
  const sourceId = `offline:${input.formKey}`;
  return prisma.$transaction(async (tx) => {
    const already = await entryIdsOf(tx, "OFFLINE_SALE", sourceId);
    if (already.length > 0) return { ok: true as const, entryIds: already, duplicate: true };
    const source = {
      sourceType: "OFFLINE_SALE" as const,
      sourceId,
      orderId: null,
      occurredAt: input.date,
      channel: "OFFLINE_HALL" as const,
      buyerType: input.buyerType,
      createdByUserId: userId,
      note: input.note || null,
    };
    for (const insert of ledgerInserts(tx, source, [line], 1)) await insert;
    const entryIds = await entryIdsOf(tx, "OFFLINE_SALE", sourceId);
    await recordAudit(tx, {
      userId,
      action: "ledger.offlineSale",
      entityType: "LedgerEntry",
      entityId: entryIds.join(","),
      details: { ...line, buyerType: input.buyerType, date: sqliteDateTime(input.date), quantity: input.mode === "product" ? input.quantity : undefined },
    });
    return { ok: true as const, entryIds, duplicate: false };
  });
}

/** Who asked for a write that needed a second administrator, and who confirmed it (ADR 029). */
export type TwoPeople = { askedBy: number; confirmedBy: number };

/**
 * A correction of any figure, plus or minus, with the reason the office gives for it. It runs only
 * when a second administrator confirms it (admin-approval.server.ts), inside that transaction.
 */
export async function recordAdjustmentIn(tx: Prisma.TransactionClient, input: AdjustmentInput, people: TwoPeople): Promise<LedgerWriteResult> {
  const county = await tx.county.findUnique({ where: { id: input.countyId }, select: { id: true } });
  if (!county) return { ok: false, fieldErrors: { countyId: ["ledger:errors.unknownCounty"] } };
  const sourceId = `adjustment:${input.formKey}`;
  const already = await entryIdsOf(tx, "ADJUSTMENT", sourceId);
  if (already.length > 0) return { ok: true as const, entryIds: already, duplicate: true };
  const source = {
    sourceType: "ADJUSTMENT" as const,
    sourceId,
    orderId: null,
    occurredAt: input.date,
    channel: input.channel,
    buyerType: input.buyerType,
    createdByUserId: people.askedBy,
    note: input.reason,
  };
  // The sign travels in the amount: an adjustment may take away as well as add.
  for (const insert of ledgerInserts(tx, source, [{ countyId: county.id, amountFen: input.amount }], 1)) await insert;
  const entryIds = await entryIdsOf(tx, "ADJUSTMENT", sourceId);
  await recordAudit(tx, {
    userId: people.confirmedBy,
    action: "ledger.adjustment",
    entityType: "LedgerEntry",
    entityId: entryIds.join(","),
    details: { countyId: county.id, amountFen: input.amount, channel: input.channel, buyerType: input.buyerType, reason: input.reason, askedBy: people.askedBy },
  });
  return { ok: true as const, entryIds, duplicate: false };
}

/**
 * Appends the reversing entry of each given entry that has none yet: same date, county, channel and
 * buyer type, opposite amount, source REVERSAL "entry:<id>" — so reversing twice adds nothing.
 * Returns how many were added.
 */
export async function appendReversals(tx: Prisma.TransactionClient, where: { entryId?: number; batchId?: number }, reason: string, userId: number) {
  const filter = where.entryId !== undefined ? `e."id" = ?` : `e."batchId" = ? AND e."sourceType" = 'IMPORT'`;
  return tx.$executeRawUnsafe(
    sql(`INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId","orderId","createdAt",
       "batchId","createdByUserId","productId","externalOrderId","note")
     SELECT e."occurredAt", -e."amountFen", e."countyId", e."channel", e."buyerType", 'REVERSAL', 'entry:' || e."id", e."orderId", ?,
       e."batchId", ?, e."productId", e."externalOrderId", ?
     FROM "LedgerEntry" e WHERE ${filter} AND e."sourceType" <> 'REVERSAL'
     ON CONFLICT ("sourceType","sourceId","countyId") DO NOTHING`),
    sqliteDateTime(new Date()),
    userId,
    reason,
    where.entryId ?? where.batchId,
  );
}

/** A hand-entered entry (an offline sale or an adjustment) that has not been reversed yet. */
export async function isReversibleEntry(db: Prisma.TransactionClient, entryId: number) {
  const entry = await db.ledgerEntry.findUnique({ where: { id: entryId }, select: { sourceType: true } });
  if (!entry || !["OFFLINE_SALE", "ADJUSTMENT"].includes(entry.sourceType)) return false;
  return (await db.ledgerEntry.count({ where: { sourceType: "REVERSAL", sourceId: `entry:${entryId}` } })) === 0;
}

/** Reverses one hand-entered entry (typed wrong), inside the confirming transaction (ADR 029). */
export async function reverseEntryIn(tx: Prisma.TransactionClient, entryId: number, reason: string, people: TwoPeople) {
  if (!(await isReversibleEntry(tx, entryId))) return { ok: false as const };
  const added = await appendReversals(tx, { entryId }, reason, people.askedBy);
  await recordAudit(tx, { userId: people.confirmedBy, action: "ledger.reverseEntry", entityType: "LedgerEntry", entityId: entryId, details: { reason, askedBy: people.askedBy } });
  return { ok: true as const, added };
}

export type EntryFilter = {
  year: number;
  month?: number;
  countyId?: number;
  channel?: Channel;
  buyerType?: BuyerType;
  productId?: number;
  batchId?: number;
};

function entryWhere(filter: EntryFilter): Prisma.LedgerEntryWhereInput {
  const from = filter.month ? beijingMonthStart(filter.year, filter.month) : beijingMonthStart(filter.year, 1);
  const to = filter.month ? beijingMonthStart(filter.year, filter.month + 1) : beijingMonthStart(filter.year, 13);
  return {
    // A batch's entries are listed whatever their dates; every other view is one year (or month).
    occurredAt: filter.batchId && !filter.month ? undefined : { gte: from, lt: to },
    countyId: filter.countyId,
    channel: filter.channel,
    buyerType: filter.buyerType,
    productId: filter.productId,
    batchId: filter.batchId,
  };
}


/** The entries behind a figure, newest first, with their sum and where each came from. */
export async function listEntries(filter: EntryFilter, page = 1) {
  const where = entryWhere(filter);
  const [entries, aggregate] = await Promise.all([
    prisma.ledgerEntry.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: ENTRIES_PER_PAGE,
      skip: (page - 1) * ENTRIES_PER_PAGE,
      select: {
        id: true,
        occurredAt: true,
        amountFen: true,
        countyId: true,
        channel: true,
        buyerType: true,
        sourceType: true,
        sourceId: true,
        orderId: true,
        batchId: true,
        createdByUserId: true,
        productId: true,
        externalOrderId: true,
        note: true,
      },
    }),
    prisma.ledgerEntry.aggregate({ where, _sum: { amountFen: true }, _count: { _all: true } }),
  ]);
  // Names for the ids, fetched once per page rather than joined per row.
  const [orders, users, counties, products] = await Promise.all([
    prisma.order.findMany({ where: { id: { in: entries.flatMap((e) => (e.orderId ? [e.orderId] : [])) } }, select: { id: true, number: true } }),
    prisma.user.findMany({ where: { id: { in: entries.flatMap((e) => (e.createdByUserId ? [e.createdByUserId] : [])) } }, select: { id: true, name: true, username: true } }),
    prisma.county.findMany({ select: { id: true, nameZh: true, nameEn: true } }),
    prisma.product.findMany({ where: { id: { in: entries.flatMap((e) => (e.productId ? [e.productId] : [])) } }, select: { id: true, sku: true, nameZh: true } }),
  ]);
  const orderNumber = new Map(orders.map((o) => [o.id, o.number]));
  const userName = new Map(users.map((u) => [u.id, u.name || u.username]));
  const county = new Map(counties.map((c) => [c.id, c]));
  const product = new Map(products.map((p) => [p.id, p]));
  return {
    sumFen: aggregate._sum.amountFen ?? 0,
    count: aggregate._count._all,
    entries: entries.map((e) => ({
      ...e,
      orderNumber: e.orderId ? (orderNumber.get(e.orderId) ?? null) : null,
      createdBy: e.createdByUserId ? (userName.get(e.createdByUserId) ?? null) : null,
      countyZh: county.get(e.countyId)?.nameZh ?? "",
      countyEn: county.get(e.countyId)?.nameEn ?? "",
      product: e.productId ? (product.get(e.productId) ?? null) : null,
    })),
  };
}
