import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "./locales";

export const languages = ["zh", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** A fresh, synchronously ready instance per language: resources are bundled, so nothing loads. */
export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
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
  return instance;
}

const serverInstances = new Map<Language, I18n>();

/** For server code that must word something (e-mails, CSV headers): a cached instance per language. */
export function getFixedT(lng: Language) {
  let instance = serverInstances.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    serverInstances.set(lng, instance);
  }
  return instance.t;
}
