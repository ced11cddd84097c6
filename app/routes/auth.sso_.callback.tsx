import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SsoProblem } from "~/components/account/sso";
import type { WordingHandle } from "~/i18n";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { signInWithCompanyIdentity } from "~/models/sso.server";
import { commitSignIn, safeRedirect } from "~/utils/auth.server";
import { finishSso, forgetSso } from "~/utils/oidc.server";

export const handle: WordingHandle = { i18n: ["account"] };

export const meta: MetaFunction = () => [{ title: "公司账号登录 · 一汽扶贫馆" }];

/**
 * The identity provider sends the browser back here. The sign-in in progress is forgotten whatever
 * happens; a refused person gets the reason and no session.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const result = await finishSso(request);
  const headers = new Headers({ "Set-Cookie": await forgetSso() });
  if (!result.ok) return data({ problem: result.reason }, { status: 400, headers });
  const signedIn = await signInWithCompanyIdentity(result.identity);
  if (!signedIn.ok) return data({ problem: signedIn.reason }, { status: 403, headers });
  await mergeCartOnSignIn(request, signedIn.sessionId);
  headers.append("Set-Cookie", await commitSignIn(request, signedIn.sessionId, signedIn.expiresAt));
  throw redirect(safeRedirect(result.redirectTo, "/"), { headers });
}

export default function SsoCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblem problem={problem} />;
}
