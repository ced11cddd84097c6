import { useTranslation } from "react-i18next";
import { DateTime } from "./date-time";

type Props = { kind: "litestream" | "file" | "none"; lastBackupAt: Date | string | null; ageSeconds: number | null; stale: boolean };

/** The dashboard's one line on backups: how far behind they are, and a warning when too far. */
export function BackupAge({ kind, lastBackupAt, ageSeconds, stale }: Props) {
  const { t } = useTranslation("admin");
  const tone = stale ? "border-amber-300 bg-amber-50" : "border-stone-300 bg-white";
  return (
    <p className={`rounded border p-3 text-sm ${tone}`} data-testid="backup-age">
      <span className="font-medium">{t("backup.label")}</span>
      {kind === "none" || !lastBackupAt ? (
        t("backup.none")
      ) : (
        <>
          {kind === "litestream" ? t("backup.litestream", { seconds: ageSeconds ?? 0 }) : t("backup.file")} <DateTime value={lastBackupAt} />
          {stale ? ` · ${t("backup.stale")}` : null}
        </>
      )}
    </p>
  );
}
