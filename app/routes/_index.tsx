import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressLine } from "~/components/ledger/progress-line";
import { ProductGrid } from "~/components/product-card";
import { listCounties, listFeaturedProducts } from "~/models/catalogue.server";
import { beijingYear, publicProgress } from "~/models/relief-progress.server";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["ledger", "shop"] };

export const meta: MetaFunction = () => [
  { title: "一汽扶贫馆 · 消费扶贫线上馆" },
  { name: "description", content: "镇赉县、和龙市、凤山县特色产品与吉林省第一书记代言产品。" },
];

export async function loader() {
  const [counties, featured, progress] = await Promise.all([listCounties(), listFeaturedProducts(8), publicProgress(beijingYear())]);
  return { assigned: counties.filter((c) => c.kind === "ASSIGNED"), featured, progress };
}

export default function Home() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { assigned, featured, progress } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-700 to-brand-800 p-6 text-white sm:p-10">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("home.heroTitle")}</h1>
        <p className="mt-3 max-w-3xl leading-relaxed text-brand-50">{t("home.heroBody")}</p>
        <Link to="/products" className="mt-6 inline-block rounded bg-white px-5 py-2 font-medium text-brand-800 hover:bg-brand-50">
          {t("home.browseAll")}
        </Link>
      </section>
      <ProgressLine progress={progress} />

      <section aria-labelledby="counties-title">
        <h2 id="counties-title" className="text-xl font-semibold">
          {t("home.countiesTitle")}
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {assigned.map((county) => (
            <li key={county.slug} className="flex flex-col rounded-lg border border-stone-200 bg-white p-5">
              <h3 className="text-lg font-semibold">
                <Link to={`/counties/${county.slug}`} className="hover:text-brand-700">
                  {localize(county.nameZh, county.nameEn)}
                </Link>
              </h3>
              <p className="text-sm text-stone-600">{localize(county.provinceZh, county.provinceEn)}</p>
              <p className="mt-2 line-clamp-4 text-sm leading-relaxed text-stone-700">{localize(county.storyZh, county.storyEn)}</p>
              <Link to={`/products?county=${county.slug}`} className="mt-auto pt-3 text-sm font-medium text-brand-700 hover:underline">
                {t("home.countyProducts", { count: county.productCount })} →
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="featured-title">
        <h2 id="featured-title" className="mb-4 text-xl font-semibold">
          {t("home.featuredTitle")}
        </h2>
        <ProductGrid products={featured} />
      </section>

      <section className="rounded-lg border border-brand-100 bg-brand-50 p-6">
        <h2 className="text-xl font-semibold text-brand-800">{t("home.endorsedTitle")}</h2>
        <p className="mt-2 text-stone-700">{t("home.endorsedBody")}</p>
        <Link to="/products?endorsed=1" className="mt-3 inline-block font-medium text-brand-700 hover:underline">
          {t("home.endorsedLink")} →
        </Link>
      </section>
    </div>
  );
}
