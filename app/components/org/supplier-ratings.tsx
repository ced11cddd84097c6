import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";

type Ratings = {
  average: number | null;
  count: number;
  latest: { stars: number; comment: string; createdAt: Date | string; order: { number: string; organisation: { name: string } | null } }[];
};

/** What organisation buyers said about a supplier after receiving their orders (验货). */
export function SupplierRatings({ ratings }: { ratings: Ratings }) {
  const { t } = useTranslation("org");
  return (
    <section aria-labelledby="ratings-title" className="space-y-2 rounded border border-stone-300 bg-white p-4">
      <h2 id="ratings-title" className="text-lg font-semibold">{t("ratings.title")}</h2>
      {ratings.count === 0 ? (
        <p className="text-sm text-stone-700">{t("ratings.none")}</p>
      ) : (
        <>
          <p data-testid="rating-average">{t("ratings.average", { average: (ratings.average ?? 0).toFixed(1), count: ratings.count })}</p>
          <ul className="divide-y divide-stone-200 text-sm">
            {ratings.latest.map((r, i) => (
              <li key={i} className="py-1.5">
                <span aria-label={t("orders.yourRating", { stars: r.stars })}>{"★".repeat(r.stars)}{"☆".repeat(5 - r.stars)}</span> {r.comment}
                <span className="block text-xs text-stone-600">{r.order.organisation?.name} · {r.order.number} · <DateTime value={r.createdAt} /></span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
