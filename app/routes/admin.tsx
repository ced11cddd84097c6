import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/root";
import { requireAdmin } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "管理后台 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

// Loaders run in parallel, so every admin route checks the role itself too; this one guards the layout.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const links = [
  { to: "/admin", key: "overview", end: true },
  { to: "/admin/products", key: "products", end: false },
  { to: "/admin/products/import", key: "import", end: false },
  { to: "/admin/suppliers", key: "suppliers", end: false },
  { to: "/admin/counties", key: "counties", end: false },
  { to: "/admin/employees", key: "employees", end: false },
  { to: "/admin/orders", key: "orders", end: false },
  { to: "/admin/audit", key: "audit", end: false },
  { to: "/admin/organisations", key: "organisations", end: false },
] as const;

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  const { pathname } = useLocation();
  // The product list owns /admin/products/* except the import page, which has its own tab.
  const productsActive = pathname.startsWith("/admin/products") && !pathname.startsWith("/admin/products/import");
  return (
    <div>
      <nav aria-label={t("nav.label")} className="-mx-4 mb-6 overflow-x-auto border-b border-stone-300 px-4">
        <ul className="flex gap-1 text-sm whitespace-nowrap">
          {links.map((link) => (
            <li key={link.key}>
              <NavLink
                to={link.to}
                end={link.end}
                className={({ isActive }) =>
                  `-mb-px block border-b-2 px-3 py-2 ${(link.key === "products" ? productsActive : isActive) ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-stone-700 hover:text-stone-900"}`
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
