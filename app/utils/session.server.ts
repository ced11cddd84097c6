import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "./env.server";

/** secondFactor: an administrator between the password and the code (ADR 027); it opens nothing. */
type SessionData = { sessionId: string; secondFactor: { userId: number; until: number } };

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

/** The cookie only carries a random session id; the Session row is what a sign-out deletes. */
export function sessionStorage() {
  if (!storage) {
    const env = getEnv();
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: "__hall_session",
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: env.NODE_ENV === "production",
        secrets: [env.SESSION_SECRET],
        maxAge: 60 * 60 * 24 * 30,
      },
    });
  }
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}
