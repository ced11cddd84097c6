import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { jsonArrayElements, jsonArrayRows, sql, timestamp } from "~/utils/sql-dialect.server";
import { decodeCsvBytes, unguardFormula } from "~/utils/csv.server";
import { csvRows, DEFAULT_TABLE_LIMITS, refusal } from "~/utils/table-file.server";
import { parseYuanToFen } from "~/utils/money";
import { MAX_IMPORT_ROWS, type MappingInput } from "./ledger-schema";
import { sqliteDateTime, type PlatformChannel } from "./ledger.server";
import { appendReversals, type TwoPeople } from "./ledger-admin.server";
import { logger } from "~/utils/logger.server";
import { metrics } from "~/utils/metrics.server";

/**
 * Platform orders (JD, Tmall, Suning, others) imported from their CSV exports (docs/decisions/010).
 * An upload becomes a batch that is checked in the background, a few thousand rows per transaction
 * with a pause for other requests in between, into a staging table. Nothing counts until the
 * administrator confirms: one transaction then copies the batch's rows into the ledger, skipping any
 * platform order already counted on the same channel. A counted batch can be reversed.
 */

const CHUNK_ROWS = 500;
const SHOWN_ISSUES = 200;

export type ImportIssue = { row: number; column?: string; message: string; params?: Record<string, string | number> };
type Mapping = Omit<MappingInput, "channel">;

/** Headers as each platform's order export names them; an administrator can change them. */
export const defaultMappings: Record<PlatformChannel, Mapping> = {
  JD: { externalIdCol: "订单编号", dateCol: "下单时间", amountCol: "应付金额", countyCol: "县", skuCol: "商品编号" },
  TMALL: { externalIdCol: "订单编号", dateCol: "订单创建时间", amountCol: "买家实际支付金额", countyCol: "县", skuCol: "商家编码" },
  SUNING: { externalIdCol: "订单号", dateCol: "下单时间", amountCol: "实付金额", countyCol: "县", skuCol: "商品编码" },
  OTHER_PLATFORM: { externalIdCol: "订单号", dateCol: "日期", amountCol: "金额", countyCol: "县", skuCol: "SKU" },
};

export async function getMapping(channel: PlatformChannel, db: Prisma.TransactionClient | typeof prisma = prisma): Promise<Mapping> {
  const stored = await db.platformMapping.findUnique({
    where: { channel },
    select: { externalIdCol: true, dateCol: true, amountCol: true, countyCol: true, skuCol: true },
  });
  return stored ?? defaultMappings[channel];
}

export async function saveMapping(input: MappingInput, userId: number) {
  const { channel, ...fields } = input;
  await prisma.$transaction(async (tx) => {
    const before = await getMapping(channel, tx);
    await tx.platformMapping.upsert({ where: { channel }, create: { channel, ...fields, updatedByUserId: userId }, update: { ...fields, updatedByUserId: userId } });
    await recordAudit(tx, { userId, action: "ledger.mapping.update", entityType: "PlatformMapping", entityId: channel, details: { before, after: fields } });
  });
}

/** "2019-10-17 09:30:00", "2019/10/17 9:30", "2019-10-17" in Beijing time → the instant; null if not a date. */
export function parsePlatformDate(text: string): Date | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour! - 8, minute!, second!));
  const local = new Date(date.getTime() + 8 * 3600_000);
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month! - 1 || local.getUTCDate() !== day || hour! > 23 || minute! > 59 || second! > 59) return null;
  return date;
}

// Jobs running in this process (for waitForImport). Whether a batch is being checked at all is read
// from its progressAt: the job may run in another of the server's processes (ADR 024).
const running = new Map<number, Promise<void>>();

/** A chunk takes well under a second; a batch silent this long lost its job (a restart or crash). */
const ABANDONED_AFTER_MS = 60_000;

export function isImportRunning(batch: { id: number; progressAt: Date | null; createdAt: Date }, now = new Date()) {
  if (running.has(batch.id)) return true;
  return now.getTime() - (batch.progressAt ?? batch.createdAt).getTime() < ABANDONED_AFTER_MS;
}

/** For tests and the benchmark: resolves when the batch's background check has finished. */
export async function waitForImport(batchId: number) {
  await running.get(batchId);
}

/**
 * After each chunk the job sleeps as long as the chunk took (at least a few ms), so requests waiting
 * for the process get turns while a big file is checked (their latency still rises: see the README).
 */
const pause = (workedMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(5, Math.min(workedMs, 200))));

