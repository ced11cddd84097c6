import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { FormError, Notice, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { SupplierFields } from "~/components/admin/supplier-form";
import { listAudit } from "~/models/audit.server";
import { listCountiesForAdmin } from "~/models/county.server";
import { fieldErrorsOf, formText, SupplierSchema, SupplierStatusSchema, type FieldErrors } from "~/models/product-schema";
import { getSupplier, setSupplierStatus, updateSupplier } from "~/models/supplier.server";
import { supplierRatings } from "~/models/org-order.server";
import { SupplierRatings } from "~/components/org/supplier-ratings";
import { requireAdmin } from "~/utils/auth.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "org"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.supplier.name ?? ""} · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idOr404(params.id);
  const [supplier, counties, audit, ratings] = await Promise.all([
    getSupplier(id),
    listCountiesForAdmin(),
    listAudit({ entityType: "Supplier", entityId: String(id), take: 50 }),
    supplierRatings(id),
  ]);
  if (!supplier) throw new Response("Not found", { status: 404 });
  return { supplier, counties, audit, ratings };
}

type Failure = { intent: string; values: Record<string, string>; fieldErrors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const values = formText(await request.formData());
  const intent = values.intent ?? "";
  const fail = (fieldErrors: FieldErrors) => data<Failure>({ intent, values, fieldErrors }, { status: 400 });
  if (intent === "update") {
    const parsed = SupplierSchema.safeParse(values);
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
    const result = await updateSupplier(id, parsed.data, user.id);
    if (!result.ok) return fail(result.fieldErrors);
    throw redirect(`/admin/suppliers/${id}?done=updated`);
  }
  if (intent === "status") {
    const parsed = SupplierStatusSchema.safeParse(values);
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
    await setSupplierStatus(id, parsed.data.status, parsed.data.reason, user.id);
    throw redirect(`/admin/suppliers/${id}?done=${parsed.data.status === "ADMITTED" ? "admitted" : "suspended"}`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function EditSupplier() {
  const { t } = useTranslation("admin");
  const { supplier, counties, audit, ratings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const done = params.get("done");
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  const statusValues = failed("status")?.values;
  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{supplier.name}</h1>
        <Link to="/admin/suppliers" className="text-sm text-brand-700 underline">{t("suppliers.back")}</Link>
      </div>
      {done && ["created", "updated", "admitted", "suspended"].includes(done) ? <Notice>{t(`suppliers.${done}`)}</Notice> : null}
      <p className="text-sm">
        {t("suppliers.status")}: <strong>{t(`suppliers.statuses.${supplier.status}`, { defaultValue: supplier.status })}</strong>
        {supplier.statusReason ? ` — ${supplier.statusReason}` : ""}
      </p>

      <Form method="post" noValidate className={card}>
        <h2 className="text-lg font-semibold">{t("suppliers.edit")}</h2>
        <input type="hidden" name="intent" value="update" />
        <FormError message={failed("update") ? "admin:common.formHasErrors" : null} />
        <SupplierFields
          counties={counties}
          values={
            failed("update")?.values ?? {
              name: supplier.name,
              kind: supplier.kind,
              countyId: String(supplier.countyId),
              contactName: supplier.contactName,
              contactPhone: supplier.contactPhone,
            }
          }
          errors={failed("update")?.fieldErrors}
        />
        <SubmitButton busy={busyIntent === "update"} busyLabel={t("common.saving")}>{t("common.save")}</SubmitButton>
      </Form>

      <Form method="post" noValidate className={card}>
        <h2 className="text-lg font-semibold">{t("suppliers.statusTitle")}</h2>
        <p className="text-sm text-stone-700">{t("suppliers.statusHint")}</p>
        <input type="hidden" name="intent" value="status" />
        <FormError message={failed("status") ? "admin:common.formHasErrors" : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            form="status"
            name="status"
            label={t("suppliers.newStatus")}
            required
            defaultValue={statusValues?.status ?? (supplier.status === "ADMITTED" ? "SUSPENDED" : "ADMITTED")}
            options={(["ADMITTED", "SUSPENDED"] as const).map((s) => ({ value: s, label: t(`suppliers.statuses.${s}`) }))}
            errors={failed("status")?.fieldErrors}
          />
          <TextField
            form="status"
            name="reason"
            label={t("suppliers.reason")}
            required
            defaultValue={statusValues?.reason ?? ""}
            errors={failed("status")?.fieldErrors}
          />
        </div>
        <SubmitButton busy={busyIntent === "status"} busyLabel={t("common.saving")}>{t("suppliers.applyStatus")}</SubmitButton>
      </Form>

      <SupplierRatings ratings={ratings} />
      <div className={card}>
        <h2 className="text-lg font-semibold">{t("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}
