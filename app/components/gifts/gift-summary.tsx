import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroller } from "~/components/admin/table-scroller";
import { useLocalize } from "~/utils/localize";

type SummaryShipment = { id: number; row: number; recipientName: string; employeeNo: string; status: string; carrier: string; trackingNumber: string };

/**
 * On an organisation order page: what the gift order is, how far its parcels have got, the first
 * parcels (collapsible), and a link to all of them, paged.
 */
export function GiftSummary({ number, organisationId, gift }: {
  number: string;
  organisationId: number;
  gift: { boxes: number; giftBox: { nameZh: string; nameEn: string }; byStatus: Partial<Record<string, number>>; all: number; first: SummaryShipment[] } | null;
}) {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  if (!gift) return null;
  return (
    <section aria-labelledby="gift-summary-title" className="space-y-2 rounded border border-stone-300 bg-white p-4 text-sm">
      <h2 id="gift-summary-title" className="text-lg font-semibold">{t("shipments.title")}</h2>
      <p>{t("shipments.summary", { box: localize(gift.giftBox.nameZh, gift.giftBox.nameEn), boxes: gift.boxes, count: gift.all })}</p>
      <p>{t("shipments.counts", { PENDING: gift.byStatus.PENDING ?? 0, SHIPPED: gift.byStatus.SHIPPED ?? 0, DELIVERED: gift.byStatus.DELIVERED ?? 0 })}</p>
      {gift.byStatus.CANCELLED ? <p className="font-medium text-red-800">{t("shipments.cancelledCount", { count: gift.byStatus.CANCELLED })}</p> : null}
      <details>
        <summary className="cursor-pointer">{t("shipments.firstOnes", { count: gift.first.length })}</summary>
        <TableScroller label={t("shipments.title")} className="mt-2">
          <table className="w-full min-w-[28rem] text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="px-2 py-1">{t("shipments.row")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.name")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.employeeNo")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.status")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.tracking")}</th>
              </tr>
            </thead>
            <tbody>
              {gift.first.map((s) => (
                <tr key={s.id} className="border-b border-stone-100">
                  <td className="px-2 py-1 text-stone-600">{s.row}</td>
                  <td className="px-2 py-1">{s.recipientName}</td>
                  <td className="px-2 py-1 font-mono">{s.employeeNo}</td>
                  <td className="px-2 py-1">{t(`shipments.statuses.${s.status}`, { defaultValue: s.status })}</td>
                  <td className="px-2 py-1">{s.carrier} <span className="font-mono">{s.trackingNumber}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </details>
      <Link to={`/org/gifts/orders/${number}?org=${organisationId}`} className="font-medium text-brand-700 underline">{t("shipments.viewShipments", { count: gift.all })}</Link>
    </section>
  );
}
