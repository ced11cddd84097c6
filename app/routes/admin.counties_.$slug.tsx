import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { FormError, Notice, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { listAudit } from "~/models/audit.server";
import { getCountyForAdmin, updateCounty } from "~/models/county.server";
import { CountySchema } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "account"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.nameZh ?? ""} · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const county = await getCountyForAdmin(params.slug ?? "");
  if (!county) throw new Response("Not found", { status: 404 });
  const audit = await listAudit({ entityType: "County", entityId: String(county.id), take: 30 });
  return { county, audit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const slug = params.slug ?? "";
  const submission = parseForm(await request.formData(), CountySchema);
  if (submission.status !== "success") return refuse(submission);
  const changed = await updateCounty(slug, submission.value, user.id);
  throw redirect(`/admin/counties/${slug}?done=${changed ? "saved" : "unchanged"}`);
}

export default function EditCounty() {
  const { t } = useTranslation("admin");
  const { county, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useHallForm(CountySchema, {
    id: "county",
    lastResult: actionData?.result,
    defaultValue: { nameZh: county.nameZh, nameEn: county.nameEn, storyZh: county.storyZh, storyEn: county.storyEn },
  });
  const done = params.get("done");
  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("counties.editTitle", { name: county.nameZh })}</h1>
        <Link to="/admin/counties" className="text-sm text-brand-700 underline">{t("counties.back")}</Link>
      </div>
      {done === "saved" ? <Notice>{t("common.saved")}</Notice> : done === "unchanged" ? <Notice>{t("common.noChanges")}</Notice> : null}
      <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <FormError form={form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.nameZh} label={t("counties.nameZh")} />
          <TextField field={fields.nameEn} label={t("counties.nameEn")} />
          <TextAreaField field={fields.storyZh} label={t("counties.storyZh")} rows={8} className="sm:col-span-2" />
          <TextAreaField field={fields.storyEn} label={t("counties.storyEn")} rows={8} className="sm:col-span-2" />
        </div>
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("common.save")}</SubmitButton>
      </Form>
      <div className="space-y-2 rounded border border-stone-300 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}
