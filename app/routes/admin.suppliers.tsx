import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, SubmitButton } from "~/components/admin/form-fields";
import { SupplierFields } from "~/components/admin/supplier-form";
import { listCountiesForAdmin } from "~/models/county.server";
import { SupplierSchema, supplierStatuses } from "~/models/product-schema";
import { createSupplier, listSuppliers } from "~/models/supplier.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { TableScroller } from "~/components/admin/table-scroller";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "供应商 · 管理后台" }];

const FilterSchema = z.object({ status: z.enum(supplierStatuses).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [suppliers, counties] = await Promise.all([listSuppliers(filter), listCountiesForAdmin()]);
  return { suppliers, counties };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseForm(await request.formData(), SupplierSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = await createSupplier(submission.value, user.id);
  if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors });
  throw redirect(`/admin/suppliers/${result.value.id}?done=created`);
}

const statusStyle: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  ADMITTED: "bg-green-100 text-green-900",
  SUSPENDED: "bg-stone-200 text-stone-800",
};

export default function Suppliers() {
  const { t, i18n } = useTranslation("admin");
  const { suppliers, counties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const en = i18n.language === "en";
  const [form, fields] = useHallForm(SupplierSchema, { id: "new-supplier", lastResult: actionData?.result, defaultValue: { kind: "COOPERATIVE" } });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("suppliers.title")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="status-filter" className="block text-sm font-medium">{t("suppliers.filterStatus")}</label>
          <select id="status-filter" name="status" defaultValue={params.get("status") ?? ""} className="mt-1 rounded border border-stone-400 bg-white px-3 py-2">
            <option value="">{t("common.all")}</option>
            {supplierStatuses.map((s) => <option key={s} value={s}>{t(`suppliers.statuses.${s}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("products.filter")}</button>
      </Form>
      {suppliers.length === 0 ? (
        <p className="text-stone-700">{t("suppliers.empty")}</p>
      ) : (
        <TableScroller label={t("suppliers.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("suppliers.name")}</th>
                <th scope="col" className="px-3 py-2">{t("suppliers.county")}</th>
                <th scope="col" className="px-3 py-2">{t("suppliers.kind")}</th>
                <th scope="col" className="px-3 py-2">{t("suppliers.status")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("suppliers.productCount")}</th>
              </tr>
            </thead>
            <tbody>
              {suppliers.map((s) => (
                <tr key={s.id} className="border-b border-stone-200">
                  <td className="px-3 py-2">
                    <Link to={`/admin/suppliers/${s.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{s.name}</Link>
                  </td>
                  <td className="px-3 py-2">{en ? s.county.nameEn : s.county.nameZh}</td>
                  <td className="px-3 py-2">{t(`suppliers.kinds.${s.kind}`, { defaultValue: s.kind })}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${statusStyle[s.status] ?? ""}`}>{t(`suppliers.statuses.${s.status}`, { defaultValue: s.status })}</span>
                  </td>
                  <td className="px-3 py-2 text-right">{s._count.products}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}

      <Form method="post" className="max-w-3xl space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <h2 className="text-lg font-semibold">{t("suppliers.new")}</h2>
        <FormError form={form} />
        <SupplierFields counties={counties} fields={fields} />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("suppliers.new")}</SubmitButton>
      </Form>
    </section>
  );
}
