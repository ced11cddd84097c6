import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroller } from "~/components/admin/table-scroller";
import { Pagination } from "~/components/pagination";
import { shipmentStatuses } from "~/models/gift-schema";
import { useLocalize } from "~/utils/localize";

export type ShipmentRow = {
  id: number;
  row: number;
  recipientName: string;
  employeeNo: string;
  mobile: string;
  addressText: string;
  boxes: number;
  status: string;
  carrier: string;
  trackingNumber: string;
  pickupPoint: { code: string; nameZh: string; nameEn: string } | null;
};

const statusStyle: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  SHIPPED: "bg-sky-100 text-sky-900",
  DELIVERED: "bg-green-100 text-green-900",
};

/** One page of an order's shipments with a status filter and search; `actions` adds the office's buttons. */
export function ShipmentTable({ list, actions }: {
  list: { shipments: ShipmentRow[]; total: number; page: number; pages: number; byStatus: Partial<Record<string, number>>; all: number };
  actions?: (shipment: ShipmentRow) => React.ReactNode;
}) {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  const [params] = useSearchParams();
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    next.delete("done");
    return `?${next.toString()}`;
  };
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="shipment-counts">
        {t("shipments.counts", { PENDING: list.byStatus.PENDING ?? 0, SHIPPED: list.byStatus.SHIPPED ?? 0, DELIVERED: list.byStatus.DELIVERED ?? 0 })}
      </p>
      {list.byStatus.CANCELLED ? <p className="text-sm font-medium text-red-800">{t("shipments.cancelledCount", { count: list.byStatus.CANCELLED })}</p> : null}
      <Form method="get" className="flex flex-wrap items-end gap-3">
        {params.get("org") ? <input type="hidden" name="org" value={params.get("org") ?? ""} /> : null}
        <div>
          <label htmlFor="shipment-status" className="block text-sm font-medium">{t("shipments.status")}</label>
          <select id="shipment-status" name="status" defaultValue={params.get("status") ?? ""} className="mt-1 rounded border border-stone-400 bg-white px-3 py-2">
            <option value="">{t("shipments.allStatuses")}</option>
            {shipmentStatuses.map((s) => <option key={s} value={s}>{t(`shipments.statuses.${s}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="shipment-q" className="block text-sm font-medium">{t("shipments.search")}</label>
          <input id="shipment-q" name="q" defaultValue={params.get("q") ?? ""} className="mt-1 rounded border border-stone-400 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("shipments.filter")}</button>
      </Form>
      <TableScroller label={t("shipments.title")} className="rounded border border-stone-300 bg-white">
        <table className="w-full min-w-[44rem] text-left text-sm" data-testid="shipments">
          <thead className="border-b border-stone-300 bg-stone-100">
            <tr>
              <th scope="col" className="px-2 py-2">{t("shipments.row")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.name")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.employeeNo")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.mobile")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.destination")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("shipments.boxes")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.status")}</th>
              <th scope="col" className="px-2 py-2">{t("shipments.tracking")}</th>
              {actions ? <th scope="col" className="px-2 py-2"><span className="sr-only">{t("ship.title")}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {list.shipments.map((s) => (
              <tr key={s.id} className="border-b border-stone-200 align-top">
                <td className="px-2 py-1.5 text-stone-600">{s.row}</td>
                <td className="px-2 py-1.5">{s.recipientName}</td>
                <td className="px-2 py-1.5 font-mono">{s.employeeNo}</td>
                <td className="px-2 py-1.5">{s.mobile}</td>
                <td className="px-2 py-1.5">{s.pickupPoint ? t("review.pickupAt", { name: localize(s.pickupPoint.nameZh, s.pickupPoint.nameEn) }) : s.addressText}</td>
                <td className="px-2 py-1.5 text-right">{s.boxes}</td>
                <td className="px-2 py-1.5"><span className={`rounded px-1.5 py-0.5 text-xs ${statusStyle[s.status] ?? ""}`}>{t(`shipments.statuses.${s.status}`, { defaultValue: s.status })}</span></td>
                <td className="px-2 py-1.5">{s.carrier} <span className="font-mono">{s.trackingNumber}</span></td>
                {actions ? <td className="px-2 py-1.5">{actions(s)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <Pagination page={list.page} pages={list.pages} hrefFor={hrefFor} />
    </div>
  );
}
