import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { AddToCartForm } from "~/components/orders/add-to-cart";
import { ProductGrid, StockBadge } from "~/components/product-card";
import { getProductBySlug } from "~/models/catalogue.server";
import { PriceTiers } from "~/components/price-tiers";
import { getPublicPricing } from "~/models/pricing.server";
import { useLocalize } from "~/utils/localize";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.product.nameZh} · 一汽扶贫馆` : "商品不存在 · 一汽扶贫馆" },
  { name: "description", content: data?.product.descriptionZh.slice(0, 150) ?? "" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const [found, pricing] = await Promise.all([getProductBySlug(params.slug ?? ""), getPublicPricing(params.slug ?? "")]);
  if (!found) throw new Response("Not found", { status: 404 });
  return { ...found, pricing };
}

export default function ProductPage() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { product, moreFromCounty, pricing } = useLoaderData<typeof loader>();
  const name = localize(product.nameZh, product.nameEn);
  const countyName = localize(product.county.nameZh, product.county.nameEn);
  const origin = [localize(product.county.provinceZh, product.county.provinceEn), countyName, product.township, product.village]
    .filter(Boolean)
    .join(" · ");
  const endorsement = product.endorsement;

  return (
    <article className="space-y-10">
      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          {product.images.map((image, i) => (
            <img
              key={image.url + i}
              src={image.url}
              alt={t("product.imageAlt", { name })}
              width={600}
              height={600}
              className="aspect-square w-full rounded-lg bg-stone-100 object-cover"
            />
          ))}
        </div>
        <div>
          <p className="text-sm text-stone-600">
            <Link to={`/products?category=${product.category.slug}`} className="hover:underline">
              {localize(product.category.nameZh, product.category.nameEn)}
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{name}</h1>
          {localize(product.nameZh, product.nameEn) !== product.nameZh ? <p className="text-stone-600">{product.nameZh}</p> : null}
          <div className="mt-4 flex items-center gap-3">
            <Money fen={product.priceFen} className="text-3xl font-bold text-brand-700" />
            <span className="text-stone-600">/ {product.spec}</span>
          </div>
          <p className="mt-2 flex items-center gap-2 text-sm" data-testid="stock-state">
            {product.stock > 0 ? <span className="text-green-800">{t("product.inStock")}</span> : null}
            <StockBadge stock={product.stock} t={t} />
          </p>
          <AddToCartForm productId={product.id} stock={product.stock} />
          {pricing ? <PriceTiers listPriceFen={product.priceFen} {...pricing} /> : null}
          <dl className="mt-6 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-2 text-sm">
            <dt className="text-stone-600">{t("product.spec")}</dt>
            <dd>{product.spec}</dd>
            <dt className="text-stone-600">{t("product.origin")}</dt>
            <dd>
              <Link to={`/counties/${product.county.slug}`} className="text-brand-700 hover:underline">
                {origin}
              </Link>
            </dd>
            <dt className="text-stone-600">{t("product.supplier")}</dt>
            <dd>
              {product.supplier.name}（{t(`product.supplierKinds.${product.supplier.kind as "COOPERATIVE" | "COMPANY"}`)}）
            </dd>
            <dt className="text-stone-600">{t("product.sku")}</dt>
            <dd>{product.sku}</dd>
          </dl>
          {product.originStatement ? (
            <section className="mt-6 rounded border border-stone-200 bg-white p-4 text-sm">
              <h2 className="font-medium">{t("product.originStatement")}</h2>
              <p className="mt-1 text-stone-700">{product.originStatement}</p>
            </section>
          ) : null}
        </div>
      </div>

      {endorsement ? (
        <section aria-labelledby="endorsement-title" className="rounded-lg border border-brand-100 bg-brand-50 p-5">
          <h2 id="endorsement-title" className="font-semibold text-brand-800">
            {t("product.endorsementTitle")}
          </h2>
          <blockquote className="mt-2 text-lg leading-relaxed text-stone-800">“{endorsement.words}”</blockquote>
          <p className="mt-3 text-sm text-stone-700">
            —— {t("product.endorsementBy", { name: endorsement.secretaryName, village: `${localize(endorsement.county.nameZh, endorsement.county.nameEn)}${endorsement.township}${endorsement.village}` })}
          </p>
          {endorsement.dispatchingUnit ? (
            <p className="text-sm text-stone-600">{t("product.dispatchingUnit", { unit: endorsement.dispatchingUnit })}</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="description-title">
        <h2 id="description-title" className="text-lg font-semibold">
          {t("product.description")}
        </h2>
        <p className="mt-2 whitespace-pre-line leading-relaxed text-stone-800">{localize(product.descriptionZh, product.descriptionEn)}</p>
      </section>

      {moreFromCounty.length > 0 ? (
        <section aria-labelledby="more-title">
          <h2 id="more-title" className="mb-4 text-lg font-semibold">
            {t("product.moreFromCounty", { county: countyName })}
          </h2>
          <ProductGrid products={moreFromCounty} />
        </section>
      ) : null}
    </article>
  );
}
