/**
 * A positive integer id from a route param, query or form value. Anything else — missing, malformed,
 * or someone else's that a crafted request guesses at — is answered the same way: not found.
 */
export function idOr404(value: string | null | undefined): number {
  const id = Number(value);
  if (!value || !Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
