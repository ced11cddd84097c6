import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/root";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "我的账户 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

// Loaders run in parallel, so every account route checks the user itself too; this one guards the layout.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

// Later account pages (orders) add their tab here.
const links = [
  { to: "/account", key: "profile", end: true },
  { to: "/account/addresses", key: "addresses", end: false },
] as const;

export default function AccountLayout() {
  const { t } = useTranslation("account");
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label={t("nav.label")} className="-mx-4 mb-6 overflow-x-auto border-b border-stone-300 px-4">
        <ul className="flex gap-1 whitespace-nowrap text-sm">
          {links.map((link) => (
            <li key={link.key}>
              <NavLink
                to={link.to}
                end={link.end}
                className={({ isActive }) =>
                  `-mb-px block border-b-2 px-3 py-2 ${isActive ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-stone-700 hover:text-stone-900"}`
                }
              >
                {t(`nav.${link.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
