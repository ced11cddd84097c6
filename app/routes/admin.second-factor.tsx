import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { EnrolmentForm, RecoveryCodes } from "~/components/second-factor/second-factor-forms";
import { confirmEnrolment, enrolment, secondFactorStatus } from "~/models/admin-second-factor.server";
import { SecondFactorCodeSchema } from "~/models/second-factor-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["secondFactor", "account"] };

export const meta: MetaFunction = () => [{ title: "登录两步验证 · 管理后台 · 一汽扶贫馆" }];

/** An administrator's own second factor: its state, or enrolment when it is not on yet (ADMIN_TOTP_REQUIRED off). */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const status = await secondFactorStatus(admin.id);
  return { ...status, enrolment: status.enrolledAt ? null : await enrolment(admin.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseForm(await request.formData(), SecondFactorCodeSchema);
  const hideFields = ["code"];
  if (submission.status !== "success") return refuse(submission, { hideFields }, { extra: { recoveryCodes: null, minutes: 0 } });
  const result = await confirmEnrolment(admin.id, submission.value.code, clientAddress(request));
  if (result.ok) return data({ result: submission.reply({ resetForm: true }), recoveryCodes: result.recoveryCodes, minutes: 0 });
  const minutes = result.reason === "rate-limited" ? result.retryAfterMinutes : 0;
  const message = `secondFactor:${result.reason === "rate-limited" ? "rateLimited" : result.reason}`;
  return refuse(submission, { fieldErrors: { code: [message] }, hideFields }, { status: minutes ? 429 : 400, extra: { recoveryCodes: null, minutes } });
}

export default function AdminSecondFactor() {
  const { enrolledAt, recoveryCodesLeft, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("secondFactor");
  if (actionData?.recoveryCodes) {
    return (
      <section className="max-w-sm">
        <RecoveryCodes codes={actionData.recoveryCodes} continueTo="/admin" />
      </section>
    );
  }
  if (enrolment) {
    return (
      <section className="max-w-sm">
        <EnrolmentForm qrCode={enrolment.qrCode} secret={enrolment.secret} lastResult={actionData?.result} minutes={actionData?.minutes} />
      </section>
    );
  }
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold">{t("pageTitle")}</h1>
      {enrolledAt ? (
        <p>
          {t("enrolledSince")} <DateTime value={enrolledAt} />
        </p>
      ) : null}
      <p>{t("recoveryLeft", { count: recoveryCodesLeft })}</p>
      <p className="text-sm text-stone-700">{t("lostDevice")}</p>
    </section>
  );
}
