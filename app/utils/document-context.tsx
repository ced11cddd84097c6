import { createContext, useContext } from "react";

/**
 * Per-request values the server knows before rendering: the Content-Security-Policy nonce for the
 * scripts Remix writes into the page, and the request id a visitor can quote from an error page.
 * In the browser the nonce is "" (browsers hide it after load) and the id comes from the page's meta.
 */
export type DocumentValues = { nonce: string; requestId: string };

const DocumentContext = createContext<DocumentValues>({ nonce: "", requestId: "" });

export const DocumentProvider = DocumentContext.Provider;

export function useDocumentValues() {
  return useContext(DocumentContext);
}
