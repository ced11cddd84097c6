import { createContext, useContext } from "react";
import type { Language } from "~/i18n";
import { specInEnglish } from "./spec";

/**
 * The page's language as plain React context. Shop pages render dozens of prices and names per
 * request; reading a context is far cheaper than calling react-i18next's useTranslation each time.
 */
const LanguageContext = createContext<Language>("zh");

export const LanguageProvider = LanguageContext.Provider;

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** English where it exists, else the Chinese original (most goods have only a Chinese name). */
export function useLocalize() {
  const en = useLanguage() === "en";
  return (zh: string, enText?: string | null) => (en && enText ? enText : zh);
}

/** A product's spec as the page shows it: the catalogue writes specs in Chinese (`5kg/袋` → `5 kg/bag`). */
export function useLocalizeSpec() {
  const en = useLanguage() === "en";
  return (spec: string) => (en ? specInEnglish(spec) : spec);
}
