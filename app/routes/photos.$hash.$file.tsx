import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPhotoStore } from "~/utils/object-store.server";

const HASH = /^[0-9a-f]{24}$/;
const VARIANT = /^(320|640|1280)\.(webp|avif)$/;

/**
 * Product photo variants, served by the hall whatever the store (so pages need images from 'self'
 * only). The address carries the content hash: a year of caching, never revalidated.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const hash = params.hash ?? "";
  const file = params.file ?? "";
  if (!HASH.test(hash) || !VARIANT.test(file)) throw new Response("Not found", { status: 404 });
  const found = await getPhotoStore().get(`photos/${hash}/${file}`);
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(found.body), {
    headers: {
      "Content-Type": file.endsWith(".avif") ? "image/avif" : "image/webp",
      "Content-Length": String(found.body.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${hash}-${file}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
