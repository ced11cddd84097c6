import { useTranslation } from "react-i18next";

/** English where it exists, else the Chinese original (most goods have only a Chinese name). */
export function useLocalize() {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return (zh: string, enText?: string | null) => (en && enText ? enText : zh);
}
