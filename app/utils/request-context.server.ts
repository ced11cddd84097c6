import { AsyncLocalStorage } from "node:async_hooks";

/** What the hall knows about the request being served, for log lines and error reports made during it. */
export type RequestContext = { requestId: string; userId?: number };

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Called once the session is read, so the request's log line names who made it. */
export function noteSignedInUser(userId: number | undefined) {
  const store = requestContext.getStore();
  if (store && userId !== undefined) store.userId = userId;
}
