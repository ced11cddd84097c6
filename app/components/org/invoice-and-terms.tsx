import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/admin/form-fields";
import type { FieldErrors } from "~/models/account-schema";
import { useMessageParams } from "./bulk-nav";

type Terms = { paymentTerms: string; termDays: number; availableFen: number; approvalThresholdFen: number | null };

/**
 * The end of every organisation order form (the grid's review and the gift review): the 发票 fields,
 * checked by one rule on the server (checkInvoice), and what will happen once it is placed — approval
 * above the threshold, then paying now or on terms. `totalFen` is null while the order cannot be priced.
 */
export function InvoiceAndTerms({ values, errors, totalFen, terms }: { values: Record<string, string>; errors?: FieldErrors; totalFen: number | null; terms: Terms }) {
  const { t } = useTranslation("org");
  const messageParams = useMessageParams();
  const [wantsInvoice, setWantsInvoice] = useState(values.wantsInvoice === "on");
  const needsApproval = totalFen !== null && terms.approvalThresholdFen !== null && totalFen > terms.approvalThresholdFen;
  return (
    <>
      <div className="flex items-center gap-2">
        <input id="wantsInvoice" name="wantsInvoice" type="checkbox" checked={wantsInvoice} onChange={(e) => setWantsInvoice(e.target.checked)} className="h-4 w-4 accent-brand-700" />
        <label htmlFor="wantsInvoice" className="text-sm font-medium">{t("checkout.invoice")}</label>
      </div>
      {/* Shown without JavaScript too when it was ticked; the server checks the fields only when it is. */}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="invoiceTitle" label={t("checkout.invoiceTitle")} defaultValue={values.invoiceTitle ?? ""} errors={errors} />
        <TextField name="invoiceTaxNumber" label={t("checkout.invoiceTaxNumber")} hint={t("checkout.invoiceTaxNumberHint")} defaultValue={values.invoiceTaxNumber ?? ""} errors={errors} />
      </div>
      <p className="rounded bg-stone-100 p-3 text-sm">
        {needsApproval ? <span className="block font-medium text-amber-900">{t("checkout.needsApproval", messageParams({ threshold: terms.approvalThresholdFen ?? 0 }))}</span> : null}
        {terms.paymentTerms === "ON_TERMS" ? t("checkout.onTerms", { days: terms.termDays, ...messageParams({ available: terms.availableFen }) }) : t("checkout.payNow")}
      </p>
    </>
  );
}
