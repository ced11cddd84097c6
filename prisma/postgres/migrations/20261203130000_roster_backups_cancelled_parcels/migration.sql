-- The SQLite migrations 20261203100000 (cancelled parcels), 20261203110000 (employee roster) and
-- 20261203120000 (backups, import progress) on PostgreSQL: tables from prisma migrate diff, rules by hand.
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "leftAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "progressAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OrganisationMember" ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RosterEntry" (
    "employeeNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "department" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterEntry_pkey" PRIMARY KEY ("employeeNo")
);

-- CreateTable
CREATE TABLE "VerificationCode" (
    "id" SERIAL NOT NULL,
    "employeeNo" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "mobile" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupRecord" (
    "id" SERIAL NOT NULL,
    "location" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationCode_employeeNo_createdAt_idx" ON "VerificationCode"("employeeNo", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE INDEX "BackupRecord_finishedAt_idx" ON "BackupRecord"("finishedAt");


-- A cancelled gift order's parcels that never left are cancelled with it (ADR 019).
ALTER TABLE "Shipment" DROP CONSTRAINT "Shipment_status_check";
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_status_check" CHECK ("status" IN ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED'));
