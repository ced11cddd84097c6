import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { listAudit } from "~/models/audit.server";
import { productCounts } from "~/models/product.server";
import { countPendingSuppliers } from "~/models/supplier.server";
import { requireAdmin } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [counts, pendingSuppliers, recent] = await Promise.all([
    productCounts(),
    countPendingSuppliers(),
    listAudit({ take: 10 }),
  ]);
  return { counts, pendingSuppliers, recent };
}

export default function AdminOverview() {
  const { t } = useTranslation("admin");
  const { counts, pendingSuppliers, recent } = useLoaderData<typeof loader>();
  const tiles = [
    { label: t("overview.activeProducts"), value: counts.active, to: "/admin/products?status=ACTIVE" },
    { label: t("overview.archivedProducts"), value: counts.archived, to: "/admin/products?status=ARCHIVED" },
    { label: t("overview.pendingSuppliers"), value: pendingSuppliers, to: "/admin/suppliers?status=PENDING" },
  ];
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("overview.title")}</h1>
      <ul className="grid gap-4 sm:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.to}>
            <Link to={tile.to} className="block rounded border border-stone-300 bg-white p-4 hover:border-brand-700">
              <span className="block text-sm text-stone-700">{tile.label}</span>
              <span className="mt-1 block text-3xl font-semibold text-stone-900">{tile.value}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div>
        <h2 className="text-lg font-semibold">{t("overview.quickLinks")}</h2>
        <div className="mt-2 flex flex-wrap gap-3 text-sm">
          <Link to="/admin/products/new" className="rounded bg-brand-700 px-3 py-2 text-white hover:bg-brand-800">{t("products.new")}</Link>
          <Link to="/admin/products/import" className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">{t("products.import")}</Link>
          <Link to="/admin/suppliers" className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">{t("suppliers.new")}</Link>
        </div>
      </div>
      <div>
        <div className="flex items-baseline justify-between gap-4">
          <h2 className="text-lg font-semibold">{t("overview.recentAudit")}</h2>
          <Link to="/admin/audit" className="text-sm text-brand-700 underline">{t("overview.viewAll")}</Link>
        </div>
        <div className="mt-2 rounded border border-stone-300 bg-white p-3">
          <AuditTable rows={recent} />
        </div>
      </div>
    </section>
  );
}
