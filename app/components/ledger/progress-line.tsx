import { useTranslation } from "react-i18next";
import { useLanguage } from "~/utils/localize";
import { formatLargeFen } from "~/utils/money";

/** 2026 年已完成消费扶贫 562.3万元 · 目标 135万元 · 417% — the public one-line progress. */
export function ProgressLine({ progress }: { progress: { year: number; targetFen: number | null; achievedFen: number; percent: number | null } }) {
  const { t } = useTranslation("ledger");
  const locale = useLanguage();
  const achieved = formatLargeFen(progress.achievedFen, locale);
  return (
    <p data-testid="relief-progress" className="rounded-lg border border-brand-100 bg-white px-4 py-3 text-sm font-medium text-brand-800 sm:text-base">
      {progress.targetFen !== null && progress.percent !== null
        ? t("progress.line", { year: progress.year, achieved, target: formatLargeFen(progress.targetFen, locale), percent: Math.round(progress.percent) })
        : t("progress.lineNoTarget", { year: progress.year, achieved })}
    </p>
  );
}
