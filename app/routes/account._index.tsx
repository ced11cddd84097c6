import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { PasswordChangeSchema, ProfileSchema } from "~/models/account-schema";
import { changePassword, getProfile, updateProfile } from "~/models/user.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "我的账户 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  if (!profile) throw new Response("Not found", { status: 404 });
  return { profile };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "profile") {
    const submission = parseForm(formData, ProfileSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent } });
    const result = await updateProfile(user.id, submission.value);
    if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, { extra: { intent } });
    throw redirect("/account?done=saved");
  }
  if (intent === "password") {
    // Passwords are never sent back into the form.
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    const submission = parseForm(formData, PasswordChangeSchema);
    if (submission.status !== "success") return refuse(submission, { hideFields }, { extra: { intent } });
    const result = await changePassword(user.id, submission.value, await currentSessionId(request));
    if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors, hideFields }, { extra: { intent } });
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
  const done = params.get("done");
  const notice = done && done in notices ? notices[done as keyof typeof notices] : null;
  const [profileForm, profileFields] = useHallForm(ProfileSchema, {
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : null,
    defaultValue: { name: profile.name, mobile: profile.mobile ?? "" },
  });
  const [passwordForm, passwordFields] = useHallForm(PasswordChangeSchema, {
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : null,
  });
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
      {notice ? <Notice>{t(notice)}</Notice> : null}

      <Form method="post" className={card} aria-labelledby="profile-title" {...getFormProps(profileForm)}>
        <h2 id="profile-title" className="text-lg font-semibold">{t("profile.details")}</h2>
        <input type="hidden" name="intent" value="profile" />
        <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-stone-600">{profile.employeeNo ? t("profile.employeeNo") : t("profile.username")}</dt>
          <dd className="font-mono">{profile.employeeNo ?? profile.username}</dd>
        </dl>
        <FormError form={profileForm} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={profileFields.name} label={t("profile.name")} autoComplete="name" />
          <TextField field={profileFields.mobile} label={t("profile.mobile")} hint={t("profile.mobileHint")} type="tel" inputMode="numeric" autoComplete="tel" />
        </div>
        <SubmitButton busy={busyIntent === "profile"} busyLabel={t("common.saving")}>{t("profile.save")}</SubmitButton>
      </Form>

      <Form method="post" className={card} aria-labelledby="password-title" {...getFormProps(passwordForm)}>
        <h2 id="password-title" className="text-lg font-semibold">{t("profile.passwordTitle")}</h2>
        <input type="hidden" name="intent" value="password" />
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" defaultValue={profile.username} hidden readOnly />
        <FormError form={passwordForm} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={passwordFields.currentPassword} label={t("profile.currentPassword")} type="password" autoComplete="current-password" className="sm:col-span-2" />
          <TextField field={passwordFields.newPassword} label={t("profile.newPassword")} hint={t("profile.newPasswordHint")} type="password" autoComplete="new-password" />
          <TextField field={passwordFields.confirmPassword} label={t("profile.confirmPassword")} type="password" autoComplete="new-password" />
        </div>
        <SubmitButton busy={busyIntent === "password"} busyLabel={t("common.saving")}>{t("profile.changePassword")}</SubmitButton>
      </Form>
    </section>
  );
}
