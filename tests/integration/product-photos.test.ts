import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import S3rver from "s3rver";
import yazl from "yazl";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProduct } from "~/models/product.server";
import { importPhotoZip, MAX_ZIP_ENTRIES, readPhotoZip } from "~/models/photo-zip.server";
import { addProductPhotos, movePhoto, removePhoto } from "~/models/product-photo.server";
import { prisma } from "~/utils/db.server";
import { createDiskStore, createS3Store, setPhotoStore, type ObjectStore } from "~/utils/object-store.server";
import { photoHashOf } from "~/utils/photo-url";
import { readUpload } from "~/utils/upload.server";
import { loader as photoLoader } from "~/routes/photos.$hash.$file";
import * as photosPage from "~/routes/admin.products_.$id.photos";
import { resetDatabase } from "../support/db";
import { cookieFor, createReferenceData, createUserWithRole, productInput, type ReferenceData } from "../support/admin-fixtures";
import { post, refusal, request, thrown, unwrap } from "../support/routes";

let ref: ReferenceData;
let adminId: number;
let dir: string;
let store: ObjectStore;

function jpeg(width = 800, height = 600, r = 200) {
  return sharp({ create: { width, height, channels: 3, background: { r, g: 120, b: 40 } } }).jpeg().toBuffer();
}

function zipOf(files: Record<string, Buffer>) {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name);
  zip.end();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
  });
}

async function newProduct(sku: string) {
  const result = await createProduct(productInput(ref, { sku, slug: sku.toLowerCase() }), adminId);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  // As the demo catalogue does: a product starts with its category illustration.
  await prisma.productImage.create({ data: { productId: result.value.id, url: "/images/categories/rice.svg" } });
  return result.value.id;
}

const urlsOf = async (productId: number) =>
  (await prisma.productImage.findMany({ where: { productId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] })).map((i) => i.url);

beforeEach(async () => {
  await resetDatabase();
  ref = await createReferenceData();
  adminId = (await createUserWithRole("admin", "ADMIN")).id;
  dir = mkdtempSync(path.join(tmpdir(), "photos-"));
  store = createDiskStore(dir);
  setPhotoStore(store);
});

afterAll(() => setPhotoStore(undefined));

