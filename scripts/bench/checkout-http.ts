/**
 * Orders placed per second through the hall's own HTTP checkout, from ready carts: N buyers are
 * signed in and each has one product in the cart and the checkout page open (key and cart
 * fingerprint read from it) before the clock starts; then the checkouts are posted, `concurrency`
 * at a time, and only those POSTs are timed.
 */
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

export async function benchHttpCheckout(base: string, dbFile: string, { buyers = 400, concurrency = 20 } = {}) {
  const db = new Database(dbFile);
  const run = Date.now().toString(36);
  const hash = bcrypt.hashSync("bench-password", 4);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insert = db.prepare(`INSERT INTO "User" ("username","name","role","passwordHash","createdAt") VALUES (?, ?, 'EMPLOYEE', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < buyers; i++) insert.run(`http-${run}-${i}`, `买家${i}`, hash, now);
  })();
  const products = db
    .prepare(`SELECT p."id" FROM "Product" p JOIN "Supplier" s ON s."id" = p."supplierId" WHERE p."status" = 'ACTIVE' AND s."status" = 'ADMITTED' LIMIT 100`)
    .all() as { id: number }[];
  db.prepare(`UPDATE "Product" SET "stock" = 1000000 WHERE "id" IN (${products.map((p) => p.id).join(",")})`).run();
  const pickup = (db.prepare(`SELECT "id" FROM "PickupPoint" WHERE "active" = 1 LIMIT 1`).get() as { id: number }).id;
  db.close();

  const origin = { Origin: base };
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { ...origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual" as const,
  });

  // Not timed: sign in, fill the cart, open the checkout page.
  const ready: { cookie: string; fields: Record<string, string> }[] = [];
  for (let i = 0; i < buyers; i++) {
    const signIn = await fetch(`${base}/login`, form({ username: `http-${run}-${i}`, password: "bench-password", redirectTo: "/" }));
    const cookies = cookieOf(signIn);
    if (signIn.status !== 302 || cookies.length === 0) throw new Error(`sign-in answered ${signIn.status}`);
    let cookie = cookies.join("; ");
    const add = await fetch(`${base}/cart`, { ...form({ intent: "add", productId: String(products[i % products.length]!.id), quantity: "1" }), headers: { ...form({}).headers, Cookie: cookie } });
    cookie = [cookie, ...cookieOf(add)].join("; ");
    const page = await (await fetch(`${base}/checkout`, { headers: { Cookie: cookie } })).text();
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
    const checkoutKey = value("checkoutKey");
    const cartFingerprint = value("cartFingerprint");
    if (!checkoutKey || !cartFingerprint) throw new Error("the checkout page did not offer a form");
    ready.push({ cookie, fields: { checkoutKey, cartFingerprint, method: "PICKUP", pickupPointId: String(pickup), note: "" } });
  }

  // Timed: the checkouts themselves.
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ready.length) {
        const buyer = ready[next++]!;
        const t0 = performance.now();
        const res = await fetch(`${base}/checkout`, { ...form(buyer.fields), headers: { ...form({}).headers, Cookie: buyer.cookie } });
        times.push(performance.now() - t0);
        if (res.status !== 302 || !/\/pay\/local\/|\/orders\//.test(res.headers.get("location") ?? "")) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { orders: times.length, failures, concurrency, ordersPerSecond: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95) };
}
