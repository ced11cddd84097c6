import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { activeProvider, handlePaymentEvent } from "./payment.server";
import type { ProviderEvent, ProviderName } from "./payment-providers/provider.server";

/**
 * Payment reconciliation (ADR 020): asks the provider what it has recorded recently — paid and
 * expired checkouts, finished refunds — and applies whatever the hall has not recorded through the
 * same handler a webhook uses (handlePaymentEvent: claimed and applied in one commit, idempotent),
 * so even a webhook that never arrives cannot lose a payment. Runs every RECONCILE_MINUTES and from
 * the administrators' order list.
 */

/**
 * How far back each run looks. Stripe retries an undelivered webhook for up to three days, and a
 * checkout may be paid up to a day after it was opened: three days cover both, with room for a
 * hall that was down for a while.
 */
export const LOOKBACK_HOURS = 72;

export type ReconcileResult =
  | { ok: true; provider: ProviderName; since: Date; found: number; applied: number; failed: number }
  | { ok: false; provider: ProviderName; reason: "not-supported" | "provider-failed" };

/** Of the provider's events, those the hall has not recorded yet (the rest would change nothing). */
async function unrecorded(events: ProviderEvent[]) {
  const refs = events.flatMap((e) => ("providerRef" in e ? [e.providerRef] : []));
  const payments = new Map(
    (await prisma.payment.findMany({ where: { providerRef: { in: refs } }, select: { provider: true, providerRef: true, status: true } })).map((p) => [`${p.provider} ${p.providerRef}`, p.status]),
  );
  const refundRefs = events.flatMap((e) => (e.kind === "refund-updated" ? e.refunds.map((r) => r.refundRef) : []));
  const refundIds = events.flatMap((e) => (e.kind === "refund-updated" ? e.refunds.flatMap((r) => (r.refundId === null ? [] : [r.refundId])) : []));
  const refunds = await prisma.refund.findMany({ where: { OR: [{ providerRef: { in: refundRefs } }, { id: { in: refundIds } }] }, select: { id: true, providerRef: true, status: true } });
  const refundPending = (ref: string, id: number | null) => refunds.some((r) => (r.providerRef === ref || r.id === id) && r.status === "PENDING");

  return events.filter((event) => {
    switch (event.kind) {
      case "payment-succeeded": {
        const status = payments.get(`${event.provider} ${event.providerRef}`);
        return status !== undefined && status !== "SUCCEEDED" && status !== "REFUNDED";
      }
      case "payment-failed":
      case "checkout-expired":
        return payments.get(`${event.provider} ${event.providerRef}`) === "PENDING";
      case "refund-updated":
        return event.refunds.some((r) => refundPending(r.refundRef, r.refundId));
      case "noted":
        return false;
    }
  });
}

/**
 * One reconciliation run. An administrator's run (actorUserId) is audited with what it found. A
 * provider that cannot be asked answers `provider-failed`: nothing is changed and the next run tries
 * again; an event that fails to apply is left for the next run (or the webhook's retry).
 */
export async function reconcilePayments(options: { actorUserId?: number; now?: Date } = {}): Promise<ReconcileResult> {
  const provider = activeProvider();
  if (!provider.recentActivity) return { ok: false, provider: provider.name, reason: "not-supported" };
  const since = new Date((options.now ?? new Date()).getTime() - LOOKBACK_HOURS * 3_600_000);
  let events: ProviderEvent[];
  try {
    events = await unrecorded(await provider.recentActivity(since));
  } catch (error) {
    console.warn(`Payment reconciliation could not ask ${provider.name}: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, provider: provider.name, reason: "provider-failed" };
  }
  let applied = 0;
  let failed = 0;
  for (const event of events) {
    try {
      if ((await handlePaymentEvent(event)) === "handled") applied += 1;
    } catch (error) {
      failed += 1;
      console.warn(`Payment reconciliation: ${event.provider} ${event.eventId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (applied > 0) console.warn(`Payment reconciliation applied ${applied} event(s) from ${provider.name} that no webhook had delivered`);
  const result = { ok: true as const, provider: provider.name, since, found: events.length, applied, failed };
  if (options.actorUserId !== undefined) {
    await recordAudit(prisma, {
      userId: options.actorUserId,
      action: "payment.reconcile",
      entityType: "Payment",
      entityId: provider.name,
      details: { since: since.toISOString(), found: result.found, applied, failed },
    });
  }
  return result;
}

let timer: NodeJS.Timeout | undefined;
let running = false;

/**
 * Runs the reconciliation at start (a restart after a lost webhook recovers the payment) and then
 * every RECONCILE_MINUTES (0: only from the admin page). Runs never overlap in one process, and
 * overlapping runs in several processes apply each event once (its claim).
 */
export function startPaymentReconciler() {
  const minutes = getEnv().RECONCILE_MINUTES;
  if (timer || minutes === 0 || process.env.NODE_ENV === "test") return;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await reconcilePayments();
    } catch (error) {
      console.error("Payment reconciliation failed", error);
    } finally {
      running = false;
    }
  };
  void run();
  timer = setInterval(() => void run(), minutes * 60_000);
  timer.unref();
}
