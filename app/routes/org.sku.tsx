import type { LoaderFunctionArgs } from "@remix-run/node";
import { ORDERING_ROLES, organisationForPage } from "~/models/org-order.server";
import { previewSku } from "~/models/sku-lookup.server";
import { requireUser } from "~/utils/auth.server";

/** Resource route for the quick-order grid: /org/sku?org=<id>&sku=ZL-0001&quantity=20. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const membership = await organisationForPage(user.id, url.searchParams.get("org"), ORDERING_ROLES);
  if (!membership) throw new Response("Not found", { status: 404 });
  const quantity = /^\d{1,6}$/.test(url.searchParams.get("quantity") ?? "") ? Number(url.searchParams.get("quantity")) : null;
  const preview = await previewSku(membership.organisation.id, (url.searchParams.get("sku") ?? "").slice(0, 64), quantity);
  return Response.json(preview, { headers: { "Cache-Control": "private, no-store" } });
}
