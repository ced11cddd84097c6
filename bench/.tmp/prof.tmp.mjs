import { createRequestHandler } from "@remix-run/node";
const build = await import("../../build/server/index.js");
const handler = createRequestHandler(build, "production");
const url = process.argv[2];
async function one() { const res = await handler(new Request("http://localhost" + url)); await res.text(); return res.status; }
console.log(await one());
for (let i = 0; i < 20; i++) await one();
const t0 = performance.now();
const N = 200;
for (let i = 0; i < N; i++) await one();
console.log(url, ((performance.now() - t0) / N).toFixed(2), "ms/request");
