import { getFormProps, getInputProps, type FieldMetadata } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SecondFactorCodeSchema } from "~/models/second-factor-schema";
import { useHallForm, type FormReply } from "~/utils/form";

/** What the action answered about the code: the form's reply, and the minutes of a lock-out. */
export type CodeReply = { lastResult?: FormReply | null; minutes?: number };

/** The one code field of both steps, its error beside it and announced (the form has nothing else to fix). */
function CodeField({ field, label, hint, minutes }: { field: FieldMetadata<string, Record<string, unknown>, string[]>; label: string; hint?: string; minutes?: number }) {
  const { t } = useTranslation("secondFactor");
  const hintId = `${field.id}-hint`;
  const { key, ...inputProps } = getInputProps(field, { type: "text", ariaDescribedBy: hint ? hintId : undefined });
  const error = field.errors?.[0];
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...inputProps}
        autoComplete="one-time-code"
        autoFocus
        className="mt-1 w-full rounded border border-stone-300 px-3 py-2 font-mono tracking-widest aria-[invalid=true]:border-red-700"
      />
      {error ? (
        <p id={field.errorId} role="alert" className="mt-1 text-sm text-red-700">
          {t(error, { minutes })}
        </p>
      ) : null}
    </div>
  );
}

function SubmitButton({ label }: { label: string }) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      disabled={navigation.state === "submitting"}
      className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
    >
      {label}
    </button>
  );
}

/** QR code + manual key, then a first code to confirm. */
export function EnrolmentForm({ qrCode, secret, lastResult, minutes }: { qrCode: string; secret: string } & CodeReply) {
  const { t } = useTranslation("secondFactor");
  const [form, fields] = useHallForm(SecondFactorCodeSchema, { id: "second-factor-enrol", lastResult });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("enrolTitle")}</h1>
      <p className="mt-3 text-sm text-stone-700">{t("enrolIntro")}</p>
      <img src={qrCode} alt={t("qrAlt")} width={200} height={200} className="mx-auto mt-4 h-52 w-52" />
      <p className="mt-3 text-sm font-medium">{t("manualKey")}</p>
      <p className="mt-1 select-all break-all rounded bg-stone-100 p-2 font-mono text-sm" data-testid="manual-key">
        {secret.match(/.{1,4}/g)?.join(" ")}
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="enrol" />
        <CodeField field={fields.code} label={t("enrolCode")} minutes={minutes} />
        <SubmitButton label={t("enrolSubmit")} />
      </Form>
    </>
  );
}

/** Shown once, right after enrolment. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  const { t } = useTranslation("secondFactor");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("recoveryTitle")}</h1>
      <p className="mt-3 text-sm text-stone-700">{t("recoveryIntro")}</p>
      <ul aria-label={t("recoveryTitle")} className="mt-4 grid grid-cols-2 gap-2 rounded bg-stone-100 p-4 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Link to={continueTo} className="mt-6 block w-full rounded bg-brand-700 px-4 py-2 text-center font-medium text-white hover:bg-brand-800">
        {t("continue")}
      </Link>
    </>
  );
}

/** The sign-in's second step for an enrolled account. */
export function VerifyForm({ lastResult, minutes }: CodeReply) {
  const { t } = useTranslation("secondFactor");
  const [form, fields] = useHallForm(SecondFactorCodeSchema, { id: "second-factor-verify", lastResult });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-sm text-stone-700">{t("intro")}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="verify" />
        <CodeField field={fields.code} label={t("code")} hint={t("codeHint")} minutes={minutes} />
        <SubmitButton label={t("submit")} />
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
          {t("restart")}
        </Link>
      </p>
    </>
  );
}
