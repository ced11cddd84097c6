import { createHash } from "node:crypto";
import sharp from "sharp";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getPhotoStore } from "~/utils/object-store.server";
import { PHOTO_WIDTHS, photoHashOf, photoUrl } from "~/utils/photo-url";
import { recordAudit } from "./audit.server";

/**
 * Product photos: checked by what the bytes are (sharp reads the header; the name and the browser's
 * content type are not trusted), stored once as the original and as WebP/AVIF variants under the
 * hash of the original, then attached to the product in one transaction.
 */

/** Decoding more pixels than this is refused before any pixel is decoded (sharp's limitInputPixels). */
export const MAX_PIXELS = 40_000_000;
/** A product photo must be at least this wide and high, or it would look blurred on the product page. */
export const MIN_SIDE = 320;
export const MAX_PHOTOS_PER_PRODUCT = 12;
const ACCEPTED = new Set(["jpeg", "png", "webp", "heif"]);

export const maxPhotoBytes = () => getEnv().PHOTO_MAX_MB * 1024 * 1024;

/** One thing wrong with one file; `code` is a key under admin:photos.errors. */
export type PhotoProblem = { file: string; code: string; params?: Record<string, string | number> };
export type PhotoFile = { name: string; bytes: Buffer };

type Checked = { file: PhotoFile; hash: string; format: string };

function hashOf(bytes: Buffer) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 24);
}

/** What the bytes are, or why they cannot be a product photo. */
export async function inspectPhoto(file: PhotoFile): Promise<{ ok: true; value: Checked } | { ok: false; problem: PhotoProblem }> {
  const fail = (code: string, params?: PhotoProblem["params"]) => ({ ok: false as const, problem: { file: file.name, code, params } });
  if (file.bytes.length === 0) return fail("empty");
  if (file.bytes.length > maxPhotoBytes()) return fail("tooLarge", { mb: getEnv().PHOTO_MAX_MB });
  let meta: sharp.Metadata;
  try {
    // Reads the header only; the pixel limit is checked below and enforced again when decoding.
    meta = await sharp(file.bytes, { limitInputPixels: false }).metadata();
  } catch {
    return fail("notImage");
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) return fail("format", { format: meta.format ?? "?" });
  // The prebuilt sharp decodes AVIF but not HEVC-coded HEIC (iPhone photos); say so rather than fail later.
  if (meta.format === "heif" && meta.compression !== "av1") return fail("heic");
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > MAX_PIXELS) return fail("tooManyPixels", { megapixels: MAX_PIXELS / 1_000_000 });
  if (Math.min(width, height) < MIN_SIDE) return fail("tooSmall", { min: MIN_SIDE, width, height });
  return { ok: true, value: { file, hash: hashOf(file.bytes), format: meta.format } };
}

/** Checks every file, so one answer lists every problem. */
export async function inspectPhotos(files: PhotoFile[]) {
  const checked: Checked[] = [];
  const problems: PhotoProblem[] = [];
  for (const file of files) {
    const result = await inspectPhoto(file);
    if (result.ok) checked.push(result.value);
    else problems.push(result.problem);
  }
  return { checked, problems };
}

const ORIGINAL_EXT: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp", heif: "avif" };

/**
 * Writes the original and the six variants. Keys depend only on the content, so a photo uploaded
 * twice (or for two products) is stored once; the last variant written marks a complete set.
 */
async function storePhoto(photo: Checked) {
  const store = getPhotoStore();
  const lastKey = `photos/${photo.hash}/${PHOTO_WIDTHS.at(-1)}.avif`;
  if (await store.has(lastKey)) return;
  await store.put(`photos/${photo.hash}/original.${ORIGINAL_EXT[photo.format]}`, photo.file.bytes, "application/octet-stream");
  // sharp does its work on libuv's thread pool: the event loop stays free while variants are made.
  const base = sharp(photo.file.bytes, { limitInputPixels: MAX_PIXELS }).rotate();
  for (const width of PHOTO_WIDTHS) {
    const resized = base.clone().resize({ width, withoutEnlargement: true });
    const webp = await resized.clone().webp({ quality: 80 }).toBuffer();
    await store.put(`photos/${photo.hash}/${width}.webp`, webp, "image/webp");
  }
  for (const width of PHOTO_WIDTHS) {
    const avif = await base.clone().resize({ width, withoutEnlargement: true }).avif({ quality: 55, effort: 2 }).toBuffer();
    await store.put(`photos/${photo.hash}/${width}.avif`, avif, "image/avif");
  }
}

