import { photoHashOf, photoSrcSet, photoUrl } from "~/utils/photo-url";

type Props = {
  url: string | null | undefined;
  alt: string;
  /** How wide the image is shown, for the browser to pick a variant (the `sizes` attribute). */
  sizes: string;
  className?: string;
  width?: number;
  height?: number;
  loading?: "lazy" | "eager";
  fetchPriority?: "high" | "low" | "auto";
};

/**
 * A product image: an uploaded photo as AVIF or WebP at the width the layout needs; anything else
 * (the category illustration) as it is.
 */
export function ProductPhoto({ url, alt, sizes, className, width = 400, height = 400, loading, fetchPriority }: Props) {
  const src = url || "/images/placeholder.svg";
  const hash = photoHashOf(src);
  const img = (
    <img
      src={hash ? photoUrl(hash, 640, "webp") : src}
      alt={alt}
      width={width}
      height={height}
      loading={loading}
      decoding="async"
      // React 18 warns about the camelCase form; the lower-case attribute reaches the browser as is.
      {...(fetchPriority ? { fetchpriority: fetchPriority } : {})}
      className={className}
    />
  );
  if (!hash) return img;
  return (
    <picture className="contents">
      <source type="image/avif" srcSet={photoSrcSet(hash, "avif")} sizes={sizes} />
      <source type="image/webp" srcSet={photoSrcSet(hash, "webp")} sizes={sizes} />
      {img}
    </picture>
  );
}
