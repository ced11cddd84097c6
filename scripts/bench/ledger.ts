/**
 * The consumption-relief ledger at scale, on the running hall:
 *  - 1,000,000 ledger entries (raw better-sqlite3, one transaction; the rollup triggers run for each);
 *  - the dashboard's figures in-process (ledgerFigures + topProducts, what /admin reads), against the
 *    same sums computed by scanning the entries, in the same run; and GET /admin over HTTP;
 *  - a 100,000-row JD file imported through the admin pages while the product list is loaded:
 *    rows/s, the final counting transaction, and the list's p95 during the import against without.
 */
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { signInOverHttp } from "../../tests/support/totp";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples: sorted.length };
};

const BEIJING = 8 * 3600_000;

/** Appends `count` entries spread over 2019–2026, every channel, buyer type and county. */
function insertEntries(dbFile: string, count: number) {
  const db = new Database(dbFile);
  const counties = (db.prepare(`SELECT "id" FROM "County"`).all() as { id: number }[]).map((c) => c.id);
  const products = (db.prepare(`SELECT "id" FROM "Product" LIMIT 2000`).all() as { id: number }[]).map((p) => p.id);
  const channels = ["ONLINE_HALL", "OFFLINE_HALL", "TMALL", "JD", "SUNING", "OTHER_PLATFORM"];
  const buyers = ["EMPLOYEE", "CANTEEN", "WELFARE", "OTHER_UNIT", "OUTSIDE"];
  const insert = db.prepare(
    `INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId","createdAt","productId")
     VALUES (?,?,?,?,?,'IMPORT',?,?,?)`,
  );
  const start = Date.UTC(2019, 0, 1) - BEIJING;
  const span = Date.UTC(2026, 10, 1) - BEIJING - start;
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(start + ((i * 7919) % 1000) * (span / 1000) + (i % 86_400) * 1000).toISOString().replace("Z", "+00:00");
      insert.run(at, 100 + ((i * 37) % 50_000), counties[i % counties.length], channels[i % channels.length], buyers[(i >> 3) % buyers.length], `bench-${i}`, at, i % 3 === 0 ? products[i % products.length] : null);
    }
  })();
  const seconds = (performance.now() - t0) / 1000;
  db.pragma("optimize");
  // Fold the million rows into the database file now; otherwise the hall's first write would pay for
  // this checkpoint and the import would be measured with it.
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return seconds;
}

function signInAdmin(base: string) {
  return signInOverHttp(base, "admin", "hall-admin-2026", "/admin");
}

async function listLoad(url: string, connections: number, until: () => boolean, maxSeconds: number) {
  const times: number[] = [];
  let stop = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: maxSeconds }, (error) => (error ? reject(error) : resolve()));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
    stop = () => instance.stop();
  });
  const timer = setInterval(() => {
    if (until()) stop();
  }, 100);
  await done;
  clearInterval(timer);
  return summary(times);
}

