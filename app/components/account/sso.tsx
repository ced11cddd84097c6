import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type SsoProblemKind = "unavailable" | "expired" | "denied" | "failed" | "no-employee-no" | "unknown" | "left" | "mismatch" | "conflict";

const MESSAGE: Record<SsoProblemKind, string> = {
  unavailable: "sso.problems.unavailable",
  expired: "sso.problems.expired",
  denied: "sso.problems.denied",
  failed: "sso.problems.failed",
  "no-employee-no": "sso.problems.noEmployeeNo",
  unknown: "sso.problems.unknown",
  left: "sso.problems.left",
  mismatch: "sso.problems.mismatch",
  conflict: "sso.problems.conflict",
};

/** Why company sign-in did not sign the visitor in, and the ways on from there. */
export function SsoProblem({ problem }: { problem: SsoProblemKind }) {
  const { t } = useTranslation("account");
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("sso.title")}</h1>
      <p role="alert" className="mt-6 rounded bg-red-50 p-3 text-sm text-red-800">
        {t(MESSAGE[problem])}
      </p>
      <p className="mt-6 flex gap-4 text-sm">
        <a href="/auth/sso" className="font-medium text-brand-700 underline underline-offset-2">
          {t("sso.again")}
        </a>
        <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
          {t("sso.backToLogin")}
        </Link>
      </p>
    </section>
  );
}

/** The way into company sign-in, shown on the sign-in page when the hall has a provider configured. */
export function SsoButton({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation("account");
  return (
    <div className="mt-6 border-t border-stone-200 pt-6">
      <a
        href={redirectTo === "/" ? "/auth/sso" : `/auth/sso?redirectTo=${encodeURIComponent(redirectTo)}`}
        className="block w-full rounded border border-brand-700 px-4 py-2 text-center font-medium text-brand-700 hover:bg-brand-50"
      >
        {t("sso.button")}
      </a>
      <p className="mt-1 text-xs text-stone-600">{t("sso.hint")}</p>
    </div>
  );
}
