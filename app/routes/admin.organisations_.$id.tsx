import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { StatusBadge } from "~/components/org/location-fields";
import { ReviewSchema } from "~/models/organisation-schema";
import { listAudit } from "~/models/audit.server";
import { getOrganisationForAdmin, reviewOrganisation } from "~/models/organisation.server";
import { TermsSettingsSchema } from "~/models/org-order-schema";
import { getTermsSettings, setTermsSettings } from "~/models/org-terms.server";
import { fenToYuanInput } from "~/utils/money";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
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
  const formData = await request.formData();
  // Payment terms, credit limit and approval threshold (organisation ordering, ADR 012).
  if (formData.get("intent") === "terms") {
    const submission = parseForm(formData, TermsSettingsSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent: "terms" } });
    await setTermsSettings(id, submission.value, admin.id);
    throw redirect(`/admin/organisations/${id}?done=terms`);
  }
  const submission = parseForm(formData, ReviewSchema);
  if (submission.status !== "success") return refuse(submission, {}, { extra: { intent: "review" } });
  if (!(await reviewOrganisation(id, submission.value, admin.id))) throw new Response("Not found", { status: 404 });
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

      <ReviewForm lastResult={actionData?.intent === "review" ? actionData.result : null} busy={navigation.state === "submitting"} />

      <TermsForm terms={terms} lastResult={actionData?.intent === "terms" ? actionData.result : null} busy={navigation.state === "submitting"} />

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

function ReviewForm({ lastResult, busy }: { lastResult: FormReply | null; busy: boolean }) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(ReviewSchema, { id: "review", lastResult });
  return (
    <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("admin.review")}</h2>
      <FormError form={form} />
      <TextAreaField field={fields.reason} label={t("admin.reason")} hint={t("admin.reasonHint")} rows={3} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="approve" busy={busy}>{t("admin.approve")}</SubmitButton>
        <SubmitButton name="intent" value="reject" variant="danger" busy={busy}>{t("admin.reject")}</SubmitButton>
      </div>
    </Form>
  );
}

function TermsForm({ terms, lastResult, busy }: {
  terms: { paymentTerms: string; termDays: number; creditLimitFen: number; approvalThresholdFen: number | null };
  lastResult: FormReply | null;
  busy: boolean;
}) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(TermsSettingsSchema, {
    id: "terms",
    lastResult,
    defaultValue: {
      paymentTerms: terms.paymentTerms,
      termDays: String(terms.termDays),
      creditLimit: fenToYuanInput(terms.creditLimitFen),
      approvalThreshold: terms.approvalThresholdFen === null ? "" : fenToYuanInput(terms.approvalThresholdFen),
    },
  });
  return (
    <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("terms.title")}</h2>
      <FormError form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField field={fields.paymentTerms} label={t("terms.paymentTerms")} options={(["PAY_NOW", "ON_TERMS"] as const).map((value) => ({ value, label: t(`orders.termsValues.${value}`) }))} />
        <TextField field={fields.termDays} label={t("terms.termDays")} inputMode="numeric" />
        <TextField field={fields.creditLimit} label={t("terms.creditLimit")} inputMode="decimal" />
        <TextField field={fields.approvalThreshold} label={t("terms.approvalThreshold")} hint={t("terms.approvalThresholdHint")} inputMode="decimal" />
      </div>
      <SubmitButton name="intent" value="terms" busy={busy}>{t("terms.save")}</SubmitButton>
    </Form>
  );
}
