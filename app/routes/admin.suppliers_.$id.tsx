import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { FormError, Notice, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { SupplierFields } from "~/components/admin/supplier-form";
import { listAudit } from "~/models/audit.server";
import { listCountiesForAdmin } from "~/models/county.server";
import { SupplierSchema, SupplierStatusSchema } from "~/models/product-schema";
import { getSupplier, setSupplierStatus, updateSupplier } from "~/models/supplier.server";
import { supplierRatings } from "~/models/org-order.server";
import { SupplierRatings } from "~/components/org/supplier-ratings";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const extra = { extra: { intent } };
  if (intent === "update") {
    const submission = parseForm(formData, SupplierSchema);
    if (submission.status !== "success") return refuse(submission, {}, extra);
    const result = await updateSupplier(id, submission.value, user.id);
    if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra);
    throw redirect(`/admin/suppliers/${id}?done=updated`);
  }
  if (intent === "status") {
    const submission = parseForm(formData, SupplierStatusSchema);
    if (submission.status !== "success") return refuse(submission, {}, extra);
    await setSupplierStatus(id, submission.value.status, submission.value.reason, user.id);
    throw redirect(`/admin/suppliers/${id}?done=${submission.value.status === "ADMITTED" ? "admitted" : "suspended"}`);
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
  // Only the form that was submitted takes the reply.
  const replyTo = (intent: string) => (actionData?.intent === intent ? actionData.result : null);
  const done = params.get("done");
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

      {/* Keyed so a saved supplier re-renders the forms from what the server now says. */}
      <DetailsForm
        key={`details-${supplier.name}-${supplier.kind}-${supplier.countyId}-${supplier.contactName}-${supplier.contactPhone}`}
        counties={counties}
        lastResult={replyTo("update")}
        busy={busyIntent === "update"}
        defaultValue={{
          name: supplier.name,
          kind: supplier.kind,
          countyId: String(supplier.countyId),
          contactName: supplier.contactName,
          contactPhone: supplier.contactPhone,
        }}
      />
      <StatusForm
        key={`status-${supplier.status}-${supplier.statusReason}`}
        lastResult={replyTo("status")}
        busy={busyIntent === "status"}
        defaultValue={{ status: supplier.status === "ADMITTED" ? "SUSPENDED" : "ADMITTED" }}
      />

      <SupplierRatings ratings={ratings} />
      <div className={card}>
        <h2 className="text-lg font-semibold">{t("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}

const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
type FormArgs = { lastResult: FormReply | null; busy: boolean; defaultValue: Record<string, string> };

function DetailsForm({ counties, lastResult, busy, defaultValue }: FormArgs & { counties: { id: number; nameZh: string; nameEn: string }[] }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(SupplierSchema, { id: "supplier", lastResult, defaultValue });
  return (
    <Form method="post" className={card} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("suppliers.edit")}</h2>
      <input type="hidden" name="intent" value="update" />
      <FormError form={form} />
      <SupplierFields counties={counties} fields={fields} />
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("common.save")}</SubmitButton>
    </Form>
  );
}

function StatusForm({ lastResult, busy, defaultValue }: FormArgs) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(SupplierStatusSchema, { id: "status", lastResult, defaultValue });
  return (
    <Form method="post" className={card} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("suppliers.statusTitle")}</h2>
      <p className="text-sm text-stone-700">{t("suppliers.statusHint")}</p>
      <input type="hidden" name="intent" value="status" />
      <FormError form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          field={fields.status}
          label={t("suppliers.newStatus")}
          options={(["ADMITTED", "SUSPENDED"] as const).map((s) => ({ value: s, label: t(`suppliers.statuses.${s}`) }))}
        />
        <TextField field={fields.reason} label={t("suppliers.reason")} />
      </div>
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("suppliers.applyStatus")}</SubmitButton>
    </Form>
  );
}
