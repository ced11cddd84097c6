/**
 * A 5,000-recipient welfare gift order on one process: validating the recipient file, keeping it as
 * the draft, pricing it by the one rule and placing it (one order, aggregated lines, 5,000 shipments,
 * stock taken) — the server-side work of the upload, review and place requests. p50 over a few runs.
 *
 *   npx tsx scripts/bench/gift-order.ts      (own database under bench/.tmp), or as part of npm run bench
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function recipientCsv(n: number, run: string) {
  const lines = ["姓名,工号,手机,地址,自提点,份数"];
  for (let i = 1; i <= n; i++) {
    const employeeNo = `${run}${String(i).padStart(5, "0")}`.slice(-10);
    lines.push(i % 3 === 0 ? `职工${i},${employeeNo},139${String(i).padStart(8, "0")},,HQ,` : `职工${i},${employeeNo},139${String(i).padStart(8, "0")},吉林省长春市东风大街 ${i} 号 ${i % 7} 单元,,${1 + (i % 2)}`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}`);
}

export async function benchGiftOrder(dbFile: string, { recipients = 5_000, runs = 5 } = {}) {
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { prisma } = await import("../../app/utils/db.server");
  const { parseRecipientFile, saveGiftDraft, reviewGiftDraft, placeGiftOrder } = await import("../../app/models/gift-order.server");
  const { beijingToday } = await import("../../app/models/org-order-schema");

  const box = await prisma.giftBox.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true, components: { select: { productId: true } } } });
  await prisma.product.updateMany({ where: { id: { in: box.components.map((c) => c.productId) } }, data: { stock: 10_000_000 } });
  const buyer = await prisma.organisationMember.findFirstOrThrow({
    where: { role: { in: ["BUYER", "ORG_ADMIN"] }, organisation: { status: "APPROVED", kind: "WELFARE" } },
    select: { userId: true, organisationId: true },
  });
  const phases = { parse: [] as number[], price: [] as number[], place: [] as number[], total: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const file = recipientCsv(recipients, `K${Date.now().toString(36).slice(-3).toUpperCase()}${run}`);
    const t0 = performance.now();
    const parsed = await parseRecipientFile("recipients.csv", file);
    if (!parsed.ok) throw new Error(`bench file refused: ${JSON.stringify(parsed.problems.slice(0, 2))}`);
    await saveGiftDraft(buyer.organisationId, buyer.userId, box.id, "recipients.csv", parsed.recipients);
    const t1 = performance.now();
    const review = await reviewGiftDraft(buyer.organisationId, buyer.userId);
    if (!review?.price.ok) throw new Error("bench review failed");
    const t2 = performance.now();
    const placed = await placeGiftOrder({
      organisationId: buyer.organisationId,
      userId: buyer.userId,
      details: { checkoutKey: `bench-gift-${Date.now()}-${run}`, expectedTotalFen: review.price.totalFen, poNumber: "", requestedDeliveryDate: beijingToday(), note: "", wantsInvoice: false, invoiceTitle: "", invoiceTaxNumber: "" },
    });
    if (!placed.ok) throw new Error(`bench order refused: ${placed.reason}`);
    const t3 = performance.now();
    phases.parse.push(t1 - t0);
    phases.price.push(t2 - t1);
    phases.place.push(t3 - t2);
    phases.total.push(t3 - t0);
  }
  const shipments = await prisma.shipment.count();
  return { recipients, runs, shipments, p50: { parse: median(phases.parse), price: median(phases.price), place: median(phases.place), total: median(phases.total) }, max: Math.max(...phases.total) };
}

export function formatGiftBench(r: Awaited<ReturnType<typeof benchGiftOrder>>) {
  return (
    `gift order, ${r.recipients} recipients (p50 of ${r.runs}): ${r.p50.total.toFixed(0)} ms server-side ` +
    `(validate + keep draft ${r.p50.parse.toFixed(0)} ms, price ${r.p50.price.toFixed(0)} ms, place ${r.p50.place.toFixed(0)} ms; slowest ${r.max.toFixed(0)} ms; target < 3000 ms)`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = path.resolve("bench/.tmp");
  const dbFile = path.join(dir, "gift-bench.db");
  mkdirSync(dir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbFile}${suffix}`, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}` };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "pipe" });
  process.stdout.write(`${formatGiftBench(await benchGiftOrder(dbFile))}\n`);
  process.exit(0);
}
