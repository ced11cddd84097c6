import type { FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/admin/form-fields";
import type { FieldErrors } from "~/models/account-schema";
import { useMessageParams } from "./bulk-nav";

type Field = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
/** The 发票 fields of a form made with useHallForm (app/utils/form.ts). */
export type InvoiceFields = { wantsInvoice: Field; invoiceTitle: Field; invoiceTaxNumber: Field };

type Terms = { paymentTerms: string; termDays: number; availableFen: number; approvalThresholdFen: number | null };

/**
 * The end of every organisation order form (the grid's review and the gift review): the 发票 fields,
 * checked by one rule on the server (checkInvoice), and what will happen once it is placed — approval
 * above the threshold, then paying now or on terms. `totalFen` is null while the order cannot be priced.
 * A form on the one pipeline passes its `fields`; `values`/`errors` serve a form not yet moved to it.
 */
export function InvoiceAndTerms({ fields, values = {}, errors, totalFen, terms }: {
  fields?: InvoiceFields;
  values?: Record<string, string>;
  errors?: FieldErrors;
  totalFen: number | null;
  terms: Terms;
}) {
  const { t } = useTranslation("org");
  const messageParams = useMessageParams();
  const [wantsInvoice, setWantsInvoice] = useState((fields ? fields.wantsInvoice.initialValue : values.wantsInvoice) === "on");
  const checkboxId = fields?.wantsInvoice.id ?? "wantsInvoice";
  const needsApproval = totalFen !== null && terms.approvalThresholdFen !== null && totalFen > terms.approvalThresholdFen;
  return (
    <>
      <div className="flex items-center gap-2">
        <input id={checkboxId} name="wantsInvoice" form={fields?.wantsInvoice.formId} type="checkbox" checked={wantsInvoice} onChange={(e) => setWantsInvoice(e.target.checked)} className="h-4 w-4 accent-brand-700" />
        <label htmlFor={checkboxId} className="text-sm font-medium">{t("checkout.invoice")}</label>
      </div>
      {/* Shown without JavaScript too when it was ticked; the server checks the fields only when it is. */}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields?.invoiceTitle} name="invoiceTitle" label={t("checkout.invoiceTitle")} defaultValue={values.invoiceTitle ?? ""} errors={errors} />
        <TextField field={fields?.invoiceTaxNumber} name="invoiceTaxNumber" label={t("checkout.invoiceTaxNumber")} hint={t("checkout.invoiceTaxNumberHint")} defaultValue={values.invoiceTaxNumber ?? ""} errors={errors} />
      </div>
      <p className="rounded bg-stone-100 p-3 text-sm">
        {needsApproval ? <span className="block font-medium text-amber-900">{t("checkout.needsApproval", messageParams({ threshold: terms.approvalThresholdFen ?? 0 }))}</span> : null}
        {terms.paymentTerms === "ON_TERMS" ? t("checkout.onTerms", { days: terms.termDays, ...messageParams({ available: terms.availableFen }) }) : t("checkout.payNow")}
      </p>
    </>
  );
}
