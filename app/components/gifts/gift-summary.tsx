import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalize } from "~/utils/localize";

/** On an organisation order page: what the gift order is and how far its parcels have got, linking to every shipment. */
export function GiftSummary({ number, organisationId, gift }: {
  number: string;
  organisationId: number;
  gift: { boxes: number; giftBox: { nameZh: string; nameEn: string }; byStatus: Partial<Record<string, number>>; all: number } | null;
}) {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  if (!gift) return null;
  return (
    <section aria-labelledby="gift-summary-title" className="space-y-2 rounded border border-stone-300 bg-white p-4 text-sm">
      <h2 id="gift-summary-title" className="text-lg font-semibold">{t("shipments.title")}</h2>
      <p>{t("shipments.summary", { box: localize(gift.giftBox.nameZh, gift.giftBox.nameEn), boxes: gift.boxes, count: gift.all })}</p>
      <p>{t("shipments.counts", { PENDING: gift.byStatus.PENDING ?? 0, SHIPPED: gift.byStatus.SHIPPED ?? 0, DELIVERED: gift.byStatus.DELIVERED ?? 0 })}</p>
      <Link to={`/org/gifts/orders/${number}?org=${organisationId}`} className="font-medium text-brand-700 underline">{t("shipments.viewShipments", { count: gift.all })}</Link>
    </section>
  );
}
