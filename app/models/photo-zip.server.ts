import path from "node:path";
import yauzl from "yauzl";
import { prisma } from "~/utils/db.server";
import { attachPhotoSets, inspectPhotos, maxPhotoBytes, type PhotoFile, type PhotoProblem } from "./product-photo.server";

/**
 * Bulk photos: a zip of files named by SKU (ZL-0001.jpg is the first photo, ZL-0001-2.jpg the second…),
 * attached all or nothing. The archive is read entry by entry (yauzl) and its declared and real sizes
 * are bounded, so a zip bomb stops at the limit instead of filling memory.
 */
export const MAX_ZIP_ENTRIES = 500;
export const MAX_ZIP_UNCOMPRESSED = 400 * 1024 * 1024;
const PHOTO_NAME = /^(.+?)\.(jpe?g|png|webp|heic|heif|avif)$/i;
const SUFFIX = /^(.+)-(\d{1,2})$/;

type Entry = { name: string; bytes: Buffer };
type ReadResult = { entries: Entry[]; problems: PhotoProblem[] };

function openZip(buffer: Buffer) {
  return new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number) {
  return new Promise<Buffer | null>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Never trust the declared size alone: stop reading once the real bytes pass the limit.
        if (size > limit) {
          stream.destroy();
          resolve(null);
        } else chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** The photo entries of a zip, or the problems that stop it being read. */
export async function readPhotoZip(buffer: Buffer): Promise<ReadResult> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buffer);
  } catch {
    return { entries: [], problems: [{ file: "", code: "notZip" }] };
  }
  const entries: Entry[] = [];
  const problems: PhotoProblem[] = [];
  let count = 0;
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = path.posix.basename(entry.fileName);
        const skip = entry.fileName.endsWith("/") || entry.fileName.startsWith("__MACOSX/") || name.startsWith(".");
        if (skip) return zip.readEntry();
        count += 1;
        total += entry.uncompressedSize;
        if (count > MAX_ZIP_ENTRIES) {
          problems.push({ file: "", code: "zipTooManyEntries", params: { max: MAX_ZIP_ENTRIES } });
          zip.close();
          return resolve();
        }
        if (total > MAX_ZIP_UNCOMPRESSED) {
          problems.push({ file: "", code: "zipTooBig", params: { mb: MAX_ZIP_UNCOMPRESSED / 1024 / 1024 } });
          zip.close();
          return resolve();
        }
        if (!PHOTO_NAME.test(name)) {
          problems.push({ file: name, code: "zipName" });
          return zip.readEntry();
        }
        if (entry.uncompressedSize > maxPhotoBytes()) {
          problems.push({ file: name, code: "tooLarge", params: { mb: maxPhotoBytes() / 1024 / 1024 } });
          return zip.readEntry();
        }
        readEntry(zip, entry, maxPhotoBytes()).then((bytes) => {
          if (bytes === null) problems.push({ file: name, code: "tooLarge", params: { mb: maxPhotoBytes() / 1024 / 1024 } });
          else entries.push({ name, bytes });
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } catch {
    problems.push({ file: "", code: "notZip" });
  }
  return { entries, problems };
}

/** "ZL-0001-2" names ZL-0001's second photo, unless a product's SKU really is "ZL-0001-2". */
function skuAndPosition(stem: string, skus: Set<string>) {
  if (skus.has(stem)) return { sku: stem, position: 1 };
  const m = SUFFIX.exec(stem);
  if (m?.[1] && skus.has(m[1])) return { sku: m[1], position: Number(m[2]) };
  return null;
}

export type BulkPhotoResult = { ok: true; added: number; products: number } | { ok: false; problems: PhotoProblem[] };

export async function importPhotoZip(buffer: Buffer, userId: number | null): Promise<BulkPhotoResult> {
  const { entries, problems } = await readPhotoZip(buffer);
  if (problems.some((p) => p.file === "")) return { ok: false, problems };
  if (entries.length === 0 && problems.length === 0) return { ok: false, problems: [{ file: "", code: "zipEmpty" }] };
  const stems = entries.map((e) => PHOTO_NAME.exec(e.name)?.[1] ?? e.name);
  const candidates = [...new Set(stems.flatMap((s) => [s, SUFFIX.exec(s)?.[1] ?? s]))];
  const products = await prisma.product.findMany({ where: { sku: { in: candidates } }, select: { id: true, sku: true } });
  const idOf = new Map(products.map((p) => [p.sku, p.id]));
  const skus = new Set(idOf.keys());
  const sets = new Map<string, { position: number; file: PhotoFile }[]>();
  entries.forEach((entry, i) => {
    const found = skuAndPosition(stems[i] ?? entry.name, skus);
    if (!found) return problems.push({ file: entry.name, code: "unknownSku" });
    const list = sets.get(found.sku) ?? [];
    list.push({ position: found.position, file: entry });
    sets.set(found.sku, list);
  });
  const ordered = [...sets.entries()].map(([sku, list]) => ({
    productId: idOf.get(sku)!,
    label: sku,
    files: list.sort((a, b) => a.position - b.position).map((x) => x.file),
  }));
  if (problems.length > 0) {
    // Check the content of the well-named files too, so one answer lists every problem.
    const content = await inspectPhotos(ordered.flatMap((set) => set.files));
    return { ok: false, problems: [...problems, ...content.problems] };
  }
  const result = await attachPhotoSets(ordered, userId);
  return result.ok ? { ok: true, added: result.added, products: result.products } : result;
}