type Db = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Appends photos after a product's own photos; the category illustration gives way to the first real photo. */
async function attach(tx: Db, productId: number, hashes: string[]) {
  const existing = await tx.productImage.findMany({ where: { productId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  const photos = existing.filter((i) => photoHashOf(i.url) !== null);
  const others = existing.filter((i) => photoHashOf(i.url) === null);
  if (others.length > 0) await tx.productImage.deleteMany({ where: { id: { in: others.map((i) => i.id) } } });
  const have = new Set(photos.map((i) => photoHashOf(i.url)));
  const fresh = [...new Set(hashes)].filter((h) => !have.has(h));
  const next = photos.reduce((max, i) => Math.max(max, i.sortOrder), -1) + 1;
  await tx.productImage.createMany({ data: fresh.map((hash, i) => ({ productId, url: photoUrl(hash), sortOrder: next + i })) });
  return fresh.length;
}

export type AddPhotosResult = { ok: true; added: number } | { ok: false; problems: PhotoProblem[] };

export async function addProductPhotos(productId: number, files: PhotoFile[], userId: number | null): Promise<AddPhotosResult> {
  if (files.length === 0) return { ok: false, problems: [{ file: "", code: "noFiles" }] };
  const current = await prisma.productImage.findMany({ where: { productId }, select: { url: true } });
  const photoCount = current.filter((i) => photoHashOf(i.url) !== null).length;
  if (photoCount + files.length > MAX_PHOTOS_PER_PRODUCT) {
    return { ok: false, problems: [{ file: "", code: "tooMany", params: { max: MAX_PHOTOS_PER_PRODUCT, count: photoCount } }] };
  }
  const { checked, problems } = await inspectPhotos(files);
  if (problems.length > 0) return { ok: false, problems };
  for (const photo of checked) await storePhoto(photo);
  const added = await prisma.$transaction(async (tx) => {
    const n = await attach(tx, productId, checked.map((c) => c.hash));
    await recordAudit(tx, { userId, action: "product.photos.add", entityType: "Product", entityId: productId, details: { added: n } });
    return n;
  });
  return { ok: true, added };
}

export function listProductPhotos(productId: number) {
  return prisma.productImage.findMany({ where: { productId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, url: true } });
}

export type PhotoMove = "main" | "up" | "down";

/** Reorders a product's photos; the first is the main photo (cards, cart, orders). */
export async function movePhoto(productId: number, imageId: number, move: PhotoMove, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const images = await tx.productImage.findMany({ where: { productId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true } });
    const from = images.findIndex((i) => i.id === imageId);
    if (from < 0) return false;
    const to = move === "main" ? 0 : move === "up" ? Math.max(0, from - 1) : Math.min(images.length - 1, from + 1);
    images.splice(to, 0, ...images.splice(from, 1));
    for (const [sortOrder, image] of images.entries()) {
      await tx.productImage.update({ where: { id: image.id }, data: { sortOrder } });
    }
    await recordAudit(tx, { userId, action: "product.photos.move", entityType: "Product", entityId: productId, details: { imageId, move } });
    return true;
  });
}

/**
 * Detaches a photo (the stored files stay: another product may show the same bytes). A product left
 * without photos shows its category illustration again.
 */
export async function removePhoto(productId: number, imageId: number, userId: number | null) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.productImage.deleteMany({ where: { id: imageId, productId } });
    if (count === 0) return false;
    if ((await tx.productImage.count({ where: { productId } })) === 0) {
      const product = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { category: { select: { slug: true } } } });
      await tx.productImage.create({ data: { productId, url: `/images/categories/${product.category.slug}.svg`, sortOrder: 0 } });
    }
    await recordAudit(tx, { userId, action: "product.photos.remove", entityType: "Product", entityId: productId, details: { imageId } });
    return true;
  });
}

/** Bulk: every file of every product is checked first; nothing is attached unless all pass. */
export async function attachPhotoSets(sets: { productId: number; label: string; files: PhotoFile[] }[], userId: number | null) {
  const problems: PhotoProblem[] = [];
  const checkedSets: { productId: number; photos: Checked[] }[] = [];
  const counts = await prisma.productImage.groupBy({
    by: ["productId"],
    where: { productId: { in: sets.map((s) => s.productId) }, url: { startsWith: "/photos/" } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.productId, c._count._all]));
  for (const set of sets) {
    const have = countOf.get(set.productId) ?? 0;
    if (have + set.files.length > MAX_PHOTOS_PER_PRODUCT) {
      problems.push({ file: set.label, code: "tooMany", params: { max: MAX_PHOTOS_PER_PRODUCT, count: have } });
    }
    const result = await inspectPhotos(set.files);
    problems.push(...result.problems);
    checkedSets.push({ productId: set.productId, photos: result.checked });
  }
  if (problems.length > 0) return { ok: false as const, problems };
  for (const set of checkedSets) for (const photo of set.photos) await storePhoto(photo);
  const added = await prisma.$transaction(async (tx) => {
    let n = 0;
    for (const set of checkedSets) n += await attach(tx, set.productId, set.photos.map((p) => p.hash));
    await recordAudit(tx, { userId, action: "product.photos.bulk", entityType: "Product", entityId: "bulk", details: { products: sets.length, added: n } });
    return n;
  });
  return { ok: true as const, added, products: sets.length };
}
