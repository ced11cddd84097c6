import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";

type Props = { listPriceFen: number; minOrderQuantity: number; casePack: number; tiers: { minQuantity: number; priceFen: number }[] };

/** 单位采购价: what canteens, the union and departments pay by quantity; nothing when no rule applies. */
export function PriceTiers({ listPriceFen, minOrderQuantity, casePack, tiers }: Props) {
  const { t } = useTranslation("shop");
  if (tiers.length === 0 && minOrderQuantity <= 1 && casePack <= 1) return null;
  return (
    <section aria-labelledby="tiers-title" className="mt-6 rounded border border-stone-200 bg-white p-4 text-sm">
      <h2 id="tiers-title" className="font-medium">{t("tiers.title")}</h2>
      <p className="mt-1 text-stone-600">{t("tiers.intro")}</p>
      {tiers.length > 0 ? (
        <table className="mt-2 w-full max-w-sm text-left">
          <thead className="border-b border-stone-200 text-stone-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-normal">{t("tiers.quantity")}</th>
              <th scope="col" className="py-1 text-right font-normal">{t("tiers.unitPrice")}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-stone-100">
              <td className="py-1 pr-3">{t("tiers.listRow")}</td>
              <td className="py-1 text-right"><Money fen={listPriceFen} /></td>
            </tr>
            {tiers.map((tier) => (
              <tr key={tier.minQuantity} className="border-b border-stone-100">
                <td className="py-1 pr-3">{t("tiers.from", { n: tier.minQuantity })}</td>
                <td className="py-1 text-right font-medium text-brand-700"><Money fen={tier.priceFen} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {minOrderQuantity > 1 ? <p className="mt-2">{t("tiers.minOrder", { n: minOrderQuantity })}</p> : null}
      {casePack > 1 ? <p className="mt-1">{t("tiers.casePack", { n: casePack })}</p> : null}
    </section>
  );
}
