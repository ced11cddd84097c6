import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SsoButton } from "~/components/account/sso";
import { signIn } from "~/models/user.server";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { markPasswordChecked } from "~/models/admin-second-factor.server";
import { commitSignIn, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { ssoEnabled } from "~/utils/oidc.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account"] };

export const meta: MetaFunction = () => [{ title: "登录 · 一汽扶贫馆" }];

const LoginSchema = z.object({
  username: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  password: z.string().min(1, "errors.required").max(200, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return { sso: ssoEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, formError: null, minutes: 0 }, { status: 400 });
  }
  // Decided before the session is opened, so nothing about the target can fail after it.
  const to = safeRedirect(parsed.data.redirectTo, "/");
  const result = await signIn(parsed.data.username, parsed.data.password, clientAddress(request));
  if (!result.ok && result.reason === "second-factor") {
    throw redirect(`/login/second-factor?redirectTo=${encodeURIComponent(to)}`, { headers: { "Set-Cookie": await markPasswordChecked(request, result.userId) } });
  }
  if (!result.ok) {
    const rateLimited = result.reason === "rate-limited";
    return data(
      {
        fieldErrors: {},
        formError: rateLimited ? "login.rateLimited" : result.reason === "left" ? "account:login.left" : "login.invalid",
        minutes: rateLimited ? result.retryAfterMinutes : 0,
      },
      { status: rateLimited ? 429 : 400 },
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
  const fieldErrors: Partial<Record<"username" | "password", string[]>> = actionData?.fieldErrors ?? {};
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  // Employees type their 工号 or mobile, administrators their username; the field keeps its name.
  const labels = { username: t("account:login.identifier"), password: t("login.password") };
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("login.title")}</h1>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {actionData?.formError ? (
          <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
            {t(actionData.formError, { minutes: actionData.minutes })}
          </p>
        ) : null}
        {(["username", "password"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={name} className="block text-sm font-medium">
              {labels[name]}
            </label>
            {name === "username" ? (
              <p id="username-hint" className="mt-0.5 text-xs text-stone-600">
                {t("account:login.identifierHint")}
              </p>
            ) : null}
            <input
              id={name}
              name={name}
              type={name === "password" ? "password" : "text"}
              autoComplete={name === "password" ? "current-password" : "username"}
              aria-invalid={fieldErrors[name] ? true : undefined}
              aria-describedby={
                [name === "username" ? "username-hint" : null, fieldErrors[name] ? `${name}-error` : null].filter(Boolean).join(" ") || undefined
              }
              className="mt-1 w-full rounded border border-stone-300 px-3 py-2"
            />
            {fieldErrors[name] ? (
              <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
                {t(fieldErrors[name][0] ?? "errors.invalid")}
              </p>
            ) : null}
          </div>
        ))}
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