/** Records the upload and starts checking it in the background; returns the batch at once. */
export async function startImport(input: { channel: PlatformChannel; fileName: string; bytes: Uint8Array; userId: number }) {
  const text = decodeCsvBytes(input.bytes);
  // Lines less the header: an estimate for the progress bar until the real count is known.
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines += 1;
  const batch = await prisma.importBatch.create({
    data: { channel: input.channel, fileName: input.fileName.slice(0, 200), createdByUserId: input.userId, rowCount: Math.max(0, lines - 1) },
    select: { id: true },
  });
  const mapping = await getMapping(input.channel);
  const job = checkBatch(batch.id, input.channel, mapping, text)
    .catch(async (error: unknown) => {
      logger.error({ err: error }, `import batch ${batch.id} failed`);
      await prisma.importBatch.updateMany({ where: { id: batch.id, status: "VALIDATING" }, data: { status: "FAILED" } });
    })
    .finally(() => running.delete(batch.id));
  running.set(batch.id, job);
  return batch;
}

type StagedRow = { row: number; externalOrderId: string; occurredAt: Date; amountFen: number; countyId: number; productId: number | null };

async function checkBatch(batchId: number, channel: PlatformChannel, mapping: Mapping, text: string) {
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  const report = (issue: ImportIssue) => {
    issueCount += 1;
    if (issues.length < SHOWN_ISSUES) issues.push(issue);
  };
  const finish = async (data: { status: "INVALID" | "READY"; rowCount: number; totalFen?: number; newRows?: number; newFen?: number; duplicateRows?: number }) => {
    metrics.importRows("ledger", data.rowCount);
    await prisma.$transaction(async (tx) => {
      if (data.status === "INVALID") await tx.importStagingRow.deleteMany({ where: { batchId } });
      await tx.importBatch.update({ where: { id: batchId }, data: { ...data, processedRows: data.rowCount, issues: JSON.stringify(issues), issueCount } });
    });
  };

  const [counties, ] = await Promise.all([prisma.county.findMany({ select: { id: true, slug: true, nameZh: true, nameEn: true } })]);
  const countyByName = new Map<string, number>();
  for (const c of counties) {
    for (const name of [c.slug, c.nameZh, c.nameZh.replace(/[县市区旗]$/, ""), c.nameEn]) if (name) countyByName.set(name.toLowerCase(), c.id);
  }

  let columns: Record<keyof Mapping, number> | null = null;
  let rowCount = 0;
  let totalFen = 0;
  let newRows = 0;
  let newFen = 0;
  let duplicateRows = 0;
  const seenKeys = new Map<string, number>();
  let pending: { row: number; values: string[] }[] = [];

  const flush = async () => {
    const chunkStarted = performance.now();
    const chunk = pending;
    pending = [];
    const skus = [...new Set(chunk.map((r) => (columns!.skuCol >= 0 ? (r.values[columns!.skuCol] ?? "").trim() : "")).filter(Boolean))];
    const products = skus.length
      ? await prisma.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true, countyId: true } })
      : [];
    const productBySku = new Map(products.map((p) => [p.sku, p]));
    const staged: StagedRow[] = [];
    for (const { row, values } of chunk) {
      const cell = (index: number) => (index >= 0 ? unguardFormula((values[index] ?? "").trim()) : "");
      const externalId = cell(columns!.externalIdCol);
      const sku = cell(columns!.skuCol);
      const countyText = cell(columns!.countyCol);
      let ok = true;
      if (externalId === "" || externalId.length > 64) {
        report({ row, column: mapping.externalIdCol, message: externalId === "" ? "ledger:import.missingExternalId" : "ledger:errors.tooLong" });
        ok = false;
      }
      const occurredAt = parsePlatformDate(cell(columns!.dateCol));
      if (!occurredAt) {
        report({ row, column: mapping.dateCol, message: "ledger:import.badDate", params: { value: cell(columns!.dateCol).slice(0, 40) } });
        ok = false;
      }
      const amountText = cell(columns!.amountCol).replace(/^[¥￥]/, "").replace(/,/g, "");
      const amountFen = parseYuanToFen(amountText);
      if (amountFen === null || amountFen === 0) {
        report({ row, column: mapping.amountCol, message: "ledger:import.badAmount", params: { value: cell(columns!.amountCol).slice(0, 40) } });
        ok = false;
      }
      const product = sku ? productBySku.get(sku) : undefined;
      let countyId: number | undefined;
      if (countyText) {
        countyId = countyByName.get(countyText.toLowerCase());
        if (countyId === undefined) {
          report({ row, column: mapping.countyCol, message: "ledger:import.unknownCounty", params: { value: countyText.slice(0, 40) } });
          ok = false;
        }
      } else if (product) {
        countyId = product.countyId;
      } else {
        report({ row, column: sku ? mapping.skuCol : mapping.countyCol, message: sku ? "ledger:import.unknownSku" : "ledger:import.noCounty", params: { value: sku.slice(0, 40) } });
        ok = false;
      }
      // A platform order with several goods has one row per SKU: the order id and SKU together are the key.
      const key = sku ? `${externalId}:${sku}` : externalId;
      const other = seenKeys.get(key);
      if (other !== undefined) {
        report({ row, column: mapping.externalIdCol, message: "ledger:import.duplicateRow", params: { other } });
        ok = false;
      } else if (externalId) {
        seenKeys.set(key, row);
      }
      if (!ok) continue;
      totalFen += amountFen!;
      staged.push({ row, externalOrderId: key, occurredAt: occurredAt!, amountFen: amountFen!, countyId: countyId!, productId: product?.id ?? null });
    }
    // Platform orders counted before (and not reversed) will be skipped when the batch is counted.
    // Keys travel as one JSON parameter: no limit on bound parameters, little work in JavaScript.
    const counted = new Set(
      (
        await prisma.$queryRawUnsafe<{ k: string }[]>(
          sql(`SELECT e."externalOrderId" AS k FROM "LedgerEntry" e
           WHERE e."channel" = ? AND e."sourceType" = 'IMPORT' AND e."externalOrderId" IN (SELECT "value" FROM ${jsonArrayElements("?")})
             AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" r WHERE r."sourceType" = 'REVERSAL' AND r."sourceId" = 'entry:' || e."id")`),
          channel,
          JSON.stringify(staged.map((s) => s.externalOrderId)),
        )
      ).map((r) => r.k),
    );
    for (const s of staged) {
      if (counted.has(s.externalOrderId)) duplicateRows += 1;
      else {
        newRows += 1;
        newFen += s.amountFen;
      }
    }
    if (issueCount === 0) {
      const rows = staged.map((s) => [s.row, s.externalOrderId, sqliteDateTime(s.occurredAt), s.amountFen, s.countyId, s.productId]);
      await prisma.$transaction([
        prisma.$executeRawUnsafe(
          sql(`INSERT INTO "ImportStagingRow" ("batchId","row","externalOrderId","occurredAt","amountFen","countyId","productId")
           SELECT CAST(? AS INTEGER), CAST("value" ->> 0 AS INTEGER), "value" ->> 1, ${timestamp(`"value" ->> 2`)}, CAST("value" ->> 3 AS INTEGER),
             CAST("value" ->> 4 AS INTEGER), CAST("value" ->> 5 AS INTEGER) FROM ${jsonArrayRows("?")}`),
          batchId,
          JSON.stringify(rows),
        ),
        prisma.importBatch.update({ where: { id: batchId }, data: { processedRows: rowCount, progressAt: new Date() } }),
      ]);
    } else {
      await prisma.importBatch.update({ where: { id: batchId }, data: { processedRows: rowCount, issueCount, progressAt: new Date() } });
    }
    await pause(performance.now() - chunkStarted);
  };

  try {
    // Read here in 64 KB slices rather than in a worker: 100,000 rows would cost the event loop more to
    // receive from a thread than to parse a slice at a time between the chunks' pauses.
    for await (const { row: line, values: record } of csvRows(text, { ...DEFAULT_TABLE_LIMITS, maxRows: MAX_IMPORT_ROWS })) {
      if (columns === null) {
        const header = record.map((c) => c.trim());
        const find = (name: string) => (name ? header.indexOf(name) : -1);
        columns = { externalIdCol: find(mapping.externalIdCol), dateCol: find(mapping.dateCol), amountCol: find(mapping.amountCol), countyCol: find(mapping.countyCol), skuCol: find(mapping.skuCol) };
        const missing = (["externalIdCol", "dateCol", "amountCol"] as const).filter((k) => columns![k] < 0).map((k) => mapping[k]);
        if (columns.countyCol < 0 && columns.skuCol < 0) missing.push([mapping.countyCol, mapping.skuCol].filter(Boolean).join(" / "));
        if (missing.length > 0) {
          report({ row: 1, message: "ledger:import.missingColumns", params: { columns: missing.join(", ") } });
          return await finish({ status: "INVALID", rowCount: 0 });
        }
        continue;
      }
      rowCount += 1;
      pending.push({ row: line, values: record });
      if (pending.length >= CHUNK_ROWS) await flush();
    }
  } catch (error) {
    const problem = refusal(error);
    if (!problem) throw error;
    report({ row: Number(problem.params?.line ?? 0), ...problem });
    return await finish({ status: "INVALID", rowCount });
  }
  if (pending.length > 0) await flush();
  if (columns === null) report({ row: 0, message: "ledger:import.empty" });
  else if (rowCount === 0) report({ row: 0, message: "ledger:import.noRows" });
  if (issueCount > 0) return await finish({ status: "INVALID", rowCount });
  await finish({ status: "READY", rowCount, totalFen, newRows, newFen, duplicateRows });
}

