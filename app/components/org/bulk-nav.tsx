import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "~/utils/localize";
import { formatFen } from "~/utils/money";

/** The links between the organisation-buying pages, all for one organisation (?org=). */
export function BulkNav({ organisationId, name, showApprovals }: { organisationId: number; name: string; showApprovals: boolean }) {
  const { t } = useTranslation("org");
  const q = `?org=${organisationId}`;
  return (
    <nav aria-label={t("page.title")} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <span className="font-medium text-stone-700">{name}</span>
      <Link to={`/org/order${q}`} className="text-brand-700 underline">{t("bulk.links.order")}</Link>
      <Link to={`/org/orders${q}`} className="text-brand-700 underline">{t("bulk.links.orders")}</Link>
      <Link to={`/org/gifts${q}`} className="text-brand-700 underline">{t("gifts:title")}</Link>
      {showApprovals ? <Link to={`/org/approvals${q}`} className="text-brand-700 underline">{t("bulk.links.approvals")}</Link> : null}
      <Link to={`/org${q}`} className="text-brand-700 underline">{t("page.title")}</Link>
    </nav>
  );
}

/** Message parameters that are amounts in fen, formatted for display (the one money formatter). */
const MONEY_PARAMS = new Set(["outstanding", "remaining", "available", "total", "threshold", "amount"]);
export function useMessageParams() {
  const language = useLanguage();
  return (params: Record<string, string | number> | undefined) =>
    Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, MONEY_PARAMS.has(k) && typeof v === "number" ? formatFen(v, language) : v]));
}

/**
 * A row problem in words. The quantity rules' messages (shop namespace, shared with the product page)
 * do not name the row, so it is put in front of them; the organisation's own line messages already do.
 */
export function useRowProblemText() {
  const { t } = useTranslation("org");
  const messageParams = useMessageParams();
  return (problem: { row: number; message: string; params: Record<string, string | number> }) => {
    const text = t(problem.message, messageParams(problem.params));
    return problem.message.startsWith("org:lineErrors.") || problem.row === 0 ? text : t("lineErrors.atRow", { row: problem.row, message: text });
  };
}
