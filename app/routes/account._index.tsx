import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { fieldErrorsOf, PasswordChangeSchema, ProfileSchema, type FieldErrors } from "~/models/account-schema";
import { formText } from "~/models/product-schema";
import { changePassword, getProfile, updateProfile } from "~/models/user.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "我的账户 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  if (!profile) throw new Response("Not found", { status: 404 });
  return { profile };
}

type Failure = { intent: string; values: Record<string, string>; fieldErrors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = formText(await request.formData());
  const intent = form.intent ?? "";
  if (intent === "profile") {
    const fail = (fieldErrors: FieldErrors) => data<Failure>({ intent, values: form, fieldErrors }, { status: 400 });
    const parsed = ProfileSchema.safeParse(form);
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
    const result = await updateProfile(user.id, parsed.data);
    if (!result.ok) return fail(result.fieldErrors);
    throw redirect("/account?done=saved");
  }
  if (intent === "password") {
    // Passwords are never sent back into the form.
    const fail = (fieldErrors: FieldErrors) => data<Failure>({ intent, values: {}, fieldErrors }, { status: 400 });
    const parsed = PasswordChangeSchema.safeParse(form);
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
    const result = await changePassword(user.id, parsed.data, await currentSessionId(request));
    if (!result.ok) return fail(result.fieldErrors);
    throw redirect("/account?done=passwordChanged");
  }
  throw new Response("Unknown intent", { status: 400 });
}

const notices = { registered: "profile.registered", saved: "profile.saved", passwordChanged: "profile.passwordChanged" } as const;

export default function Profile() {
  const { t } = useTranslation("account");
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const done = params.get("done");
  const notice = done && done in notices ? notices[done as keyof typeof notices] : null;
  const profileValues = failed("profile")?.values ?? { name: profile.name, mobile: profile.mobile ?? "" };
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
      {notice ? <Notice>{t(notice)}</Notice> : null}

      <Form method="post" noValidate className={card} aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-lg font-semibold">{t("profile.details")}</h2>
        <input type="hidden" name="intent" value="profile" />
        <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-stone-600">{profile.employeeNo ? t("profile.employeeNo") : t("profile.username")}</dt>
          <dd className="font-mono">{profile.employeeNo ?? profile.username}</dd>
        </dl>
        <FormError message={failed("profile") ? "account:common.formHasErrors" : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form="profile" name="name" label={t("profile.name")} required autoComplete="name" defaultValue={profileValues.name ?? ""} errors={failed("profile")?.fieldErrors} />
          <TextField
            form="profile"
            name="mobile"
            label={t("profile.mobile")}
            hint={t("profile.mobileHint")}
            required
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            defaultValue={profileValues.mobile ?? ""}
            errors={failed("profile")?.fieldErrors}
          />
        </div>
        <SubmitButton busy={busyIntent === "profile"} busyLabel={t("common.saving")}>{t("profile.save")}</SubmitButton>
      </Form>

      <Form method="post" noValidate className={card} aria-labelledby="password-title">
        <h2 id="password-title" className="text-lg font-semibold">{t("profile.passwordTitle")}</h2>
        <input type="hidden" name="intent" value="password" />
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" defaultValue={profile.username} hidden readOnly />
        <FormError message={failed("password") ? "account:common.formHasErrors" : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            form="password"
            name="currentPassword"
            label={t("profile.currentPassword")}
            required
            type="password"
            autoComplete="current-password"
            errors={failed("password")?.fieldErrors}
            className="sm:col-span-2"
          />
          <TextField
            form="password"
            name="newPassword"
            label={t("profile.newPassword")}
            hint={t("profile.newPasswordHint")}
            required
            type="password"
            autoComplete="new-password"
            errors={failed("password")?.fieldErrors}
          />
          <TextField
            form="password"
            name="confirmPassword"
            label={t("profile.confirmPassword")}
            required
            type="password"
            autoComplete="new-password"
            errors={failed("password")?.fieldErrors}
          />
        </div>
        <SubmitButton busy={busyIntent === "password"} busyLabel={t("common.saving")}>{t("profile.changePassword")}</SubmitButton>
      </Form>
    </section>
  );
}
