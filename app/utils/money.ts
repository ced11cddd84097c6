/**
 * Money is integer fen (分) everywhere. This module is the only place that turns fen into text
 * or yuan text into fen, so no page ever divides by 100 itself.
 */
export type Locale = "zh" | "en";

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: Locale) {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", {
      style: "currency",
      currency: "CNY",
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(locale, f);
  }
  return f;
}

/** ¥1,234.56 */
export function formatFen(fen: number, locale: Locale = "zh"): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`fen must be a safe integer, got ${fen}`);
  // Intl works on numbers; splitting into yuan and fen keeps the digits exact.
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const parts = currencyFormatter(locale).formatToParts(yuan);
  const text = parts
    .map((p) => (p.type === "fraction" ? String(cents).padStart(2, "0") : p.value))
    .join("");
  return sign + text;
}

/** 562.3万元 / 5.62M yuan, for large totals as the article writes them. */
export function formatWan(fen: number, locale: Locale = "zh"): string {
  const tenThousandths = Math.round(fen / 100_000); // 0.1 万元 units
  const wan = (tenThousandths / 10).toFixed(1).replace(/\.0$/, "");
  if (locale === "zh") return `${wan}万元`;
  const millions = (fen / 100_000_000).toFixed(2).replace(/\.?0+$/, "");
  return `¥${millions}M`;
}

/** A total for the public: in 万元 (or ¥…M) once it is that large, otherwise exact to the fen. */
export function formatLargeFen(fen: number, locale: Locale = "zh"): string {
  const threshold = locale === "zh" ? 1_000_000 : 100_000_000; // 1万元 / ¥1M
  return Math.abs(fen) >= threshold ? formatWan(fen, locale) : formatFen(fen, locale);
}

/** Yuan as a plain number string for form fields: 1234.5 → "12.34"-style text, no symbol. */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const YUAN_PATTERN = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/;

/** "12.5" → 1250. Returns null for anything that is not a non-negative amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const m = YUAN_PATTERN.exec(text.replace(/^[¥￥]/, ""));
  if (!m) return null;
  const yuan = Number(m[1]);
  const cents = Number((m[2] ?? "").padEnd(2, "0"));
  return yuan * 100 + cents;
}

/** "-12.5" → -1250, "12.50" → 1250: amounts that may be negative (corrections). Null when malformed. */
export function parseSignedYuanToFen(text: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith("-") || trimmed.startsWith("−");
  const fen = parseYuanToFen(negative ? trimmed.slice(1) : trimmed);
  return fen === null ? null : negative ? -fen : fen;
}