describe("uploading product photos", () => {
  it("stores the original once and WebP and AVIF variants at 320, 640 and 1280 px, replacing the illustration", async () => {
    const id = await newProduct("ZL-0001");
    const bytes = await jpeg(2000, 1500);
    const result = await addProductPhotos(id, [{ name: "rice.jpg", bytes }], adminId);
    expect(result).toEqual({ ok: true, added: 1 });
    const [url] = await urlsOf(id);
    const hash = photoHashOf(url!);
    expect(hash).toMatch(/^[0-9a-f]{24}$/);
    for (const width of [320, 640, 1280]) {
      const webp = await store.get(`photos/${hash}/${width}.webp`);
      const avif = await store.get(`photos/${hash}/${width}.avif`);
      expect((await sharp(webp!.body).metadata()).format).toBe("webp");
      expect((await sharp(webp!.body).metadata()).width).toBe(width);
      expect((await sharp(avif!.body).metadata()).format).toBe("heif");
    }
    expect((await store.get(`photos/${hash}/original.jpg`))!.body.equals(bytes)).toBe(true);

    // Served by the hall with a year-long immutable cache; unknown variants are 404.
    const res = (await photoLoader({ request: new Request("http://x/"), params: { hash: hash!, file: "640.avif" }, context: {} })) as Response;
    expect(res.headers.get("Content-Type")).toBe("image/avif");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    await expect(photoLoader({ request: new Request("http://x/"), params: { hash: hash!, file: "original.jpg" }, context: {} })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("refuses files by their content, listing every problem and saving nothing", async () => {
    const id = await newProduct("ZL-0001");
    const good = await jpeg();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"></svg>');
    const gif = await sharp({ create: { width: 400, height: 400, channels: 3, background: "red" } }).gif().toBuffer();
    const result = await addProductPhotos(
      id,
      [
        { name: "good.jpg", bytes: good },
        { name: "script.jpg", bytes: Buffer.from("#!/bin/sh\necho not a photo\n") },
        { name: "drawing.png", bytes: svg },
        { name: "anim.webp", bytes: gif },
        { name: "tiny.jpg", bytes: await jpeg(100, 80) },
      ],
      adminId,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      ["script.jpg", "notImage"],
      ["drawing.png", "format"],
      ["anim.webp", "format"],
      ["tiny.jpg", "tooSmall"],
    ]);
    expect(await urlsOf(id)).toEqual(["/images/categories/rice.svg"]);
  });

  it("refuses a picture with more pixels than the limit before decoding it", async () => {
    const id = await newProduct("ZL-0001");
    // 8000×6000 = 48 MP, over the 40 MP limit, yet a tiny PNG of one colour.
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "white" } }).png({ compressionLevel: 9 }).toBuffer();
    const result = await addProductPhotos(id, [{ name: "huge.png", bytes: huge }], adminId);
    expect(result).toMatchObject({ ok: false, problems: [{ file: "huge.png", code: "tooManyPixels" }] });
  });

  it("refuses files over the size limit while streaming the upload, and more files than allowed", async () => {
    const form = new FormData();
    form.append("photos", new Blob([Buffer.alloc(10, 1)]), "small.jpg");
    form.append("photos", new Blob([Buffer.alloc(1024 * 1024 + 1, 1)]), "big.jpg");
    const request = new Request("http://x/", { method: "POST", body: form });
    const result = await readUpload(request, { maxFiles: 3, maxFileBytes: 1024 * 1024 });
    expect(result).toEqual({ ok: false, problem: { message: "common:upload.fileTooLarge", params: { mb: 1 }, status: 413 } });
    const many = new FormData();
    for (let i = 0; i < 3; i += 1) many.append("photos", new Blob([Buffer.alloc(10, i)]), `p${i}.jpg`);
    const tooMany = await readUpload(new Request("http://x/", { method: "POST", body: many }), { maxFiles: 2, maxFileBytes: 1024 });
    expect(tooMany).toEqual({ ok: false, problem: { message: "common:upload.tooManyFiles", params: { max: 2 }, status: 400 } });
    const two = new FormData();
    for (let i = 0; i < 2; i += 1) two.append("photos", new Blob([Buffer.alloc(10, i)]), `p${i}.jpg`);
    const allowed = await readUpload(new Request("http://x/", { method: "POST", body: two }), { maxFiles: 2, maxFileBytes: 1024 });
    expect(allowed.ok && allowed.files.map((f) => [f.name, f.bytes[0]])).toEqual([
      ["p0.jpg", 0],
      ["p1.jpg", 1],
    ]);
  });

  it("reorders, chooses the main photo and falls back to the illustration when the last photo goes", async () => {
    const id = await newProduct("ZL-0001");
    await addProductPhotos(id, [{ name: "a.jpg", bytes: await jpeg(800, 600, 10) }, { name: "b.jpg", bytes: await jpeg(800, 600, 250) }], adminId);
    const [a, b] = await prisma.productImage.findMany({ where: { productId: id }, orderBy: { sortOrder: "asc" } });
    await movePhoto(id, b!.id, "main", adminId);
    expect(await urlsOf(id)).toEqual([b!.url, a!.url]);
    await removePhoto(id, a!.id, adminId);
    await removePhoto(id, b!.id, adminId);
    expect(await urlsOf(id)).toEqual(["/images/categories/rice.svg"]);
  });
});

describe("the product photos page", () => {
  const act = (id: number, req: Request) => photosPage.action({ request: req, params: { id: String(id) }, context: {} });

  it("refuses more files than a product may have while reading the upload, saving none", async () => {
    const id = await newProduct("ZL-0001");
    const cookie = await cookieFor(await createUserWithRole("photographer", "ADMIN"));
    const form = new FormData();
    for (let i = 0; i < 13; i += 1) form.append("photos", new Blob([new Uint8Array(await jpeg(800, 600, i))]), `p${i}.jpg`);
    const { status, body } = unwrap<{ problems: unknown }>(await act(id, request(`/admin/products/${id}/photos`, cookie, { method: "POST", body: form })));
    expect(status).toBe(400);
    expect(body.problems).toEqual([{ file: "", message: "common:upload.tooManyFiles", params: { max: 12 } }]);
    expect(await urlsOf(id)).toEqual(["/images/categories/rice.svg"]);
  });

  it("answers a photo button the schema refuses with 400 and the field's message; a good one moves the photo", async () => {
    const id = await newProduct("ZL-0001");
    const cookie = await cookieFor(await createUserWithRole("photographer", "ADMIN"));
    await addProductPhotos(id, [{ name: "a.jpg", bytes: await jpeg(800, 600, 10) }, { name: "b.jpg", bytes: await jpeg(800, 600, 250) }], adminId);
    const before = await urlsOf(id);
    const bad = refusal(await act(id, post(`/admin/products/${id}/photos`, cookie, { intent: "main", imageId: "abc" })));
    expect(bad).toMatchObject({ status: 400, fieldErrors: { imageId: ["admin:errors.required"] }, values: { intent: "main", imageId: "abc" } });
    const unknown = refusal(await act(id, post(`/admin/products/${id}/photos`, cookie, { intent: "rotate", imageId: "1" })));
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.fieldErrors)).toEqual(["intent"]);
    expect(await urlsOf(id)).toEqual(before);

    const second = (await prisma.productImage.findMany({ where: { productId: id }, orderBy: { sortOrder: "asc" } }))[1]!;
    const moved = await thrown(act(id, post(`/admin/products/${id}/photos`, cookie, { intent: "main", imageId: String(second.id) })));
    expect(moved.headers.get("Location")).toBe(`/admin/products/${id}/photos?done=moved`);
    expect(await urlsOf(id)).toEqual([before[1], before[0]]);
  });
});

