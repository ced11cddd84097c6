import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import { Money } from "./money";
import { ProductPhoto } from "./product-photo";

export type ProductCardData = {
  slug: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  priceFen: number;
  stock: number;
  images: { url: string }[];
  county: { nameZh: string; nameEn: string };
  endorsement: { secretaryName: string } | null;
};

/** `t` comes from the caller (a grid renders many badges; one useTranslation serves them all). */
export function StockBadge({ stock, t }: { stock: number; t: TFunction<"shop"> }) {
  if (stock <= 0) return <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs text-stone-700">{t("product.outOfStock")}</span>;
  if (stock <= 10)
    return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("product.lowStock", { count: stock })}</span>;
  return null;
}

function ProductCard({ product, t }: { product: ProductCardData; t: TFunction<"shop"> }) {
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const name = localize(product.nameZh, product.nameEn);
  return (
    <li className="group flex flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md">
      <Link to={`/products/${product.slug}`} className="flex flex-1 flex-col" prefetch="intent">
        <ProductPhoto
          url={product.images[0]?.url}
          alt=""
          sizes="(min-width: 1024px) 240px, (min-width: 640px) 33vw, 50vw"
          loading="lazy"
          className="aspect-square w-full bg-stone-100 object-cover"
        />
        <div className="flex flex-1 flex-col gap-1 p-3">
          <h3 className="line-clamp-2 text-sm font-medium break-words group-hover:text-brand-700">{name}</h3>
          <p className="text-xs text-stone-600">
            {localize(product.county.nameZh, product.county.nameEn)} · {localizeSpec(product.spec)}
          </p>
          <div className="mt-auto flex flex-wrap items-center gap-2 pt-2">
            <Money fen={product.priceFen} className="font-semibold text-brand-700" />
            {product.endorsement ? (
              <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">{t("product.endorsedBadge")}</span>
            ) : null}
            <StockBadge stock={product.stock} t={t} />
          </div>
        </div>
      </Link>
    </li>
  );
}

export function ProductGrid({ products, label }: { products: ProductCardData[]; label?: string }) {
  const { t } = useTranslation("shop");
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((p) => (
        <ProductCard key={p.slug} product={p} t={t} />
      ))}
    </ul>
  );
}
