import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductGrid } from "~/components/product-card";
import { parseProductFilters } from "~/models/catalogue-filters";
import { getCountyBySlug, listProducts } from "~/models/catalogue.server";
import { useLocalize } from "~/utils/localize";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.county.nameZh} · 一汽扶贫馆` : "一汽扶贫馆" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const county = await getCountyBySlug(params.slug ?? "");
  if (!county) throw new Response("Not found", { status: 404 });
  const { filters } = parseProductFilters(new URLSearchParams({ county: county.slug }));
  const { products, total } = await listProducts(filters, 12);
  return { county, products, total };
}

export default function CountyPage() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { county, products, total } = useLoaderData<typeof loader>();
  const name = localize(county.nameZh, county.nameEn);
  return (
    <div className="space-y-8">
      <header className="rounded-xl bg-white p-6 shadow-sm">
        <p className="text-sm text-stone-600">{localize(county.provinceZh, county.provinceEn)}</p>
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="mt-3 max-w-3xl whitespace-pre-line leading-relaxed text-stone-800">{localize(county.storyZh, county.storyEn)}</p>
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
