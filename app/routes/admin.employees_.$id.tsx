import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { PasswordResetSchema } from "~/models/account-schema";
import { listAudit } from "~/models/audit.server";
import { getEmployee, resetEmployeePassword } from "~/models/user.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.employee.name ?? ""} · 员工账号 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idOr404(params.id);
  const [employee, audit] = await Promise.all([getEmployee(id), listAudit({ entityType: "User", entityId: String(id), take: 50 })]);
  if (!employee) throw new Response("Not found", { status: 404 });
  return { employee, audit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = idOr404(params.id);
  const submission = parseForm(await request.formData(), PasswordResetSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields: ["password"] });
  if (!(await resetEmployeePassword(id, submission.value.password, admin.id))) throw new Response("Not found", { status: 404 });
  throw redirect(`/admin/employees/${id}?done=reset`);
}

export default function Employee() {
  const { t } = useTranslation("admin");
  const { employee, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(PasswordResetSchema, { id: "reset-password", lastResult: actionData?.result });
  const [params] = useSearchParams();
  const done = params.get("done");
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{employee.name}</h1>
        <Link to="/admin/employees" className="text-sm text-brand-700 underline">{t("employees.back")}</Link>
      </div>
      {done === "created" ? <Notice>{t("employees.created")}</Notice> : done === "reset" ? <Notice>{t("employees.resetDone")}</Notice> : null}
      <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-stone-600">{t("employees.employeeNo")}</dt>
        <dd className="font-mono">{employee.employeeNo}</dd>
        <dt className="text-stone-600">{t("employees.mobile")}</dt>
        <dd>{employee.mobile}</dd>
        <dt className="text-stone-600">{t("employees.createdAt")}</dt>
        <dd><DateTime value={employee.createdAt} /></dd>
      </dl>

      <Form method="post" className={card} {...getFormProps(form)}>
        <h2 className="text-lg font-semibold">{t("employees.resetTitle")}</h2>
        <p className="text-sm text-stone-700">{t("employees.resetHint")}</p>
        <FormError form={form} />
        {/* Lets password managers file the new password under the employee's number. */}
        <input type="text" name="username" autoComplete="username" defaultValue={employee.employeeNo ?? ""} hidden readOnly />
        <TextField
          field={fields.password}
          label={t("employees.newPassword")}
          hint={t("employees.passwordHint")}
          type="password"
          autoComplete="new-password"
          className="max-w-sm"
        />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("employees.reset")}</SubmitButton>
      </Form>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}
