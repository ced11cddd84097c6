import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { SsoProblem } from "~/components/account/sso";
import type { WordingHandle } from "~/i18n";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { beginSso } from "~/utils/oidc.server";

export const handle: WordingHandle = { i18n: ["account"] };

export const meta: MetaFunction = () => [{ title: "公司账号登录 · 一汽扶贫馆" }];

/** Company sign-in starts here (ADR 028): off to the company's identity provider, back at /auth/sso/callback. */
export async function loader({ request }: LoaderFunctionArgs) {
  const to = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (await getOptionalUser(request)) throw redirect(to);
  const start = await beginSso(request, to);
  if (!start.ok) {
    if (start.reason === "off") throw new Response("Not Found", { status: 404 });
    return data({ problem: "unavailable" as const }, { status: 503 });
  }
  throw redirect(start.url.href, { headers: { "Set-Cookie": start.cookie } });
}

export default function SsoStart() {
  return <SsoProblem problem="unavailable" />;
}
