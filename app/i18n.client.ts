import type { i18n as I18n } from "i18next";
import Backend from "i18next-fetch-backend";
import { createWordingInstance, defaultLanguage, isLanguage, wordingUrl, type Language, type PageWording } from "./i18n";

/** The wording the server rendered this document with (root.tsx writes it), as text and parsed. */
export const pageWordingJson = document.getElementById("page-wording")?.textContent ?? "";
const pageWording = JSON.parse(pageWordingJson || "null") as PageWording | null;

const instances = new Map<Language, I18n>();

/**
 * The browser's instance for a language: the document's language starts with exactly the wording
 * the server rendered (no flash of keys, no hydration mismatch); any namespace a later page needs
 * is fetched once from its cacheable URL.
 */
export function clientI18n(lng: Language): I18n {
  let instance = instances.get(lng);
  if (!instance) {
    const version = pageWording?.version ?? "";
    const resources = pageWording && pageWording.lng === lng ? pageWording.resources : {};
    instance = createWordingInstance(
      lng,
      resources,
      {
        partialBundledLanguages: true,
        backend: { loadPath: wordingUrl("{{lng}}", "{{ns}}", version) },
      },
      Backend,
    );
    instances.set(lng, instance);
  }
  return instance;
}

export const documentLanguage: Language = isLanguage(pageWording?.lng) ? pageWording.lng : defaultLanguage;
