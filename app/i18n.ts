import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "./locales";

export const languages = ["zh", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

const instances = new Map<Language, I18n>();

/**
 * The instance for a language, made once: resources are bundled, so it is ready synchronously, and
 * its language never changes, so one instance serves every request in that language.
 */
export function getI18n(lng: Language): I18n {
  let instance = instances.get(lng);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng,
      fallbackLng: defaultLanguage,
      resources,
      defaultNS: "common",
      ns: Object.keys(resources.zh),
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    });
    instances.set(lng, instance);
  }
  return instance;
}
