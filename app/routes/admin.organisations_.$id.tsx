import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextAreaField } from "~/components/admin/form-fields";
import { StatusBadge } from "~/components/org/location-fields";
import { pathErrorsOf, ReviewSchema } from "~/models/organisation-schema";
import { listAudit } from "~/models/audit.server";
import { getOrganisationForAdmin, reviewOrganisation } from "~/models/organisation.server";
import { requireAdmin } from "~/utils/auth.server";
import { idOr404 } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · 单位账号 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idOr404(params.id);
  const [found, audit] = await Promise.all([getOrganisationForAdmin(id), listAudit({ entityType: "Organisation", entityId: String(id), take: 50 })]);
  if (!found) throw new Response("Not found", { status: 404 });
  return { ...found, audit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = idOr404(params.id);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "");
  const parsed = ReviewSchema.safeParse({ intent: form.get("intent"), reason });
  if (!parsed.success) return data({ reason, fieldErrors: pathErrorsOf(parsed.error) }, { status: 400 });
  if (!(await reviewOrganisation(id, parsed.data, admin.id))) throw new Response("Not found", { status: 404 });
  throw redirect(`/admin/organisations/${id}?done=reviewed`);
}

export default function OrganisationReview() {
  const { t } = useTranslation("org");
  const { t: ta } = useTranslation("admin");
  const { organisation, members, locations, audit } = useLoaderData<typeof loader>();
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
        <FormError message={actionData ? "org:errors.formHasErrors" : null} />
        <TextAreaField name="reason" label={t("admin.reason")} hint={t("admin.reasonHint")} rows={3} defaultValue={actionData?.reason ?? ""} errors={actionData?.fieldErrors} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="approve" busy={navigation.state === "submitting"}>{t("admin.approve")}</SubmitButton>
          <SubmitButton name="intent" value="reject" variant="danger" busy={navigation.state === "submitting"}>{t("admin.reject")}</SubmitButton>
        </div>
      </Form>

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
