import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { AddToCartForm } from "~/components/orders/add-to-cart";
import { ProductGrid, StockBadge } from "~/components/product-card";
import { getProductBySlug, typicalDeliveryDays } from "~/models/catalogue.server";
import { listPickupPoints } from "~/models/pickup.server";
import { ProductPhoto } from "~/components/product-photo";
import { PriceTiers } from "~/components/price-tiers";
import { getPublicPricing } from "~/models/pricing.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["orders", "shop"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.product.nameZh} · 一汽扶贫馆` : "商品不存在 · 一汽扶贫馆" },
  { name: "description", content: data?.product.descriptionZh.slice(0, 150) ?? "" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const [found, pricing, pickupPoints] = await Promise.all([
    getProductBySlug(params.slug ?? ""),
    getPublicPricing(params.slug ?? ""),
    listPickupPoints(),
  ]);
  if (!found) throw new Response("Not found", { status: 404 });
  return {
    ...found,
    pricing,
    delivery: typicalDeliveryDays(found.product.supplier.county.kind),
    pickupPoints: pickupPoints.map((p) => ({ nameZh: p.nameZh, nameEn: p.nameEn })),
  };
}

export default function ProductPage() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const { product, moreFromCounty, pricing, sold, delivery, pickupPoints } = useLoaderData<typeof loader>();
  const name = localize(product.nameZh, product.nameEn);
  const countyName = localize(product.county.nameZh, product.county.nameEn);
  const origin = [localize(product.county.provinceZh, product.county.provinceEn), countyName, product.township, product.village]
    .filter(Boolean)
    .join(" · ");
  const endorsement = product.endorsement;

  return (
    <article className="space-y-8 pb-24 sm:pb-0">
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-label={t("product.gallery")}>
          {/* Swipe on phones: one photo per screen width, snapping; a keyboard scrolls it too. */}
          <ul
            tabIndex={product.images.length > 1 ? 0 : undefined}
            aria-label={product.images.length > 1 ? t("product.gallery") : undefined}
            className="flex snap-x snap-mandatory gap-2 overflow-x-auto rounded-lg"
            data-testid="gallery"
          >
            {product.images.map((image, i) => (
              <li key={image.url + i} className="w-full shrink-0 snap-center">
                <ProductPhoto
                  url={image.url}
                  alt={product.images.length > 1 ? `${t("product.imageAlt", { name })} ${t("product.photoOf", { n: i + 1, count: product.images.length })}` : t("product.imageAlt", { name })}
                  sizes="(min-width: 768px) 50vw, 100vw"
                  width={600}
                  height={600}
                  loading={i === 0 ? "eager" : "lazy"}
                  fetchPriority={i === 0 ? "high" : undefined}
                  className="aspect-square w-full rounded-lg bg-stone-100 object-cover"
                />
              </li>
            ))}
          </ul>
        </section>
        <div>
          <p className="text-sm text-stone-600">
            <Link to={`/products?category=${product.category.slug}`} className="hover:underline">
              {localize(product.category.nameZh, product.category.nameEn)}
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{name}</h1>
          {localize(product.nameZh, product.nameEn) !== product.nameZh ? <p className="text-stone-600">{product.nameZh}</p> : null}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Money fen={product.priceFen} className="text-3xl font-bold text-brand-700" />
            <span className="text-stone-600">/ {localizeSpec(product.spec)}</span>
            {sold > 0 ? <span className="text-sm text-stone-700" data-testid="sold">{t("product.sold", { count: sold })}</span> : null}
          </div>
          <p className="mt-2 flex items-center gap-2 text-sm" data-testid="stock-state">
            {product.stock > 10 ? <span className="text-green-800">{t("product.inStock")}</span> : null}
            <StockBadge stock={product.stock} t={t} />
          </p>
          {endorsement ? (
            <section aria-labelledby="endorsement-title" className="mt-4 rounded-lg border-l-4 border-brand-700 bg-brand-50 p-4" data-testid="endorsement">
              <h2 id="endorsement-title" className="text-sm font-semibold text-brand-800">{t("product.endorsementTitle")}</h2>
              {endorsement.words ? <blockquote className="mt-2 text-lg leading-relaxed text-stone-900">“{endorsement.words}”</blockquote> : null}
              <p className="mt-2 text-sm font-medium text-stone-800">
                —— {t("product.endorsementBy", { name: endorsement.secretaryName, village: `${localize(endorsement.county.nameZh, endorsement.county.nameEn)}${endorsement.township}${endorsement.village}` })}
              </p>
              {endorsement.dispatchingUnit ? (
                <p className="mt-1 text-xs text-stone-600">{t("product.dispatchingUnit", { unit: endorsement.dispatchingUnit })}</p>
              ) : null}
            </section>
          ) : null}
          <AddToCartForm
            productId={product.id}
            stock={product.stock}
            price={<Money fen={product.priceFen} className="text-lg font-bold text-brand-700" />}
          />
          {pricing ? <PriceTiers listPriceFen={product.priceFen} {...pricing} /> : null}
          <dl className="mt-6 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-2 text-sm">
            <dt className="text-stone-600">{t("product.spec")}</dt>
            <dd>{localizeSpec(product.spec)}</dd>
            <dt className="text-stone-600">{t("product.origin")}</dt>
            <dd>
              <Link to={`/counties/${product.county.slug}`} className="text-brand-700 hover:underline">
                {origin}
              </Link>
            </dd>
            <dt className="text-stone-600">{t("product.supplier")}</dt>
            <dd>
              {product.supplier.name}（{t(`product.supplierKinds.${product.supplier.kind as "COOPERATIVE" | "COMPANY"}`)} ·{" "}
              {localize(product.supplier.county.nameZh, product.supplier.county.nameEn)}）
            </dd>
            <dt className="text-stone-600">{t("product.sku")}</dt>
            <dd>{product.sku}</dd>
          </dl>
          <section aria-labelledby="delivery-title" className="mt-6 rounded border border-stone-200 bg-white p-4 text-sm">
            <h2 id="delivery-title" className="font-medium">{t("product.deliveryTitle")}</h2>
            <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1">
              <dt className="text-stone-600">{t("product.shipsBy")}</dt>
              <dd>{product.supplier.name}</dd>
              <dt className="text-stone-600">{t("product.shipsFrom")}</dt>
              <dd>
                {localize(product.supplier.county.provinceZh, product.supplier.county.provinceEn)} ·{" "}
                {localize(product.supplier.county.nameZh, product.supplier.county.nameEn)}
              </dd>
              <dt className="text-stone-600">{t("product.deliveryDays")}</dt>
              <dd>{t("product.deliveryDaysValue", delivery)}</dd>
              <dt className="text-stone-600">{t("product.shippingFee")}</dt>
              <dd>{t("product.shippingFeeValue")}</dd>
              {pickupPoints.length > 0 ? (
                <>
                  <dt className="text-stone-600">{t("product.pickup")}</dt>
                  <dd>{t("product.pickupValue", { points: pickupPoints.map((p) => localize(p.nameZh, p.nameEn)).join("、") })}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {product.originStatement ? (
            <section className="mt-6 rounded border border-stone-200 bg-white p-4 text-sm">
              <h2 className="font-medium">{t("product.originStatement")}</h2>
              <p className="mt-1 text-stone-700">{product.originStatement}</p>
            </section>
          ) : null}
        </div>
      </div>

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
