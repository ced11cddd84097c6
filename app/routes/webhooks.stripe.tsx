import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePaymentEvent } from "~/models/payment.server";
import { parseStripeWebhook } from "~/models/payment-providers/stripe.server";

/** Stripe events are a few kilobytes; anything far larger is not from Stripe. */
const MAX_BODY_BYTES = 512 * 1024;

const methodNotAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

export function loader() {
  throw methodNotAllowed();
}

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body before anything is read or
 * written; a bad or stale signature is 400. Events the hall does not handle get 200 at once.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return new Response("Payload Too Large", { status: 413 });
  const parsed = parseStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  if (!parsed.ok) return new Response(parsed.reason, { status: parsed.reason === "not-configured" ? 404 : 400 });
  if (!parsed.event) return Response.json({ received: true, outcome: "unhandled" });
  try {
    return Response.json({ received: true, outcome: await handlePaymentEvent(parsed.event) });
  } catch (error) {
    // 500 makes Stripe deliver the event again later: nothing of it was committed, its claim included.
    console.error("Stripe webhook could not be applied", error);
    return new Response("Internal Server Error", { status: 500 });
  }
}
