import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { EnrolmentForm, RecoveryCodes } from "~/components/second-factor/second-factor-forms";
import { confirmEnrolment, enrolment, secondFactorStatus } from "~/models/admin-second-factor.server";
import { requireAdmin } from "~/utils/auth.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["secondFactor"] };

export const meta: MetaFunction = () => [{ title: "登录两步验证 · 管理后台 · 一汽扶贫馆" }];

/** An administrator's own second factor: its state, or enrolment when it is not on yet (ADMIN_TOTP_REQUIRED off). */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const status = await secondFactorStatus(admin.id);
  return { ...status, enrolment: status.enrolledAt ? null : await enrolment(admin.id) };
}

const CodeSchema = z.object({ code: z.string().trim().min(1).max(40) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = CodeSchema.safeParse(Object.fromEntries(await request.formData()));
  const result = parsed.success ? await confirmEnrolment(admin.id, parsed.data.code, clientAddress(request)) : ({ ok: false, reason: "invalid" } as const);
  if (result.ok) return data({ recoveryCodes: result.recoveryCodes, error: null, minutes: 0 });
  const minutes = result.reason === "rate-limited" ? result.retryAfterMinutes : 0;
  return data({ recoveryCodes: null, error: result.reason === "rate-limited" ? "rateLimited" : result.reason, minutes }, { status: minutes ? 429 : 400 });
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
        <EnrolmentForm qrCode={enrolment.qrCode} secret={enrolment.secret} error={actionData?.error} minutes={actionData?.minutes} />
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
