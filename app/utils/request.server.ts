/**
 * The client's address for rate limiting. Remix's express adapter does not pass the socket, so the
 * server forwards it in x-hall-client-ip (overwriting anything a client sent).
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-hall-client-ip") ?? "unknown";
}
