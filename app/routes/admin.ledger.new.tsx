import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { PendingApprovals } from "~/components/admin/approvals";
import { askAdjustment, pendingApprovalsOfKind } from "~/models/admin-approval.server";
import { recordOfflineSale } from "~/models/ledger-admin.server";
import { AdjustmentSchema, ledgerBuyerTypes, ledgerChannels, OfflineSaleSchema } from "~/models/ledger-schema";
import { fieldErrorsOf, formText } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
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
  const values = formText(await request.formData());
  if (values.intent === "offlineSale") {
    const parsed = OfflineSaleSchema.safeParse(values);
    if (!parsed.success) return data({ form: "sale", values, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
    const result = await recordOfflineSale(parsed.data, user.id);
    if (!result.ok) return data({ form: "sale", values, fieldErrors: result.fieldErrors }, { status: 400 });
    const entry = await prisma.ledgerEntry.findFirst({ where: { id: { in: result.entryIds } }, select: { amountFen: true } });
    throw redirect(`/admin/ledger/new?${result.duplicate ? "duplicate=1" : `saved=${entry?.amountFen ?? 0}`}`);
  }
  if (values.intent === "adjustment") {
    const parsed = AdjustmentSchema.safeParse(values);
    if (!parsed.success) return data({ form: "adjustment", values, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
    // An adjustment waits for a second administrator (ADR 029).
    const result = await askAdjustment(parsed.data, user.id);
    if (!result.ok) return data({ form: "adjustment", values, fieldErrors: { countyId: ["ledger:errors.unknownCounty"] } }, { status: 400 });
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
  const sale = actionData?.form === "sale" ? actionData : null;
  const adjustment = actionData?.form === "adjustment" ? actionData : null;
  const [mode, setMode] = useState(sale?.values.mode === "amount" ? "amount" : "product");
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
        <Form method="post" className={card} noValidate aria-labelledby="sale-title">
          <h2 id="sale-title" className="text-lg font-semibold">{t("newEntry.offlineTitle")}</h2>
          <p className="text-sm text-stone-700">{t("newEntry.offlineIntro")}</p>
          <input type="hidden" name="intent" value="offlineSale" />
          <input type="hidden" name="formKey" value={sale?.values.formKey ?? saleKey} />
          {sale ? <FormError message="admin:common.formHasErrors" /> : null}
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
          <TextField form="sale" name="date" type="date" label={t("newEntry.date")} defaultValue={sale?.values.date ?? today} errors={sale?.fieldErrors} required />
          <SelectField form="sale" name="buyerType" label={t("newEntry.buyerType")} options={buyerOptions} defaultValue={sale?.values.buyerType ?? "OUTSIDE"} errors={sale?.fieldErrors} required />
          {mode === "product" ? (
            <>
              <TextField form="sale" name="sku" label={t("newEntry.sku")} defaultValue={sale?.values.sku} errors={sale?.fieldErrors} required />
              <TextField form="sale" name="quantity" label={t("newEntry.quantity")} inputMode="numeric" defaultValue={sale?.values.quantity ?? "1"} errors={sale?.fieldErrors} required />
            </>
          ) : (
            <>
              <SelectField form="sale" name="countyId" label={t("newEntry.county")} options={countyOptions} placeholder="" defaultValue={sale?.values.countyId} errors={sale?.fieldErrors} required />
              <TextField form="sale" name="amount" label={t("newEntry.amount")} inputMode="decimal" defaultValue={sale?.values.amount} errors={sale?.fieldErrors} required />
            </>
          )}
          <TextField form="sale" name="note" label={t("newEntry.note")} defaultValue={sale?.values.note} errors={sale?.fieldErrors} />
          <SubmitButton busy={busy === "offlineSale"}>{t("newEntry.save")}</SubmitButton>
        </Form>

        <Form method="post" className={card} noValidate aria-labelledby="adjustment-title">
          <h2 id="adjustment-title" className="text-lg font-semibold">{t("newEntry.adjustmentTitle")}</h2>
          <p className="text-sm text-stone-700">{t("newEntry.adjustmentIntro")}</p>
          <input type="hidden" name="intent" value="adjustment" />
          <input type="hidden" name="formKey" value={adjustment?.values.formKey ?? adjustmentKey} />
          {adjustment ? <FormError message="admin:common.formHasErrors" /> : null}
          <TextField form="adj" name="date" type="date" label={t("newEntry.date")} defaultValue={adjustment?.values.date ?? today} errors={adjustment?.fieldErrors} required />
          <SelectField form="adj" name="countyId" label={t("newEntry.county")} options={countyOptions} placeholder="" defaultValue={adjustment?.values.countyId} errors={adjustment?.fieldErrors} required />
          <SelectField form="adj" name="channel" label={t("newEntry.channel")} options={ledgerChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} defaultValue={adjustment?.values.channel ?? "ADJUSTMENT"} errors={adjustment?.fieldErrors} required />
          <SelectField form="adj" name="buyerType" label={t("newEntry.buyerType")} options={buyerOptions} defaultValue={adjustment?.values.buyerType ?? "OUTSIDE"} errors={adjustment?.fieldErrors} required />
          <TextField form="adj" name="amount" label={t("newEntry.signedAmount")} inputMode="text" defaultValue={adjustment?.values.amount} errors={adjustment?.fieldErrors} required />
          <TextField form="adj" name="reason" label={t("newEntry.reason")} defaultValue={adjustment?.values.reason} errors={adjustment?.fieldErrors} required />
          <SubmitButton busy={busy === "adjustment"}>{t("newEntry.saveAdjustment")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}
