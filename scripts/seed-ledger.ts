/**
 * Demo consumption-relief ledger: 2019 as the seed article tells it — more than 5,620,000 yuan against
 * the 1,350,000 target (417%) — and 2026 in progress against its own target. Deterministic (a seeded
 * generator), written with raw better-sqlite3 in one transaction; the rollup triggers keep the
 * dashboard's sums as they would for any other writer. Called by scripts/seed.ts after the catalogue.
 */
import Database from "better-sqlite3";

// mulberry32: small, fast and the same on every machine.
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BEIJING = 8 * 3600_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - BEIJING;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

type Bucket = {
  channel: string;
  buyerType: string;
  sourceType: string;
  from: number; // ms
  to: number; // ms, exclusive
  totalFen: number;
  entries: number;
  withProducts: boolean;
  // Busy days (Spring Festival, Mid-Autumn, 扶贫日, year end) weigh more.
  peaks?: [number, number][];
};

export type LedgerDemoResult = { entries: number; years: Record<number, number> };

export function seedLedger(file: string, now = new Date()): LedgerDemoResult {
  const db = new Database(file);
  try {
    const hasEntries = (db.prepare(`SELECT COUNT(*) AS n FROM "LedgerEntry"`).get() as { n: number }).n > 0;
    if (hasEntries) return { entries: 0, years: {} };
    const counties = db.prepare(`SELECT "id", "slug", "kind" FROM "County" ORDER BY "sortOrder", "id"`).all() as { id: number; slug: string; kind: string }[];
    const products = db.prepare(`SELECT "id", "sku", "countyId", "priceFen" FROM "Product" WHERE "status" = 'ACTIVE' ORDER BY "id"`).all() as {
      id: number;
      sku: string;
      countyId: number;
      priceFen: number;
    }[];
    const admin = db.prepare(`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" LIMIT 1`).get() as { id: number } | undefined;
    if (counties.length === 0) return { entries: 0, years: {} };

    // Mostly the three assigned counties, as the article's hall did; the rest spread over the first
    // secretaries' counties.
    const share: Record<string, number> = { zhenlai: 0.38, helong: 0.26, fengshan: 0.21 };
    const others = counties.filter((c) => !(c.slug in share));
    const weights = counties.map((c) => share[c.slug] ?? 0.15 / Math.max(1, others.length));
    const productsByCounty = new Map<number, typeof products>();
    for (const p of products) productsByCounty.set(p.countyId, [...(productsByCounty.get(p.countyId) ?? []), p]);

    const insert = db.prepare(
      `INSERT INTO "LedgerEntry" ("occurredAt","amountFen","countyId","channel","buyerType","sourceType","sourceId","orderId","createdAt",
         "batchId","createdByUserId","productId","externalOrderId","note")
       VALUES (?,?,?,?,?,?,?,NULL,?,?,?,?,?,?)`,
    );
    const batchInsert = db.prepare(
      `INSERT INTO "ImportBatch" ("channel","fileName","status","rowCount","processedRows","newRows","totalFen","newFen","createdByUserId","createdAt","countedAt")
       VALUES (?,?,'COUNTED',?,?,?,?,?,?,?,?)`,
    );
    const target = db.prepare(`INSERT INTO "ReliefTarget" ("year","totalFen","purchaseFen","helpedSalesFen","updatedByUserId","updatedAt") VALUES (?,?,?,?,?,?)`);

    const years: Record<number, number> = {};
    let written = 0;
    const run = (year: number, buckets: Bucket[], seed: number) => {
      const random = generator(seed);
      const pick = () => {
        let r = random() * weights.reduce((s, w) => s + w, 0);
        for (let i = 0; i < counties.length; i++) {
          r -= weights[i]!;
          if (r <= 0) return counties[i]!;
        }
        return counties[0]!;
      };
      let serial = 0;
      for (const bucket of buckets) {
        // Platform files arrive as one batch per platform and month, as an administrator would import them.
        const batches = new Map<string, number>();
        const batchFor = (at: number) => {
          const month = new Date(at + BEIJING).toISOString().slice(0, 7);
          const key = `${bucket.channel}:${month}`;
          let id = batches.get(key);
          if (id === undefined) {
            const monthEnd = iso(Math.min(day(year, Number(month.slice(5)) + 1, 3), now.getTime()));
            id = Number(batchInsert.run(bucket.channel, `${bucket.channel.toLowerCase()}-orders-${month}.csv`, 0, 0, 0, 0, 0, admin?.id ?? 0, monthEnd, monthEnd).lastInsertRowid);
            batches.set(key, id);
          }
          return id;
        };
        let remaining = bucket.totalFen;
        for (let i = 0; i < bucket.entries; i++) {
          const last = i === bucket.entries - 1;
          let at = bucket.from + Math.floor(random() * (bucket.to - bucket.from));
          if (bucket.peaks && random() < 0.45) {
            const [pFrom, pTo] = bucket.peaks[Math.floor(random() * bucket.peaks.length)]!;
            at = pFrom + Math.floor(random() * (pTo - pFrom));
          }
          const county = pick();
          const candidates = productsByCounty.get(county.id) ?? [];
          const product = bucket.withProducts && candidates.length > 0 ? candidates[Math.floor(random() * candidates.length)]! : null;
          const average = bucket.totalFen / bucket.entries;
          let amountFen: number;
          let quantity = 0;
          if (last) amountFen = remaining;
          else if (product) {
            quantity = Math.max(1, Math.round((average * (0.3 + random() * 1.4)) / product.priceFen));
            amountFen = product.priceFen * quantity;
          } else amountFen = Math.max(100, Math.round(average * (0.3 + random() * 1.4)));
          if (!last && amountFen > remaining - (bucket.entries - i - 1) * 100) amountFen = Math.max(1, Math.floor(remaining / (bucket.entries - i)));
          remaining -= amountFen;
          serial += 1;
          const stamp = new Date(at + BEIJING).toISOString().slice(0, 10).replaceAll("-", "");
          const productId = last && !product ? null : (product?.id ?? null);
          let sourceId: string;
          let batchId: number | null = null;
          let externalOrderId: string | null = null;
          let note: string | null = null;
          let createdBy: number | null = null;
          switch (bucket.sourceType) {
            case "IMPORT": {
              batchId = batchFor(at);
              const prefix = { JD: "", TMALL: "", SUNING: "" }[bucket.channel] ?? "";
              externalOrderId = `${prefix}${bucket.channel === "TMALL" ? "2019" : ""}${stamp.slice(2)}${String(serial).padStart(6, "0")}`;
              sourceId = `${batchId}:${externalOrderId}`;
              createdBy = admin?.id ?? null;
              break;
            }
            case "ORDER_PAID":
              sourceId = `FP-${stamp}-${String(serial).padStart(6, "0")}`;
              note = "演示数据：历史订单";
              break;
            case "TERMS_PAYMENT":
              sourceId = `TP-${stamp}-${String(serial).padStart(5, "0")}`;
              note = bucket.buyerType === "WELFARE" ? "工会节日慰问品" : "职工食堂采购";
              break;
            default:
              sourceId = `offline:demo-${year}-${serial}`;
              createdBy = admin?.id ?? null;
              note = quantity > 0 ? `线下馆 ${product!.sku} × ${quantity}` : "线下馆销售";
          }
          insert.run(iso(at), amountFen, county.id, bucket.channel, bucket.buyerType, bucket.sourceType, sourceId, iso(Math.min(at + 3600_000, now.getTime())), batchId, createdBy, productId, externalOrderId, note);
          written += 1;
          years[year] = (years[year] ?? 0) + amountFen;
        }
        // Each demo batch shows the rows and amount it counted.
        for (const id of batches.values()) {
          db.prepare(
            `UPDATE "ImportBatch" SET ("rowCount","processedRows","newRows","totalFen","newFen") =
               (SELECT COUNT(*), COUNT(*), COUNT(*), SUM("amountFen"), SUM("amountFen") FROM "LedgerEntry" WHERE "batchId" = ?) WHERE "id" = ?`,
          ).run(id, id);
        }
      }
    };

    const opened = day(2019, 10, 17); // 扶贫日: the online and offline halls opened
    const end2019 = day(2020, 1, 1);
    const yuan = (n: number) => Math.round(n * 100);
    db.transaction(() => {
      target.run(2019, yuan(1_350_000), null, null, admin?.id ?? null, iso(day(2019, 3, 1)));
      // 5,623,456.78 yuan in all: 416.5% of the target — the article's "more than 5.62 million, 417%".
      run(
        2019,
        [
          { channel: "JD", buyerType: "OUTSIDE", sourceType: "IMPORT", from: day(2019, 3, 1), to: opened, totalFen: yuan(523_410.35), entries: 900, withProducts: true, peaks: [[day(2019, 6, 1), day(2019, 6, 19)]] },
          { channel: "TMALL", buyerType: "OUTSIDE", sourceType: "IMPORT", from: day(2019, 4, 1), to: end2019, totalFen: yuan(381_207.6), entries: 700, withProducts: true, peaks: [[day(2019, 11, 1), day(2019, 11, 12)]] },
          { channel: "SUNING", buyerType: "OUTSIDE", sourceType: "IMPORT", from: day(2019, 5, 1), to: day(2019, 10, 1), totalFen: yuan(218_930.4), entries: 350, withProducts: true },
          { channel: "ONLINE_HALL", buyerType: "EMPLOYEE", sourceType: "ORDER_PAID", from: opened, to: end2019, totalFen: yuan(1_062_480.5), entries: 1800, withProducts: false, peaks: [[opened, day(2019, 10, 24)]] },
          { channel: "ONLINE_HALL", buyerType: "CANTEEN", sourceType: "TERMS_PAYMENT", from: opened, to: end2019, totalFen: yuan(1_206_300), entries: 90, withProducts: false },
          { channel: "ONLINE_HALL", buyerType: "WELFARE", sourceType: "TERMS_PAYMENT", from: day(2019, 12, 1), to: end2019, totalFen: yuan(1_281_600), entries: 40, withProducts: false },
          { channel: "OFFLINE_HALL", buyerType: "OUTSIDE", sourceType: "OFFLINE_SALE", from: opened, to: end2019, totalFen: yuan(512_727.93), entries: 600, withProducts: true, peaks: [[opened, day(2019, 10, 20)]] },
          { channel: "OFFLINE_HALL", buyerType: "OTHER_UNIT", sourceType: "OFFLINE_SALE", from: opened, to: end2019, totalFen: yuan(436_800), entries: 60, withProducts: true },
        ],
        2019,
      );

      // 2026, in progress up to today (or the whole year if the demo is loaded later).
      const end2026 = Math.min(day(2027, 1, 1), now.getTime());
      if (end2026 > day(2026, 1, 15)) {
        target.run(2026, yuan(2_000_000), yuan(1_400_000), yuan(600_000), admin?.id ?? null, iso(day(2026, 1, 5)));
        const share2026 = (end2026 - day(2026, 1, 1)) / (day(2027, 1, 1) - day(2026, 1, 1));
        const scaled = (n: number) => yuan(n * share2026);
        run(
          2026,
          [
            { channel: "ONLINE_HALL", buyerType: "EMPLOYEE", sourceType: "ORDER_PAID", from: day(2026, 1, 1), to: end2026, totalFen: scaled(520_000), entries: 1200, withProducts: false, peaks: [[day(2026, 2, 1), day(2026, 2, 14)], [day(2026, 9, 15), day(2026, 9, 30)]] },
            { channel: "ONLINE_HALL", buyerType: "CANTEEN", sourceType: "TERMS_PAYMENT", from: day(2026, 1, 1), to: end2026, totalFen: scaled(420_000), entries: 60, withProducts: false },
            { channel: "ONLINE_HALL", buyerType: "WELFARE", sourceType: "TERMS_PAYMENT", from: day(2026, 1, 20), to: day(2026, 2, 10), totalFen: yuan(310_000), entries: 12, withProducts: false },
            { channel: "OFFLINE_HALL", buyerType: "OUTSIDE", sourceType: "OFFLINE_SALE", from: day(2026, 1, 1), to: end2026, totalFen: scaled(190_000), entries: 300, withProducts: true },
            { channel: "JD", buyerType: "OUTSIDE", sourceType: "IMPORT", from: day(2026, 1, 1), to: Math.max(day(2026, 1, 2), end2026 - 20 * 86_400_000), totalFen: scaled(150_000), entries: 400, withProducts: true },
            { channel: "TMALL", buyerType: "OUTSIDE", sourceType: "IMPORT", from: day(2026, 1, 1), to: Math.max(day(2026, 1, 2), end2026 - 20 * 86_400_000), totalFen: scaled(95_000), entries: 250, withProducts: true },
          ],
          2026,
        );
      }
    })();
    return { entries: written, years };
  } finally {
    db.close();
  }
}