/**
 * Makes a checked batch count: one transaction copies its staged rows into the ledger (the rollup
 * triggers follow), skipping platform orders already counted on the channel and not reversed.
 * Guarded by the batch's status, so confirming twice counts it once.
 */
export async function countBatch(batchId: number, userId: number) {
  return prisma.$transaction(async (tx) => {
    const now = sqliteDateTime(new Date());
    const claimed = await tx.importBatch.updateMany({ where: { id: batchId, status: "READY" }, data: { status: "COUNTED", countedAt: new Date() } });
    if (claimed.count === 0) return { ok: false as const };
    const inserted = await tx.$executeRawUnsafe(
      sql(`INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId","orderId","createdAt",
         "batchId","createdByUserId","productId","externalOrderId","note")
       SELECT s."occurredAt", s."amountFen", s."countyId", b."channel", 'OUTSIDE', 'IMPORT', b."id" || ':' || s."externalOrderId", NULL, ?,
         b."id", ?, s."productId", s."externalOrderId", NULL
       FROM "ImportStagingRow" s JOIN "ImportBatch" b ON b."id" = s."batchId"
       WHERE s."batchId" = ? AND NOT EXISTS (
         SELECT 1 FROM "LedgerEntry" e
         WHERE e."channel" = b."channel" AND e."externalOrderId" = s."externalOrderId" AND e."sourceType" = 'IMPORT'
           AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" r WHERE r."sourceType" = 'REVERSAL' AND r."sourceId" = 'entry:' || e."id"))
       ON CONFLICT ("sourceType","sourceId","countyId") DO NOTHING`),
      now,
      userId,
      batchId,
    );
    const [sum] = await tx.$queryRawUnsafe<{ fen: number | bigint | null }[]>(
      sql(`SELECT SUM("amountFen") AS fen FROM "LedgerEntry" WHERE "batchId" = ? AND "sourceType" = 'IMPORT'`),
      batchId,
    );
    const newFen = Number(sum?.fen ?? 0);
    const batch = await tx.importBatch.update({ where: { id: batchId }, data: { newRows: inserted, newFen }, select: { rowCount: true, channel: true } });
    await tx.importStagingRow.deleteMany({ where: { batchId } });
    await recordAudit(tx, { userId, action: "ledger.import.count", entityType: "ImportBatch", entityId: batchId, details: { channel: batch.channel, rows: batch.rowCount, counted: inserted, amountFen: newFen } });
    return { ok: true as const, counted: inserted, amountFen: newFen };
  });
}

