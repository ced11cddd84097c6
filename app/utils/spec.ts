/**
 * A product's spec (packaging), written in Chinese in the catalogue, in English: `5kg/袋` →
 * `5 kg/bag`, `2.5kg×2袋/箱` → `2.5 kg×2 bags/case`, `2斤/袋` → `1 kg/bag`. Counting words after a
 * number take the plural; after `/` they name one unit. Anything not listed is kept as written.
 */
const counters: Record<string, [one: string, many: string]> = {
  袋: ["bag", "bags"],
  盒: ["box", "boxes"],
  箱: ["case", "cases"],
  瓶: ["bottle", "bottles"],
  罐: ["jar", "jars"],
  包: ["pack", "packs"],
  桶: ["tub", "tubs"],
  件: ["item", "items"],
  只: ["piece", "pieces"],
  个: ["piece", "pieces"],
  条: ["piece", "pieces"],
  枚: ["piece", "pieces"],
  支: ["stick", "sticks"],
  穗: ["ear", "ears"],
  把: ["bunch", "bunches"],
  根: ["stick", "sticks"],
  片: ["slice", "slices"],
  粒: ["piece", "pieces"],
  份: ["portion", "portions"],
  提: ["carry pack", "carry packs"],
  套: ["set", "sets"],
  双: ["pair", "pairs"],
};

const words: [zh: string, en: string][] = [
  ["精选", "selected "],
  ["约", "about "],
  ["含汤料", "with soup base"],
  ["（", " ("],
  ["）", ")"],
];

const counterChars = Object.keys(counters).join("");
const number = String.raw`\d+(?:\.\d+)?`;

/** 斤 is half a kilogram: shown in grams, or kilograms from one up. */
function jin(amount: string) {
  const grams = Number(amount) * 500;
  return grams >= 1000 ? `${grams / 1000} kg` : `${grams} g`;
}

export function specInEnglish(spec: string): string {
  let text = spec.replace(new RegExp(`(${number})\\s*斤`, "g"), (_, amount: string) => jin(amount));
  text = text.replace(new RegExp(`(${number})\\s*(kg|mg|g|ml|mL|L|cm|mm|m)(?![a-zA-Z])`, "g"), "$1 $2");
  text = text.replace(new RegExp(`(${number})\\s*([${counterChars}])`, "g"), (_, amount: string, unit: string) => {
    const [one, many] = counters[unit]!;
    return `${amount} ${Number(amount) === 1 ? one : many}`;
  });
  text = text.replace(new RegExp(`/\\s*([${counterChars}])`, "g"), (_, unit: string) => `/${counters[unit]![0]}`);
  for (const [zh, en] of words) text = text.replaceAll(zh, en);
  return text.replace(/\s+/g, " ").replace(/\(\s+/g, "(").trim();
}
