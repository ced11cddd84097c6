/**
 * Product photo addresses. An uploaded photo is stored under the hash of its original bytes and served
 * by the hall itself (/photos/<hash>/<width>.<format>), so its address changes whenever its content does
 * and it may be cached for a year. ProductImage.url holds the 640 px WebP address; other URLs (the
 * category illustrations, addresses given in a CSV) are shown as they are.
 */
export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export const PHOTO_FORMATS = ["avif", "webp"] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

const PHOTO_URL = /^\/photos\/([0-9a-f]{24})\/\d+\.webp$/;

export function photoUrl(hash: string, width: PhotoWidth = 640, format: PhotoFormat = "webp") {
  return `/photos/${hash}/${width}.${format}`;
}

/** The content hash behind a photo address, or null for any other image. */
export function photoHashOf(url: string): string | null {
  return PHOTO_URL.exec(url)?.[1] ?? null;
}

export function photoSrcSet(hash: string, format: PhotoFormat) {
  return PHOTO_WIDTHS.map((w) => `${photoUrl(hash, w, format)} ${w}w`).join(", ");
}
