import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { fieldErrorsOf, RegisterSchema, RequestCodeSchema } from "~/models/account-schema";
import { formText } from "~/models/product-schema";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { registerWithCode, requestRegistrationCode } from "~/models/registration.server";
import { openSession } from "~/models/user.server";
import { commitSignIn, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "员工注册 · 一汽扶贫馆" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  return null;
}

type Stage = "identify" | "code";

/**
 * Two steps (ADR 021): 工号 + name ask for a code to the roster's mobile; the code and a password
 * create the account. The first step answers the same whoever is asked about; passwords are never
 * sent back into the form.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = formText(await request.formData());
  const { password: _password, confirmPassword: _confirm, code: _code, ...values } = form;
  const ip = clientAddress(request);
  const answer = (stage: Stage, extra: { fieldErrors?: Record<string, string[] | undefined>; formError?: string; minutes?: number; sent?: boolean }, status = 200) =>
    data({ stage, values, fieldErrors: extra.fieldErrors ?? {}, formError: extra.formError ?? null, minutes: extra.minutes ?? 0, sent: extra.sent ?? false }, { status });

  if (form.intent === "code") {
    const parsed = RequestCodeSchema.safeParse(form);
    if (!parsed.success) return answer("identify", { fieldErrors: fieldErrorsOf(parsed.error) }, 400);
    const result = await requestRegistrationCode(parsed.data, ip);
    if (!result.ok) return answer(values.stage === "code" ? "code" : "identify", { formError: "account:register.rateLimited", minutes: result.minutes }, 429);
    return answer("code", { sent: true });
  }

  const parsed = RegisterSchema.safeParse(form);
  if (!parsed.success) return answer("code", { fieldErrors: fieldErrorsOf(parsed.error) }, 400);
  const to = safeRedirect(parsed.data.redirectTo, "/account?done=registered");
  const result = await registerWithCode(parsed.data, ip);
  if (!result.ok) {
    return "reason" in result
      ? answer("code", { formError: "account:register.rateLimited", minutes: 60 }, 429)
      : answer("code", { fieldErrors: result.fieldErrors }, 400);
  }
  const session = await openSession(result.userId);
  await mergeCartOnSignIn(request, session.sessionId);
  const cookie = await commitSignIn(request, session.sessionId, session.expiresAt);
  throw redirect(to === "/" ? "/account?done=registered" : to, { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const stage: Stage = actionData?.stage ?? "identify";
  const values: Record<string, string> = actionData?.values ?? {};
  const errors = actionData?.fieldErrors;
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const busy = navigation.state === "submitting";
  const field = (name: string, extra: { hint?: string; type?: string; autoComplete?: string; inputMode?: "numeric" | "text" } = {}) => ({
    name,
    label: t(`register.${name}`),
    required: true,
    errors,
    defaultValue: extra.type === "password" ? undefined : (values[name] ?? ""),
    ...extra,
  });
  const formError = actionData?.formError ?? (actionData && Object.keys(actionData.fieldErrors).length > 0 ? "account:common.formHasErrors" : null);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("register.title")}</h1>
      <p className="mt-2 text-sm text-stone-700">{t("register.intro")}</p>
      {formError ? (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t(formError, { minutes: actionData?.minutes ?? 0 })}
        </p>
      ) : null}
      {stage === "identify" ? (
        <Form method="post" noValidate className="mt-6 space-y-4">
          <input type="hidden" name="intent" value="code" />
          <TextField {...field("employeeNo", { hint: t("register.employeeNoHint"), autoComplete: "username" })} />
          <TextField {...field("name", { hint: t("register.nameHint"), autoComplete: "name" })} />
          <SubmitButton busy={busy} busyLabel={t("register.sendingCode")}>
            {t("register.sendCode")}
          </SubmitButton>
        </Form>
      ) : (
        <>
          {actionData?.sent ? (
            <div className="mt-4">
              <Notice>{t("register.codeSent", { minutes: 10 })}</Notice>
            </div>
          ) : null}
          <Form method="post" noValidate className="mt-6 space-y-4">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <input type="hidden" name="employeeNo" value={values.employeeNo ?? ""} />
            <p className="text-sm text-stone-800">
              {t("register.employeeNo")}：<span className="font-mono">{values.employeeNo}</span>
            </p>
            <TextField {...field("code", { hint: t("register.codeHint"), inputMode: "numeric", autoComplete: "one-time-code" })} />
            <TextField {...field("password", { hint: t("register.passwordHint"), type: "password", autoComplete: "new-password" })} />
            <TextField {...field("confirmPassword", { type: "password", autoComplete: "new-password" })} />
            <SubmitButton busy={busy} busyLabel={t("register.submitting")}>
              {t("register.submit")}
            </SubmitButton>
          </Form>
          <Form method="post" noValidate className="mt-3">
            <input type="hidden" name="intent" value="code" />
            <input type="hidden" name="stage" value="code" />
            <input type="hidden" name="employeeNo" value={values.employeeNo ?? ""} />
            <input type="hidden" name="name" value={values.name ?? ""} />
            <button type="submit" className="text-sm font-medium text-brand-700 underline underline-offset-2">
              {t("register.resendCode")}
            </button>
          </Form>
        </>
      )}
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
