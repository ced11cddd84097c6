import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { readUploadedTable, type TableRow } from "~/utils/uploaded-table.server";
import { EMPLOYEE_NO_PATTERN, MOBILE_PATTERN } from "./account-schema";
import { recordAudit } from "./audit.server";
import { rosterEntry } from "./roster.server";
import { componentsSellable, getGiftBox, priceGiftBoxes } from "./gift-box.server";
import { MAX_BOXES_PER_RECIPIENT, MAX_RECIPIENTS, SHIPMENTS_PAGE_SIZE, type GiftOrderDetails, type ShipInput, type ShipmentStatus } from "./gift-schema";
import { GOODS_COMMITTED, TRANSITIONS } from "./order-transitions";
import { placeForOrganisation, Refused } from "./org-order.server";
import { markDelivered, markShipped } from "./order.server";
import { sqliteDateTime } from "./ledger.server";

/**
 * Welfare gift orders (ADR 014): a member of an organisation uploads a recipient file for one gift
 * box; the whole file is validated (every bad row listed, nothing kept unless all rows are good) and
 * kept as a server-side draft; the review prices it by the one rule; placing makes ONE order whose
 * lines are the box's components × boxes (so stock, ledger and refunds work as for any order), one
 * OrderGiftBox row and one Shipment per recipient, all in one exclusive transaction.
 */

// —— The recipient file ——

export type Recipient = {
  row: number;
  name: string;
  employeeNo: string;
  mobile: string;
  address: string;
  pickupPointId: number | null;
  pickupCode: string;
  boxes: number;
};
export type RecipientField = "name" | "employeeNo" | "mobile" | "address" | "pickupCode" | "boxes";
/** One problem of the file: its spreadsheet row (header = 1; 0 = the file as a whole) and an i18n key. */
export type RecipientProblem = { row: number; field?: RecipientField; message: string; params?: Record<string, string | number> };
export type RecipientFileResult = { ok: true; recipients: Recipient[]; boxes: number } | { ok: false; problems: RecipientProblem[] };

// Header words in both languages; "姓名/name" in one cell is read as either.
const HEADERS: Record<RecipientField, string[]> = {
  name: ["姓名", "收件人", "name", "recipient"],
  employeeNo: ["工号", "员工号", "employeenumber", "employeeno", "employee"],
  mobile: ["手机", "手机号", "手机号码", "mobile", "phone"],
  address: ["地址", "收货地址", "address"],
  pickupCode: ["自提点", "自提点代码", "pickuppoint", "pickuppointcode", "pickup", "pickupcode"],
  boxes: ["份数", "数量", "boxes", "quantity"],
};

function columnOf(header: string): RecipientField | null {
  for (const part of header.split("/")) {
    const word = part.toLowerCase().replace(/[\s_()（）-]/g, "");
    for (const [field, words] of Object.entries(HEADERS)) if (words.includes(word)) return field as RecipientField;
  }
  return null;
}

/** Non-blank rows of text, numbered as the spreadsheet numbers them; the row limit allows a header. */
async function readCells(fileName: string, bytes: Uint8Array): Promise<TableRow[] | RecipientProblem> {
  const table = await readUploadedTable({ name: fileName, bytes }, { maxRows: MAX_RECIPIENTS });
  return table.ok ? table.rows : { row: 0, ...table.problem };
}

/**
 * Reads and checks a recipient file (CSV in UTF-8, with or without BOM, or GB18030; or XLSX, first
 * sheet). Every row is checked and every problem reported with its row number; a file with any
 * problem yields no recipients at all. Two queries (pickup points) however many rows.
 */
