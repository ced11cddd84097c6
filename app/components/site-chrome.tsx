import { Form, Link, NavLink, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type HeaderUser = { name: string; role: string } | null;

/** The same page in the other language: `?lang=` switches and is remembered by the server. */
function useOtherLanguageHref() {
  const { i18n } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set("lang", i18n.language === "zh" ? "en" : "zh");
  return `${location.pathname}?${params.toString()}`;
}

/** The cart and how many items it holds; the count comes from the root loader on every page. */
function CartLink({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Link to="/cart" className="underline-offset-2 hover:underline" aria-label={t("nav.cartCount", { count })} data-testid="cart-link">
      {t("nav.cart")}
      <span aria-hidden="true" className="ml-1 rounded-full bg-white px-1.5 text-xs font-semibold text-brand-800" data-testid="cart-count">
        {count}
      </span>
    </Link>
  );
}

export function SiteHeader({ user, cartCount = 0 }: { user: HeaderUser; cartCount?: number }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const otherLanguageHref = useOtherLanguageHref();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded px-2 py-1 hover:bg-brand-800 ${isActive ? "bg-brand-800" : ""}`;
  return (
    <header className="bg-brand-700 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-black">
        Skip to content
      </a>
      {/* Two rows on a phone (brand and links; menu and search), so the page starts high on a small screen. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1.5 px-3 py-2 sm:gap-x-4 sm:gap-y-2 sm:px-4 sm:py-3">
        <Link to="/" className="flex shrink-0 items-baseline gap-2">
          <span className="text-lg font-bold">{t("hallName")}</span>
          <span className="hidden text-sm text-brand-100 sm:inline">{t("hallTagline")}</span>
        </Link>
        <nav aria-label={t("nav.menu")} className="order-last flex items-center gap-1 text-sm md:order-none md:flex-1">
          <NavLink to="/products" className={navClass}>
            {t("nav.products")}
          </NavLink>
          <NavLink to="/counties" className={navClass}>
            {t("nav.counties")}
          </NavLink>
          {user?.role === "ADMIN" ? (
            <NavLink to="/admin" className={navClass}>
              {t("nav.admin")}
            </NavLink>
          ) : null}
        </nav>
        <div className="flex min-w-0 flex-1 basis-40 items-center gap-x-3 overflow-x-auto whitespace-nowrap py-1 text-sm sm:ml-auto sm:flex-none sm:basis-auto sm:flex-wrap sm:justify-end sm:overflow-visible">
          <a href={otherLanguageHref} className="underline-offset-2 hover:underline" hrefLang={t("nav.language") === "English" ? "en" : "zh"}>
            {t("nav.language")}
          </a>
          <CartLink count={cartCount} />
          {user ? (
            <Link to="/orders" className="underline-offset-2 hover:underline">
              {t("nav.myOrders")}
            </Link>
          ) : null}
          {user ? (
            <Link to="/org" className="underline-offset-2 hover:underline">
              {t("nav.orgBuying")}
            </Link>
          ) : null}
          {user ? (
            <>
              <Link to="/account" className="underline-offset-2 hover:underline">
                <span className="hidden sm:inline">{user.name} · </span>
                {t("nav.myAccount")}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="underline-offset-2 hover:underline">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="underline-offset-2 hover:underline">
              {t("nav.signIn")}
            </Link>
          )}
        </div>
        <Form method="get" action="/products" role="search" className="order-last flex min-w-0 flex-1 gap-2 md:order-none md:min-w-72 md:flex-none">
          <label htmlFor="site-search" className="sr-only">
            {t("nav.search")}
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            defaultValue={searchParams.get("q") ?? ""}
            placeholder={t("nav.searchPlaceholder")}
            size={1}
            className="w-0 min-w-0 flex-1 rounded border-0 bg-white px-3 py-1.5 text-stone-900 placeholder:text-stone-500 sm:py-2"
          />
          <button type="submit" className="rounded bg-brand-800 px-2 py-1.5 hover:bg-stone-900 sm:px-3 sm:py-2">
            {t("nav.search")}
          </button>
        </Form>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600">
        <p>{t("footer.about")}</p>
        <p className="mt-1 text-stone-500">{t("footer.demo")}</p>
      </div>
    </footer>
  );
}
