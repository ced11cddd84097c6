import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/models/user.server";
import { destroySessionCookie } from "~/utils/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const { sessionId, cookie } = await destroySessionCookie(request);
  if (sessionId) await signOut(sessionId);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
