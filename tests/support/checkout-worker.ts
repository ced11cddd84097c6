/**
 * Checkout, payment, product import and organisation-order approval in a loop against DATABASE_URL
 * until it is killed. Each acknowledgement ("done" as a caller would hear it) is appended to the ack
 * file and fsynced BEFORE the worker goes on, so whatever the file holds was told to someone.
 * Prints "acks N" as it goes. Used by tests/integration/crash.test.ts to kill a busy process with SIGKILL.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { saveDraftRows } from "~/models/org-order-lines.server";
import { decideOrgOrder, placeOrgOrder } from "~/models/org-order.server";
import { beijingToday } from "~/models/org-order-schema";
import { markOrderPaid, placeOrder } from "~/models/order.server";
import { CSV_COLUMNS, importCsv } from "~/models/product-csv.server";

export type CrashWorkerSetup = {
  ackFile: string;
  userId: number;
  productIds: number[];
  adminId: number;
  org: { id: number; buyerId: number; approverId: number; locationId: number; products: { sku: string; priceFen: number }[] };
  /** Each import creates this many products with this much stock each. */
  importRows: number;
  importStock: number;
};
export type Ack =
  | { op: "order"; key: string; orderId: number }
  | { op: "paid"; orderId: number }
  | { op: "import"; skus: string[] }
  | { op: "org-order"; key: string; orderId: number }
  | { op: "approved"; orderId: number };

const setup = JSON.parse(process.argv[2] ?? "{}") as CrashWorkerSetup;
const acks = openSync(setup.ackFile, "a");
let told = 0;
function acknowledge(ack: Ack) {
  writeSync(acks, `${JSON.stringify(ack)}\n`);
  fsyncSync(acks);
  told += 1;
  if (told % 5 === 0) process.stdout.write(`acks ${told}\n`);
}
process.on("exit", () => closeSync(acks));

function importFile(n: number) {
  const skus = Array.from({ length: setup.importRows }, (_, k) => `IMP-${process.pid}-${n}-${k}`);
  const rows = skus.map((sku) => {
    const values: Record<string, string> = {
      sku,
      slug: sku.toLowerCase(),
      name_zh: `导入大米${sku.split("-").pop()}`,
      category: "rice",
      county: "zhenlai",
      supplier: "镇赉县稻米合作社",
      spec: "500g",
      price_yuan: "19.9",
      stock: String(setup.importStock),
    };
    return CSV_COLUMNS.map((c) => values[c] ?? "").join(",");
  });
  return { skus, csv: [CSV_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n" };
}

const unpaid: number[] = [];
for (let n = 0; ; n++) {
  const key = `crash-${process.pid}-${n}`;
  switch (n % 4) {
    case 0: {
      const productId = setup.productIds[n % setup.productIds.length]!;
      const result = await placeOrder({
        userId: setup.userId,
        checkoutKey: key,
        lines: [
          { productId, quantity: 1 + (n % 3) },
          { productId: setup.productIds[(n + 1) % setup.productIds.length]!, quantity: 1 },
        ],
        delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
      });
      if (result.ok) {
        acknowledge({ op: "order", key, orderId: result.order.id });
        unpaid.push(result.order.id);
      }
      break;
    }
    case 1: {
      // Every other order placed gets paid; the rest stay unpaid.
      const orderId = unpaid.shift();
      unpaid.shift();
      if (orderId !== undefined) {
        const outcome = await markOrderPaid({ orderId, provider: "LOCAL", providerRef: `r-${process.pid}-${orderId}` });
        if (outcome === "paid") acknowledge({ op: "paid", orderId });
      }
      break;
    }
    case 2: {
      const { skus, csv } = importFile(n);
      const result = await importCsv(csv, setup.adminId);
      if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues)}`);
      acknowledge({ op: "import", skus });
      break;
    }
    default: {
      const { org } = setup;
      const lines = org.products.map((p, i) => ({ sku: p.sku, quantity: 1 + ((n + i) % 2), priceFen: p.priceFen }));
      await saveDraftRows(org.id, org.buyerId, lines.map((l) => ({ sku: l.sku, quantity: String(l.quantity) })));
      const placed = await placeOrgOrder({
        organisationId: org.id,
        userId: org.buyerId,
        details: {
          checkoutKey: key,
          expectedTotalFen: lines.reduce((sum, l) => sum + l.quantity * l.priceFen, 0),
          poNumber: "PO-1",
          deliveryLocationId: org.locationId,
          requestedDeliveryDate: beijingToday(),
          deliveryWindow: "08:00-10:00",
          note: "",
          wantsInvoice: false,
          invoiceTitle: "",
          invoiceTaxNumber: "",
        },
      });
      if (!placed.ok) throw new Error(`organisation order refused: ${placed.reason}`);
      acknowledge({ op: "org-order", key, orderId: placed.order.id });
      const decided = await decideOrgOrder(placed.order.id, org.id, org.approverId, { intent: "approve", reason: "" });
      if (decided.ok) acknowledge({ op: "approved", orderId: placed.order.id });
    }
  }
}
