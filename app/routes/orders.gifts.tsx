import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { shipmentsForUser } from "~/models/gift-order.server";
import { requireUser } from "~/utils/auth.server";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["gifts", "orders"] };

export const meta: MetaFunction = () => [{ title: "我的福利礼盒 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return shipmentsForUser(user.id);
}

export default function MyGifts() {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  const { employeeNo, shipments } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("mine.title")}</h1>
      {employeeNo ? <p className="text-sm text-stone-700">{t("mine.intro", { employeeNo })}</p> : <p className="text-stone-700">{t("mine.noEmployeeNo")}</p>}
      {employeeNo && shipments.length === 0 ? <p className="text-stone-700">{t("mine.none")}</p> : null}
      {shipments.length > 0 ? (
        <ul className="divide-y divide-stone-200 rounded border border-stone-300 bg-white" aria-label={t("mine.title")} data-testid="my-gifts">
          {shipments.map((s) => (
            <li key={s.id} className="space-y-1 p-4 text-sm">
              <p className="font-medium">
                {s.order.giftBoxes.map((g) => localize(g.giftBox.nameZh, g.giftBox.nameEn)).join("，")} × {s.boxes}
                <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs">{t(`shipments.statuses.${s.status}`, { defaultValue: s.status })}</span>
              </p>
              <p className="text-stone-700">{t("mine.from", { organisation: s.order.organisation?.name ?? "" })} · <DateTime value={s.createdAt} /></p>
              <p>{s.recipientName} · {s.pickupPoint ? t("review.pickupAt", { name: localize(s.pickupPoint.nameZh, s.pickupPoint.nameEn) }) : s.addressText}</p>
              <p>{s.carrier || s.trackingNumber ? <span className="font-mono">{t("mine.carrier", { carrier: s.carrier, trackingNumber: s.trackingNumber })}</span> : t("mine.notShipped")}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <Link to="/orders" className="inline-block text-sm text-brand-700 underline">{t("orders:orders.backToList")}</Link>
    </section>
  );
}
