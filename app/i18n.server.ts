import { createHash } from "node:crypto";
import type { i18n as I18n, Resource } from "i18next";
import { createWordingInstance, defaultLanguage, type Language, type Namespace, type PageWording } from "./i18n";
import { resources } from "./locales";

const everything = new Map<Language, I18n>();

/**
 * Every namespace in one language, for the server's own messages (loaders, actions, edge pages,
 * exports). Made once per language; its language never changes.
 */
export function getI18n(lng: Language): I18n {
  let instance = everything.get(lng);
  if (!instance) {
    instance = createWordingInstance(lng, resources as unknown as Resource, { fallbackLng: defaultLanguage, ns: Object.keys(resources.zh) });
    everything.set(lng, instance);
  }
  return instance;
}

/** Changes whenever any wording changes, so a namespace's URL can be cached for good. */
export const wordingVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);

export function hasNamespace(lng: Language, ns: string): ns is Namespace {
  return Object.hasOwn(resources[lng], ns);
}

export function namespaceWording(lng: Language, ns: Namespace) {
  return resources[lng][ns];
}

const pages = new Map<string, { json: string; i18n: I18n }>();

/**
 * What a page renders with: the given namespaces in one language and nothing else, as an instance
 * (so a page that forgets to declare a namespace shows keys here as it would in the browser) and
 * as the JSON the document carries to the browser. A few dozen distinct sets exist (one per kind
 * of page), each made once.
 */
export function getPageWording(lng: Language, namespaces: readonly Namespace[]) {
  const key = `${lng}:${namespaces.join(",")}`;
  let page = pages.get(key);
  if (!page) {
    const picked: Record<string, unknown> = {};
    for (const ns of namespaces) picked[ns] = resources[lng][ns];
    const wording: PageWording = { lng, version: wordingVersion, resources: { [lng]: picked } as Resource };
    // Inside a <script> element: "<" escaped so no wording can close it.
    page = { json: JSON.stringify(wording).replace(/</g, "\\u003c"), i18n: createWordingInstance(lng, wording.resources) };
    pages.set(key, page);
  }
  return page;
}
