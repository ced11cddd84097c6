import i18next, { type i18n as I18n, type InitOptions, type Module, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import type { resources } from "./locales";

export const languages = ["zh", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh";

/** One file of wording per area of the hall (app/locales/{zh,en}/<namespace>.ts). */
export type Namespace = keyof (typeof resources)["zh"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** What a route exports as `handle` to name the wording its page shows (root adds `common`). */
export type WordingHandle = { i18n?: Namespace[] };

/** The namespaces the matched routes declare, in a stable order; `common` is always there. */
export function routeNamespaces(matches: readonly { handle?: unknown }[]): Namespace[] {
  const found = new Set<Namespace>(["common"]);
  for (const match of matches) for (const ns of (match.handle as WordingHandle | undefined)?.i18n ?? []) found.add(ns);
  return [...found].sort();
}

/**
 * What the document hands the browser: the language, the wording the page was rendered with
 * (nothing else, so it hydrates with exactly that), and the version that makes the URLs of the
 * other namespaces cacheable for good.
 */
export type PageWording = { lng: Language; version: string; resources: Resource };

/** The URL a namespace is fetched from in the browser (app/routes/locales.$lng.$ns.tsx). */
export function wordingUrl(lng: string, ns: string, version: string) {
  return `/locales/${lng}/${ns}?v=${version}`;
}

/**
 * Settings every instance shares. No fallback language: a page loads wording in its own language
 * only, and both languages carry every key (tests/unit/wording.test.ts).
 */
const i18nOptions = {
  fallbackLng: false,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} satisfies InitOptions;

/** An instance holding the given wording, ready synchronously; a backend (browser) fetches the rest. */
export function createWordingInstance(lng: Language, resources: Resource, options: InitOptions = {}, backend?: Module): I18n {
  const instance = i18next.createInstance();
  if (backend) instance.use(backend);
  void instance.use(initReactI18next).init({
    ...i18nOptions,
    lng,
    resources,
    ns: Object.keys(resources[lng] ?? {}),
    initAsync: false,
    ...options,
  });
  return instance;
}
