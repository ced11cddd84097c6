// Remix writes its route manifest (build/client/assets/manifest-*.js) after Vite's plugins have run, so
// vite-plugin-compression2 never sees it; this gives it (and any other late file) the same .br and .gz
// copies the server sends precompressed (ADR 031).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve("build/client/assets");
for (const name of readdirSync(dir)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const file = path.join(dir, name);
  const bytes = readFileSync(file);
  if (!existsSync(`${file}.br`)) writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  if (!existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
