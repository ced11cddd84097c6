import { redirect } from "@remix-run/node";
import { getUserBySession, type Role } from "~/models/user.server";
import { noteSignedInUser } from "./request-context.server";
import { getSession, sessionStorage } from "./session.server";

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getUserBySession>>>;

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  const sessionId = session.get("sessionId");
  if (typeof sessionId !== "string") return null;
  const user = await getUserBySession(sessionId);
  noteSignedInUser(user?.id);
  return user;
}

/** Anyone signed in, whatever their role; anonymous visitors go to sign in and come back. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

/** Anonymous visitors go to sign in and come back; signed-in users without the role get 403. */
export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== role) throw new Response("Forbidden", { status: 403 });
  return user;
}

export function requireAdmin(request: Request) {
  return requireRole(request, "ADMIN");
}

export async function commitSignIn(request: Request, sessionId: string, expiresAt: Date) {
  const session = await getSession(request);
  session.set("sessionId", sessionId);
  return sessionStorage().commitSession(session, { expires: expiresAt });
}

/** The id of the session this request is signed in with, e.g. to keep it open when others are ended. */
export async function currentSessionId(request: Request): Promise<string | undefined> {
  const sessionId = (await getSession(request)).get("sessionId");
  return typeof sessionId === "string" ? sessionId : undefined;
}

export async function destroySessionCookie(request: Request) {
  const session = await getSession(request);
  return { sessionId: session.get("sessionId") as string | undefined, cookie: await sessionStorage().destroySession(session) };
}

const HALL = "http://hall.invalid";

/**
 * Only a path on this site, decided by parsing it as a browser would (tabs and newlines dropped,
 * backslashes read as slashes, "/./" folded), so "/\t/evil.example" or "/\\evil.example" cannot
 * leave the hall. The answer is the parsed, percent-encoded path: always a valid Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, HALL);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" parses on this site but its path would be read as another host's.
  if (url.origin !== HALL || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
