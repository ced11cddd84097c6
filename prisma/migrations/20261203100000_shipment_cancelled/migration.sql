-- A gift order cancelled (or refunded and restocked) before its parcels left: the parcels that were
-- waiting become CANCELLED in the same commit (ADR 019), instead of showing "to ship" for ever.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shipment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "recipientName" TEXT NOT NULL,
    "employeeNo" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "addressText" TEXT NOT NULL DEFAULT '',
    "pickupPointId" INTEGER,
    "boxes" INTEGER NOT NULL CHECK ("boxes" > 0),
    "status" TEXT NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    "carrier" TEXT NOT NULL DEFAULT '',
    "trackingNumber" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shippedAt" DATETIME,
    "deliveredAt" DATETIME,
    CONSTRAINT "Shipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shipment_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Shipment" ("id", "orderId", "row", "recipientName", "employeeNo", "mobile", "addressText", "pickupPointId", "boxes", "status", "carrier", "trackingNumber", "createdAt", "shippedAt", "deliveredAt")
SELECT "id", "orderId", "row", "recipientName", "employeeNo", "mobile", "addressText", "pickupPointId", "boxes", "status", "carrier", "trackingNumber", "createdAt", "shippedAt", "deliveredAt" FROM "Shipment";
DROP TABLE "Shipment";
ALTER TABLE "new_Shipment" RENAME TO "Shipment";
CREATE INDEX "Shipment_orderId_row_idx" ON "Shipment"("orderId", "row");
CREATE INDEX "Shipment_employeeNo_idx" ON "Shipment"("employeeNo");
CREATE UNIQUE INDEX "Shipment_orderId_employeeNo_key" ON "Shipment"("orderId", "employeeNo");
-- Orders cancelled before this change keep no parcel waiting.
UPDATE "Shipment" SET "status" = 'CANCELLED' WHERE "status" = 'PENDING' AND "orderId" IN (SELECT "id" FROM "Order" WHERE "status" = 'CANCELLED');
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
