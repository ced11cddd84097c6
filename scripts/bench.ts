/**
 * npm run bench [-- --products 100000 --seconds 5 --connections 10]
 *
 * Measures the production build on one process against a bare Node http server that returns the same
 * bytes, in the same run, and prints ratios (these machines are noisy: compare within a run only).
 * Results are also written to bench/results/latest.json.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { benchHttpCheckout } from "./bench/checkout-http";
import { benchCores, describeCores } from "./bench/cores";
import { benchLedger } from "./bench/ledger";
import { benchOrders } from "./bench/orders";
import { benchGiftOrder, formatGiftBench } from "./bench/gift-order";
import { benchOrgOrder, describeOrgOrderBench } from "./bench/org-order";
import { benchSignIn } from "./bench/signin";
import { benchHeavy, describeHeavyBench, type LoopDelay } from "./bench/heavy";
import { waitFor } from "./bench/http";

const { values: args } = parseArgs({
  options: {
    products: { type: "string", default: "100000" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    // "ledger" runs only the ledger benchmark (scripts/bench/ledger.ts) on the grown catalogue;
    // "checkout" only checkout over HTTP and the order model against raw better-sqlite3;
    // "cores" only the product list and checkout with 1, 2 … N server processes (cluster.js).
    // "signin" only the product list during bursts of 40 parallel sign-ins.
    // "heavy" only the product list while imports and uploads run (scripts/bench/heavy.ts).
    // "pages" only the page table: each shop page against the bare http server, same run.
    only: { type: "string", default: "" },
    "max-processes": { type: "string", default: "" },
    "ledger-entries": { type: "string", default: "1000000" },
  },
});
const TARGET_PRODUCTS = Number(args.products);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const HALL_PORT = 3400;
const BARE_PORT = 3401;
const DIR = path.resolve("bench/.tmp");
const DB_FILE = path.join(DIR, "bench.db");
const DATABASE_URL = `file:${DB_FILE}`;

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function prepareDatabase() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // The hall's SESSION_SECRET: the demo administrator's authenticator key is sealed with it (ADR 027).
  const env = { ...process.env, DATABASE_URL, SESSION_SECRET: "bench-session-secret-long-enough-0123456789" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "pipe" });
  const db = new Database(DB_FILE);
  const existing = (db.prepare(`SELECT COUNT(*) AS n FROM "Product"`).get() as { n: number }).n;
  const started = Date.now();
  // Grow the catalogue by copying the demo goods under new SKUs: same names, so search has realistic
  // (indeed heavier than real) numbers of matches; the FTS triggers index every copy.
  const copies = Math.ceil((TARGET_PRODUCTS - existing) / existing);
  if (copies > 0) {
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
         INSERT INTO "Product" ("sku","slug","nameZh","nameEn","categoryId","countyId","supplierId","township","village","spec",
           "priceFen","stock","descriptionZh","descriptionEn","originStatement","status","featured",
           "searchChars","searchPinyin","searchInitials","searchEnglish","createdAt","updatedAt")
         SELECT p."sku" || '-B' || n.k, p."slug" || '-b' || n.k, p."nameZh", p."nameEn", p."categoryId", p."countyId", p."supplierId",
           p."township", p."village", p."spec", p."priceFen" + n.k, p."stock", p."descriptionZh", p."descriptionEn", p."originStatement",
           'ACTIVE', 0, p."searchChars", p."searchPinyin", p."searchInitials", p."searchEnglish", p."createdAt", p."updatedAt"
         FROM "Product" p, n WHERE p."id" <= ? LIMIT ?`,
      ).run(copies, existing, TARGET_PRODUCTS - existing);
      db.prepare(
        `INSERT INTO "ProductImage" ("productId","url","sortOrder")
         SELECT p."id", (SELECT i."url" FROM "ProductImage" i WHERE i."productId" = ((p."id" - 1) % ?) + 1 LIMIT 1), 0
         FROM "Product" p WHERE p."id" > ?`,
      ).run(existing, existing);
    })();
  }
  db.pragma("optimize");
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM "Product"`).get() as { n: number }).n;
  const slug = (db.prepare(
      `SELECT p."slug" FROM "Product" p JOIN "Supplier" s ON s."id" = p."supplierId"
       WHERE s."status" = 'ADMITTED' AND p."id" IN (SELECT "productId" FROM "Endorsement") LIMIT 1`,
    ).get() as { slug: string }).slug;
  db.close();
  log(`catalogue: ${total} products (grown from ${existing} in ${Date.now() - started} ms)`);
  return { total, slug };
}

const HALL_ENV = {
  DATABASE_URL,
  NODE_ENV: "production" as const,
  SESSION_SECRET: "bench-session-secret-long-enough-0123456789",
  ALLOW_TEST_PAYMENTS: "true",
  // Every bench sign-in comes from 127.0.0.1: the per-address limit would refuse the bursts unchecked.
  LOGIN_MAX_FAILURES: "1000",
};

async function startHall(): Promise<ChildProcess> {
  // The loop-delay probe answers over IPC how long the hall's event loop was held (scripts/bench/heavy.ts).
  // BENCH_HALL_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.tmp/profiles" profiles the hall while it runs.
  const nodeArgs = (process.env.BENCH_HALL_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn("node", [...nodeArgs, "--import", "./scripts/bench/loop-delay.mjs", "server.js"], {
    env: { ...process.env, ...HALL_ENV, PORT: String(HALL_PORT) },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  // Its request log is read and dropped, as journald would take it: a pipe nobody reads fills after
  // 64 KB, and then every log line blocks the hall (and it can no longer exit on SIGTERM).
  child.stdout?.resume();
  await waitFor(`http://localhost:${HALL_PORT}/`);
  return child;
}

/** Puts one product in a new anonymous cart through the shop's own /cart action; returns its cookie. */
async function startCart(productSlug: string) {
  const db = new Database(DB_FILE, { readonly: true });
  const { id } = db.prepare(`SELECT "id" FROM "Product" WHERE "slug" = ?`).get(productSlug) as { id: number };
  db.close();
  const res = await fetch(`http://localhost:${HALL_PORT}/cart`, {
    method: "POST",
    headers: { Origin: `http://localhost:${HALL_PORT}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "add", productId: String(id), quantity: "1" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error(`adding to the cart answered ${res.status} without a cookie`);
  return cookie.split(";")[0]!;
}

type LoadResult = { rps: number; p50: number; p95: number; errors: number };

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function load(url: string, connections = CONNECTIONS, seconds = SECONDS, headers: Record<string, string> = {}): Promise<LoadResult> {
  await autocannon({ url, connections, duration: 1, headers }); // warm-up
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    errors: result.errors + result.non2xx,
  };
}

/** A bare Node server answering each path with the bytes the hall returned for it. */
async function startBare(pages: Map<string, { body: Buffer; type: string }>) {
  const server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? "");
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": page.type, "Content-Length": page.body.length }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(BARE_PORT, resolve));
  return server;
}

async function searchInProcess() {
  process.env.DATABASE_URL = DATABASE_URL;
  process.env.NODE_ENV = "production";
  process.env.SESSION_SECRET = "bench-session-secret-long-enough-0123456789";
  process.env.ALLOW_TEST_PAYMENTS = "true";
  const { listProducts } = await import("../app/models/catalogue.server");
  const { parseProductFilters } = await import("../app/models/catalogue-filters");
  const queries = ["dami", "dm", "大米", "木耳", "mue", "rice", "蜂蜜", "fm", "和龙", "xiaomi"];
  const times: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const q of queries) {
      const { filters } = parseProductFilters(new URLSearchParams({ q }));
      const t0 = performance.now();
      await listProducts(filters);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length };
}

async function runHttpCheckoutBench() {
  const checkout = await benchHttpCheckout(`http://localhost:${HALL_PORT}`, DB_FILE, { buyers: 400, concurrency: 20 });
  log(
    `checkout over HTTP: ${checkout.ordersPerSecond.toFixed(0)} orders/s from ready carts, ${checkout.concurrency} at a time ` +
      `(p50 ${checkout.p50.toFixed(1)} ms, p95 ${checkout.p95.toFixed(1)} ms, ${checkout.failures} failed of ${checkout.orders})`,
  );
  return checkout;
}

/** After the hall has stopped: the order model in this process, against raw better-sqlite3 on a copy. */
async function runOrderModelBench() {
  const orders = await benchOrders(DB_FILE, { buyers: 20, seconds: SECONDS });
  log(
    `orders: ${orders.ordersPerSecond.toFixed(0)} orders/s placed by ${orders.buyers} concurrent buyers (p50 ${orders.p50.toFixed(1)} ms, p95 ${orders.p95.toFixed(1)} ms, ${orders.failures} refused); ` +
      `raw better-sqlite3: ${orders.rawTransactionsPerSecond.toFixed(0)} transactions/s; ratio ${orders.ratio.toFixed(3)}`,
  );
  return orders;
}

async function runLedgerBench() {
  const ledger = await benchLedger(`http://localhost:${HALL_PORT}`, DB_FILE, { entries: Number(args["ledger-entries"]), connections: CONNECTIONS });
  const { model, scan, page, import: imp } = ledger;
  log(
    `ledger: ${ledger.entries} entries (1M inserted in ${ledger.insertSeconds.toFixed(1)} s, rollup triggers included); ` +
      `dashboard figures in-process p50 ${model.p50.toFixed(2)} ms, p95 ${model.p95.toFixed(2)} ms (target < 100 ms); ` +
      `the same sums by scanning entries p50 ${scan.p50.toFixed(0)} ms (rollup/scan ${(model.p50 / scan.p50).toFixed(4)}); ` +
      `GET /admin over HTTP p50 ${page.p50.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms`,
  );
  log(
    `import: ${imp.rows} JD rows checked in ${imp.checkedSeconds.toFixed(1)} s (${imp.rowsPerSecond.toFixed(0)} rows/s), counted in one transaction of ${imp.confirmMs.toFixed(0)} ms (${imp.counted} rows); ` +
      `product list p95 ${imp.listQuiet.p95} ms without the import, ${imp.listDuringImport.p95} ms while the file is checked (ratio ${imp.p95Ratio.toFixed(2)}); ` +
      `the 5 MB upload request took ${imp.uploadMs.toFixed(0)} ms, list p95 meanwhile ${imp.listDuringUpload.p95} ms`,
  );
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/ledger.json", JSON.stringify({ date: new Date().toISOString(), ...ledger }, null, 2));
  return ledger;
}

async function runCoresBench(total: number) {
  const max = args["max-processes"] ? Number(args["max-processes"]) : undefined;
  const rows = await benchCores(DB_FILE, HALL_PORT, HALL_ENV, (url) => load(url), { max });
  log(`\n${total} products; product list: ${CONNECTIONS} connections, ${SECONDS} s; checkout: 400 buyers, 20 at a time`);
  for (const line of describeCores(rows)) log(line);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/cores.json", JSON.stringify({ date: new Date().toISOString(), products: total, connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2));
}

async function runSignInBench() {
  const signin = await benchSignIn(`http://localhost:${HALL_PORT}`, DB_FILE, (url) => load(url));
  log(
    `sign-in bursts: product list p95 ${signin.quiet.p95} ms quiet, ${signin.during.p95} ms during waves of 40 parallel sign-ins ` +
      `(${signin.signInsPerSecond.toFixed(1)} sign-ins/s, ${signin.signIns} in all); ratio ${signin.ratio.toFixed(2)} (target ≤ 3)`,
  );
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/signin.json", JSON.stringify({ date: new Date().toISOString(), ...signin }, null, 2));
  return signin;
}

/** The hall's event-loop delay since the last call (max and p99, ms). */
function loopDelayOf(hall: ChildProcess) {
  return () =>
    new Promise<LoopDelay>((resolve) => {
      hall.once("message", (message) => resolve(message as LoopDelay));
      hall.send("loop-delay");
    });
}

async function runHeavyBench(hall: ChildProcess) {
  const heavy = await benchHeavy(`http://localhost:${HALL_PORT}`, DB_FILE, { connections: CONNECTIONS, loopDelay: loopDelayOf(hall) });
  log(describeHeavyBench(heavy));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/heavy.json", JSON.stringify({ date: new Date().toISOString(), ...heavy }, null, 2));
  return heavy;
}

/**
 * Each shop page on the hall against a bare Node http server answering the same bytes, one after the
 * other in this run, with the same load generator: hall/bare is the share of the ceiling the hall reaches.
 */
async function runPagesBench(slug: string) {
  const paths = {
    home: "/",
    "product list": "/products",
    "filtered list": "/products?county=helong&sort=price-asc",
    "search (pinyin)": "/products?q=dami",
    "search (汉字)": `/products?q=${encodeURIComponent("木耳")}`,
    "product page": `/products/${slug}`,
  };
  const pages = new Map<string, { body: Buffer; type: string }>();
  for (const p of Object.values(paths)) {
    const res = await fetch(`http://localhost:${HALL_PORT}${p}`);
    if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    pages.set(p, { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get("content-type") ?? "text/html" });
  }
  const bare = await startBare(pages);
  const rows: Record<string, unknown>[] = [];
  for (const [name, p] of Object.entries(paths)) {
    const hallResult = await load(`http://localhost:${HALL_PORT}${p}`);
    const bareResult = await load(`http://localhost:${BARE_PORT}${p}`);
    const row = {
      page: name,
      "hall req/s": Math.round(hallResult.rps),
      "hall p50 ms": hallResult.p50,
      "hall p95 ms": hallResult.p95,
      "bare req/s": Math.round(bareResult.rps),
      "hall/bare": (hallResult.rps / bareResult.rps).toFixed(3),
      errors: hallResult.errors,
    };
    rows.push(row);
    log(JSON.stringify(row));
  }
  // The same list for a shopper with a cart: the header's count costs one query per page.
  const cartCookie = await startCart(slug);
  const withCart = await load(`http://localhost:${HALL_PORT}/products`, CONNECTIONS, SECONDS, { Cookie: cartCookie });
  const listRow = rows.find((r) => r.page === "product list")!;
  const cartRow = {
    page: "product list, with a cart",
    "hall req/s": Math.round(withCart.rps),
    "hall p50 ms": withCart.p50,
    "hall p95 ms": withCart.p95,
    "bare req/s": listRow["bare req/s"],
    "hall/bare": (withCart.rps / (listRow["bare req/s"] as number)).toFixed(3),
    errors: withCart.errors,
  };
  rows.push(cartRow);
  log(JSON.stringify(cartRow));
  bare.close();
  return { rows, paths };
}

async function main() {
  if (!existsSync("build/server/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  const { total, slug } = prepareDatabase();
  if (args.only === "cores") return runCoresBench(total);
  const hall = await startHall();
  if (args.only === "ledger" || args.only === "checkout" || args.only === "signin" || args.only === "heavy") {
    try {
      if (args.only === "ledger") await runLedgerBench();
      else if (args.only === "signin") await runSignInBench();
      else if (args.only === "heavy") await runHeavyBench(hall);
      else {
        const checkout = await runHttpCheckoutBench();
        hall.kill();
        const orders = await runOrderModelBench();
        mkdirSync("bench/results", { recursive: true });
        writeFileSync("bench/results/checkout.json", JSON.stringify({ date: new Date().toISOString(), checkout, orders }, null, 2));
      }
    } finally {
      hall.kill();
    }
    return;
  }
  try {
    const { rows, paths } = await runPagesBench(slug);
    if (args.only === "pages") {
      log(`\n${total} products, ${CONNECTIONS} connections, ${SECONDS} s per page, one hall process`);
      console.table(rows); // eslint-disable-line no-console -- the benchmark report is for a person reading a terminal
      mkdirSync("bench/results", { recursive: true });
      writeFileSync("bench/results/pages.json", JSON.stringify({ date: new Date().toISOString(), products: total, connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2));
      return;
    }
    const single = await load(`http://localhost:${HALL_PORT}${paths["search (pinyin)"]}`, 1);
    const inProcess = await searchInProcess();
    log(`\n${total} products, ${CONNECTIONS} connections, ${SECONDS} s per page, one hall process`);
    console.table(rows); // eslint-disable-line no-console -- the benchmark report is for a person reading a terminal
    log(`search over HTTP with one client (no queueing): p50 ${single.p50} ms, p95 ${single.p95} ms`);
    log(`search in the server process (listProducts, ${inProcess.samples} queries): p50 ${inProcess.p50.toFixed(2)} ms, p95 ${inProcess.p95.toFixed(2)} ms`);
    const checkout = await runHttpCheckoutBench();
    const signin = await runSignInBench();
    const ledger = await runLedgerBench();
    const heavy = await runHeavyBench(hall);
    hall.kill();
    const orgOrder = await benchOrgOrder(DB_FILE, { runs: 20 });
    log(describeOrgOrderBench(orgOrder));
    const orders = await runOrderModelBench();
    const gift = await benchGiftOrder(DB_FILE);
    log(formatGiftBench(gift));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(
      "bench/results/latest.json",
      JSON.stringify({ date: new Date().toISOString(), products: total, connections: CONNECTIONS, seconds: SECONDS, rows, single, inProcess, orders, checkout, signin, orgOrder, gift, ledger, heavy }, null, 2),
    );
  } finally {
    hall.kill();
  }
}

await main();
process.exit(0);
