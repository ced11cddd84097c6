import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { LocationFields } from "~/components/org/location-fields";
import { ApplicationSchema, MAX_LOCATIONS, organisationKinds } from "~/models/organisation-schema";
import { applyForOrganisation } from "~/models/organisation.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "org"] };

export const meta: MetaFunction = () => [{ title: "申请单位采购账号 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await request.formData(), ApplicationSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = await applyForOrganisation(user.id, submission.value);
  if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors });
  throw redirect(`/org?org=${result.value.id}&done=applied`);
}

export default function ApplyForOrganisation() {
  const { t } = useTranslation("org");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(ApplicationSchema, { id: "apply", lastResult: actionData?.result, defaultValue: { locations: [{}] } });
  const rows = fields.locations.getFieldList();
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("apply.title")}</h1>
        <Link to="/org" className="text-sm text-brand-700 underline">{t("page.title")}</Link>
      </div>
      <p className="text-stone-700">{t("apply.intro")}</p>
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <FormError form={form} />
        <div className={card}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.name} label={t("fields.name")} className="sm:col-span-2" autoComplete="organization" />
            <SelectField field={fields.kind} label={t("fields.kind")} placeholder="—" options={organisationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            <TextField field={fields.creditCode} label={t("fields.creditCode")} hint={t("fields.creditCodeHint")} />
            <TextField field={fields.contactName} label={t("fields.contactName")} autoComplete="name" />
            <TextField field={fields.contactMobile} label={t("fields.contactMobile")} type="tel" inputMode="numeric" autoComplete="tel" />
          </div>
        </div>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("apply.locations")}</legend>
          {fields.locations.errors ? <p id={fields.locations.errorId} className="text-sm text-red-700">{t(fields.locations.errors[0]!)}</p> : null}
          {rows.map((row, i) => (
            <div key={row.key} className={card} role="group" aria-label={t("apply.location", { n: i + 1 })}>
              <h2 className="font-medium">{t("apply.location", { n: i + 1 })}</h2>
              <LocationFields fields={row.getFieldset()} />
            </div>
          ))}
          {/* Adds a row in the browser; without JavaScript the server sends the form back with one more. */}
          {rows.length < MAX_LOCATIONS ? (
            <button {...form.insert.getButtonProps({ name: fields.locations.name })} className="rounded border border-stone-400 bg-white px-4 py-2 text-sm hover:bg-stone-100">
              {t("apply.addLocation")}
            </button>
          ) : null}
        </fieldset>
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("apply.submitting")}>{t("apply.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
