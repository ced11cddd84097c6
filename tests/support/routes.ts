/** Calling Remix loaders and actions directly, as the server would, and reading what they return. */

export type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, never> };
export type RouteHandler = (args: RouteArgs) => Promise<unknown>;

export function request(path: string, cookie: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

export function post(path: string, cookie: string | null, fields: Record<string, string>) {
  return request(path, cookie, { method: "POST", body: new URLSearchParams(fields) });
}

/** The Response a loader or action threw (redirects, 403, 404). */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** What a Remix `data(value, init)` call returned: its value, status and headers. */
export function unwrap<T = Record<string, unknown>>(result: unknown): { status: number; body: T; headers: Headers } {
  const r = result as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } };
  if (r?.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, body: r.data as T, headers: new Headers(r.init?.headers) };
  return { status: 200, body: result as T, headers: new Headers() };
}

/** "name=value" of a Set-Cookie header, ready for a Cookie header. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie");
  return setCookie.split(";")[0]!;
}

/**
 * What a refused form told the person (ADR 031): the status, the messages by field, the message about
 * the whole form, the values sent back into the form, and anything else the action returned beside.
 */
export function refusal<Extra = Record<string, unknown>>(answer: unknown) {
  const { status, body } = unwrap<{ result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } } & Extra>(answer);
  const error = body.result?.error ?? {};
  const fieldErrors = Object.fromEntries(Object.entries(error).filter((entry): entry is [string, string[]] => entry[0] !== "" && entry[1] !== null));
  return { status, fieldErrors, formError: error[""]?.[0] ?? null, values: body.result?.initialValue ?? {}, body };
}
