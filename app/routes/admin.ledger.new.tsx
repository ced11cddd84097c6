import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { PendingApprovals } from "~/components/admin/approvals";
import { askAdjustment, pendingApprovalsOfKind } from "~/models/admin-approval.server";
import { recordOfflineSale } from "~/models/ledger-admin.server";
import { AdjustmentSchema, ledgerBuyerTypes, ledgerChannels, OfflineSaleSchema } from "~/models/ledger-schema";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLanguage, useLocalize } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "登记线下销售 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const counties = await prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } });
  // A fresh key per form shown: sending the same form twice records the sale once.
  const waiting = await pendingApprovalsOfKind("LEDGER_ADJUSTMENT");
  return { counties, waiting, saleKey: randomUUID(), adjustmentKey: randomUUID(), today: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "offlineSale") {
    const submission = parseForm(formData, OfflineSaleSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent } });
    const result = await recordOfflineSale(submission.value, user.id);
    if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, { extra: { intent } });
    const entry = await prisma.ledgerEntry.findFirst({ where: { id: { in: result.entryIds } }, select: { amountFen: true } });
    throw redirect(`/admin/ledger/new?${result.duplicate ? "duplicate=1" : `saved=${entry?.amountFen ?? 0}`}`);
  }
  if (intent === "adjustment") {
    const submission = parseForm(formData, AdjustmentSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent } });
    // An adjustment waits for a second administrator (ADR 029).
    const result = await askAdjustment(submission.value, user.id);
    if (!result.ok) return refuse(submission, { fieldErrors: { countyId: ["ledger:errors.unknownCounty"] } }, { extra: { intent } });
    throw redirect("/admin/ledger/new?asked=1");
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function NewLedgerEntry() {
  const { t } = useTranslation("ledger");
  const localize = useLocalize();
  const locale = useLanguage();
  const { counties, waiting, saleKey, adjustmentKey, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  // The sale form is a union by mode: the quantity belongs to one branch only.
  const saleDefaults = { mode: "product", formKey: saleKey, date: today, buyerType: "OUTSIDE", quantity: "1" };
  const [saleForm, sale] = useHallForm(OfflineSaleSchema, {
    id: "sale",
    lastResult: actionData?.intent === "offlineSale" ? actionData.result : null,
    defaultValue: saleDefaults,
  });
  const [adjustmentForm, adjustment] = useHallForm(AdjustmentSchema, {
    id: "adjustment",
    lastResult: actionData?.intent === "adjustment" ? actionData.result : null,
    defaultValue: { formKey: adjustmentKey, date: today, channel: "ADJUSTMENT", buyerType: "OUTSIDE" },
  });
  const [mode, setMode] = useState(sale.mode.initialValue === "amount" ? "amount" : "product");
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const saved = params.get("saved");
  const countyOptions = counties.map((c) => ({ value: c.id, label: localize(c.nameZh, c.nameEn) }));
  const buyerOptions = ledgerBuyerTypes.map((b) => ({ value: b, label: t(`buyerTypes.${b}`) }));
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("newEntry.title")}</h1>
      <LedgerLinks />
      {saved !== null && !actionData ? <Notice>{t("newEntry.saved", { amount: formatFen(Number(saved) || 0, locale) })}</Notice> : null}
      {params.get("duplicate") && !actionData ? <Notice>{t("newEntry.duplicate")}</Notice> : null}
      {params.get("asked") && !actionData ? <Notice>{t("admin:approvals.waiting")}</Notice> : null}
      <PendingApprovals approvals={waiting} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Form method="post" className={card} aria-labelledby="sale-title" {...getFormProps(saleForm)}>
          <h2 id="sale-title" className="text-lg font-semibold">{t("newEntry.offlineTitle")}</h2>
          <p className="text-sm text-stone-700">{t("newEntry.offlineIntro")}</p>
          <input type="hidden" name="intent" value="offlineSale" />
          <input type="hidden" name="formKey" value={String(sale.formKey.initialValue ?? saleKey)} />
          <FormError form={saleForm} />
          <fieldset>
            <legend className="text-sm font-medium">{t("newEntry.mode")}</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {(["product", "amount"] as const).map((m) => (
                <label key={m} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="accent-brand-700" />
                  {t(m === "product" ? "newEntry.modeProduct" : "newEntry.modeAmount")}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField field={sale.date} type="date" label={t("newEntry.date")} />
          <SelectField field={sale.buyerType} label={t("newEntry.buyerType")} options={buyerOptions} />
          {mode === "product" ? (
            <>
              <TextField field={sale.sku} label={t("newEntry.sku")} required />
              <TextField field={sale.quantity} label={t("newEntry.quantity")} inputMode="numeric" required />
            </>
          ) : (
            <>
              <SelectField field={sale.countyId} label={t("newEntry.county")} options={countyOptions} placeholder="" required />
              <TextField field={sale.amount} label={t("newEntry.amount")} inputMode="decimal" required />
            </>
          )}
          <TextField field={sale.note} label={t("newEntry.note")} required={false} />
          <SubmitButton busy={busy === "offlineSale"}>{t("newEntry.save")}</SubmitButton>
        </Form>

        <Form method="post" className={card} aria-labelledby="adjustment-title" {...getFormProps(adjustmentForm)}>
          <h2 id="adjustment-title" className="text-lg font-semibold">{t("newEntry.adjustmentTitle")}</h2>
          <p className="text-sm text-stone-700">{t("newEntry.adjustmentIntro")}</p>
          <input type="hidden" name="intent" value="adjustment" />
          <input type="hidden" name="formKey" value={String(adjustment.formKey.initialValue ?? adjustmentKey)} />
          <FormError form={adjustmentForm} />
          <TextField field={adjustment.date} type="date" label={t("newEntry.date")} />
          <SelectField field={adjustment.countyId} label={t("newEntry.county")} options={countyOptions} placeholder="" />
          <SelectField field={adjustment.channel} label={t("newEntry.channel")} options={ledgerChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
          <SelectField field={adjustment.buyerType} label={t("newEntry.buyerType")} options={buyerOptions} />
          <TextField field={adjustment.amount} label={t("newEntry.signedAmount")} inputMode="text" />
          <TextField field={adjustment.reason} label={t("newEntry.reason")} />
          <SubmitButton busy={busy === "adjustment"}>{t("newEntry.saveAdjustment")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}
