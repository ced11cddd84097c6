import { createGiftBox } from "~/models/gift-box.server";
import { parseRecipientFile, placeGiftOrder, saveGiftDraft } from "~/models/gift-order.server";
import type { GiftOrderDetails } from "~/models/gift-schema";
import { beijingToday } from "~/models/org-order-schema";
import { prisma } from "~/utils/db.server";
import type { ReferenceData } from "./admin-fixtures";
import { bulkProduct, type TestOrganisation } from "./org-fixtures";

/** Welfare gift boxes for the gift tests: products, boxes, recipient files and placing. */

export async function pickupPoint(code = "HQ") {
  return prisma.pickupPoint.create({ data: { code, nameZh: "一汽总部自提点", nameEn: "FAW HQ pickup", addressZh: "长春市东风大街 8899 号", addressEn: "8899 Dongfeng St", kind: "COMPANY" } });
}

let admins = 0;
export async function giftAdmin() {
  return prisma.user.create({ data: { username: `gift-admin-${++admins}`, name: "扶贫办", role: "ADMIN", passwordHash: "x" }, select: { id: true } });
}

/** A box of the given products (sku → per-box quantity), created as an administrator would. */
export async function giftBox(adminId: number, components: { sku: string; quantity: number }[], nameZh = "春节福利礼盒") {
  const result = await createGiftBox({ nameZh, nameEn: "Spring box", descriptionZh: "", descriptionEn: "", imageUrl: "", components }, adminId);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.id;
}

/** Two products in two counties (rice ×2 and herbs ×1 per box by default). */
export async function giftProducts(ref: ReferenceData, stock = 10_000) {
  const rice = await bulkProduct(ref, { priceFen: 5_000, stock, county: "zhenlai" });
  const herbs = await bulkProduct(ref, { priceFen: 3_000, stock, county: "fengshan" });
  return { rice, herbs };
}

const HEADER = "姓名,工号,手机,地址,自提点,份数";

/** A valid recipient CSV of n rows (employee numbers G00001…), alternating address and pickup point. */
export function recipientsCsv(n: number, options: { pickupCode?: string; boxes?: (i: number) => number; prefix?: string } = {}) {
  const rows = [HEADER];
  for (let i = 1; i <= n; i++) {
    const pickup = options.pickupCode && i % 2 === 0;
    rows.push(
      [`收件人${i}`, `${options.prefix ?? "G"}${String(i).padStart(5, "0")}`, `139${String(i).padStart(8, "0")}`, pickup ? "" : `吉林省长春市东风大街 ${i} 号`, pickup ? options.pickupCode : "", options.boxes ? String(options.boxes(i)) : ""].join(","),
    );
  }
  return rows.join("\n");
}

let keys = 0;
export function giftDetails(expectedTotalFen: number, extra: Partial<GiftOrderDetails> = {}): GiftOrderDetails {
  return { checkoutKey: `gift-test-${process.pid}-${++keys}`, expectedTotalFen, poNumber: "", requestedDeliveryDate: beijingToday(), note: "", wantsInvoice: false, invoiceTitle: "", invoiceTaxNumber: "", ...extra };
}

/** Validates a CSV, keeps it as the buyer's draft and places it at `expectedTotalFen`. */
export async function placeGift(org: TestOrganisation, giftBoxId: number, csv: string, expectedTotalFen: number, userId = org.buyer.id, extra: Partial<GiftOrderDetails> = {}) {
  const parsed = await parseRecipientFile("recipients.csv", new TextEncoder().encode(csv));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  await saveGiftDraft(org.id, userId, giftBoxId, "recipients.csv", parsed.recipients);
  return placeGiftOrder({ organisationId: org.id, userId, details: giftDetails(expectedTotalFen, extra) });
}
