import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextField, type Errors } from "~/components/admin/form-fields";
import { LocationFields } from "~/components/org/location-fields";
import type { FieldErrors } from "~/models/account-schema";
import { ApplicationSchema, locationRows, MAX_LOCATIONS, organisationKinds, pathErrorsOf } from "~/models/organisation-schema";
import { applyForOrganisation } from "~/models/organisation.server";
import { formText } from "~/models/product-schema";
import { requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "org"] };

export const meta: MetaFunction = () => [{ title: "申请单位采购账号 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

type Failure = { values: Record<string, string>; locations: Record<string, string>[]; fieldErrors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = formText(await request.formData());
  const locations = locationRows(form);
  const { name = "", kind = "", creditCode = "", contactName = "", contactMobile = "" } = form;
  const values = { name, kind, creditCode, contactName, contactMobile };
  const fail = (fieldErrors: FieldErrors) => data<Failure>({ values, locations, fieldErrors }, { status: 400 });
  const parsed = ApplicationSchema.safeParse({ ...values, locations });
  if (!parsed.success) return fail(pathErrorsOf(parsed.error));
  const result = await applyForOrganisation(user.id, parsed.data);
  if (!result.ok) return fail(result.fieldErrors);
  throw redirect(`/org?org=${result.value.id}&done=applied`);
}

export default function ApplyForOrganisation() {
  const { t } = useTranslation("org");
  const actionData = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("apply.title")}</h1>
        <Link to="/org" className="text-sm text-brand-700 underline">{t("page.title")}</Link>
      </div>
      <p className="text-stone-700">{t("apply.intro")}</p>
      {/* A new answer from the server remounts the form, so every field shows what was sent back. */}
      <ApplicationForm key={actionData ? JSON.stringify(actionData) : "new"} failure={actionData} />
    </section>
  );
}

function ApplicationForm({ failure }: { failure?: Failure }) {
  const { t } = useTranslation("org");
  const navigation = useNavigation();
  const [rows, setRows] = useState(Math.max(1, failure?.locations.length ?? 1));
  const values = failure?.values ?? {};
  const errors: Errors = failure?.fieldErrors;
  const field = (name: string) => ({ name, label: t(`fields.${name}`), required: true, errors, defaultValue: values[name] ?? "" });
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <Form method="post" noValidate className="space-y-6">
      <FormError message={failure ? "org:errors.formHasErrors" : null} />
      <div className={card}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("name")} className="sm:col-span-2" autoComplete="organization" />
          <SelectField {...field("kind")} placeholder="—" options={organisationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          <TextField {...field("creditCode")} hint={t("fields.creditCodeHint")} />
          <TextField {...field("contactName")} autoComplete="name" />
          <TextField {...field("contactMobile")} type="tel" inputMode="numeric" autoComplete="tel" />
        </div>
      </div>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("apply.locations")}</legend>
        {errors?.locations ? <p className="text-sm text-red-700">{t(errors.locations[0]!)}</p> : null}
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={card} role="group" aria-label={t("apply.location", { n: i + 1 })}>
            <h2 className="font-medium">{t("apply.location", { n: i + 1 })}</h2>
            <LocationFields prefix={`locations.${i}.`} values={failure?.locations[i]} errors={errors} />
          </div>
        ))}
        {rows < MAX_LOCATIONS ? (
          <button type="button" onClick={() => setRows(rows + 1)} className="rounded border border-stone-400 bg-white px-4 py-2 text-sm hover:bg-stone-100">
            {t("apply.addLocation")}
          </button>
        ) : null}
      </fieldset>
      <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("apply.submitting")}>{t("apply.submit")}</SubmitButton>
    </Form>
  );
}
