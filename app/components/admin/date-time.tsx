import { useTranslation } from "react-i18next";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The hall runs on Beijing time; a fixed zone also keeps server and browser rendering the same text. */
export function DateTime({ value }: { value: Date | string }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "zh-CN";
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
    formatters.set(locale, f);
  }
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{f.format(date)}</time>;
}
