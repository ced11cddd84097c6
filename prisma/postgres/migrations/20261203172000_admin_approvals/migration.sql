-- The SQLite migration 20261203172000 (requests that wait for a second administrator, ADR 029) on PostgreSQL.
-- CreateTable
CREATE TABLE "AdminApproval" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "refusal" TEXT,

    CONSTRAINT "AdminApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminApproval_requestKey_key" ON "AdminApproval"("requestKey");

-- CreateIndex
CREATE INDEX "AdminApproval_status_requestedAt_idx" ON "AdminApproval"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "AdminApproval_subject_idx" ON "AdminApproval"("subject");

-- AddForeignKey
ALTER TABLE "AdminApproval" ADD CONSTRAINT "AdminApproval_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminApproval" ADD CONSTRAINT "AdminApproval_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The rules, as in SQLite.
ALTER TABLE "AdminApproval" ADD CONSTRAINT "AdminApproval_status_check" CHECK ("status" IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'));
ALTER TABLE "AdminApproval" ADD CONSTRAINT "AdminApproval_kind_check" CHECK ("kind" IN ('REFUND', 'LEDGER_ADJUSTMENT', 'LEDGER_REVERSAL', 'IMPORT_REVERSAL'));
