-- Requests that wait for a second administrator (issue 10 §5, ADR 029).
-- CreateTable
CREATE TABLE "AdminApproval" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requestedById" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "refusal" TEXT,
    CONSTRAINT "AdminApproval_status_check" CHECK ("status" IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    CONSTRAINT "AdminApproval_kind_check" CHECK ("kind" IN ('REFUND', 'LEDGER_ADJUSTMENT', 'LEDGER_REVERSAL', 'IMPORT_REVERSAL')),
    CONSTRAINT "AdminApproval_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AdminApproval_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminApproval_requestKey_key" ON "AdminApproval"("requestKey");

-- CreateIndex
CREATE INDEX "AdminApproval_status_requestedAt_idx" ON "AdminApproval"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "AdminApproval_subject_idx" ON "AdminApproval"("subject");

