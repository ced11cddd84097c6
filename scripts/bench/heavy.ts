/**
 * "Event loop under heavy jobs" (issue 9 §2, ADR 017): the product list's p95 over HTTP while each
 * heavy job runs through the hall's own pages, against its quiet value in the same run, and the
 * hall's event-loop delay (perf_hooks.monitorEventLoopDelay, read from the server process) meanwhile:
 *  - re-importing the demo catalogue's product CSV (preview, then confirm; stock changed each time,
 *    so every product is updated);
 *  - a platform import of 100,000 rows (upload, then the background check to its end);
 *  - a gift recipient file of 5,000 rows;
 *  - a quick-order file of 250 lines;
 *  - a roster import of 5,000 people (preview, then confirm; each round changes their department);
 *  - waves of 40 parallel sign-ins, each for its own account (real password hashes).
 * Short jobs are repeated for a few seconds so the list gets enough samples while they run.
 */
import autocannon from "autocannon";
import { hashPassword } from "../../app/utils/password.server";
import { signInOverHttp } from "../../tests/support/totp";
import { stringify } from "csv-stringify/sync";

export type LoopDelay = { maxMs: number; p99Ms: number };
type Summary = { p50: number; p95: number; samples: number };

const BUYER_PASSWORD = "bench-buyer-2026";
const REPEAT_FOR_MS = 4_000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function listWhile(url: string, connections: number, job: () => Promise<void>): Promise<Summary> {
  const times: number[] = [];
  let stop = () => {};
  const load = new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: 600 }, (error) => (error ? reject(error) : resolve()));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
    stop = () => instance.stop();
  });
  try {
    await job();
  } finally {
    stop();
  }
  await load;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length };
}

async function signIn(base: string, username: string, password: string) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return cookie;
}

