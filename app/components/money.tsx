import { useLanguage } from "~/utils/localize";
import { formatFen } from "~/utils/money";

/** The one way a price is shown. */
export function Money({ fen, className }: { fen: number; className?: string }) {
  return <span className={className}>{formatFen(fen, useLanguage())}</span>;
}
