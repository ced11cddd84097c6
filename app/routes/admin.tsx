import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TabNav } from "~/components/ui/tab-nav";
import { countPendingApprovals } from "~/models/admin-approval.server";
import { ErrorPage } from "~/root";
import { requireAdmin } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "管理后台 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

// Loaders run in parallel, so every admin route checks the role itself too; this one guards the layout.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { pendingApprovals: await countPendingApprovals() };
}

const links = [
  { to: "/admin", key: "overview", end: true },
  { to: "/admin/products", key: "products", end: false },
  { to: "/admin/products/import", key: "import", end: false },
  { to: "/admin/suppliers", key: "suppliers", end: false },
  { to: "/admin/counties", key: "counties", end: false },
  { to: "/admin/employees", key: "employees", end: false },
  { to: "/admin/roster", key: "roster", end: false },
  { to: "/admin/orders", key: "orders", end: false },
  { to: "/admin/audit", key: "audit", end: false },
  { to: "/admin/organisations", key: "organisations", end: false },
  { to: "/admin/receivables", key: "receivables", end: false },
  { to: "/admin/gift-boxes", key: "giftBoxes", end: false },
  { to: "/admin/ledger/entries", key: "ledger", end: false },
  { to: "/admin/approvals", key: "approvals", end: false },
] as const;

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  const { pathname } = useLocation();
  const { pendingApprovals } = useLoaderData<typeof loader>();
  const label = (key: (typeof links)[number]["key"]) => (key === "approvals" && pendingApprovals > 0 ? `${t("nav.approvals")} (${pendingApprovals})` : t(`nav.${key}`));
  // The product list owns /admin/products/* except the import page, which has its own tab.
  const productsActive = pathname.startsWith("/admin/products") && !pathname.startsWith("/admin/products/import");
  return (
    <div>
      <TabNav label={t("nav.label")} tabs={links.map((link) => ({ to: link.to, end: link.end, label: label(link.key), active: link.key === "products" ? productsActive : link.key === "ledger" ? pathname.startsWith("/admin/ledger") : undefined }))} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
