-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN "progressAt" DATETIME;

-- CreateTable
CREATE TABLE "BackupRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "location" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "finishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "BackupRecord_finishedAt_idx" ON "BackupRecord"("finishedAt");

