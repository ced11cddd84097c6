-- Welfare gift boxes (ADR 014): new tables only; no existing table is redefined.
-- CreateTable
CREATE TABLE "GiftBox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "descriptionZh" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "imageUrl" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GiftBoxComponent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "giftBoxId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL CHECK ("quantity" > 0),
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "GiftBoxComponent_giftBoxId_fkey" FOREIGN KEY ("giftBoxId") REFERENCES "GiftBox" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GiftBoxComponent_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderGiftBox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "giftBoxId" INTEGER NOT NULL,
    "boxes" INTEGER NOT NULL CHECK ("boxes" > 0),
    "unitPriceFen" INTEGER NOT NULL,
    CONSTRAINT "OrderGiftBox_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderGiftBox_giftBoxId_fkey" FOREIGN KEY ("giftBoxId") REFERENCES "GiftBox" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "recipientName" TEXT NOT NULL,
    "employeeNo" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "addressText" TEXT NOT NULL DEFAULT '',
    "pickupPointId" INTEGER,
    "boxes" INTEGER NOT NULL CHECK ("boxes" > 0),
    "status" TEXT NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'SHIPPED', 'DELIVERED')),
    "carrier" TEXT NOT NULL DEFAULT '',
    "trackingNumber" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shippedAt" DATETIME,
    "deliveredAt" DATETIME,
    CONSTRAINT "Shipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shipment_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GiftOrderDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "giftBoxId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "recipients" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GiftOrderDraft_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GiftOrderDraft_giftBoxId_fkey" FOREIGN KEY ("giftBoxId") REFERENCES "GiftBox" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "GiftBoxComponent_productId_idx" ON "GiftBoxComponent"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "GiftBoxComponent_giftBoxId_productId_key" ON "GiftBoxComponent"("giftBoxId", "productId");

-- CreateIndex
CREATE INDEX "OrderGiftBox_giftBoxId_idx" ON "OrderGiftBox"("giftBoxId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderGiftBox_orderId_giftBoxId_key" ON "OrderGiftBox"("orderId", "giftBoxId");

-- CreateIndex
CREATE INDEX "Shipment_orderId_row_idx" ON "Shipment"("orderId", "row");

-- CreateIndex
CREATE INDEX "Shipment_employeeNo_idx" ON "Shipment"("employeeNo");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_orderId_employeeNo_key" ON "Shipment"("orderId", "employeeNo");

-- CreateIndex
CREATE UNIQUE INDEX "GiftOrderDraft_organisationId_userId_key" ON "GiftOrderDraft"("organisationId", "userId");

