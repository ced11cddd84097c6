import { CsvError, parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

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

/** What a cell shows, whatever Excel stored (number, text, rich text, formula result). */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "result" in value) return String(value.result ?? "");
  return cell.text ?? String(value);
}

/** Cells as rows of text, numbered as the spreadsheet numbers them (header = 1). */
export type SheetRows = { row: number; values: string[] }[];

/**
 * An uploaded table as text rows: XLSX (first sheet, up to `maxColumns` columns) or CSV (UTF-8 with
 * or without BOM, or GB18030). "empty" or "unreadable" when it is neither.
 */
export async function readSheetRows(fileName: string, bytes: Uint8Array, maxColumns = 12): Promise<SheetRows | "empty" | "unreadable"> {
  if (bytes.length === 0) return "empty";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // "PK": a zip, as every .xlsx is
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      return "unreadable";
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return "empty";
    const rows: SheetRows = [];
    const width = Math.min(sheet.columnCount, maxColumns);
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: string[] = [];
      for (let c = 1; c <= width; c++) values.push(cellText(row.getCell(c)));
      rows.push({ row: rowNumber, values });
    });
    return rows;
  }
  if (/\.xlsx?$/i.test(fileName)) return "unreadable";
  try {
    const records = parse(decodeCsvBytes(bytes), { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    return records.map((values, i) => ({ row: i + 1, values }));
  } catch (error) {
    if (error instanceof CsvError) return "unreadable";
    throw error;
  }
}
