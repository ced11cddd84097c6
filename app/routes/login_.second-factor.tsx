import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnrolmentForm, RecoveryCodes, VerifyForm } from "~/components/second-factor/second-factor-forms";
import {
  checkSignInCode,
  completeSignIn,
  confirmEnrolment,
  enrolment,
  pendingSecondFactor,
  type CodeResult,
} from "~/models/admin-second-factor.server";
import { mergeCartOnSignIn } from "~/models/cart.server";
import { SecondFactorCodeSchema } from "~/models/second-factor-schema";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { clientAddress } from "~/utils/request.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["secondFactor", "account"] };

export const meta: MetaFunction = () => [{ title: "两步验证 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** After the password (login.tsx): the code, or first the enrolment. Without a fresh password step, back to sign in. */
async function requirePending(request: Request) {
  const pending = await pendingSecondFactor(request);
  if (!pending) throw redirect(`/login?redirectTo=${encodeURIComponent(target(request))}`);
  return pending;
}

function target(request: Request) {
  return safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Signed in already: this page was just used to enrol and shows the recovery codes the action returned.
  if ((await getOptionalUser(request)) && !(await pendingSecondFactor(request))) return { step: "done" as const, enrolment: null, continueTo: target(request) };
  const pending = await requirePending(request);
  if (pending.step === "verify") return { step: "verify" as const, enrolment: null, continueTo: null };
  return { step: "enrol" as const, enrolment: await enrolment(pending.userId), continueTo: null };
}

type Submission = ReturnType<typeof parseForm<typeof SecondFactorCodeSchema>>;

/** A code not taken: said at the code field, which never gets the code back. */
function refuseCode(submission: Submission, result: Exclude<CodeResult, { ok: true }>) {
  const rateLimited = result.reason === "rate-limited";
  return refuse(
    submission,
    { fieldErrors: { code: [`secondFactor:${rateLimited ? "rateLimited" : result.reason}`] }, hideFields: ["code"] },
    { status: rateLimited ? 429 : 400, extra: { minutes: rateLimited ? result.retryAfterMinutes : 0, recoveryCodes: null, continueTo: null } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const pending = await requirePending(request);
  const submission = parseForm(await request.formData(), SecondFactorCodeSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields: ["code"] }, { extra: { minutes: 0, recoveryCodes: null, continueTo: null } });
  // A form of the other step (an old tab) is not this sign-in's step: the code is not checked at all.
  if (submission.value.intent !== pending.step) return refuseCode(submission, { ok: false, reason: "invalid" });
  const check = pending.step === "verify" ? checkSignInCode : confirmEnrolment;
  const result = await check(pending.userId, submission.value.code, clientAddress(request));
  if (!result.ok) return refuseCode(submission, result);
  const { sessionId, cookie } = await completeSignIn(request, pending.userId);
  await mergeCartOnSignIn(request, sessionId);
  const to = target(request);
  // A new enrolment shows its recovery codes once, on this page, already signed in.
  if (result.recoveryCodes) {
    return data({ result: submission.reply({ resetForm: true }), minutes: 0, recoveryCodes: result.recoveryCodes, continueTo: to }, { headers: { "Set-Cookie": cookie } });
  }
  throw redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function SecondFactor() {
  const { step, enrolment, continueTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("secondFactor");
  return (
    <section className="mx-auto max-w-sm">
      {actionData?.recoveryCodes && actionData.continueTo ? (
        <RecoveryCodes codes={actionData.recoveryCodes} continueTo={actionData.continueTo} />
      ) : step === "done" ? (
        <Link to={continueTo ?? "/"} className="font-medium text-brand-700 underline underline-offset-2">
          {t("continue")}
        </Link>
      ) : step === "enrol" && enrolment ? (
        <EnrolmentForm qrCode={enrolment.qrCode} secret={enrolment.secret} lastResult={actionData?.result} minutes={actionData?.minutes} />
      ) : (
        <VerifyForm lastResult={actionData?.result} minutes={actionData?.minutes} />
      )}
    </section>
  );
}
