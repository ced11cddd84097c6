-- Employee roster, one-time registration codes, SMS outbox, 离职 (issue 10, ADR 021).
-- AlterTable
ALTER TABLE "User" ADD COLUMN "leftAt" DATETIME;

-- AlterTable
ALTER TABLE "OrganisationMember" ADD COLUMN "suspendedAt" DATETIME;

-- CreateTable
CREATE TABLE "RosterEntry" (
    "employeeNo" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "department" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VerificationCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeNo" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "mobile" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "VerificationCode_employeeNo_createdAt_idx" ON "VerificationCode"("employeeNo", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");


-- Existing employees stay able to sign in: each account with a 工号 and a mobile is on the roster as 在职,
-- with the name and mobile it has today.
INSERT INTO "RosterEntry" ("employeeNo", "name", "mobile", "department", "status", "createdAt", "updatedAt")
SELECT "employeeNo", "name", "mobile", '', 'ACTIVE', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "User" WHERE "role" = 'EMPLOYEE' AND "employeeNo" IS NOT NULL AND "mobile" IS NOT NULL;
