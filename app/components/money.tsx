import { useTranslation } from "react-i18next";
import { formatFen, type Locale } from "~/utils/money";

/** The one way a price is shown. */
export function Money({ fen, className }: { fen: number; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={className}>{formatFen(fen, i18n.language as Locale)}</span>;
}
