import { createCookie } from "@remix-run/node";
import { defaultLanguage, isLanguage, type Language } from "~/i18n";

export const languageCookie = createCookie("lang", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The language for this request: `?lang=` wins (so a link can carry it) and is remembered in a
 * cookie; then the cookie; then Simplified Chinese.
 */
export async function resolveLanguage(request: Request): Promise<{ lang: Language; setCookie?: string }> {
  const fromUrl = new URL(request.url).searchParams.get("lang");
  const fromCookie = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(fromUrl)) {
    return fromUrl === fromCookie
      ? { lang: fromUrl }
      : { lang: fromUrl, setCookie: await languageCookie.serialize(fromUrl) };
  }
  return { lang: isLanguage(fromCookie) ? fromCookie : defaultLanguage };
}

export async function getLanguage(request: Request): Promise<Language> {
  return (await resolveLanguage(request)).lang;
}
