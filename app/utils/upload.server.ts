import {
  MaxFilesExceededError,
  MaxFileSizeExceededError,
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  FormDataParseError,
  MultipartParseError,
  parseFormData,
} from "@remix-run/form-data-parser";

/**
 * Reading a form that carries a file, or a few (ADR 017; product photos, ADR 026). The body is parsed as it streams in, by
 * @remix-run/form-data-parser: a part is refused the moment it passes its limit, so memory never
 * holds more than the limits, however large the body. After a refusal the rest of the body is read
 * and dropped, so the browser gets the page with the error rather than a reset connection (the
 * server's per-route body limit bounds how much that can be).
 */

export type UploadLimits = {
  /** Bytes of each file the form may carry. */
  maxFileBytes: number;
  /** Files the form may carry (one unless told); empty file inputs do not count. */
  maxFiles?: number;
  /** Bytes of each ordinary field (a hidden CSV carried from preview to confirm is a field too). */
  maxFieldBytes?: number;
  /** Parts of the form, fields and file together (the quick-order grid posts two per line). */
  maxParts?: number;
};

export type UploadedFile = { name: string; bytes: Uint8Array };
/** An i18n key in the common namespace and its values, naming the limit that was passed. */
export type UploadProblem = { message: string; params?: Record<string, string | number>; status: 400 | 413 };
export type Upload =
  | { ok: true; fields: Record<string, string>; file: UploadedFile | null; files: UploadedFile[] }
  | { ok: false; problem: UploadProblem };

const DEFAULT_FIELD_BYTES = 16 * 1024;
const DEFAULT_PARTS = 64;
const FIELDS_TOTAL_BYTES = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function dropRest(body: ReadableStream<Uint8Array> | null) {
  if (!body || body.locked) return;
  const reader = body.getReader();
  try {
    while (!(await reader.read()).done);
  } catch {
    // the client went away: nothing left to answer
  } finally {
    reader.releaseLock();
  }
}

export async function readUpload(request: Request, limits: UploadLimits): Promise<Upload> {
  const maxFieldBytes = limits.maxFieldBytes ?? DEFAULT_FIELD_BYTES;
  const maxParts = limits.maxParts ?? DEFAULT_PARTS;
  const maxFiles = limits.maxFiles ?? 1;
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const fileTooLarge = { message: "common:upload.fileTooLarge", params: { mb: mb(limits.maxFileBytes) }, status: 413 } as const;
  let form: FormData;
  try {
    form = await parseFormData(
      request,
      {
        maxFiles,
        maxParts,
        maxFileSize: Math.max(limits.maxFileBytes, maxFieldBytes),
        maxTotalSize: maxFiles * limits.maxFileBytes + Math.max(maxFieldBytes, FIELDS_TOTAL_BYTES),
      },
      async (upload) => {
        const bytes = new Uint8Array(await upload.arrayBuffer());
        if (bytes.byteLength > limits.maxFileBytes) throw new MaxFileSizeExceededError(limits.maxFileBytes);
        if (bytes.byteLength > 0) files.push({ name: upload.name.slice(0, 200), bytes });
        return null;
      },
    );
  } catch (error) {
    await dropRest(request.body);
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) return { ok: false, problem: fileTooLarge };
    if (error instanceof MaxFilesExceededError) {
      return { ok: false, problem: maxFiles === 1 ? { message: "common:upload.oneFile", status: 400 } : { message: "common:upload.tooManyFiles", params: { max: maxFiles }, status: 400 } };
    }
    if (error instanceof MaxPartsExceededError) return { ok: false, problem: { message: "common:upload.tooManyFields", params: { max: maxParts }, status: 413 } };
    if (error instanceof MaxHeaderSizeExceededError || error instanceof MultipartParseError || error instanceof FormDataParseError) {
      return { ok: false, problem: { message: "common:upload.malformed", status: 400 } };
    }
    throw error;
  }
  for (const [name, value] of form) {
    if (typeof value !== "string") continue;
    if (Buffer.byteLength(value) > maxFieldBytes) {
      return { ok: false, problem: { message: "common:upload.fieldTooLarge", params: { kb: Math.round(maxFieldBytes / 1024) }, status: 413 } };
    }
    fields[name] = value;
  }
  return { ok: true, fields, file: files[0] ?? null, files };
}
