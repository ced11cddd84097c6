/**
 * npm run lighthouse — Lighthouse (mobile, its default simulated throttling) on Debian's Chromium
 * against the production build on a fresh demo database: home, the product list, a product page with
 * photos, the cart and 我的订单, signed in as a demo employee with one product in the cart. Prints the
 * performance and accessibility scores and what a first visit to /products downloads (JavaScript and
 * CSS, compressed). Results go to bench/results/lighthouse.json. Scores, not assertions: like the
 * benchmarks, they depend on how busy the machine is.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import sharp from "sharp";
import { signIn, waitFor } from "./bench/http";

const PORT = 3410;
const BASE = `http://localhost:${PORT}`;
const DIR = path.resolve("bench/.tmp-lighthouse");
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: `file:${path.join(DIR, "hall.db")}`,
  PHOTO_DIR: path.join(DIR, "photos"),
  SESSION_SECRET: "lighthouse-session-secret-long-enough-0123456789",
  ALLOW_TEST_PAYMENTS: "true",
  PORT: String(PORT),
};

/** Two photos for a product, uploaded the way the admin page stores them. */
async function givePhotos(slug: string) {
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.PHOTO_DIR = env.PHOTO_DIR;
  const { prisma } = await import("../app/utils/db.server");
  const { addProductPhotos } = await import("../app/models/product-photo.server");
  const product = await prisma.product.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  // A camera-sized picture with the smooth shading and edges of a product photo (noise would not
  // compress like one, and would make every variant unrealistically heavy).
  const photo = (hue: number) => {
    const blobs = Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 397) % 1600}" cy="${(i * 229) % 1200}" r="${40 + ((i * 53) % 160)}" fill="hsl(${(hue + i * 9) % 360},55%,${35 + (i % 5) * 10}%)" fill-opacity="0.7"/>`).join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},40%,85%)"/><stop offset="1" stop-color="hsl(${hue + 40},50%,35%)"/></linearGradient></defs><rect width="1600" height="1200" fill="url(#g)"/>${blobs}</svg>`;
    return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
  };
  const result = await addProductPhotos(product.id, [{ name: "front.jpg", bytes: await photo(200) }, { name: "side.jpg", bytes: await photo(60) }], null);
  if (!result.ok) throw new Error(`photos refused: ${JSON.stringify(result.problems)}`);
  await prisma.$disconnect();
}

async function signedInWithCart(productId: number) {
  const cookie = await signIn(BASE, "E10001", "hall-employee-2026");
  const cart = await fetch(`${BASE}/cart`, {
    method: "POST",
    headers: { Origin: BASE, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "add", productId: String(productId), quantity: "1" }),
    redirect: "manual",
  });
  if (cart.status >= 400) throw new Error(`adding to the cart answered ${cart.status}`);
  return cookie;
}

type Summary = { page: string; path: string; performance: number; accessibility: number; scriptKb: number; stylesheetKb: number; lcpMs: number; tbtMs: number };

async function main() {
  if (!existsSync("build/server/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  execFileSync("node", ["scripts/migrate.js"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "pipe" });

  const listHtml = async () => (await (await fetch(`${BASE}/products`)).text());
  const hall = spawn("node", ["server.js"], { env, stdio: ["ignore", "pipe", "inherit"] });
  hall.stdout?.resume();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    await waitFor(`${BASE}/healthz`);
    const slug = /href="\/products\/([^"?#]+)"/.exec(await listHtml())?.[1];
    if (!slug) throw new Error("no product link on /products");
    await givePhotos(slug);
    const productId = Number(/name="productId" value="(\d+)"/.exec(await (await fetch(`${BASE}/products/${slug}`)).text())?.[1]);
    const cookie = await signedInWithCart(productId);

    const pages: [string, string][] = [
      ["home", "/"],
      ["product list", "/products"],
      ["product page with photos", `/products/${slug}`],
      ["cart", "/cart"],
      ["我的订单", "/orders"],
    ];
    const results: Summary[] = [];
    for (const [page, pagePath] of pages) {
      const run = await lighthouse(`${BASE}${pagePath}`, {
        port: Number(chrome.port),
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: { Cookie: cookie },
      });
      if (!run) throw new Error(`no Lighthouse result for ${pagePath}`);
      const { lhr } = run;
      if (lhr.runtimeError) process.stdout.write(`${page}: Lighthouse could not measure it: ${lhr.runtimeError.code} ${lhr.runtimeError.message}\n`);
      for (const id of ["largest-contentful-paint", "first-contentful-paint"]) {
        const audit = lhr.audits[id];
        if (audit?.errorMessage) process.stdout.write(`${page}: ${id}: ${audit.errorMessage}\n`);
      }
      const items = (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
      const kb = (type: string) => Math.round((items.find((i) => i.resourceType === type)?.transferSize ?? 0) / 102.4) / 10;
      results.push({
        page,
        path: pagePath,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        scriptKb: kb("script"),
        stylesheetKb: kb("stylesheet"),
        lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? 0),
      });
      const r = results.at(-1)!;
      process.stdout.write(`${page} (${pagePath}): performance ${r.performance}, accessibility ${r.accessibility}; JS ${r.scriptKb} KB + CSS ${r.stylesheetKb} KB compressed; LCP ${r.lcpMs} ms, TBT ${r.tbtMs} ms\n`);
    }
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/lighthouse.json", JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
  } finally {
    await chrome.kill();
    hall.kill();
  }
}

await main();
// The photo step loaded the hall's database module, whose background checkpoint thread would keep
// this script alive.
process.exit(0);
