import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/admin/form-fields";
import { Pager } from "~/components/admin/pager";
import { Money } from "~/components/money";
import { listProductsForAdmin, productFormOptions } from "~/models/product.server";
import { productStatuses } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { TableScroller } from "~/components/admin/table-scroller";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

const FilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(productStatuses).optional().catch(undefined),
  county: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, options] = await Promise.all([
    listProductsForAdmin({ q: filter.q, status: filter.status, countyId: filter.county, page: filter.page }),
    productFormOptions(),
  ]);
  return { ...result, counties: options.counties };
}

export default function AdminProducts() {
  const { t, i18n } = useTranslation("admin");
  const { products, total, page, pages, counties } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const en = i18n.language === "en";
  const done = params.get("done");
  const selectClass = "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2";
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("products.title")}</h1>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link to="/admin/products/new" className="rounded bg-brand-700 px-3 py-2 text-white hover:bg-brand-800">{t("products.new")}</Link>
          <Link to="/admin/products/import" className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">{t("products.import")}</Link>
          <Link to="/admin/products/photos" className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">{t("photos.bulkLink")}</Link>
          <a href="/admin/products/export.csv" download className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">{t("products.export")}</a>
        </div>
      </div>
      {done === "archived" || done === "restored" ? <Notice>{t(`products.${done}`)}</Notice> : null}
      <Form method="get" role="search" aria-label={t("products.searchLabel")} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">{t("products.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} className={selectClass} />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">{t("products.statusLabel")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""} className={selectClass}>
            <option value="">{t("common.all")}</option>
            {productStatuses.map((s) => <option key={s} value={s}>{t(`products.status.${s}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="county" className="block text-sm font-medium">{t("products.countyLabel")}</label>
          <select id="county" name="county" defaultValue={params.get("county") ?? ""} className={selectClass}>
            <option value="">{t("common.all")}</option>
            {counties.map((c) => <option key={c.id} value={c.id}>{en ? c.nameEn : c.nameZh}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("products.filter")}</button>
      </Form>
      {products.length === 0 ? (
        <p className="text-stone-700">{t("products.empty")}</p>
      ) : (
        <TableScroller label={t("products.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100 text-stone-800">
              <tr>
                {(["sku", "name", "county", "spec", "price", "stock", "status"] as const).map((c) => (
                  <th key={c} scope="col" className={`px-3 py-2 ${c === "price" || c === "stock" ? "text-right" : ""}`}>{t(`products.columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id} className="border-b border-stone-200">
                  <td className="px-3 py-2 font-mono text-xs">{p.sku}</td>
                  <td className="px-3 py-2">
                    <Link to={`/admin/products/${p.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {en && p.nameEn ? p.nameEn : p.nameZh}
                    </Link>
                    {p.endorsement ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("products.endorsed")}</span> : null}
                  </td>
                  <td className="px-3 py-2">{en ? p.county.nameEn : p.county.nameZh}</td>
                  <td className="px-3 py-2">{p.spec}</td>
                  <td className="px-3 py-2 text-right"><Money fen={p.priceFen} /></td>
                  <td className={`px-3 py-2 text-right ${p.stock === 0 ? "font-semibold text-red-800" : ""}`}>{p.stock}</td>
                  <td className="px-3 py-2">
                    <span className={p.status === "ACTIVE" ? "text-green-800" : "text-stone-600"}>{t(`products.status.${p.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pager page={page} hasNext={page < pages} summary={t("common.page", { page, pages, total })} />
    </section>
  );
}
