import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { StatusBadge } from "~/components/org/location-fields";
import { pathErrorsOf, ReviewSchema } from "~/models/organisation-schema";
import { listAudit } from "~/models/audit.server";
import { getOrganisationForAdmin, reviewOrganisation } from "~/models/organisation.server";
import { TermsSettingsSchema } from "~/models/org-order-schema";
import { getTermsSettings, setTermsSettings } from "~/models/org-terms.server";
import { fenToYuanInput } from "~/utils/money";
import { requireAdmin } from "~/utils/auth.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "org"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · 单位账号 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idOr404(params.id);
  const [found, audit, terms] = await Promise.all([getOrganisationForAdmin(id), listAudit({ entityType: "Organisation", entityId: String(id), take: 50 }), getTermsSettings(id)]);
  if (!found || !terms) throw new Response("Not found", { status: 404 });
  return { ...found, audit, terms };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = idOr404(params.id);
  const form = await request.formData();
  // Payment terms, credit limit and approval threshold (organisation ordering, ADR 012).
  if (form.get("intent") === "terms") {
    const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
    const parsed = TermsSettingsSchema.safeParse(values);
    if (!parsed.success) return data({ reason: "", fieldErrors: {}, terms: { values, fieldErrors: pathErrorsOf(parsed.error) } }, { status: 400 });
    await setTermsSettings(id, parsed.data, admin.id);
    throw redirect(`/admin/organisations/${id}?done=terms`);
  }
  const reason = String(form.get("reason") ?? "");
  const parsed = ReviewSchema.safeParse({ intent: form.get("intent"), reason });
  if (!parsed.success) return data({ reason, fieldErrors: pathErrorsOf(parsed.error) }, { status: 400 });
  if (!(await reviewOrganisation(id, parsed.data, admin.id))) throw new Response("Not found", { status: 404 });
  throw redirect(`/admin/organisations/${id}?done=reviewed`);
}

export default function OrganisationReview() {
  const { t } = useTranslation("org");
  const { t: ta } = useTranslation("admin");
  const { organisation, members, locations, audit, terms } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">{organisation.name} <StatusBadge status={organisation.status} /></h1>
        <div className="flex gap-4 text-sm">
          <Link to={`/admin/organisations/${organisation.id}/prices`} className="text-brand-700 underline">{ta("pricing.contractLink")}</Link>
          <Link to="/admin/organisations" className="text-brand-700 underline">{t("admin.back")}</Link>
        </div>
      </div>
      {params.get("done") === "reviewed" ? <Notice>{t("admin.reviewed")}</Notice> : null}
      {params.get("done") === "terms" ? <Notice>{t("terms.saved")}</Notice> : null}
      <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-stone-600">{t("fields.kind")}</dt>
        <dd>{t(`kinds.${organisation.kind}`, { defaultValue: organisation.kind })}</dd>
        <dt className="text-stone-600">{t("fields.creditCode")}</dt>
        <dd className="font-mono break-all">{organisation.creditCode}</dd>
        <dt className="text-stone-600">{t("fields.contactName")}</dt>
        <dd>{organisation.contactName} · {organisation.contactMobile}</dd>
        <dt className="text-stone-600">{t("admin.createdAt")}</dt>
        <dd><DateTime value={organisation.createdAt} /></dd>
        {organisation.statusReason ? (
          <>
            <dt className="text-stone-600">{t("admin.statusReason")}</dt>
            <dd className="break-words">{organisation.statusReason}</dd>
          </>
        ) : null}
      </dl>

      <Form method="post" noValidate className={card}>
        <h2 className="text-lg font-semibold">{t("admin.review")}</h2>
        <FormError message={actionData && !("terms" in actionData) ? "org:errors.formHasErrors" : null} />
        <TextAreaField name="reason" label={t("admin.reason")} hint={t("admin.reasonHint")} rows={3} defaultValue={actionData?.reason ?? ""} errors={actionData?.fieldErrors} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="approve" busy={navigation.state === "submitting"}>{t("admin.approve")}</SubmitButton>
          <SubmitButton name="intent" value="reject" variant="danger" busy={navigation.state === "submitting"}>{t("admin.reject")}</SubmitButton>
        </div>
      </Form>

      <TermsForm terms={terms} failed={actionData && "terms" in actionData ? actionData.terms : undefined} busy={navigation.state === "submitting"} />

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("page.members")}</h2>
        <ul className="divide-y divide-stone-200 text-sm">
          {members.map((m) => (
            <li key={m.id} className="py-2">
              <span className="font-medium">{m.user.name}</span> · <span className="font-mono">{m.user.employeeNo}</span> · {m.user.mobile} · {t(`roles.${m.role}`, { defaultValue: m.role })}
            </li>
          ))}
        </ul>
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("page.locations")}</h2>
        <ul className="divide-y divide-stone-200 text-sm">
          {locations.map((l) => (
            <li key={l.id} className={`py-2 ${l.active ? "" : "text-stone-500"}`}>
              <p className="font-medium">{l.name}{l.active ? null : ` · ${t("page.inactive")}`}</p>
              <p className="break-words">{l.address}</p>
              <p className="text-stone-600">{l.contactName} · {l.contactMobile}</p>
            </li>
          ))}
        </ul>
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{ta("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}

function TermsForm({ terms, failed, busy }: {
  terms: { paymentTerms: string; termDays: number; creditLimitFen: number; approvalThresholdFen: number | null };
  failed?: { values: Record<string, string>; fieldErrors: Record<string, string[] | undefined> };
  busy: boolean;
}) {
  const { t } = useTranslation("org");
  const v = failed?.values;
  return (
    <Form method="post" noValidate className="space-y-4 rounded border border-stone-300 bg-white p-4">
      <h2 className="text-lg font-semibold">{t("terms.title")}</h2>
      <FormError message={failed ? "org:errors.formHasErrors" : null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField form="terms" name="paymentTerms" label={t("terms.paymentTerms")} required defaultValue={v?.paymentTerms ?? terms.paymentTerms} options={(["PAY_NOW", "ON_TERMS"] as const).map((value) => ({ value, label: t(`orders.termsValues.${value}`) }))} errors={failed?.fieldErrors} />
        <TextField form="terms" name="termDays" label={t("terms.termDays")} inputMode="numeric" required defaultValue={v?.termDays ?? terms.termDays} errors={failed?.fieldErrors} />
        <TextField form="terms" name="creditLimit" label={t("terms.creditLimit")} inputMode="decimal" defaultValue={v?.creditLimit ?? fenToYuanInput(terms.creditLimitFen)} errors={failed?.fieldErrors} />
        <TextField form="terms" name="approvalThreshold" label={t("terms.approvalThreshold")} hint={t("terms.approvalThresholdHint")} inputMode="decimal" defaultValue={v?.approvalThreshold ?? (terms.approvalThresholdFen === null ? "" : fenToYuanInput(terms.approvalThresholdFen))} errors={failed?.fieldErrors} />
      </div>
      <SubmitButton name="intent" value="terms" busy={busy}>{t("terms.save")}</SubmitButton>
    </Form>
  );
}