async function post(base: string, path: string, cookie: string, body: FormData | URLSearchParams, expect: number) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { Cookie: cookie, Origin: base }, body, redirect: "manual" });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${path} answered ${res.status}, expected ${expect}: ${text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(-600)}`);
  return res;
}

const repeat = async (once: () => Promise<void>) => {
  const started = performance.now();
  let runs = 0;
  do {
    await once();
    runs += 1;
  } while (performance.now() - started < REPEAT_FOR_MS);
  return runs;
};

export async function benchHeavy(base: string, dbFile: string, options: { connections: number; loopDelay: () => Promise<LoopDelay> }) {
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { prisma } = await import("../../app/utils/db.server");
  const { creditCodeCheckCharacter } = await import("../../app/models/organisation-schema");
  const { fenToYuanInput } = await import("../../app/utils/money");
  const run = Date.now().toString(36);

  // A welfare organisation whose buyer signs in over HTTP, and 250 products anyone may order by the unit.
  const buyer = await prisma.user.create({
    data: { username: `heavy-${run}`, name: "压测采购员", role: "EMPLOYEE", passwordHash: await hashPassword(BUYER_PASSWORD) },
  });
  const first17 = `9122010199${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const organisation = await prisma.organisation.create({
    data: {
      name: `压测单位 ${run}`,
      kind: "WELFARE",
      creditCode: first17 + creditCodeCheckCharacter(first17),
      contactName: "压测",
      contactMobile: "13800000000",
      status: "APPROVED",
      members: { create: { userId: buyer.id, role: "BUYER" } },
    },
    select: { id: true },
  });
  const products = await prisma.product.findMany({ where: { status: "ACTIVE", supplier: { status: "ADMITTED" } }, select: { id: true, sku: true }, orderBy: { id: "desc" }, take: 250 });
  await prisma.product.updateMany({ where: { id: { in: products.map((p) => p.id) } }, data: { stock: 10_000_000, minOrderQuantity: 1, casePack: 1 } });
  const box = await prisma.giftBox.findFirst({ where: { status: "ACTIVE" }, select: { id: true, components: { select: { productId: true } } } });
  if (!box) throw new Error("no active gift box: the demo seed makes two");
  await prisma.product.updateMany({ where: { id: { in: box.components.map((c) => c.productId) } }, data: { stock: 100_000 } });

  // Forty accounts for the sign-in waves, one hash shared (hashing them is not what is measured).
  const signInHash = await hashPassword(BUYER_PASSWORD);
  await prisma.user.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ username: `heavy-${run}-${i}`, name: `压测员工${i}`, role: "EMPLOYEE", passwordHash: signInHash })) });

  const adminCookie = await signInOverHttp(base, "admin", "hall-admin-2026");
  const buyerCookie = await signIn(base, buyer.username, BUYER_PASSWORD);

  // The demo catalogue in the import's columns (the bench's grown copies, SKUs ending -B<n>, left out;
  // the admin export itself cannot be used here: at 100,000 products it passes SQLite's variable limit).
  const catalogue = await prisma.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT p."sku", p."slug", p."nameZh" AS name_zh, p."nameEn" AS name_en, c."slug" AS category, k."slug" AS county, s."name" AS supplier,
       p."township", p."village", p."spec", p."priceFen" AS price_fen, p."stock", p."descriptionZh" AS description_zh,
       p."descriptionEn" AS description_en, p."originStatement" AS origin_statement,
       COALESCE((SELECT i."url" FROM "ProductImage" i WHERE i."productId" = p."id" ORDER BY i."sortOrder" LIMIT 1), '') AS image_url,
       COALESCE(e."secretaryName", '') AS secretary_name, COALESCE(e."village", '') AS secretary_village,
       COALESCE(e."township", '') AS secretary_township, COALESCE(e."dispatchingUnit", '') AS dispatching_unit, COALESCE(e."words", '') AS endorsement_words
     FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId" JOIN "County" k ON k."id" = p."countyId" JOIN "Supplier" s ON s."id" = p."supplierId"
     LEFT JOIN "Endorsement" e ON e."productId" = p."id" WHERE p."sku" NOT GLOB '*-B[0-9]*' ORDER BY p."id"`,
  );
  let stockRound = 0;
  const productCsv = () => {
    stockRound += 1;
    const rows = catalogue.map(({ price_fen, ...r }) => ({ ...r, price_yuan: fenToYuanInput(Number(price_fen)), stock: Math.abs(Math.min(Number(r.stock), 900_000) - (stockRound % 2)) }));
    return stringify(rows, { header: true, record_delimiter: "\r\n" });
  };

  const listUrl = `${base}/products`;
  await autocannon({ url: listUrl, connections: options.connections, duration: 1 }); // warm-up
  await options.loopDelay();
  const quiet = await listWhile(listUrl, options.connections, () => new Promise((r) => setTimeout(r, 5_000)));
  const quietLoop = await options.loopDelay();

  const jobs: Record<string, () => Promise<string>> = {
    "product CSV re-import": async () => {
      const runs = await repeat(async () => {
        const csv = productCsv();
        const preview = new FormData();
        preview.set("intent", "preview");
        preview.set("file", new Blob([csv], { type: "text/csv" }), "catalogue.csv");
        await post(base, "/admin/products/import", adminCookie, preview, 200);
        await post(base, "/admin/products/import", adminCookie, new URLSearchParams({ intent: "confirm", csv }), 302);
      });
      return `${runs}× ${catalogue.length} products`;
    },
    "platform import, 100,000 rows": async () => {
      const lines = ["订单编号,下单时间,应付金额,县,商品编号"];
      for (let i = 0; i < 100_000; i++) lines.push(`H${run}${i},2026-0${1 + (i % 9)}-1${i % 10} 1${i % 10}:00:00,${1 + (i % 500)}.${String(i % 100).padStart(2, "0")},镇赉县,`);
      const form = new FormData();
      form.set("intent", "upload");
      form.set("channel", "JD");
      form.set("file", new Blob([lines.join("\r\n")], { type: "text/csv" }), "heavy-100k.csv");
      const res = await post(base, "/admin/ledger/imports", adminCookie, form, 302);
      const batchId = Number(res.headers.get("location")?.split("/").pop());
      for (;;) {
        const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } });
        if (batch.status !== "VALIDATING") {
          if (batch.status !== "READY") throw new Error(`import ended ${batch.status}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return "100,000 rows checked";
    },
    "gift recipients, 5,000 rows": async () => {
      const rows = ["姓名,工号,手机,地址,自提点,份数"];
      for (let i = 0; i < 5_000; i++) rows.push(`员工${i},E${String(100000 + i)},139${String(i).padStart(8, "0")},吉林省长春市东风大街 ${i} 号 3 栋,,1`);
      const file = rows.join("\r\n");
      const runs = await repeat(async () => {
        const form = new FormData();
        form.set("org", String(organisation.id));
        form.set("intent", "upload");
        form.set("giftBoxId", String(box.id));
        form.set("file", new Blob([file], { type: "text/csv" }), "recipients.csv");
        await post(base, "/org/gifts", buyerCookie, form, 302);
      });
      return `${runs}× 5,000 recipients`;
    },
    "quick order, 250 lines": async () => {
      const file = ["SKU,数量", ...products.map((p, i) => `${p.sku},${(i % 9) + 1}`)].join("\r\n");
      const runs = await repeat(async () => {
        await post(base, "/org/order", buyerCookie, new URLSearchParams({ org: String(organisation.id), intent: "clear" }), 302);
        const form = new FormData();
        form.set("org", String(organisation.id));
        form.set("intent", "upload");
        form.set("file", new Blob([file], { type: "text/csv" }), "order.csv");
        await post(base, "/org/order", buyerCookie, form, 302);
      });
      return `${runs}× 250 lines`;
    },
    "roster import, 5,000 people": async () => {
      let round = 0;
      const runs = await repeat(async () => {
        round += 1;
        const rows = ["工号,姓名,手机,部门,状态"];
        for (let i = 0; i < 5_000; i++) rows.push(`R${String(i).padStart(6, "0")},员工${i},137${String(i).padStart(8, "0")},第${round}事业部,在职`);
        const file = rows.join("\r\n");
        const preview = new FormData();
        preview.set("intent", "preview");
        preview.set("file", new Blob([file], { type: "text/csv" }), "roster.csv");
        await post(base, "/admin/roster", adminCookie, preview, 200);
        await post(base, "/admin/roster", adminCookie, new URLSearchParams({ intent: "confirm", fileName: "roster.csv", file: Buffer.from(file).toString("base64") }), 302);
      });
      return `${runs}× 5,000 people`;
    },
    "sign-in burst, 40 parallel": async () => {
      const runs = await repeat(async () => {
        await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(base, `heavy-${run}-${i}`, BUYER_PASSWORD)));
      });
      return `${runs} waves, ${runs * 40} sign-ins`;
    },
  };

  const results: { job: string; did: string; seconds: number; list: Summary; p95Ratio: number; loop: LoopDelay }[] = [];
  // BENCH_HEAVY_JOBS="roster,product" runs only the jobs whose names contain one of those words.
  const only = (process.env.BENCH_HEAVY_JOBS ?? "").split(",").filter(Boolean);
  for (const [job, work] of Object.entries(jobs).filter(([name]) => only.length === 0 || only.some((word) => name.includes(word)))) {
    await options.loopDelay();
    let did = "";
    const started = performance.now();
    const list = await listWhile(listUrl, options.connections, async () => {
      did = await work();
    });
    const seconds = (performance.now() - started) / 1000;
    results.push({ job, did, seconds, list, p95Ratio: list.p95 / quiet.p95, loop: await options.loopDelay() });
  }
  return { quiet, quietLoop, jobs: results };
}

export function describeHeavyBench(r: Awaited<ReturnType<typeof benchHeavy>>) {
  const lines = [`event loop under heavy jobs: product list quiet p95 ${r.quiet.p95} ms, loop delay max ${r.quietLoop.maxMs.toFixed(0)} ms`];
  for (const j of r.jobs) {
    lines.push(
      `  ${j.job} (${j.did}, ${j.seconds.toFixed(1)} s): list p95 ${j.list.p95} ms (${j.p95Ratio.toFixed(2)}× quiet, target ≤ 2), ` +
        `loop delay max ${j.loop.maxMs.toFixed(0)} ms, p99 ${j.loop.p99Ms.toFixed(0)} ms`,
    );
  }
  return lines.join("\n");
}
