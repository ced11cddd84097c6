import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sql } from "~/utils/sql-dialect.server";
// The vocabulary lives in the browser-safe schema module so forms can list it too.
import { importChannels, ledgerBuyerTypes, ledgerChannels } from "./ledger-schema";

/**
 * The consumption-relief ledger. Entries are only ever added (the database refuses UPDATE and
 * DELETE); a refund is a negative entry. Each entry's source key (sourceType, sourceId, countyId) is
 * unique, so writing the same source twice — a redelivered payment event, a retried refund — adds
 * nothing the second time.
 */
// Where a sale was made. Online-hall orders (employees' and organisations') are ONLINE_HALL; the
// others arrive by entry or import (issue 5).
export const channels = ledgerChannels;
// Who bought: the company's staff, its canteens, its welfare programme, its other units, outside buyers.
export const buyerTypes = ledgerBuyerTypes;
// What wrote an entry: a paid order, a refund, a payment received on terms, a shortage found on
// receipt, an imported platform order, an offline-hall sale, a manual adjustment, a batch reversal.
export const sourceTypes = ["ORDER_PAID", "REFUND", "TERMS_PAYMENT", "SHORTAGE", "IMPORT", "OFFLINE_SALE", "ADJUSTMENT", "REVERSAL"] as const;

export type Channel = (typeof channels)[number];
export type BuyerType = (typeof buyerTypes)[number];
export type SourceType = (typeof sourceTypes)[number];
export type PlatformChannel = (typeof importChannels)[number];

/**
 * National reporting separates 购买 (bought by the company's units and staff) from 帮助销售 (sales the
 * company helped make to outside buyers); the buyer type decides which an entry counts toward.
 */
export function indicatorOf(buyerType: string): "purchase" | "helpedSales" {
  return buyerType === "OUTSIDE" ? "helpedSales" : "purchase";
}

type Db = Prisma.TransactionClient | typeof prisma;

/** productId, when given, names the product sold, for the top-products figures (docs/decisions/009). */
export type LedgerLine = { countyId: number; amountFen: number; productId?: number | null };

/** Sums order lines per county: what the sale counts for each county. */
export function amountsByCounty(lines: { countyId: number; lineTotalFen: number }[]): LedgerLine[] {
  const byCounty = new Map<number, number>();
  for (const line of lines) byCounty.set(line.countyId, (byCounty.get(line.countyId) ?? 0) + line.lineTotalFen);
  return [...byCounty].map(([countyId, amountFen]) => ({ countyId, amountFen })).sort((a, b) => a.countyId - b.countyId);
}

/**
 * Splits a (partial) refund over counties in proportion to what each county sold in the order,
 * in whole fen: largest remainders get the spare fen, so the parts add up exactly.
 */
export function allocateRefund(amountFen: number, sold: LedgerLine[]): LedgerLine[] {
  const total = sold.reduce((sum, l) => sum + l.amountFen, 0);
  if (amountFen <= 0 || total <= 0) return [];
  if (amountFen > total) throw new Error(`refund ${amountFen} exceeds what was sold (${total})`);
  const shares = sold.map((l) => {
    const exact = (amountFen * l.amountFen) / total;
    return { countyId: l.countyId, amountFen: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let spare = amountFen - shares.reduce((sum, s) => sum + s.amountFen, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.countyId - b.countyId)) {
    if (spare === 0) break;
    share.amountFen += 1;
    spare -= 1;
  }
  return shares.filter((s) => s.amountFen > 0).map(({ countyId, amountFen: fen }) => ({ countyId, amountFen: fen }));
}

export type LedgerSource = {
  sourceType: (typeof sourceTypes)[number];
  sourceId: string;
  orderId: number | null;
  occurredAt: Date;
  channel: (typeof channels)[number];
  buyerType: (typeof buyerTypes)[number];
  // Where an entry comes from beyond its source key: all optional, so older callers keep working.
  batchId?: number | null;
  createdByUserId?: number | null;
  productId?: number | null;
  externalOrderId?: string | null;
  note?: string | null;
};

/** DateTime as Prisma writes it to SQLite, so raw inserts sort and compare with Prisma's own. */
export function sqliteDateTime(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * Appends entries for one source; an entry already written for the same source and county is left
 * as it is (ON CONFLICT DO NOTHING), which is what makes retries and redeliveries harmless.
 * Returns the statements so callers can put them in the same transaction as the change they count.
 */
export function ledgerInserts(db: Db, source: LedgerSource, lines: LedgerLine[], sign: 1 | -1) {
  const now = sqliteDateTime(new Date());
  return lines.map((l) =>
    db.$executeRawUnsafe(
      sql(`INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId","orderId","createdAt",
         "batchId","createdByUserId","productId","externalOrderId","note")
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT ("sourceType","sourceId","countyId") DO NOTHING`),
      sqliteDateTime(source.occurredAt),
      sign * l.amountFen,
      l.countyId,
      source.channel,
      source.buyerType,
      source.sourceType,
      source.sourceId,
      source.orderId,
      now,
      source.batchId ?? null,
      source.createdByUserId ?? null,
      l.productId ?? source.productId ?? null,
      source.externalOrderId ?? null,
      source.note ?? null,
    ),
  );
}

export async function ledgerTotalFen(where: Prisma.LedgerEntryWhereInput = {}) {
  const { _sum } = await prisma.ledgerEntry.aggregate({ where, _sum: { amountFen: true } });
  return _sum.amountFen ?? 0;
}
