import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField } from "~/components/admin/form-fields";
import { fieldErrorsOf, RegisterSchema } from "~/models/account-schema";
import { formText } from "~/models/product-schema";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { createEmployee, openSession } from "~/models/user.server";
import { commitSignIn, getOptionalUser, safeRedirect } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "员工注册 · 一汽扶贫馆" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  return null;
}

/** Registers an employee and signs them in; passwords are never sent back into the form. */
export async function action({ request }: ActionFunctionArgs) {
  const form = formText(await request.formData());
  const { password: _password, confirmPassword: _confirm, ...values } = form;
  const parsed = RegisterSchema.safeParse(form);
  if (!parsed.success) return data({ values, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const result = await createEmployee(parsed.data, null);
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors }, { status: 400 });
  const session = await openSession(result.value.id);
  await mergeCartOnSignIn(request, session.sessionId);
  const cookie = await commitSignIn(request, session.sessionId, session.expiresAt);
  const to = safeRedirect(parsed.data.redirectTo, "/account?done=registered");
  throw redirect(to === "/" ? "/account?done=registered" : to, { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const values: Record<string, string> = actionData?.values ?? {};
  const errors = actionData?.fieldErrors;
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const field = (name: string, extra: { hint?: string; type?: string; autoComplete?: string; inputMode?: "numeric" | "text" } = {}) => ({
    name,
    label: t(`register.${name}`),
    required: true,
    errors,
    defaultValue: extra.type === "password" ? undefined : (values[name] ?? ""),
    ...extra,
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("register.title")}</h1>
      <p className="mt-2 text-sm text-stone-700">{t("register.intro")}</p>
      <Form method="post" noValidate className="mt-6 space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={actionData ? "account:common.formHasErrors" : null} />
        <TextField {...field("employeeNo", { hint: t("register.employeeNoHint"), autoComplete: "username" })} />
        <TextField {...field("name", { autoComplete: "name" })} />
        <TextField {...field("mobile", { hint: t("register.mobileHint"), type: "tel", inputMode: "numeric", autoComplete: "tel" })} />
        <TextField {...field("password", { hint: t("register.passwordHint"), type: "password", autoComplete: "new-password" })} />
        <TextField {...field("confirmPassword", { type: "password", autoComplete: "new-password" })} />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("register.submitting")}>
          {t("register.submit")}
        </SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-stone-700">
        {t("register.haveAccount")}{" "}
        <Link
          to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {t("register.signIn")}
        </Link>
      </p>
    </section>
  );
}
