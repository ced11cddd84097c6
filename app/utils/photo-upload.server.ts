import { unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";

/**
 * Reads a multipart photo upload as a stream, part by part, stopping as soon as a file passes its
 * byte limit or the number of files passes `maxFiles` — nothing larger is ever held in memory.
 * Kept to this one function so it can give way to a shared upload parser.
 */
export type UploadedFile = { name: string; bytes: Buffer };
export type PhotoUpload =
  | { ok: true; files: UploadedFile[]; fields: Record<string, string> }
  | { ok: false; code: "tooLarge" | "tooManyFiles" | "notMultipart"; params: Record<string, string | number> };

const MAX_FIELD_BYTES = 4096;

class UploadLimit extends Error {
  constructor(
    readonly code: "tooLarge" | "tooManyFiles",
    readonly params: Record<string, string | number>,
  ) {
    super(code);
  }
}

export async function parsePhotoUpload(
  request: Request,
  limits: { field: string; maxFiles: number; maxFileBytes: number },
): Promise<PhotoUpload> {
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  try {
    await parseMultipartFormData(request, async ({ name, filename, data }) => {
      const isFile = name === limits.field && typeof filename === "string";
      const max = isFile ? limits.maxFileBytes : MAX_FIELD_BYTES;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        if (size > max) throw new UploadLimit("tooLarge", { file: filename ?? name, mb: Math.round(max / 1024 / 1024) });
        chunks.push(chunk);
      }
      if (!isFile) {
        fields[name] = Buffer.concat(chunks).toString("utf8");
        return undefined;
      }
      // An empty file input still sends one nameless, empty part.
      if (filename === "" && size === 0) return undefined;
      if (files.length >= limits.maxFiles) throw new UploadLimit("tooManyFiles", { max: limits.maxFiles });
      files.push({ name: filename ?? "", bytes: Buffer.concat(chunks) });
      return undefined;
    });
  } catch (error) {
    if (error instanceof UploadLimit) return { ok: false, code: error.code, params: error.params };
    if (error instanceof TypeError) return { ok: false, code: "notMultipart", params: {} };
    throw error;
  }
  return { ok: true, files, fields };
}
