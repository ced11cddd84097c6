import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

/**
 * The browser's files as the production server sends them (server/static-files.js, ADR 031): each
 * script and stylesheet a page loads comes precompressed in the best encoding the browser accepts and
 * decodes to exactly the built file; and a first visit to /products stays within issue 11's budget.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET whose body is kept as sent (fetch would decode it). */
function get(pathname: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
    http
      .get(`${server.url}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** The JavaScript and CSS a first visit to the page downloads: its stylesheets, module preloads and scripts. */
async function codeOf(pathname: string) {
  const html = (await get(pathname)).body.toString();
  return [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
}

const built = (asset: string) => readFileSync(path.resolve("build/client", asset.slice(1)));
const CHROME = "gzip, deflate, br, zstd";

describe("the build's scripts and stylesheets", () => {
  it("come as brotli to a browser that accepts it, gzip to one that accepts only gzip, as built to others — the same bytes each way", async () => {
    const assets = await codeOf("/products");
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    expect(assets.filter((a) => a.endsWith(".js")).length).toBeGreaterThan(3);
    for (const asset of assets) {
      const original = built(asset);
      const br = await get(asset, CHROME);
      expect(br.status, asset).toBe(200);
      expect(br.headers["content-encoding"], asset).toBe("br");
      expect(br.headers["content-type"], asset).toMatch(asset.endsWith(".css") ? /^text\/css/ : /^(text|application)\/javascript/);
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(brotliDecompressSync(br.body).equals(original), asset).toBe(true);

      const gz = await get(asset, "gzip");
      expect(gz.headers["content-encoding"], asset).toBe("gzip");
      expect(gunzipSync(gz.body).equals(original), asset).toBe(true);

      const plain = await get(asset);
      expect(plain.headers["content-encoding"], asset).toBeUndefined();
      expect(plain.body.equals(original), asset).toBe(true);
    }
  });

  it("are cached for a year, not sniffed, same-origin only, without the document policies", async () => {
    const [asset] = await codeOf("/products");
    const { headers } = await get(asset!, CHROME);
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["content-security-policy"]).toBeUndefined();
    // The page itself and the other public files keep every security header.
    expect((await get("/products", CHROME)).headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
    const favicon = await get("/favicon.svg", CHROME);
    expect(favicon.headers["content-encoding"]).toBe("br");
    expect(favicon.headers["content-security-policy"]).toMatch(/default-src 'self'/);
  });

  it("a missing asset is the hall's 404 page, not an empty answer", async () => {
    const missing = await get("/assets/no-such-file-123.js", CHROME);
    expect(missing.status).toBe(404);
    expect(missing.headers["content-security-policy"]).toBeDefined();
  });
});

describe("a first visit to /products", () => {
  it("downloads at most 120 KB of JavaScript and CSS, compressed as sent (issue 11 §7)", async () => {
    const assets = await codeOf("/products");
    let bytes = 0;
    for (const asset of assets) bytes += (await get(asset, CHROME)).body.length;
    expect(bytes).toBeLessThanOrEqual(120_000);
  });
});
