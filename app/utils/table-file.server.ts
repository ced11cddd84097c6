import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import yauzl from "yauzl";
import { decodeCsvBytes } from "./csv.server";

/**
 * Reading an uploaded table (CSV or the first sheet of an .xlsx) without trusting it (ADR 017).
 * A spreadsheet is a zip: a 2 MB file can unpack to gigabytes. Before any spreadsheet code sees it,
 * every entry's declared size and compression ratio are checked against the central directory, and
 * the bytes are counted while they are inflated (a header can lie), stopping at the limit. Rows are
 * counted while they are read, stopping at the limit; one row cannot exceed a number of characters.
 * This runs in a worker thread (uploaded-table.server.ts); it touches no database.
 */

export type TableLimits = {
  /** Non-blank rows after the header. */
  maxRows: number;
  /** Characters in one row, all cells together. */
  maxRowChars: number;
  /** Bytes of an .xlsx once unpacked, all entries together. */
  maxUnpackedBytes: number;
};

export const DEFAULT_TABLE_LIMITS = { maxRowChars: 64 * 1024, maxUnpackedBytes: 16 * 1024 * 1024 } as const;
/** An entry that shrinks more than this in the zip is a bomb, not a spreadsheet (real sheets: 5–30×). */
export const MAX_COMPRESSION_RATIO = 200;
const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;
const MAX_COLUMNS = 256;

/** A row as the spreadsheet numbers it (the first line is row 1); blank rows are left out. */
export type TableRow = { row: number; values: string[] };
/** An i18n key in the common namespace and its values. */
export type TableProblem = { message: string; params?: Record<string, string | number> };
export type TableResult = { ok: true; rows: TableRow[] } | { ok: false; problem: TableProblem };

class Refused extends Error {
  constructor(readonly problem: TableProblem) {
    super(problem.message);
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function refuseWide(values: string[], limits: TableLimits) {
  if (values.length > MAX_COLUMNS) throw new Refused({ message: "common:table.tooManyColumns", params: { max: MAX_COLUMNS } });
  let chars = 0;
  for (const v of values) chars += v.length;
  if (chars > limits.maxRowChars) throw new Refused({ message: "common:table.rowTooLong", params: { max: limits.maxRowChars } });
}

/** Counts non-blank rows, allowing one header row, and refuses the first one past the limit. */
function rowCounter(limits: TableLimits) {
  let count = 0;
  return () => {
    count += 1;
    if (count > limits.maxRows + 1) throw new Refused({ message: "common:table.tooManyRows", params: { max: limits.maxRows } });
  };
}

const isBlank = (values: string[]) => values.every((v) => v.trim() === "");

/**
 * CSV records fed to the parser 64 KB at a time (so a caller on the main thread gets turns between
 * slices), with the row and row-size limits applied as they arrive. Blank lines keep their numbers.
 */
export async function* csvRows(text: string, limits: TableLimits): AsyncGenerator<TableRow> {
  const slices = function* () {
    for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
  };
  const parser = Readable.from(slices()).pipe(
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: limits.maxRowChars }),
  );
  const count = rowCounter(limits);
  let row = 0;
  try {
    for await (const record of parser) {
      row += 1;
      const values = record as string[];
      if (isBlank(values)) continue;
      refuseWide(values, limits);
      count();
      yield { row, values };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      if (error.code === "CSV_MAX_RECORD_SIZE") throw new Refused({ message: "common:table.rowTooLong", params: { max: limits.maxRowChars } });
      throw new Refused({ message: "common:table.malformed", params: { line: (error as CsvError & { lines?: number }).lines ?? row + 1 } });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}

const openZip = (bytes: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );

/**
 * The zip's entries, inflated, if none is (or turns out to be) over the limits. Only the central
 * directory's entries are read, the same ones a spreadsheet reader would find.
 */
async function unpack(bytes: Buffer, limits: TableLimits): Promise<Record<string, Uint8Array>> {
  const tooLarge = () => new Refused({ message: "common:table.unpackedTooLarge", params: { mb: mb(limits.maxUnpackedBytes) } });
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    throw new Refused({ message: "common:table.unreadable" });
  }
  const entries: Record<string, Uint8Array> = {};
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.maxUnpackedBytes) return reject(tooLarge());
        if (entry.uncompressedSize > RATIO_CHECKED_FROM_BYTES && entry.uncompressedSize > entry.compressedSize * MAX_COMPRESSION_RATIO) {
          return reject(new Refused({ message: "common:table.compressionRatio", params: { ratio: MAX_COMPRESSION_RATIO } }));
        }
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => {
            inflated += chunk.length;
            // The declared sizes were within the limit; these are the bytes that actually come out.
            if (inflated > limits.maxUnpackedBytes) {
              stream.destroy();
              return reject(tooLarge());
            }
            chunks.push(chunk);
          });
          stream.on("error", reject);
          stream.on("end", () => {
            entries[entry.fileName] = Buffer.concat(chunks);
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof Refused) throw error;
    // yauzl stops an entry that inflates past its declared size ("too many bytes in the stream").
    throw new Refused({ message: "common:table.corrupt" });
  } finally {
    zip.close();
  }
  return entries;
}

/** What a cell shows, whatever Excel stored (number, text, rich text, formula result). */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "result" in value) return String(value.result ?? "");
  return cell.text ?? String(value);
}

// exceljs's streaming reader needs the workbook, its relations and the shared strings before a sheet,
// else it parks the sheet in a temporary file: the checked entries are packed again in that order.
const FIRST = ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];
const EMPTY_SHARED_STRINGS = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

async function* xlsxRows(bytes: Uint8Array, limits: TableLimits): AsyncGenerator<TableRow> {
  const entries = await unpack(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  if (!entries["xl/workbook.xml"]) throw new Refused({ message: "common:table.unreadable" });
  entries["xl/sharedStrings.xml"] ??= EMPTY_SHARED_STRINGS;
  const ordered = Object.fromEntries([
    ...FIRST.filter((name) => entries[name]).map((name) => [name, entries[name]!] as const),
    ...Object.entries(entries).filter(([name]) => !FIRST.includes(name)),
  ]);
  const packed = zipSync(ordered, { level: 0 });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(packed)]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  const count = rowCounter(limits);
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const width = Math.min(row.cellCount, MAX_COLUMNS + 1);
        const values: string[] = [];
        for (let c = 1; c <= width; c++) values.push(cellText(row.getCell(c)));
        if (isBlank(values)) continue;
        refuseWide(values, limits);
        count();
        yield { row: row.number, values };
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused({ message: "common:table.unreadable" });
  }
}

/**
 * Every non-blank row of an uploaded CSV (UTF-8 with or without BOM, or GB18030) or .xlsx (first
 * sheet), or the first limit it broke. A file named .xls/.xlsx that is not a zip is unreadable.
 */
export async function readTableFile(fileName: string, bytes: Uint8Array, limits: TableLimits): Promise<TableResult> {
  if (bytes.length === 0) return { ok: false, problem: { message: "common:table.empty" } };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK", as every .xlsx starts
  if (!isZip && /\.xlsx?$/i.test(fileName)) return { ok: false, problem: { message: "common:table.unreadable" } };
  const rows: TableRow[] = [];
  try {
    for await (const row of isZip ? xlsxRows(bytes, limits) : csvRows(decodeCsvBytes(bytes), limits)) rows.push(row);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
  if (rows.length === 0) return { ok: false, problem: { message: "common:table.empty" } };
  return { ok: true, rows };
}

export function refusal(error: unknown): TableProblem | null {
  return error instanceof Refused ? error.problem : null;
}
