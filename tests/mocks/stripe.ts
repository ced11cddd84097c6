/**
 * A local stand-in for the parts of Stripe's API the hall uses (Checkout Sessions, refunds), as a
 * tiny HTTP server the real SDK talks to (host 127.0.0.1, protocol http), including the lists the
 * payment reconciliation reads (created[gte], newest first, paged by starting_after), plus signed webhook
 * events made with the real SDK. It keeps Stripe's idempotency rule: the same key with the same
 * parameters replays the first answer; with other parameters it is an error.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const TEST_WEBHOOK_SECRET = "whsec_test_hall_0123456789abcdef";

/** The settings that point the hall's Stripe SDK at a stand-in listening on `port`. */
export function stripeStandInEnv(port: number) {
  return {
    STRIPE_SECRET_KEY: "sk_test_hall_stand_in",
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: "http",
  };
}

type Params = Record<string, unknown>;
export type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; params: Params };
export type StandInSession = {
  id: string;
  object: "checkout.session";
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid";
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  url: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
};
export type StandInRefund = { id: string; object: "refund"; amount: number; currency: string; payment_intent: string; status: string; metadata: Record<string, string>; created: number };
type Failure = { status: number; type: string; message: string };

/** `a[0][b]=1` form parameters, as the SDK sends them, back into objects and arrays. */
export function parseForm(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

export async function startStripeStandIn() {
  let counter = 0;
  const next = (prefix: string) => `${prefix}_test_${String(++counter).padStart(6, "0")}`;
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, StandInSession>();
  const refunded = new Map<string, number>();
  const refunds = new Map<string, StandInRefund>();
  const idempotent = new Map<string, { body: string; status: number; response: unknown }>();
  const failures = new Map<string, Failure>();
  const settings = { refundStatus: "succeeded" as "succeeded" | "pending" };
  let base = "";

  const error = (status: number, type: string, message: string) => ({ status, response: { error: { type, message } } });

  /** A Stripe list: newest first, created[gte] applied, `limit` per page after `starting_after`. */
  function list<T extends { id: string; created: number }>(url: string, items: T[], params: Params) {
    const gte = Number((params.created as Record<string, string> | undefined)?.gte ?? 0);
    const limit = Number(params.limit ?? 10);
    const all = items.filter((i) => i.created >= gte).reverse();
    const after = params.starting_after ? all.findIndex((i) => i.id === params.starting_after) + 1 : 0;
    const data = all.slice(after, after + limit);
    return { object: "list", url, has_more: after + limit < all.length, data };
  }

  function handle(method: string, path: string, params: Params): { status: number; response: unknown } {
    const route = `${method} ${path.replace(/\/(cs|pi|re)_test_\d+/, "/:id")}`;
    const failure = failures.get(route);
    if (failure) {
      failures.delete(route);
      return error(failure.status, failure.type, failure.message);
    }
    if (route === "POST /v1/checkout/sessions") {
      const items = (params.line_items ?? []) as { quantity: string; price_data: { currency: string; unit_amount: string } }[];
      const session: StandInSession = {
        id: next("cs"),
        object: "checkout.session",
        status: "open",
        payment_status: "unpaid",
        amount_total: items.reduce((sum, i) => sum + Number(i.price_data.unit_amount) * Number(i.quantity), 0),
        currency: items[0]?.price_data.currency ?? "",
        metadata: (params.metadata ?? {}) as Record<string, string>,
        payment_intent: null,
        url: "",
        success_url: String(params.success_url),
        cancel_url: String(params.cancel_url),
        expires_at: Number(params.expires_at),
        created: Math.floor(Date.now() / 1000),
      };
      session.url = `${base}/c/pay/${session.id}`;
      sessions.set(session.id, session);
      return { status: 200, response: session };
    }
    const id = /\/(cs_test_\d+)/.exec(path)?.[1];
    const session = id ? sessions.get(id) : undefined;
    if (route === "GET /v1/checkout/sessions/:id") {
      return session ? { status: 200, response: session } : error(404, "invalid_request_error", `No such checkout.session: ${id}`);
    }
    if (route === "POST /v1/checkout/sessions/:id/expire") {
      if (!session) return error(404, "invalid_request_error", `No such checkout.session: ${id}`);
      if (session.status !== "open") return error(400, "invalid_request_error", `Only open sessions can be expired (${session.status})`);
      Object.assign(session, { status: "expired", url: null });
      return { status: 200, response: session };
    }
    if (route === "POST /v1/refunds") {
      const pi = String(params.payment_intent ?? "");
      const paid = [...sessions.values()].find((s) => s.payment_intent === pi);
      if (!paid) return error(404, "invalid_request_error", `No such payment_intent: ${pi}`);
      const amount = Number(params.amount ?? paid.amount_total);
      const already = refunded.get(pi) ?? 0;
      if (amount + already > paid.amount_total) return error(400, "invalid_request_error", "Refund amount is greater than unrefunded amount");
      refunded.set(pi, already + amount);
      const refund: StandInRefund = {
        id: next("re"),
        object: "refund",
        amount,
        currency: "cny",
        payment_intent: pi,
        status: settings.refundStatus,
        metadata: (params.metadata ?? {}) as Record<string, string>,
        created: Math.floor(Date.now() / 1000),
      };
      refunds.set(refund.id, refund);
      return { status: 200, response: refund };
    }
    if (route === "GET /v1/checkout/sessions") return { status: 200, response: list("/v1/checkout/sessions", [...sessions.values()], params) };
    if (route === "GET /v1/refunds") return { status: 200, response: list("/v1/refunds", [...refunds.values()], params) };
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path})`);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const method = req.method ?? "GET";
      const path = (req.url ?? "/").split("?")[0]!;
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      const params = parseForm(method === "GET" ? ((req.url ?? "").split("?")[1] ?? "") : body);
      requests.push({ method, path, idempotencyKey: key, params });
      let answer: { status: number; response: unknown };
      const remembered = key ? idempotent.get(`${path} ${key}`) : undefined;
      if (remembered) {
        answer = remembered.body === body ? remembered : error(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
      } else {
        answer = handle(method, path, params);
        if (key && method === "POST") idempotent.set(`${path} ${key}`, { body, ...answer });
      }
      res.writeHead(answer.status, { "Content-Type": "application/json", "Request-Id": `req_${counter}` });
      res.end(JSON.stringify(answer.response));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    port,
    requests,
    sessions,
    settings,
    /** The next request to `route` (e.g. "POST /v1/refunds") fails as Stripe would. */
    failNext(route: string, failure: Failure = { status: 500, type: "api_error", message: "Stand-in failure" }) {
      failures.set(route, failure);
    },
    /** The buyer pays on Stripe's page: the session as a completed-checkout event would carry it. */
    pay(sessionId: string, paymentStatus: "paid" | "unpaid" = "paid") {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, { status: "complete", payment_status: paymentStatus, payment_intent: session.payment_intent ?? next("pi"), url: null });
      return { ...session };
    },
    /** A pending refund finishes at Stripe (its webhook is up to the test). */
    settleRefund(refundId: string, status: "succeeded" | "failed" = "succeeded") {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`no refund ${refundId}`);
      refund.status = status;
      return { ...refund };
    },
    /** Objects made "earlier" than now, to test how far back a list reaches. */
    backdate(id: string, seconds: number) {
      const item = sessions.get(id) ?? refunds.get(id);
      if (!item) throw new Error(`no object ${id}`);
      item.created -= seconds;
    },
    expire(sessionId: string) {
      const session = sessions.get(sessionId)!;
      Object.assign(session, { status: "expired", url: null });
      return { ...session };
    },
    reset() {
      requests.length = 0;
      sessions.clear();
      refunded.clear();
      refunds.clear();
      idempotent.clear();
      failures.clear();
      settings.refundStatus = "succeeded";
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;

let events = 0;

/** A Stripe event envelope around an object, as Stripe would post it. */
export function stripeEvent(type: string, object: object, id = `evt_test_${String(++events).padStart(6, "0")}`) {
  return JSON.stringify({ id, object: "event", api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), livemode: false, type, data: { object } });
}

/** A POST to the webhook route, signed by the real SDK (or not, or too long ago). */
export function webhookRequest(payload: string, options: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const headers = new Headers({ "Content-Type": "application/json" });
  const signature =
    options.signature !== undefined
      ? options.signature
      : Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp });
  if (signature !== null) headers.set("Stripe-Signature", signature);
  return new Request("http://localhost/webhooks/stripe", { method: "POST", headers, body: payload });
}
