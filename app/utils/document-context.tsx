import type { i18n as I18n } from "i18next";
import { createContext, useContext } from "react";
import type { Language } from "~/i18n";

/**
 * Per-request values the server knows before rendering: the Content-Security-Policy nonce for the
 * scripts Remix writes into the page, the request id a visitor can quote from an error page, and
 * the page's wording (the language, the JSON the document carries, the i18next instance for a
 * language). In the browser the nonce is "" (browsers hide it after load), the id comes from the
 * page's meta and the wording from the JSON the server wrote.
 */
export type DocumentValues = {
  nonce: string;
  requestId: string;
  lang: Language;
  wordingJson: string;
  i18nFor: (lng: Language) => I18n;
};

const DocumentContext = createContext<DocumentValues | null>(null);

export const DocumentProvider = DocumentContext.Provider;

export function useDocumentValues(): DocumentValues {
  const values = useContext(DocumentContext);
  if (!values) throw new Error("useDocumentValues needs a DocumentProvider (entry.server.tsx, entry.client.tsx)");
  return values;
}
