import { pinyin } from "pinyin-pro";

/**
 * Search runs on SQLite FTS5 (table product_search, kept in step with Product by triggers).
 * FTS5's unicode61 tokenizer has no notion of Chinese words, so we index what we want to match:
 * - searchChars: the Chinese text one character per token, so "大米" is the phrase "大 米";
 * - searchPinyin / searchInitials: every suffix of the name's pinyin starting at a syllable, so a
 *   prefix query "dami*" or "dm*" matches 五常大米 (wuchangdami, changdami, dami…);
 * - searchEnglish: the English name's words.
 */
const CJK = /\p{Script=Han}/u;

export type SearchFields = {
  searchChars: string;
  searchPinyin: string;
  searchInitials: string;
  searchEnglish: string;
};

function suffixes(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts.slice(i).join(""));
  return out;
}

export function buildSearchFields(input: { nameZh: string; nameEn?: string; extraZh?: string[] }): SearchFields {
  const hanOnly = [...input.nameZh].filter((ch) => CJK.test(ch)).join("");
  const syllables = hanOnly ? pinyin(hanOnly, { toneType: "none", type: "array" }) : [];
  const initials = syllables.map((s) => s[0] ?? "");
  const charText = [input.nameZh, ...(input.extraZh ?? [])]
    .join(" ")
    .split("")
    .filter((ch) => CJK.test(ch) || /[\p{L}\p{N}]/u.test(ch) || ch === " ")
    .join("");
  return {
    searchChars: [...charText].map((ch) => (CJK.test(ch) ? ` ${ch} ` : ch)).join("").replace(/\s+/g, " ").trim(),
    searchPinyin: suffixes(syllables).join(" "),
    searchInitials: suffixes(initials).join(" "),
    searchEnglish: (input.nameEn ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(),
  };
}

/** What a shopper typed, as at most 8 terms: runs of Chinese characters, of Latin letters and digits, of other letters. */
function searchTerms(input: string): string[] {
  return input
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{Script=Han}\p{L}\p{N}]+/u)
    .flatMap((chunk) => chunk.match(/\p{Script=Han}+|[a-z0-9]+|[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 8);
}

/**
 * Turns what a shopper typed into an FTS5 query, or null when nothing searchable is left.
 * Every term must match (AND). Chinese runs become phrases over single characters; Latin terms
 * are prefix queries over pinyin, pinyin initials and English. Nothing typed reaches FTS5 syntax.
 */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  const clauses = terms.map((term) => {
    if (CJK.test(term)) return `searchChars : "${[...term].join(" ")}"`;
    if (/^[a-z0-9]+$/.test(term)) return `{searchPinyin searchInitials searchEnglish} : "${term}"*`;
    return `searchEnglish : "${term.replace(/"/g, "")}"*`;
  });
  return clauses.join(" AND ");
}

/**
 * The same search on PostgreSQL (ADR 025): the four columns as one tsvector weighted A (characters),
 * B (pinyin), C (initials), D (English) — the expression of the GIN index "Product_search_idx".
 */
export const SEARCH_VECTOR = `(setweight(to_tsvector('simple', p."searchChars"), 'A') || setweight(to_tsvector('simple', p."searchPinyin"), 'B') || setweight(to_tsvector('simple', p."searchInitials"), 'C') || setweight(to_tsvector('simple', p."searchEnglish"), 'D'))`;

/** What a shopper typed as a tsquery with the meaning of toFtsQuery: phrases of characters, prefixes of pinyin and English. */
export function toTsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  const clauses = terms.map((term) => {
    // Terms hold letters and digits only, so quoting them is enough to keep tsquery syntax out.
    if (CJK.test(term)) return `(${[...term].map((ch) => `'${ch}':A`).join(" <-> ")})`;
    if (/^[a-z0-9]+$/.test(term)) return `'${term}':*BCD`;
    return `'${term}':*D`;
  });
  return clauses.join(" & ");
}

const SKU_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;

/**
 * A product code such as ZL-0001 (letters, digits and . _ -, with a digit somewhere), as typed and in
 * capitals; empty when the input cannot be one. The shop matches these against Product.sku exactly.
 */
export function skuCandidates(input: string): string[] {
  const typed = input.normalize("NFKC").trim();
  if (!SKU_LIKE.test(typed) || !/\d/.test(typed)) return [];
  return [...new Set([typed, typed.toUpperCase()])];
}
