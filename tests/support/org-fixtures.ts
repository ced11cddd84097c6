import { creditCodeCheckCharacter } from "~/models/organisation-schema";
import { saveDraftRows } from "~/models/org-order-lines.server";
import { beijingToday, type OrderDetailsInput } from "~/models/org-order-schema";
import { placeOrgOrder } from "~/models/org-order.server";
import { hashPassword } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, type ReferenceData } from "./admin-fixtures";

/** Organisations, their members and bulk-order products for the organisation-order tests. */
const PASSWORD = "bulk-buyer-password-2026";
let passwordHash: Promise<string> | undefined;
let made = 0;

export const createOrgShop = createReferenceData;

export async function member(label: string) {
  passwordHash ??= hashPassword(PASSWORD);
  const n = ++made;
  const employeeNo = `B${process.pid % 10000}${n}`.slice(0, 10);
  const mobile = `139${String(process.pid % 10000).padStart(4, "0")}${String(n).padStart(4, "0")}`;
  // Every employee is on the roster (issue 10), with the mobile gifts and codes go to.
  await prisma.rosterEntry.create({ data: { employeeNo, name: `${label}${n}`, mobile } });
  const user = await prisma.user.create({
    data: { username: `${label}-${n}`, employeeNo, name: `${label}${n}`, mobile, role: "EMPLOYEE", passwordHash: await passwordHash },
    select: { id: true, username: true },
  });
  return { id: user.id, cookie: await cookieFor({ username: user.username, password: PASSWORD }) };
}

export type OrgSettings = { kind?: string; paymentTerms?: "PAY_NOW" | "ON_TERMS"; creditLimitFen?: number; approvalThresholdFen?: number | null; termDays?: number };

/** An approved organisation with a buyer, an approver and an org admin, and one delivery location. */
export async function organisationWithMembers(settings: OrgSettings = {}) {
  const n = ++made;
  const first17 = `9122010100000${String(n).padStart(4, "0")}`;
  const [buyer, approver, admin] = [await member("buyer"), await member("approver"), await member("orgadmin")];
  const organisation = await prisma.organisation.create({
    data: {
      name: `单位${n}`,
      kind: settings.kind ?? "CANTEEN",
      creditCode: first17 + creditCodeCheckCharacter(first17),
      contactName: "王芳",
      contactMobile: "13800020002",
      status: "APPROVED",
      paymentTerms: settings.paymentTerms ?? "PAY_NOW",
      termDays: settings.termDays ?? 30,
      creditLimitFen: settings.creditLimitFen ?? 0,
      approvalThresholdFen: settings.approvalThresholdFen === undefined ? null : settings.approvalThresholdFen,
      members: { create: [{ userId: buyer.id, role: "BUYER" }, { userId: approver.id, role: "APPROVER" }, { userId: admin.id, role: "ORG_ADMIN" }] },
      locations: { create: { name: "一食堂", address: "长春市东风大街 1 号", contactName: "王芳", contactMobile: "13800020002" } },
    },
    select: { id: true, locations: { select: { id: true } } },
  });
  return { id: organisation.id, locationId: organisation.locations[0]!.id, buyer, approver, admin };
}
export type TestOrganisation = Awaited<ReturnType<typeof organisationWithMembers>>;

export async function bulkProduct(ref: ReferenceData, fields: { sku?: string; priceFen?: number; stock?: number; minOrderQuantity?: number; casePack?: number; county?: "zhenlai" | "fengshan" } = {}) {
  const n = ++made;
  const county = fields.county ?? "zhenlai";
  return prisma.product.create({
    data: {
      sku: fields.sku ?? `BULK-${n}`,
      slug: `bulk-${n}`,
      nameZh: `批量商品${n}`,
      spec: "5kg/袋",
      priceFen: fields.priceFen ?? 1000,
      stock: fields.stock ?? 1000,
      minOrderQuantity: fields.minOrderQuantity ?? 1,
      casePack: fields.casePack ?? 1,
      categoryId: ref.rice.id,
      countyId: ref[county].id,
      supplierId: county === "zhenlai" ? ref.zhenlaiCoop.id : ref.fengshanCoop.id,
    },
  });
}

let keys = 0;

export function details(org: TestOrganisation, expectedTotalFen: number, extra: Partial<OrderDetailsInput> = {}): OrderDetailsInput {
  return {
    checkoutKey: `org-test-${process.pid}-${++keys}`,
    expectedTotalFen,
    poNumber: "PO-1",
    deliveryLocationId: org.locationId,
    requestedDeliveryDate: beijingToday(),
    deliveryWindow: "08:00-10:00",
    note: "",
    wantsInvoice: false,
    invoiceTitle: "",
    invoiceTaxNumber: "",
    ...extra,
  };
}

/** Puts lines in the buyer's grid and places them at the total they cost (as the review page would). */
export async function placeFor(org: TestOrganisation, lines: { sku: string; quantity: number; priceFen: number }[], extra: Partial<OrderDetailsInput> = {}, userId = org.buyer.id) {
  await saveDraftRows(org.id, userId, lines.map((l) => ({ sku: l.sku, quantity: String(l.quantity) })));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.priceFen, 0);
  return placeOrgOrder({ organisationId: org.id, userId, details: details(org, total, extra) });
}
