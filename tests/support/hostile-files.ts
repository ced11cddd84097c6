/** Files an attacker (or a broken export) could upload: spreadsheets that unpack to far more than they weigh. */
import zlib from "node:zlib";

const SKELETON: Record<string, string> = {
  "[Content_Types].xml":
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  "_rels/.rels":
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  "xl/workbook.xml":
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  "xl/_rels/workbook.xml.rels":
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

const SHEET_START = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = "</sheetData></worksheet>";

type Entry = { name: string; method: 0 | 8; data: Uint8Array; crc: number; size: number };

/** A zip, written by hand so an entry's compressed bytes can be anything the test needs. */
function zipOf(entries: Entry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt32LE(e.crc >>> 0, 16);
    header.writeUInt32LE(e.data.length, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(e.data));
    central.push(header, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}

/**
 * An .xlsx whose sheet unpacks to `megabytes` MB of rows. One megabyte is deflated once (ending on
 * a byte boundary, referring only to itself) and repeated, so hundreds of MB cost the test nothing:
 * the file weighs a few hundred KB.
 */
export function xlsxBomb(megabytes: number): Uint8Array {
  const stored = Object.entries(SKELETON).map(([name, text]): Entry => {
    const data = Buffer.from(text);
    return { name, method: 0, data, crc: zlib.crc32(data), size: data.length };
  });
  const row = '<row><c t="inlineStr"><is><t>张伟 E10001 13800010001</t></is></c></row>';
  const block = Buffer.from(row.repeat(Math.floor((1024 * 1024) / Buffer.byteLength(row))));
  const start = Buffer.from(SHEET_START);
  const finish = Buffer.from(SHEET_END);
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const deflated = [zlib.deflateRawSync(start, flush), ...Array<Buffer>(megabytes).fill(zlib.deflateRawSync(block, flush)), zlib.deflateRawSync(finish)];
  let crc = zlib.crc32(start);
  for (let i = 0; i < megabytes; i++) crc = zlib.crc32(block, crc);
  crc = zlib.crc32(finish, crc);
  const sheet: Entry = { name: "xl/worksheets/sheet1.xml", method: 8, data: Buffer.concat(deflated), crc, size: start.length + block.length * megabytes + finish.length };
  return zipOf([...stored, sheet]);
}

/** The same bomb whose central directory says the sheet unpacks to `declaredBytes` only. */
export function lyingXlsxBomb(megabytes: number, declaredBytes: number): Uint8Array {
  const bytes = xlsxBomb(megabytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue; // central directory file header
    const nameLength = view.getUint16(i + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + nameLength));
    if (name === "xl/worksheets/sheet1.xml") view.setUint32(i + 24, declaredBytes, true);
  }
  return bytes;
}

/** The largest of rss and heap growth seen while `work` runs, sampled every few milliseconds. */
export async function peakMemoryGrowth<T>(work: () => Promise<T>) {
  const before = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - before.rss);
    heap = Math.max(heap, now.heapUsed - before.heapUsed);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, rssMb: rss / 1024 / 1024, heapMb: heap / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
