import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { RegisterSchema, RequestCodeSchema } from "~/models/account-schema";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { registerWithCode, requestRegistrationCode } from "~/models/registration.server";
import { openSession } from "~/models/user.server";
import { commitSignIn, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
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
type Answer = { intent: "code" | "resend" | "register"; stage: Stage; minutes: number; sent: boolean };

/**
 * Two steps (ADR 021): 工号 + name ask for a code to the roster's mobile ("code", or "resend" from the
 * second step); the code and a password create the account. The first step answers the same whoever is
 * asked about; the code and passwords are never sent back into the form.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const ip = clientAddress(request);
  const intent = formData.get("intent");
  if (intent === "code" || intent === "resend") {
    const submission = parseForm(formData, RequestCodeSchema);
    const answer: Answer = { intent, stage: intent === "resend" ? "code" : "identify", minutes: 0, sent: false };
    // A resend whose hidden 工号 or name is not acceptable starts again at the first step.
    if (submission.status !== "success") return refuse(submission, {}, { extra: { ...answer, stage: "identify" as const } });
    const result = await requestRegistrationCode(submission.value, ip);
    if (!result.ok) return refuse(submission, { formError: "account:register.rateLimited" }, { status: 429, extra: { ...answer, minutes: result.minutes } });
    return data<Answer & { result: FormReply }>({ result: submission.reply(), ...answer, stage: "code", sent: true });
  }

  const hideFields = ["code", "password", "confirmPassword"];
  const answer: Answer = { intent: "register", stage: "code", minutes: 0, sent: false };
  const submission = parseForm(formData, RegisterSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields }, { extra: answer });
  const to = safeRedirect(submission.value.redirectTo, "/account?done=registered");
  const result = await registerWithCode(submission.value, ip);
  if (!result.ok) {
    return "reason" in result
      ? refuse(submission, { formError: "account:register.rateLimited", hideFields }, { status: 429, extra: { ...answer, minutes: 60 } })
      : refuse(submission, { fieldErrors: result.fieldErrors, hideFields }, { extra: answer });
  }
  const session = await openSession(result.userId);
  await mergeCartOnSignIn(request, session.sessionId);
  const cookie = await commitSignIn(request, session.sessionId, session.expiresAt);
  throw redirect(to === "/" ? "/account?done=registered" : to, { headers: { "Set-Cookie": cookie } });
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export default function Register() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const stage: Stage = actionData?.stage ?? "identify";
  // Who the code is for: what the first step (or a resend) sent, carried through the second step's hidden fields.
  const typed = actionData?.result.initialValue ?? {};
  const employeeNo = text(typed.employeeNo);
  const name = text(typed.name);
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const busy = navigation.state === "submitting";
  const minutes = actionData?.minutes ?? 0;
  const [identifyForm, identifyFields] = useHallForm(RequestCodeSchema, {
    id: "register-identify",
    lastResult: actionData && actionData.intent !== "register" && stage === "identify" ? actionData.result : null,
  });
  const [registerForm, registerFields] = useHallForm(RegisterSchema, {
    id: "register",
    lastResult: actionData?.intent === "register" ? actionData.result : null,
  });
  const resendError = actionData?.intent === "resend" && stage === "code" ? actionData.result.error?.[""]?.[0] : null;
  const employeeNoError = registerFields.employeeNo.errors?.[0];
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("register.title")}</h1>
      <p className="mt-2 text-sm text-stone-700">{t("register.intro")}</p>
      {stage === "identify" ? (
        <Form method="post" className="mt-6 space-y-4" {...getFormProps(identifyForm)}>
          <input type="hidden" name="intent" value="code" />
          <FormError form={identifyForm} params={{ minutes }} />
          <TextField field={identifyFields.employeeNo} label={t("register.employeeNo")} hint={t("register.employeeNoHint")} autoComplete="username" />
          <TextField field={identifyFields.name} label={t("register.name")} hint={t("register.nameHint")} autoComplete="name" />
          <SubmitButton busy={busy} busyLabel={t("register.sendingCode")}>
            {t("register.sendCode")}
          </SubmitButton>
        </Form>
      ) : (
        <>
          {resendError ? (
            <div className="mt-4">
              <FormError message={resendError} params={{ minutes }} />
            </div>
          ) : null}
          {actionData?.sent ? (
            <div className="mt-4">
              <Notice>{t("register.codeSent", { minutes: 10 })}</Notice>
            </div>
          ) : null}
          <Form method="post" className="mt-6 space-y-4" {...getFormProps(registerForm)}>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <input type="hidden" name="employeeNo" value={employeeNo} />
            <input type="hidden" name="name" value={name} />
            <FormError form={registerForm} params={{ minutes }} />
            <div>
              <p className="text-sm text-stone-800">
                {t("register.employeeNo")}：<span className="font-mono">{employeeNo}</span>
              </p>
              {employeeNoError ? (
                <p id={registerFields.employeeNo.errorId} className="mt-1 text-sm text-red-700">
                  {t(employeeNoError)}
                </p>
              ) : null}
            </div>
            <TextField field={registerFields.code} label={t("register.code")} hint={t("register.codeHint")} inputMode="numeric" autoComplete="one-time-code" />
            <TextField field={registerFields.password} label={t("register.password")} hint={t("register.passwordHint")} type="password" autoComplete="new-password" />
            <TextField field={registerFields.confirmPassword} label={t("register.confirmPassword")} type="password" autoComplete="new-password" />
            <SubmitButton busy={busy} busyLabel={t("register.submitting")}>
              {t("register.submit")}
            </SubmitButton>
          </Form>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="resend" />
            <input type="hidden" name="employeeNo" value={employeeNo} />
            <input type="hidden" name="name" value={name} />
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