/**
 * Takes a counted batch back out: one reversing entry per entry, with the reason; twice adds nothing.
 * Runs only inside a second administrator's confirmation (admin-approval.server.ts, ADR 029).
 */
export async function reverseBatchIn(tx: Prisma.TransactionClient, batchId: number, reason: string, people: TwoPeople) {
  const claimed = await tx.importBatch.updateMany({
    where: { id: batchId, status: "COUNTED" },
    data: { status: "REVERSED", reversedAt: new Date(), reversedByUserId: people.askedBy, reverseReason: reason },
  });
  if (claimed.count === 0) return { ok: false as const };
  const reversed = await appendReversals(tx, { batchId }, reason, people.askedBy);
  await recordAudit(tx, { userId: people.confirmedBy, action: "ledger.import.reverse", entityType: "ImportBatch", entityId: batchId, details: { reason, entries: reversed, askedBy: people.askedBy } });
  return { ok: true as const, reversed };
}

/** Drops a checked batch the administrator decided not to count. */
export async function discardBatch(batchId: number, userId: number) {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.importBatch.updateMany({ where: { id: batchId, status: { in: ["READY", "INVALID"] } }, data: { status: "DISCARDED" } });
    if (claimed.count === 0) return { ok: false as const };
    await tx.importStagingRow.deleteMany({ where: { batchId } });
    await recordAudit(tx, { userId, action: "ledger.import.discard", entityType: "ImportBatch", entityId: batchId });
    return { ok: true as const };
  });
}

export function listBatches(take = 30) {
  return prisma.importBatch.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, channel: true, fileName: true, status: true, rowCount: true, processedRows: true, newRows: true, totalFen: true, newFen: true, issueCount: true, createdAt: true },
  });
}

export async function getBatch(batchId: number) {
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  return { ...batch, issues: JSON.parse(batch.issues) as ImportIssue[], running: isImportRunning(batch) };
}
