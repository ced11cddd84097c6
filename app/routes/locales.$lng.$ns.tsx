import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n";
import { hasNamespace, namespaceWording, wordingVersion } from "~/i18n.server";

/**
 * One namespace of wording in one language, for a page the browser reaches by a client-side
 * navigation (app/i18n.client.ts). Asked with the current version it never changes, so it is cached
 * for good; an old version's URL gets today's wording, revalidated each time.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { lng, ns } = params;
  if (!isLanguage(lng) || !ns || !hasNamespace(lng, ns)) throw new Response("Not Found", { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === wordingVersion;
  return new Response(JSON.stringify(namespaceWording(lng, ns)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
