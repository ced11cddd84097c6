import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductGrid } from "~/components/product-card";
import { parseProductFilters } from "~/models/catalogue-filters";
import { getCountyBySlug, listProducts } from "~/models/catalogue.server";
import { beijingYear, publicProgress } from "~/models/relief-progress.server";
import { useLanguage, useLocalize } from "~/utils/localize";
import { formatLargeFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["ledger", "shop"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.county.nameZh} · 一汽扶贫馆` : "一汽扶贫馆" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const county = await getCountyBySlug(params.slug ?? "");
  if (!county) throw new Response("Not found", { status: 404 });
  const { filters } = parseProductFilters(new URLSearchParams({ county: county.slug }));
  const year = beijingYear();
  const [{ products, total }, progress] = await Promise.all([listProducts(filters, 12), publicProgress(year)]);
  const sold = progress.counties.find((c) => c.slug === county.slug)?.achievedFen ?? 0;
  return { county, products, total, relief: { year, sold } };
}

export default function CountyPage() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { county, products, total, relief } = useLoaderData<typeof loader>();
  const { t: tLedger } = useTranslation("ledger");
  const locale = useLanguage();
  const name = localize(county.nameZh, county.nameEn);
  return (
    <div className="space-y-8">
      <header className="rounded-xl bg-white p-6 shadow-sm">
        <p className="text-sm text-stone-600">{localize(county.provinceZh, county.provinceEn)}</p>
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="mt-3 max-w-3xl whitespace-pre-line leading-relaxed text-stone-800">{localize(county.storyZh, county.storyEn)}</p>
        <p data-testid="county-relief" className="mt-3 font-medium text-brand-800">
          {tLedger("progress.county", { year: relief.year, county: name, amount: formatLargeFen(relief.sold, locale) })}
        </p>
      </header>
      <section aria-labelledby="county-products">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="county-products" className="text-lg font-semibold">
            {t("counties.productsTitle", { county: name })}
          </h2>
          <Link to={`/products?county=${county.slug}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("counties.viewProducts", { count: total })} →
          </Link>
        </div>
        <ProductGrid products={products} />
      </section>
    </div>
  );
}
