import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { FormError, SubmitButton, TextField } from "~/components/admin/form-fields";
import { Pager } from "~/components/admin/pager";
import { TableScroller } from "~/components/admin/table-scroller";
import { EmployeeSchema } from "~/models/account-schema";
import { createEmployee, listEmployees } from "~/models/user.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "员工账号 · 管理后台" }];

const FilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listEmployees(filter);
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseForm(await request.formData(), EmployeeSchema);
  // The password is never sent back into the form.
  const hideFields = ["password"];
  if (submission.status !== "success") return refuse(submission, { hideFields });
  const result = await createEmployee(submission.value, admin.id);
  if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors, hideFields });
  throw redirect(`/admin/employees/${result.value.id}?done=created`);
}

export default function Employees() {
  const { t } = useTranslation("admin");
  const { employees, total, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useHallForm(EmployeeSchema, { id: "new-employee", lastResult: actionData?.result });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("employees.title")}</h1>
      <Form method="get" role="search" aria-label={t("employees.searchLabel")} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="q" className="block text-sm font-medium">{t("employees.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("employees.search")}</button>
      </Form>
      {employees.length === 0 ? (
        <p className="text-stone-700">{t("employees.empty")}</p>
      ) : (
        <TableScroller label={t("employees.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("employees.employeeNo")}</th>
                <th scope="col" className="px-3 py-2">{t("employees.name")}</th>
                <th scope="col" className="px-3 py-2">{t("employees.mobile")}</th>
                <th scope="col" className="px-3 py-2">{t("employees.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {employees.map((e) => (
                <tr key={e.id} className="border-b border-stone-200">
                  <td className="px-3 py-2 font-mono">
                    <Link to={`/admin/employees/${e.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{e.employeeNo}</Link>
                  </td>
                  <td className="px-3 py-2">{e.name}</td>
                  <td className="px-3 py-2">{e.mobile}</td>
                  <td className="whitespace-nowrap px-3 py-2"><DateTime value={e.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pager page={page} hasNext={page < pages} summary={t("common.page", { page, pages, total })} />

      <Form method="post" className="max-w-3xl space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <h2 className="text-lg font-semibold">{t("employees.new")}</h2>
        <p className="text-sm text-stone-700">{t("employees.newHint")}</p>
        <FormError form={form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.employeeNo} label={t("employees.employeeNo")} />
          <TextField field={fields.name} label={t("employees.name")} />
          <TextField field={fields.mobile} label={t("employees.mobile")} type="tel" inputMode="numeric" />
          <TextField field={fields.password} label={t("employees.password")} hint={t("employees.passwordHint")} type="password" autoComplete="new-password" />
        </div>
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("employees.new")}</SubmitButton>
      </Form>
    </section>
  );
}
