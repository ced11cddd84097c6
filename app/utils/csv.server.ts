/** What every CSV the hall reads or writes shares: encodings, and the spreadsheet-formula guard. */

/** UTF-8 with or without BOM; Excel on Chinese Windows saves "CSV" as GB18030, which we also read. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    decoded = new TextDecoder("gb18030").decode(bytes);
  }
  return decoded.replace(/^\uFEFF/, "");
}

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula, so an exported name like
 * "=HYPERLINK(…)" could act on the office's machine. Such text is written with a leading apostrophe,
 * which Excel shows as text, and the import takes it off again so a round trip changes nothing.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as "-14439.21" starts with "-" but runs nothing; guarding it would turn it into text that sums skip. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function guardFormula(value: string | number) {
  return typeof value === "string" && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string) {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