describe("bulk photo zip", () => {
  it("attaches photos named by SKU in their numbered order", async () => {
    const one = await newProduct("ZL-0001");
    const two = await newProduct("ZL-0002");
    const zip = await zipOf({
      "photos/ZL-0001-2.jpg": await jpeg(800, 600, 20),
      "photos/ZL-0001.jpg": await jpeg(800, 600, 30),
      "ZL-0002.png": await sharp({ create: { width: 500, height: 500, channels: 3, background: "blue" } }).png().toBuffer(),
      "__MACOSX/._ZL-0001.jpg": Buffer.from("resource fork"),
    });
    const result = await importPhotoZip(zip, adminId);
    expect(result).toEqual({ ok: true, added: 3, products: 2 });
    const urls = await urlsOf(one);
    expect(urls).toHaveLength(2);
    const main = (await store.get(`photos/${photoHashOf(urls[0]!)}/original.jpg`))!.body;
    expect(main.equals(await jpeg(800, 600, 30))).toBe(true);
    expect(await urlsOf(two)).toHaveLength(1);
  });

  it("is all or nothing: one unknown SKU, one bad name and one bad file are all listed, and nothing is attached", async () => {
    const one = await newProduct("ZL-0001");
    const zip = await zipOf({
      "ZL-0001.jpg": await jpeg(),
      "ZL-9999.jpg": await jpeg(),
      "readme.txt": Buffer.from("hello"),
      "ZL-0001-2.jpg": Buffer.from("not a jpeg"),
    });
    const result = await importPhotoZip(zip, adminId);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.file, p.code]).sort()).toEqual(
      [
        ["ZL-0001-2.jpg", "notImage"],
        ["ZL-9999.jpg", "unknownSku"],
        ["readme.txt", "zipName"],
      ].sort(),
    );
    expect(await urlsOf(one)).toEqual(["/images/categories/rice.svg"]);
  });

  it("stops at the entry limit and refuses what is not a zip", async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i += 1) files[`x${i}.jpg`] = Buffer.from("x");
    const read = await readPhotoZip(await zipOf(files));
    expect(read.problems).toContainEqual({ file: "", code: "zipTooManyEntries", params: { max: MAX_ZIP_ENTRIES } });
    expect((await importPhotoZip(Buffer.from("PK not really"), adminId)).ok).toBe(false);
  });

  it("refuses an entry that inflates past the per-photo limit without unpacking it all", async () => {
    // 64 MB of zeros deflates to a few dozen KB: a small zip bomb.
    const bomb = await zipOf({ "ZL-0001.jpg": Buffer.alloc(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const read = await readPhotoZip(bomb);
    expect(read.entries).toEqual([]);
    expect(read.problems).toMatchObject([{ file: "ZL-0001.jpg", code: "tooLarge" }]);
  });
});

describe("S3-compatible store (s3rver on loopback)", () => {
  let server: S3rver;
  let s3dir: string;
  let endpoint: string;

  beforeAll(async () => {
    s3dir = mkdtempSync(path.join(tmpdir(), "s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3dir, configureBuckets: [{ name: "photos", configs: [] }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server.close();
    rmSync(s3dir, { recursive: true, force: true });
  });

  it("keeps the photo and its variants in the bucket and serves them through the hall", async () => {
    store = createS3Store({ bucket: "photos", endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
    setPhotoStore(store);
    const id = await newProduct("ZL-0001");
    expect(await addProductPhotos(id, [{ name: "a.jpg", bytes: await jpeg() }], adminId)).toEqual({ ok: true, added: 1 });
    const hash = photoHashOf((await urlsOf(id))[0]!)!;
    expect(await store.has(`photos/${hash}/1280.avif`)).toBe(true);
    expect(await store.get(`photos/${hash}/missing.webp`)).toBeNull();
    const res = (await photoLoader({ request: new Request("http://x/"), params: { hash, file: "320.webp" }, context: {} })) as Response;
    const body = Buffer.from(await res.arrayBuffer());
    expect((await sharp(body).metadata()).width).toBe(320);
  });
});
