import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { filtersToSearch, parseProductFilters, sorts, type Sort } from "~/models/catalogue-filters";
import { listCategories, listCountyOptions, listFeaturedProducts, listProducts } from "~/models/catalogue.server";
import { fenToYuanInput } from "~/utils/money";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["shop"] };

export const meta: MetaFunction = () => [{ title: "全部商品 · 一汽扶贫馆" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseProductFilters(new URL(request.url).searchParams);
  const [result, counties, categories] = await Promise.all([listProducts(filters), listCountyOptions(), listCategories()]);
  // Nothing found: offer goods worth a look rather than an empty page.
  const suggestions = result.total === 0 ? await listFeaturedProducts(4) : [];
  return {
    suggestions,
    filters,
    problems,
    ...result,
    counties,
    categories,
  };
}

export default function ProductList() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { filters, problems, products, total, pages, counties, categories, suggestions } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const activeFilters = [filters.county, filters.category, filters.endorsed, filters.inStock, filters.minFen !== null || filters.maxFen !== null].filter(Boolean).length;
  const selectClass = "mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1.5";

  return (
    <div>
      <h1 className="text-2xl font-semibold">{filters.q ? t("list.searchTitle", { q: filters.q }) : t("list.title")}</h1>
      {problems.length > 0 ? (
        <ul role="alert" className="mt-3 space-y-1 rounded bg-amber-50 p-3 text-sm text-amber-900">
          {problems.map((p) => (
            <li key={p}>{t(`list.problems.${p}`)}</li>
          ))}
        </ul>
      ) : null}
      <div className="mt-4 grid gap-6 md:grid-cols-[15rem_1fr]">
        {/* On phones the filters fold away under a summary; from md up they are always shown. */}
        <details
          open={activeFilters > 0}
          className="rounded-lg border border-stone-200 bg-white p-3 md:border-0 md:bg-transparent md:p-0 md:[&::details-content]:[content-visibility:visible] md:[&::details-content]:block"
        >
          <summary className="cursor-pointer text-sm font-medium md:hidden">
            {t("list.filters")}
            {activeFilters > 0 ? ` (${activeFilters})` : ""}
          </summary>
        <Form method="get" className="mt-3 space-y-4 text-sm md:mt-0" aria-label={t("list.filters")}>
          {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
          <div>
            <label htmlFor="f-county" className="font-medium">
              {t("list.county")}
            </label>
            <select id="f-county" name="county" defaultValue={filters.county} className={selectClass}>
              <option value="">{t("list.anyCounty")}</option>
              {counties.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {localize(c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-category" className="font-medium">
              {t("list.category")}
            </label>
            <select id="f-category" name="category" defaultValue={filters.category} className={selectClass}>
              <option value="">{t("list.anyCategory")}</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {localize(c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="font-medium">{t("list.price")}</legend>
            <div className="mt-1 flex items-center gap-2">
              <label className="sr-only" htmlFor="f-min">
                {t("list.minPrice")}
              </label>
              <input id="f-min" name="min" inputMode="decimal" placeholder={t("list.minPrice")} defaultValue={filters.minFen === null ? "" : fenToYuanInput(filters.minFen)} className="w-full rounded border border-stone-300 px-2 py-1.5" />
              <span aria-hidden>–</span>
              <label className="sr-only" htmlFor="f-max">
                {t("list.maxPrice")}
              </label>
              <input id="f-max" name="max" inputMode="decimal" placeholder={t("list.maxPrice")} defaultValue={filters.maxFen === null ? "" : fenToYuanInput(filters.maxFen)} className="w-full rounded border border-stone-300 px-2 py-1.5" />
            </div>
          </fieldset>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="endorsed" value="1" defaultChecked={filters.endorsed} />
            {t("list.endorsedOnly")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="inStock" value="1" defaultChecked={filters.inStock} />
            {t("list.inStockOnly")}
          </label>
          {filters.sort !== "relevance" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
              {t("list.apply")}
            </button>
            <Link to={filters.q ? `?q=${encodeURIComponent(filters.q)}` : "/products"} className="rounded border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
              {t("list.clear")}
            </Link>
          </div>
        </Form>
        </details>

        <section aria-live="polite">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-stone-600" data-testid="result-count">
              {t("list.results", { count: total })}
            </p>
            <label className="flex items-center gap-2 text-sm">
              {t("list.sort")}
              <select
                name="sort"
                value={filters.sort}
                onChange={(e) => navigate(`/products${filtersToSearch(filters, { sort: e.currentTarget.value as Sort })}`)}
                className="rounded border border-stone-300 bg-white px-2 py-1.5"
              >
                {sorts.map((s) => (
                  <option key={s} value={s}>
                    {t(`list.sorts.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {products.length === 0 ? (
            <div className="mt-6 space-y-4" data-testid="no-results">
              <div className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center">
                <p className="font-medium">{t("list.none")}</p>
                <p className="mt-1 text-sm text-stone-600">{t("list.noneHint")}</p>
                <Link to="/products" className="mt-3 inline-block font-medium text-brand-700 underline underline-offset-2">{t("list.backToAll")}</Link>
                <ul className="mt-4 flex flex-wrap justify-center gap-2 text-sm" aria-label={t("list.tryCategories")}>
                  {categories.map((c) => (
                    <li key={c.slug}>
                      <Link to={`/products?category=${c.slug}`} className="block rounded-full border border-stone-300 px-3 py-1 hover:bg-stone-100">
                        {localize(c.nameZh, c.nameEn)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
              {suggestions.length > 0 ? (
                <section aria-labelledby="suggestions-title">
                  <h2 id="suggestions-title" className="mb-3 font-semibold">{t("list.suggestions")}</h2>
                  <ProductGrid products={suggestions} />
                </section>
              ) : null}
            </div>
          ) : (
            <div className="mt-4">
              <ProductGrid products={products} label={t("list.title")} />
            </div>
          )}
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => filtersToSearch(filters, { page }) || "?"} />
        </section>
      </div>
    </div>
  );
}