export async function parseRecipientFile(fileName: string, bytes: Uint8Array): Promise<RecipientFileResult> {
  const cells = await readCells(fileName, bytes);
  if (!Array.isArray(cells)) return { ok: false, problems: [cells] };
  const header = cells[0];
  if (!header) return { ok: false, problems: [{ row: 0, message: "gifts:file.empty" }] };
  const columns = new Map<RecipientField, number>();
  header.values.forEach((h, i) => {
    const field = columnOf(h.trim());
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing = (["name", "employeeNo", "mobile"] as const).filter((f) => !columns.has(f));
  if (missing.length > 0 || (!columns.has("address") && !columns.has("pickupCode"))) {
    return { ok: false, problems: [{ row: header.row, message: "gifts:file.header" }] };
  }
  const dataRows = cells.slice(1);
  if (dataRows.length === 0) return { ok: false, problems: [{ row: 0, message: "gifts:file.noRecipients" }] };

  const pickupPoints = await prisma.pickupPoint.findMany({ where: { active: true }, select: { id: true, code: true } });
  const pickupByCode = new Map(pickupPoints.map((p) => [p.code.toUpperCase(), p.id]));
  const problems: RecipientProblem[] = [];
  const firstRowOf = new Map<string, number>();
  const recipients: Recipient[] = [];
  let boxes = 0;
  for (const { row, values } of dataRows) {
    const cell = (field: RecipientField) => {
      const index = columns.get(field);
      return index === undefined ? "" : (values[index] ?? "").trim();
    };
    const problem = (field: RecipientField, message: string, params: Record<string, string | number> = {}) => problems.push({ row, field, message, params: { row, ...params } });
    const before = problems.length;

    const name = cell("name");
    if (name === "") problem("name", "gifts:rowErrors.nameMissing");
    else if (name.length > 50) problem("name", "gifts:rowErrors.nameTooLong");

    const employeeNo = cell("employeeNo").toUpperCase();
    if (employeeNo === "") problem("employeeNo", "gifts:rowErrors.employeeNoMissing");
    else if (!EMPLOYEE_NO_PATTERN.test(employeeNo)) problem("employeeNo", "gifts:rowErrors.employeeNo", { value: employeeNo.slice(0, 20) });
    else if (firstRowOf.has(employeeNo)) problem("employeeNo", "gifts:rowErrors.duplicate", { value: employeeNo, firstRow: firstRowOf.get(employeeNo)! });
    else firstRowOf.set(employeeNo, row);

    // Spaces and hyphens typed inside a number (138 0001 0001) are dropped, as on the account forms.
    const mobile = cell("mobile").replace(/[\s-]/g, "");
    if (mobile === "") problem("mobile", "gifts:rowErrors.mobileMissing");
    else if (!MOBILE_PATTERN.test(mobile)) problem("mobile", "gifts:rowErrors.mobile", { value: mobile.slice(0, 20) });

    const address = cell("address");
    const pickupCode = cell("pickupCode").toUpperCase();
    let pickupPointId: number | null = null;
    if (address !== "" && pickupCode !== "") problem("address", "gifts:rowErrors.addressAndPickup");
    else if (pickupCode !== "") {
      pickupPointId = pickupByCode.get(pickupCode) ?? null;
      if (pickupPointId === null) problem("pickupCode", "gifts:rowErrors.pickupCode", { value: pickupCode.slice(0, 20) });
    } else if (address === "") problem("address", "gifts:rowErrors.addressMissing");
    else if (address.length < 6) problem("address", "gifts:rowErrors.addressShort");
    else if (address.length > 200) problem("address", "gifts:rowErrors.addressTooLong");

    const boxesText = cell("boxes");
    const count = boxesText === "" ? 1 : /^\d{1,3}$/.test(boxesText) ? Number(boxesText) : NaN;
    if (!(count >= 1 && count <= MAX_BOXES_PER_RECIPIENT)) problem("boxes", "gifts:rowErrors.boxes", { value: boxesText.slice(0, 10), max: MAX_BOXES_PER_RECIPIENT });

    if (problems.length === before) {
      recipients.push({ row, name, employeeNo, mobile, address, pickupPointId, pickupCode, boxes: count });
      boxes += count;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, recipients, boxes };
}

// —— The draft: the chosen box and the validated recipients, kept until the order is placed ——

export async function saveGiftDraft(organisationId: number, userId: number, giftBoxId: number, fileName: string, recipients: Recipient[]) {
  const json = JSON.stringify(recipients);
  // The recipients (up to 700 KB for 5,000) go in by a raw statement: through the query builder the
  // same text took 2.5× as long on the event loop (100 ms), holding every other shopper meanwhile.
  await prisma.$transaction([
    prisma.giftOrderDraft.upsert({
      where: { organisationId_userId: { organisationId, userId } },
      create: { organisationId, userId, giftBoxId, fileName: fileName.slice(0, 200) },
      update: { giftBoxId, fileName: fileName.slice(0, 200) },
    }),
    prisma.$executeRaw`UPDATE "GiftOrderDraft" SET "recipients" = ${json} WHERE "organisationId" = ${organisationId} AND "userId" = ${userId}`,
  ]);
}

export async function discardGiftDraft(organisationId: number, userId: number) {
  await prisma.giftOrderDraft.deleteMany({ where: { organisationId, userId } });
}

async function readDraft(organisationId: number, userId: number, db: Prisma.TransactionClient | typeof prisma = prisma) {
  const draft = await db.giftOrderDraft.findUnique({ where: { organisationId_userId: { organisationId, userId } }, select: { giftBoxId: true, fileName: true, recipients: true, updatedAt: true } });
  if (!draft) return null;
  const recipients = JSON.parse(draft.recipients) as Recipient[];
  return { ...draft, recipients, boxes: recipients.reduce((sum, r) => sum + r.boxes, 0) };
}

/**
 * What the review step shows and the order will charge: the box, its components for this many boxes
 * priced by the one rule, the total, and whether the stock is there now. Null when there is no draft.
 */
export async function reviewGiftDraft(organisationId: number, userId: number) {
  const draft = await readDraft(organisationId, userId);
  if (!draft) return null;
  const box = await getGiftBox(draft.giftBoxId);
  if (!box) return null;
  const price = await priceGiftBoxes(organisationId, box.components, draft.boxes);
  return {
    box,
    fileName: draft.fileName,
    recipients: draft.recipients,
    boxes: draft.boxes,
    price,
    enoughStock: box.status === "ACTIVE" && box.available >= draft.boxes,
  };
}

// —— Placing ——

export type PlaceGiftOrderResult =
  | { ok: true; order: { id: number; number: string; totalFen: number; status: string }; replayed: boolean }
  | { ok: false; reason: "no-draft" | "not-approved" | "box-unavailable" | "stock" }
  | { ok: false; reason: "prices-changed"; totalFen: number }
  | { ok: false; reason: "over-credit-limit"; availableFen: number };

// Rows per multi-row INSERT: 13 values each, well under SQLite's 32,766 bound variables.
const SHIPMENT_CHUNK = 500;

/**
 * Places the member's gift draft as one order. The caller has checked membership (BUYER/ORG_ADMIN of
 * an approved organisation). The steps every organisation order shares (approval threshold, credit
 * limit, pay-now/on-terms, stock taken for all boxes at once, idempotency by checkoutKey) are
 * placeForOrganisation's; this adds the box, its price and one shipment per recipient to the same
 * exclusive transaction, so another order sharing a component either fits in what is left or fails
 * as a whole.
 */
export async function placeGiftOrder(input: { organisationId: number; userId: number; details: GiftOrderDetails }, now = new Date()): Promise<PlaceGiftOrderResult> {
  const { organisationId, userId, details } = input;
  return placeForOrganisation<{ ok: false; reason: "no-draft" | "box-unavailable" | "stock" }>({
    kind: "gift",
    organisationId,
    userId,
    details,
    now,
    conflict: { ok: false, reason: "no-draft" },
    shortage: async () => ({ ok: false, reason: "stock" }),
    async basket(tx, organisation) {
      const draft = await readDraft(organisationId, userId, tx);
      if (!draft) throw new Refused({ ok: false, reason: "no-draft" });
      const box = await getGiftBox(draft.giftBoxId, tx);
      if (!box || box.status !== "ACTIVE" || !componentsSellable(box.components)) throw new Refused({ ok: false, reason: "box-unavailable" });
      const price = await priceGiftBoxes(organisationId, box.components, draft.boxes, tx);
      if (!price.ok) throw new Refused({ ok: false, reason: "box-unavailable" });
      const components = new Map(box.components.map((c) => [c.productId, c.product]));
      return {
        totalFen: price.totalFen,
        lines: price.lines.map((l) => ({ ...components.get(l.productId)!, ...l })),
        order: {
          // Each recipient's address is on their shipment; the order names the organisation's contact.
          recipient: organisation.contactName,
          mobile: organisation.contactMobile,
        },
        async afterCreate(tx2, orderId) {
          await tx2.orderGiftBox.create({ data: { orderId, giftBoxId: box.id, boxes: draft.boxes, unitPriceFen: price.unitPriceFen } });
          // 5,000 shipments: multi-row INSERTs in chunks, inside the same transaction.
          const createdAt = sqliteDateTime(now);
          for (let start = 0; start < draft.recipients.length; start += SHIPMENT_CHUNK) {
            const chunk = draft.recipients.slice(start, start + SHIPMENT_CHUNK);
            await tx2.$executeRawUnsafe(
              `INSERT INTO "Shipment" ("orderId", "row", "recipientName", "employeeNo", "mobile", "addressText", "pickupPointId", "boxes", "createdAt") VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
              ...chunk.flatMap((r) => [orderId, r.row, r.name, r.employeeNo, r.mobile, r.address, r.pickupPointId, r.boxes, createdAt]),
            );
          }
          await tx2.giftOrderDraft.deleteMany({ where: { organisationId, userId } });
        },
        audit: { action: "organisation.giftOrder.place", details: { organisationId, giftBoxId: box.id, boxes: draft.boxes, recipients: draft.recipients.length } },
      };
    },
  });
}

// —— Reading shipments ——

/** The gift box of an order (null for an ordinary order). */
export function giftOfOrder(orderId: number) {
  return prisma.orderGiftBox.findFirst({ where: { orderId }, select: { boxes: true, unitPriceFen: true, giftBox: { select: { id: true, nameZh: true, nameEn: true } } } });
}

/** One page of an order's shipments (by file row), with counts per status. */
export async function listShipments(orderId: number, options: { page?: number; status?: ShipmentStatus | null; q?: string } = {}) {
  const q = options.q?.trim().toUpperCase() ?? "";
  const where: Prisma.ShipmentWhereInput = {
    orderId,
    ...(options.status ? { status: options.status } : {}),
    ...(q ? { OR: [{ employeeNo: { contains: q } }, { recipientName: { contains: options.q!.trim() } }, { trackingNumber: { contains: q } }] } : {}),
  };
  const [total, counts] = await Promise.all([prisma.shipment.count({ where }), prisma.shipment.groupBy({ by: ["status"], where: { orderId }, _count: true })]);
  const pages = Math.max(1, Math.ceil(total / SHIPMENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  const shipments = await prisma.shipment.findMany({
    where,
    orderBy: { row: "asc" },
    skip: (page - 1) * SHIPMENTS_PAGE_SIZE,
    take: SHIPMENTS_PAGE_SIZE,
    select: {
      id: true,
      row: true,
      recipientName: true,
      employeeNo: true,
      mobile: true,
      addressText: true,
      boxes: true,
      status: true,
      carrier: true,
      trackingNumber: true,
      shippedAt: true,
      deliveredAt: true,
      pickupPoint: { select: { code: true, nameZh: true, nameEn: true } },
    },
  });
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<ShipmentStatus, number>>;
  return { shipments, total, page, pages, byStatus, all: Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0) };
}

/**
 * The gift shipments addressed to a signed-in employee: those whose 工号 AND mobile are the roster's
 * for the account's 工号 (ADR 021), and only those; someone not 在职 on the roster sees none. The
 * recipient sees their own row, the box and the sending organisation, never the order's other
 * recipients or its money; and only once the order is paid or confirmed on terms (a parcel that has
 * left stays visible whatever happens to the order after), never a cancelled one.
 */
export async function shipmentsForUser(userId: number) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { employeeNo: true } });
  const employeeNo = user?.employeeNo ?? null;
  const person = employeeNo ? await rosterEntry(employeeNo) : null;
  if (!person || person.status !== "ACTIVE") return { employeeNo, shipments: [] };
  const shipments = await prisma.shipment.findMany({
    where: {
      employeeNo: person.employeeNo,
      mobile: person.mobile,
      status: { not: "CANCELLED" },
      OR: [{ order: { status: { in: [...GOODS_COMMITTED] } } }, { status: { in: ["SHIPPED", "DELIVERED"] } }],
    },
    orderBy: { id: "desc" },
    take: 50,
    select: {
      id: true,
      recipientName: true,
      addressText: true,
      boxes: true,
      status: true,
      carrier: true,
      trackingNumber: true,
      createdAt: true,
      shippedAt: true,
      deliveredAt: true,
      pickupPoint: { select: { nameZh: true, nameEn: true, addressZh: true, addressEn: true } },
      order: { select: { organisation: { select: { name: true } }, giftBoxes: { select: { giftBox: { select: { nameZh: true, nameEn: true } } } } } },
    },
  });
  return { employeeNo, shipments };
}

/** Gift orders for the administrators' list, newest first, with shipment progress. */
export async function listGiftOrdersForAdmin(take = 50) {
  const orders = await prisma.order.findMany({
    where: { giftBoxes: { some: {} } },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      number: true,
      status: true,
      totalFen: true,
      createdAt: true,
      organisation: { select: { name: true } },
      giftBoxes: { select: { boxes: true, giftBox: { select: { nameZh: true, nameEn: true } } } },
      _count: { select: { shipments: true } },
    },
  });
  const pending = await prisma.shipment.groupBy({ by: ["orderId", "status"], where: { orderId: { in: orders.map((o) => o.id) } }, _count: true });
  return orders.map((o) => ({
    ...o,
    shipped: pending.filter((p) => p.orderId === o.id && p.status !== "PENDING").reduce((sum, p) => sum + p._count, 0),
  }));
}

// —— Administrators move shipments along ——

/** Orders whose goods may leave: paid, or confirmed on terms (as markShipped allows), or already shipping. */
const SHIPPABLE: readonly string[] = [...TRANSITIONS.ship.from, "SHIPPED"];

export type ShipmentUpdateResult =
  | { ok: true; changed: number }
  | { ok: false; reason: "not-shippable" }
  | { ok: false; reason: "file"; problems: RecipientProblem[] };

async function requireGiftOrder(orderId: number) {
  const order = await prisma.order.findFirst({ where: { id: orderId, giftBoxes: { some: {} } }, select: { id: true, status: true } });
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

/** Once no shipment waits, the order itself is shipped; once all are delivered, it is delivered. */
async function settleOrderStatus(orderId: number, adminId: number, carrier: string, now: Date) {
  const counts = await prisma.shipment.groupBy({ by: ["status"], where: { orderId }, _count: true });
  const of = (s: ShipmentStatus) => counts.find((c) => c.status === s)?._count ?? 0;
  if (of("PENDING") === 0) await markShipped(orderId, carrier, "", adminId, now);
  if (of("PENDING") === 0 && of("SHIPPED") === 0) await markDelivered(orderId, adminId, now);
}

/** Marks pending shipments shipped: one (shipmentId) or every pending one of the order. Audited. */
export async function shipShipments(orderId: number, target: { shipmentId: number } | "all-pending", input: ShipInput, adminId: number, now = new Date()): Promise<ShipmentUpdateResult> {
  const order = await requireGiftOrder(orderId);
  if (!SHIPPABLE.includes(order.status)) return { ok: false, reason: "not-shippable" };
  const changed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.shipment.updateMany({
      where: { orderId, status: "PENDING", ...(target === "all-pending" ? {} : { id: target.shipmentId }) },
      data: { status: "SHIPPED", carrier: input.carrier, trackingNumber: input.trackingNumber, shippedAt: now },
    });
    if (count > 0) {
      await recordAudit(tx, {
        userId: adminId,
        action: target === "all-pending" ? "giftOrder.shipAll" : "giftOrder.ship",
        entityType: "Order",
        entityId: orderId,
        details: { ...(target === "all-pending" ? {} : { shipmentId: target.shipmentId }), carrier: input.carrier, trackingNumber: input.trackingNumber, count },
      });
    }
    return count;
  });
  if (changed > 0) await settleOrderStatus(orderId, adminId, input.carrier, now);
  return { ok: true, changed };
}

/** Marks shipped shipments delivered: one, or every shipped one of the order. Audited. */
export async function deliverShipments(orderId: number, target: { shipmentId: number } | "all-shipped", adminId: number, now = new Date()): Promise<ShipmentUpdateResult> {
  await requireGiftOrder(orderId);
  const changed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.shipment.updateMany({
      where: { orderId, status: "SHIPPED", ...(target === "all-shipped" ? {} : { id: target.shipmentId }) },
      data: { status: "DELIVERED", deliveredAt: now },
    });
    if (count > 0) {
      await recordAudit(tx, { userId: adminId, action: target === "all-shipped" ? "giftOrder.deliverAll" : "giftOrder.deliver", entityType: "Order", entityId: orderId, details: { ...(target === "all-shipped" ? {} : { shipmentId: target.shipmentId }), count } });
    }
    return count;
  });
  if (changed > 0) await settleOrderStatus(orderId, adminId, "", now);
  return { ok: true, changed };
}

/**
 * A carrier's file of 工号, carrier, tracking number (CSV or XLSX, header optional): every row must
 * name a recipient of this order whose shipment is pending, with a carrier and a tracking number;
 * all problems are listed and nothing changes unless every row is good. Audited once.
 */
export async function shipFromFile(orderId: number, fileName: string, bytes: Uint8Array, adminId: number, now = new Date()): Promise<ShipmentUpdateResult> {
  const order = await requireGiftOrder(orderId);
  if (!SHIPPABLE.includes(order.status)) return { ok: false, reason: "not-shippable" };
  const cells = await readCells(fileName, bytes);
  if (!Array.isArray(cells)) return { ok: false, reason: "file", problems: [cells] };
  let rows = cells;
  if (rows[0] && columnOf(rows[0].values[0]?.trim() ?? "") === "employeeNo") rows = rows.slice(1);
  if (rows.length === 0) return { ok: false, reason: "file", problems: [{ row: 0, message: "gifts:file.noRecipients" }] };
  if (rows.length > MAX_RECIPIENTS) return { ok: false, reason: "file", problems: [{ row: 0, message: "gifts:file.tooMany", params: { max: MAX_RECIPIENTS, count: rows.length } }] };
  const shipments = await prisma.shipment.findMany({ where: { orderId }, select: { id: true, employeeNo: true, status: true } });
  const byEmployee = new Map(shipments.map((s) => [s.employeeNo, s]));
  const problems: RecipientProblem[] = [];
  const updates: { id: number; carrier: string; trackingNumber: string }[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const [employeeNoText = "", carrier = "", trackingNumber = ""] = values.map((v) => v.trim());
    const employeeNo = employeeNoText.toUpperCase();
    const before = problems.length;
    const shipment = byEmployee.get(employeeNo);
    if (!shipment) problems.push({ row, field: "employeeNo", message: "gifts:shipFile.unknownRecipient", params: { row, value: employeeNo.slice(0, 20) } });
    else if (seen.has(employeeNo)) problems.push({ row, field: "employeeNo", message: "gifts:rowErrors.duplicate", params: { row, value: employeeNo, firstRow: seen.get(employeeNo)! } });
    else if (shipment.status !== "PENDING") problems.push({ row, field: "employeeNo", message: "gifts:shipFile.alreadyShipped", params: { row, value: employeeNo } });
    seen.set(employeeNo, row);
    if (carrier === "" || carrier.length > 40) problems.push({ row, message: "gifts:shipFile.carrier", params: { row } });
    if (!/^[0-9A-Za-z-]{4,40}$/.test(trackingNumber)) problems.push({ row, message: "gifts:shipFile.trackingNumber", params: { row, value: trackingNumber.slice(0, 40) } });
    if (problems.length === before && shipment) updates.push({ id: shipment.id, carrier, trackingNumber });
  }
  if (problems.length > 0) return { ok: false, reason: "file", problems };
  const changed = await prisma.$transaction(async (tx) => {
    let count = 0;
    for (const u of updates) {
      count += (await tx.shipment.updateMany({ where: { id: u.id, orderId, status: "PENDING" }, data: { status: "SHIPPED", carrier: u.carrier, trackingNumber: u.trackingNumber, shippedAt: now } })).count;
    }
    await recordAudit(tx, { userId: adminId, action: "giftOrder.shipFile", entityType: "Order", entityId: orderId, details: { fileName: fileName.slice(0, 200), rows: updates.length, count } });
    return count;
  });
  if (changed > 0) await settleOrderStatus(orderId, adminId, updates[0]?.carrier ?? "", now);
  return { ok: true, changed };
}


/** Shipments shown on the organisation's order page itself; the rest are a link away, paged. */
const SUMMARY_SHIPMENTS = 20;

/** For the organisation's order page: the box, shipment counts by status and the first shipments, or null for an ordinary order. */
export async function giftSummary(orderId: number) {
  const gift = await giftOfOrder(orderId);
  if (!gift) return null;
  const { shipments, byStatus, all } = await listShipments(orderId, { page: 1 });
  return { ...gift, byStatus, all, first: shipments.slice(0, SUMMARY_SHIPMENTS) };
}
