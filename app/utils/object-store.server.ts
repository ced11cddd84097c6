import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getEnv } from "./env.server";

/** Where product photos live. Keys are content-addressed, so an object is written once and never changed. */
export interface ObjectStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Buffer; contentType: string } | null>;
  has(key: string): Promise<boolean>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]*$/;

function checkKey(key: string) {
  if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`Unsafe object key: ${key}`);
}

const CONTENT_TYPES: Record<string, string> = {
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".heic": "image/heic",
};

/** The local disk, under the data folder by default. Writes go through a temporary file and a rename. */
export function createDiskStore(root: string): ObjectStore {
  const fileOf = (key: string) => {
    checkKey(key);
    return path.join(root, key);
  };
  return {
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, file);
    },
    async get(key) {
      try {
        const body = await readFile(fileOf(key));
        return { body, contentType: CONTENT_TYPES[path.extname(key)] ?? "application/octet-stream" };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async has(key) {
      return (await this.get(key)) !== null;
    },
  };
}

export type S3Settings = { bucket: string; endpoint?: string; region: string; accessKeyId?: string; secretAccessKey?: string };

/** Any S3-compatible object store (AWS, MinIO, Aliyun OSS, Tencent COS); path-style when an endpoint is given. */
export function createS3Store(settings: S3Settings): ObjectStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: Boolean(settings.endpoint),
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
  });
  const missing = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
  };
  return {
    async put(key, body, contentType) {
      checkKey(key);
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      checkKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
        const bytes = await out.Body!.transformToByteArray();
        return { body: Buffer.from(bytes), contentType: out.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async has(key) {
      checkKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }));
        return true;
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
  };
}

let store: ObjectStore | undefined;

/** The store the settings choose (PHOTO_STORE), made once. */
export function getPhotoStore(): ObjectStore {
  if (store) return store;
  const env = getEnv();
  store =
    env.PHOTO_STORE === "s3"
      ? createS3Store({
          bucket: env.S3_BUCKET!,
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        })
      : createDiskStore(path.resolve(env.PHOTO_DIR));
  return store;
}

/** For tests that point the hall at another store. */
export function setPhotoStore(next: ObjectStore | undefined) {
  store = next;
}
