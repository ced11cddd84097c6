-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN "batchId" INTEGER;
ALTER TABLE "LedgerEntry" ADD COLUMN "createdByUserId" INTEGER;
ALTER TABLE "LedgerEntry" ADD COLUMN "externalOrderId" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "note" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "productId" INTEGER;

-- CreateTable
CREATE TABLE "LedgerRollup" (
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "buyerType" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "entryCount" INTEGER NOT NULL,

    PRIMARY KEY ("year", "month", "countyId", "channel", "buyerType")
);

-- CreateTable
CREATE TABLE "LedgerProductRollup" (
    "year" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "entryCount" INTEGER NOT NULL,

    PRIMARY KEY ("year", "productId")
);

-- CreateTable
CREATE TABLE "ReliefTarget" (
    "year" INTEGER NOT NULL PRIMARY KEY,
    "totalFen" INTEGER NOT NULL,
    "purchaseFen" INTEGER,
    "helpedSalesFen" INTEGER,
    "updatedByUserId" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlatformMapping" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "externalIdCol" TEXT NOT NULL,
    "dateCol" TEXT NOT NULL,
    "amountCol" TEXT NOT NULL,
    "countyCol" TEXT NOT NULL,
    "skuCol" TEXT NOT NULL,
    "updatedByUserId" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'VALIDATING',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "newRows" INTEGER NOT NULL DEFAULT 0,
    "duplicateRows" INTEGER NOT NULL DEFAULT 0,
    "totalFen" INTEGER NOT NULL DEFAULT 0,
    "newFen" INTEGER NOT NULL DEFAULT 0,
    "issues" TEXT NOT NULL DEFAULT '[]',
    "issueCount" INTEGER NOT NULL DEFAULT 0,
    "createdByUserId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countedAt" DATETIME,
    "reversedAt" DATETIME,
    "reversedByUserId" INTEGER,
    "reverseReason" TEXT
);

-- CreateTable
CREATE TABLE "ImportStagingRow" (
    "batchId" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "externalOrderId" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "productId" INTEGER,

    PRIMARY KEY ("batchId", "row"),
    CONSTRAINT "ImportStagingRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportBatch_createdAt_idx" ON "ImportBatch"("createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_channel_occurredAt_idx" ON "LedgerEntry"("channel", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_buyerType_occurredAt_idx" ON "LedgerEntry"("buyerType", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_batchId_idx" ON "LedgerEntry"("batchId");

-- CreateIndex
CREATE INDEX "LedgerEntry_channel_externalOrderId_idx" ON "LedgerEntry"("channel", "externalOrderId");


-- Rollups (docs/decisions/009): kept by the database itself, so every writer of LedgerEntry — the
-- order code, imports, offline sales, code not yet written — updates them in its own transaction.
-- Years and months are Beijing time (UTC+8), as the office reports them.
CREATE TRIGGER "LedgerEntry_rollup" AFTER INSERT ON "LedgerEntry" BEGIN
  INSERT INTO "LedgerRollup" ("year", "month", "countyId", "channel", "buyerType", "amountFen", "entryCount")
  VALUES (CAST(strftime('%Y', NEW."occurredAt", '+8 hours') AS INTEGER), CAST(strftime('%m', NEW."occurredAt", '+8 hours') AS INTEGER),
          NEW."countyId", NEW."channel", NEW."buyerType", NEW."amountFen", 1)
  ON CONFLICT ("year", "month", "countyId", "channel", "buyerType")
  DO UPDATE SET "amountFen" = "amountFen" + excluded."amountFen", "entryCount" = "entryCount" + 1;
END;

CREATE TRIGGER "LedgerEntry_product_rollup" AFTER INSERT ON "LedgerEntry" WHEN NEW."productId" IS NOT NULL BEGIN
  INSERT INTO "LedgerProductRollup" ("year", "productId", "amountFen", "entryCount")
  VALUES (CAST(strftime('%Y', NEW."occurredAt", '+8 hours') AS INTEGER), NEW."productId", NEW."amountFen", 1)
  ON CONFLICT ("year", "productId")
  DO UPDATE SET "amountFen" = "amountFen" + excluded."amountFen", "entryCount" = "entryCount" + 1;
END;

-- Entries written before this migration.
INSERT INTO "LedgerRollup" ("year", "month", "countyId", "channel", "buyerType", "amountFen", "entryCount")
SELECT CAST(strftime('%Y', "occurredAt", '+8 hours') AS INTEGER), CAST(strftime('%m', "occurredAt", '+8 hours') AS INTEGER),
       "countyId", "channel", "buyerType", SUM("amountFen"), COUNT(*)
FROM "LedgerEntry" GROUP BY 1, 2, 3, 4, 5;
