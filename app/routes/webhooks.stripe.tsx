import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePaymentEvent } from "~/models/payment.server";
import { parseStripeWebhook } from "~/models/payment-providers/stripe.server";
import { reportError } from "~/utils/error-reporting.server";
import { logger } from "~/utils/logger.server";
import { metrics } from "~/utils/metrics.server";

const methodNotAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

export function loader() {
  throw methodNotAllowed();
}

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body before anything is read or
 * written; a bad or stale signature is 400. Events the hall does not handle get 200 at once. The
 * body's size limit (WEBHOOK_MAX_BYTES) is enforced at the edge, while it streams (server/body-limit.js).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const parsed = parseStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  if (!parsed.ok) {
    metrics.webhookOutcome("stripe", parsed.reason);
    return new Response(parsed.reason, { status: parsed.reason === "not-configured" ? 404 : 400 });
  }
  if (!parsed.event) {
    metrics.webhookOutcome("stripe", "unhandled");
    return Response.json({ received: true, outcome: "unhandled" });
  }
  try {
    const outcome = await handlePaymentEvent(parsed.event);
    metrics.webhookOutcome("stripe", outcome);
    return Response.json({ received: true, outcome });
  } catch (error) {
    // 500 makes Stripe deliver the event again later: nothing of it was committed, its claim included.
    metrics.webhookOutcome("stripe", "failed");
    logger.error({ err: error }, "Stripe webhook could not be applied");
    reportError(error);
    return new Response("Internal Server Error", { status: 500 });
  }
}
