import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCountiesForAdmin } from "~/models/county.server";
import { requireAdmin } from "~/utils/auth.server";
import { TableScroller } from "~/components/admin/table-scroller";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "帮扶县 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { counties: await listCountiesForAdmin() };
}

export default function Counties() {
  const { t, i18n } = useTranslation("admin");
  const { counties } = useLoaderData<typeof loader>();
  const en = i18n.language === "en";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("counties.title")}</h1>
      {counties.length === 0 ? (
        <p className="text-stone-700">{t("counties.empty")}</p>
      ) : (
        <TableScroller label={t("counties.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("counties.name")}</th>
                <th scope="col" className="px-3 py-2">{t("counties.province")}</th>
                <th scope="col" className="px-3 py-2">{t("counties.kind")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("counties.suppliers")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("counties.products")}</th>
              </tr>
            </thead>
            <tbody>
              {counties.map((c) => (
                <tr key={c.id} className="border-b border-stone-200">
                  <td className="px-3 py-2">
                    <Link to={`/admin/counties/${c.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {en ? c.nameEn : c.nameZh}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{en ? c.provinceEn : c.provinceZh}</td>
                  <td className="px-3 py-2">{t(`counties.kinds.${c.kind}`, { defaultValue: c.kind })}</td>
                  <td className="px-3 py-2 text-right">{c._count.suppliers}</td>
                  <td className="px-3 py-2 text-right">{c._count.products}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
