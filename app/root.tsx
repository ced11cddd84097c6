import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "./components/site-chrome";
import { routeNamespaces, type Language, type Namespace, type WordingHandle } from "./i18n";
import stylesheet from "./tailwind.css?url";
import { countCartItems } from "./models/cart.server";
import { getOptionalUser } from "./utils/auth.server";
import { resolveLanguage } from "./utils/language.server";
import { useDocumentValues } from "./utils/document-context";
import { formatBytes } from "./utils/bytes";
import { LanguageProvider } from "./utils/localize";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const handle: WordingHandle = { i18n: ["common"] };

export const meta: MetaFunction = () => [{ title: "一汽扶贫馆" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ lang, setCookie }, user] = await Promise.all([resolveLanguage(request), getOptionalUser(request)]);
  const cartCount = await countCartItems(request, user);
  return data(
    { lang, user: user && { name: user.name, role: user.role }, cartCount },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const { nonce, requestId, lang: documentLanguage, wordingJson, i18nFor } = useDocumentValues();
  const lang: Language = rootData?.lang ?? documentLanguage;
  const namespaces = routeNamespaces(useMatches());
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name="request-id" content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-stone-50 text-stone-900 antialiased">
        <I18nextProvider i18n={i18nFor(lang)}>
          <WordingReady namespaces={namespaces}>
            <LanguageProvider value={lang}>
              <SiteHeader user={rootData?.user ?? null} cartCount={rootData?.cartCount ?? 0} />
              <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
                {children}
              </main>
              <SiteFooter />
            </LanguageProvider>
          </WordingReady>
        </I18nextProvider>
        {/* The wording this document was rendered with, read by entry.client.tsx before hydrating. */}
        <script id="page-wording" type="application/json" nonce={nonce} dangerouslySetInnerHTML={{ __html: wordingJson }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Holds a page back until the wording its routes declare is loaded: on a client-side navigation to
 * a page with a namespace not fetched yet, the current page stays until it arrives (the router
 * renders in a transition), so no raw key is ever shown.
 */
function WordingReady({ namespaces, children }: { namespaces: Namespace[]; children: React.ReactNode }) {
  useTranslation(namespaces);
  return children;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

/** The limit the edge reported with a 413 (server/app.js), in bytes. */
function tooLargeLimit(error: unknown) {
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  return typeof data === "object" && data !== null && "limitBytes" in data && typeof data.limitBytes === "number" ? data.limitBytes : 0;
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { requestId } = useDocumentValues();
  // The page's request id names this error only on the page as loaded, not after a client-side navigation.
  const firstPage = useLocation().key === "default";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
        : status === 413
          ? [t("errors.tooLargeTitle"), t("errors.tooLargeBody", { limit: formatBytes(tooLargeLimit(error)) })]
          : [t("errors.serverTitle"), t("errors.serverBody")];
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-stone-600">{body}</p>
      {requestId && firstPage ? (
        <p className="mt-4 text-sm text-stone-500" data-testid="request-id">
          {t("errors.requestId", { id: requestId })}
        </p>
      ) : null}
      <a href="/" className="mt-6 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        {t("errors.backHome")}
      </a>
    </section>
  );
}
