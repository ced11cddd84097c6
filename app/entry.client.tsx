import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { clientI18n, documentLanguage, pageWordingJson } from "./i18n.client";
import { DocumentProvider } from "./utils/document-context";

// The id of the request that rendered this page, so an error page shown on load can quote it.
const requestId = document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <DocumentProvider value={{ nonce: "", requestId, lang: documentLanguage, wordingJson: pageWordingJson, i18nFor: clientI18n }}>
        <RemixBrowser />
      </DocumentProvider>
    </StrictMode>,
  );
});
