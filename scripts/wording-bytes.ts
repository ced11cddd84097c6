/**
 * Bytes of wording a first visit to a page downloads, now (only its namespaces, in the visitor's
 * language, inside the HTML) against before ADR 030 (every namespace in both languages, bundled into
 * the root script). Run against a built hall: `npm run build && node server.js`, then
 * `npm run bench:wording` (BASE_URL, default http://127.0.0.1:3000; PAGE, default /products).
 */
import { gzipSync } from "node:zlib";
import { resources } from "../app/locales";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const pagePath = process.env.PAGE ?? "/products";

const sizes = (text: string) => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function pageWording(lang: "zh" | "en") {
  const url = new URL(pagePath, base);
  url.searchParams.set("lang", lang);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${pagePath} answered ${response.status}`);
  const html = await response.text();
  const json = /<script id="page-wording" type="application\/json"[^>]*>(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error(`${pagePath} carries no page wording`);
  const wording = JSON.parse(json) as { lng: string; resources: Record<string, Record<string, unknown>> };
  return { lng: wording.lng, namespaces: Object.keys(wording.resources[wording.lng] ?? {}), ...sizes(json) };
}

async function main() {
  const before = sizes(JSON.stringify(resources));
  console.info(`before (every namespace, both languages, on every page): ${kb(before.raw)} raw, ${kb(before.gzip)} gzipped`);
  for (const lang of ["zh", "en"] as const) {
    const after = await pageWording(lang);
    if (after.lng !== lang) throw new Error(`asked for ${lang}, the page answered in ${after.lng}`);
    console.info(
      `${pagePath} in ${lang} [${after.namespaces.join(", ")}]: ${kb(after.raw)} raw, ${kb(after.gzip)} gzipped` +
        ` — ${(before.raw / after.raw).toFixed(1)}× less raw, ${(before.gzip / after.gzip).toFixed(1)}× less gzipped`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
