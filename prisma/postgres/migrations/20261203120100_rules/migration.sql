-- What the SQLite migrations write by hand beyond Prisma's schema, for PostgreSQL (ADR 025).

-- The shop's rules as constraints, as in SQLite: stock never below zero is what makes the
-- conditional decrement at checkout safe (ADR 007).
ALTER TABLE "Product" ADD CONSTRAINT "Product_priceFen_check" CHECK ("priceFen" > 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_stock_check" CHECK ("stock" >= 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_minOrderQuantity_check" CHECK ("minOrderQuantity" >= 1);
ALTER TABLE "Product" ADD CONSTRAINT "Product_casePack_check" CHECK ("casePack" >= 1);
ALTER TABLE "CartLine" ADD CONSTRAINT "CartLine_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_refundedFen_check" CHECK ("refundedFen" >= 0 AND "refundedFen" <= "totalFen");
ALTER TABLE "Order" ADD CONSTRAINT "Order_termsPaidFen_check" CHECK ("termsPaidFen" >= 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_shortageFen_check" CHECK ("shortageFen" >= 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_receivedQuantity_check" CHECK ("receivedQuantity" >= 0);
ALTER TABLE "PriceTier" ADD CONSTRAINT "PriceTier_minQuantity_check" CHECK ("minQuantity" >= 1);
ALTER TABLE "PriceTier" ADD CONSTRAINT "PriceTier_priceFen_check" CHECK ("priceFen" > 0);
ALTER TABLE "ContractPrice" ADD CONSTRAINT "ContractPrice_priceFen_check" CHECK ("priceFen" > 0);
ALTER TABLE "TermsPayment" ADD CONSTRAINT "TermsPayment_amountFen_check" CHECK ("amountFen" > 0);
ALTER TABLE "InvoiceRecord" ADD CONSTRAINT "InvoiceRecord_amountFen_check" CHECK ("amountFen" > 0);
ALTER TABLE "SupplierRating" ADD CONSTRAINT "SupplierRating_stars_check" CHECK ("stars" BETWEEN 1 AND 5);
ALTER TABLE "GiftBoxComponent" ADD CONSTRAINT "GiftBoxComponent_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "OrderGiftBox" ADD CONSTRAINT "OrderGiftBox_boxes_check" CHECK ("boxes" > 0);
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_boxes_check" CHECK ("boxes" > 0);
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_status_check" CHECK ("status" IN ('PENDING', 'SHIPPED', 'DELIVERED'));

-- The ledger is append-only (ADR 007): a correction is a new (reversing) entry, never an edit.
CREATE FUNCTION "LedgerEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LedgerEntry is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "LedgerEntry_no_update" BEFORE UPDATE ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_append_only"();
CREATE TRIGGER "LedgerEntry_no_delete" BEFORE DELETE ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_append_only"();
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry" FOR EACH STATEMENT EXECUTE FUNCTION "LedgerEntry_append_only"();

-- Rollups kept by the database in the writer's own transaction (ADR 009). Years and months are
-- Beijing time: occurredAt holds UTC, as Prisma writes it.
CREATE FUNCTION "LedgerEntry_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  beijing timestamp(3) := NEW."occurredAt" + INTERVAL '8 hours';
BEGIN
  INSERT INTO "LedgerRollup" ("year", "month", "countyId", "channel", "buyerType", "amountFen", "entryCount")
  VALUES (EXTRACT(YEAR FROM beijing), EXTRACT(MONTH FROM beijing), NEW."countyId", NEW."channel", NEW."buyerType", NEW."amountFen", 1)
  ON CONFLICT ("year", "month", "countyId", "channel", "buyerType")
  DO UPDATE SET "amountFen" = "LedgerRollup"."amountFen" + EXCLUDED."amountFen", "entryCount" = "LedgerRollup"."entryCount" + 1;
  IF NEW."productId" IS NOT NULL THEN
    INSERT INTO "LedgerProductRollup" ("year", "productId", "amountFen", "entryCount")
    VALUES (EXTRACT(YEAR FROM beijing), NEW."productId", NEW."amountFen", 1)
    ON CONFLICT ("year", "productId")
    DO UPDATE SET "amountFen" = "LedgerProductRollup"."amountFen" + EXCLUDED."amountFen", "entryCount" = "LedgerProductRollup"."entryCount" + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "LedgerEntry_rollup" AFTER INSERT ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_rollup"();

-- Product search (ADR 004 on PostgreSQL): the same four columns search.server.ts computes, as one
-- weighted tsvector (A Chinese characters, B pinyin, C initials, D English) under a GIN index. The
-- 'simple' configuration only splits on spaces and lower-cases, which is what those columns expect.
-- app/utils/sql-dialect.server.ts repeats this expression so the planner uses the index.
CREATE INDEX "Product_search_idx" ON "Product" USING GIN ((
  setweight(to_tsvector('simple', "searchChars"), 'A') ||
  setweight(to_tsvector('simple', "searchPinyin"), 'B') ||
  setweight(to_tsvector('simple', "searchInitials"), 'C') ||
  setweight(to_tsvector('simple', "searchEnglish"), 'D')
));
