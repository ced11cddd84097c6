import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SsoButton } from "~/components/account/sso";
import { FormError, TextField } from "~/components/admin/form-fields";
import { LoginSchema } from "~/models/account-schema";
import { signIn } from "~/models/user.server";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { markPasswordChecked } from "~/models/admin-second-factor.server";
import { commitSignIn, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { ssoEnabled } from "~/utils/oidc.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "登录 · 一汽扶贫馆" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return { sso: ssoEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), LoginSchema);
  const hideFields = ["password"];
  if (submission.status !== "success") return refuse(submission, { hideFields }, { extra: { minutes: 0 } });
  // Decided before the session is opened, so nothing about the target can fail after it.
  const to = safeRedirect(submission.value.redirectTo, "/");
  const result = await signIn(submission.value.username, submission.value.password, clientAddress(request));
  if (!result.ok && result.reason === "second-factor") {
    throw redirect(`/login/second-factor?redirectTo=${encodeURIComponent(to)}`, { headers: { "Set-Cookie": await markPasswordChecked(request, result.userId) } });
  }
  if (!result.ok) {
    const rateLimited = result.reason === "rate-limited";
    return refuse(
      submission,
      { formError: rateLimited ? "common:login.rateLimited" : result.reason === "left" ? "account:login.left" : "common:login.invalid", hideFields },
      { status: rateLimited ? 429 : 400, extra: { minutes: rateLimited ? result.retryAfterMinutes : 0 } },
    );
  }
  await mergeCartOnSignIn(request, result.sessionId);
  const cookie = await commitSignIn(request, result.sessionId, result.expiresAt);
  throw redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { sso } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(LoginSchema, { id: "login", lastResult: actionData?.result });
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("login.title")}</h1>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError form={form} params={{ minutes: actionData?.minutes ?? 0 }} />
        {/* Employees type their 工号 or mobile, administrators their username; the field keeps its name. */}
        <TextField field={fields.username} label={t("account:login.identifier")} hint={t("account:login.identifierHint")} autoComplete="username" />
        <TextField field={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("login.submit")}
        </button>
      </Form>
      {sso ? <SsoButton redirectTo={redirectTo} /> : null}
      <p className="mt-6 text-sm text-stone-700">
        {t("account:login.noAccount")}{" "}
        <Link
          to={redirectTo === "/" ? "/register" : `/register?redirectTo=${encodeURIComponent(redirectTo)}`}
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {t("account:login.register")}
        </Link>
      </p>
    </section>
  );
}