export async function benchLedger(base: string, dbFile: string, { entries = 1_000_000, importRows = 100_000, connections = 10 } = {}) {
  const insertSeconds = insertEntries(dbFile, entries);
  const db = new Database(dbFile, { readonly: true });
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM "LedgerEntry"`).get() as { n: number }).n;
  db.close();

  // In-process: what the /admin loader computes, from the rollup, against scanning the entries.
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { ledgerFigures, topProducts } = await import("../../app/models/relief-progress.server");
  const { prisma } = await import("../../app/utils/db.server");
  const modelTimes: number[] = [];
  const scanTimes: number[] = [];
  await ledgerFigures({ year: 2019, quarter: null }); // warm-up: the first call compiles the queries
  for (let round = 0; round < 40; round++) {
    const year = 2019 + (round % 8);
    let t0 = performance.now();
    await Promise.all([ledgerFigures({ year, quarter: null }), topProducts(year)]);
    modelTimes.push(performance.now() - t0);
    if (round < 10) {
      const from = new Date(Date.UTC(year, 0, 1) - BEIJING).toISOString().replace("Z", "+00:00");
      const to = new Date(Date.UTC(year + 1, 0, 1) - BEIJING).toISOString().replace("Z", "+00:00");
      t0 = performance.now();
      await prisma.$queryRawUnsafe(
        `SELECT strftime('%m', "occurredAt", '+8 hours') AS m, "countyId", "channel", "buyerType", SUM("amountFen") AS s, COUNT(*) AS n
         FROM "LedgerEntry" WHERE "occurredAt" >= ? AND "occurredAt" < ? GROUP BY 1, 2, 3, 4`,
        from,
        to,
      );
      scanTimes.push(performance.now() - t0);
    }
  }

  // Over HTTP: the whole /admin page, one request at a time.
  const cookie = await signInAdmin(base);
  const pageTimes: number[] = [];
  for (let i = 0; i < 5; i++) await (await fetch(`${base}/admin?year=${2019 + i}`, { headers: { Cookie: cookie } })).arrayBuffer(); // warm-up
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/admin?year=${2019 + (i % 8)}`, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/admin answered ${res.status}`);
    pageTimes.push(performance.now() - t0);
  }

  // A 100,000-row JD export, imported while shoppers load the product list.
  const lines = ["订单编号,下单时间,应付金额,县,商品编号"];
  for (let i = 0; i < importRows; i++) lines.push(`B${String(1e11 + i)},2026-0${1 + (i % 9)}-1${i % 10} 1${i % 10}:00:00,${1 + (i % 500)}.${String(i % 100).padStart(2, "0")},镇赉县,`);
  const file = new Blob([lines.join("\r\n")], { type: "text/csv" });
  const listUrl = `${base}/products`;
  await autocannon({ url: listUrl, connections, duration: 1 }); // warm-up
  const quiet = await listLoad(listUrl, connections, () => false, 5);

  let status = "VALIDATING";
  const reader = new Database(dbFile, { readonly: true });
  const form = new FormData();
  form.set("intent", "upload");
  form.set("channel", "JD");
  form.set("file", file, "bench-jd-100k.csv");
  const started = performance.now();
  // The upload request (a 5 MB multipart body) and the background check are measured apart.
  let uploaded = false;
  const uploading = fetch(`${base}/admin/ledger/imports`, { method: "POST", headers: { Cookie: cookie, Origin: base }, body: form, redirect: "manual" }).finally(() => {
    uploaded = true;
  });
  const duringUpload = await listLoad(listUrl, connections, () => uploaded, 60);
  const upload = await uploading;
  const uploadMs = performance.now() - started;
  const batchId = Number(upload.headers.get("location")?.split("/").pop());
  if (upload.status !== 302 || !batchId) throw new Error(`upload answered ${upload.status}`);
  const poll = setInterval(() => {
    status = (reader.prepare(`SELECT "status" FROM "ImportBatch" WHERE "id" = ?`).get(batchId) as { status: string }).status;
  }, 100);
  const busy = await listLoad(listUrl, connections, () => status !== "VALIDATING", 300);
  while (status === "VALIDATING") await new Promise((r) => setTimeout(r, 100));
  const checkedSeconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  if (status !== "READY") throw new Error(`import ended ${status}`);

  const confirmStarted = performance.now();
  const confirm = await fetch(`${base}/admin/ledger/imports/${batchId}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "confirm" }),
    redirect: "manual",
  });
  const confirmMs = performance.now() - confirmStarted;
  if (confirm.status !== 302) throw new Error(`confirm answered ${confirm.status}`);
  const counted = (reader.prepare(`SELECT "newRows" FROM "ImportBatch" WHERE "id" = ?`).get(batchId) as { newRows: number }).newRows;
  reader.close();

  return {
    entries: total,
    insertSeconds,
    model: summary(modelTimes),
    scan: summary(scanTimes),
    page: summary(pageTimes),
    import: {
      rows: importRows,
      counted,
      checkedSeconds,
      rowsPerSecond: importRows / checkedSeconds,
      confirmMs,
      listQuiet: quiet,
      uploadMs,
      listDuringUpload: duringUpload,
      listDuringImport: busy,
      p95Ratio: busy.p95 / quiet.p95,
    },
  };
}
