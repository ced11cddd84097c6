import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage, useLocalize } from "~/utils/localize";
import { formatFen } from "~/utils/money";

type Approval = {
  id: number;
  kind: string;
  details: Record<string, string | number | boolean>;
  countyZh: string;
  countyEn: string;
  requestedBy: { name: string; username: string };
};

/** One line saying what a request will do, with its money in the hall's format. */
export function ApprovalWhat({ approval }: { approval: Approval }) {
  const { t } = useTranslation("admin");
  const locale = useLanguage();
  const localize = useLocalize();
  const d = approval.details;
  const money = (fen: string | number | boolean | undefined) => formatFen(Number(fen ?? 0), locale);
  switch (approval.kind) {
    case "REFUND":
      return <>{t(d.cancel ? "approvals.cancelWhat" : "approvals.refundWhat", { number: d.orderNumber, amount: money(d.amountFen), reason: d.reason })}</>;
    case "LEDGER_ADJUSTMENT":
      return <>{t("approvals.adjustmentWhat", { county: localize(approval.countyZh, approval.countyEn), amount: money(d.amount), date: String(d.date).slice(0, 10), reason: d.reason })}</>;
    case "LEDGER_REVERSAL":
      return <>{t("approvals.reversalWhat", { entryId: d.entryId, reason: d.reason })}</>;
    default:
      return <>{t("approvals.importReversalWhat", { batchId: d.batchId, reason: d.reason })}</>;
  }
}

/** On the page an action starts from: what of it waits for a second administrator. */
export function PendingApprovals({ approvals }: { approvals: Approval[] }) {
  const { t } = useTranslation("admin");
  if (approvals.length === 0) return null;
  return (
    <section aria-labelledby="pending-approvals" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <h2 id="pending-approvals" className="font-semibold">{t("approvals.waitingList")}</h2>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {approvals.map((a) => (
          <li key={a.id}>
            <ApprovalWhat approval={a} /> · {t("approvals.askedBy")}: {a.requestedBy.name || a.requestedBy.username} ·{" "}
            <Link to={`/admin/approvals#approval-${a.id}`} className="text-brand-700 underline">{t("approvals.waiting")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
