-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN "receivedQuantity" INTEGER CHECK ("receivedQuantity" >= 0);

-- CreateTable
CREATE TABLE "OrgOrderDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "rows" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrgOrderDraft_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedList" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SavedList_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedListLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "listId" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "SavedListLine_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SavedList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TermsPayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL CHECK ("amountFen" > 0),
    "receivedOn" TEXT NOT NULL,
    "bankReference" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TermsPayment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TermsPayment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL CHECK ("amountFen" > 0),
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InvoiceRecord_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupplierRating" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL CHECK ("stars" BETWEEN 1 AND 5),
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupplierRating_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SupplierRating_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Organisation orders are Order rows: columns are added, never a table rebuild (ADR 011).
ALTER TABLE "Order" ADD COLUMN "organisationId" INTEGER REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Order" ADD COLUMN "poNumber" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "deliveryLocationId" INTEGER REFERENCES "DeliveryLocation" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Order" ADD COLUMN "requestedDeliveryDate" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "deliveryWindow" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "invoiceTitle" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "invoiceTaxNumber" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "paymentTerms" TEXT NOT NULL DEFAULT 'PAY_NOW';
ALTER TABLE "Order" ADD COLUMN "dueDate" DATETIME;
ALTER TABLE "Order" ADD COLUMN "approvalStatus" TEXT NOT NULL DEFAULT 'NONE';
ALTER TABLE "Order" ADD COLUMN "approverId" INTEGER;
ALTER TABLE "Order" ADD COLUMN "decidedAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "decisionReason" TEXT NOT NULL DEFAULT '';
-- What is still owed on terms can never go below zero.
ALTER TABLE "Order" ADD COLUMN "termsPaidFen" INTEGER NOT NULL DEFAULT 0 CHECK ("termsPaidFen" >= 0);
ALTER TABLE "Order" ADD COLUMN "shortageFen" INTEGER NOT NULL DEFAULT 0 CHECK ("shortageFen" >= 0);
ALTER TABLE "Order" ADD COLUMN "receivedAt" DATETIME;
CREATE INDEX "Order_organisationId_status_idx" ON "Order"("organisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OrgOrderDraft_organisationId_userId_key" ON "OrgOrderDraft"("organisationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SavedList_organisationId_name_key" ON "SavedList"("organisationId", "name");

-- CreateIndex
CREATE INDEX "SavedListLine_listId_position_idx" ON "SavedListLine"("listId", "position");

-- CreateIndex
CREATE INDEX "TermsPayment_orderId_idx" ON "TermsPayment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "TermsPayment_organisationId_bankReference_key" ON "TermsPayment"("organisationId", "bankReference");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceRecord_number_key" ON "InvoiceRecord"("number");

-- CreateIndex
CREATE INDEX "InvoiceRecord_orderId_idx" ON "InvoiceRecord"("orderId");

-- CreateIndex
CREATE INDEX "SupplierRating_supplierId_createdAt_idx" ON "SupplierRating"("supplierId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupplierRating_orderId_supplierId_key" ON "SupplierRating"("orderId", "supplierId");
