import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { Pager } from "~/components/admin/pager";
import { TableScroller } from "~/components/admin/table-scroller";
import { StatusBadge } from "~/components/org/location-fields";
import { organisationStatuses } from "~/models/organisation-schema";
import { listOrganisations } from "~/models/organisation.server";
import { requireAdmin } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "org"] };

export const meta: MetaFunction = () => [{ title: "单位账号 · 管理后台" }];

const FilterSchema = z.object({
  status: z.enum(organisationStatuses).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listOrganisations(filter);
}

export default function Organisations() {
  const { t } = useTranslation("org");
  const { t: ta } = useTranslation("admin");
  const { organisations, total, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const input = "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.title")}</h1>
      <Form method="get" role="search" aria-label={t("admin.searchLabel")} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="q" className="block text-sm font-medium">{t("admin.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">{t("admin.status")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""} className={input}>
            <option value="">{t("admin.all")}</option>
            {organisationStatuses.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("admin.search")}</button>
      </Form>
      {organisations.length === 0 ? (
        <p className="text-stone-700">{t("admin.empty")}</p>
      ) : (
        <TableScroller label={t("admin.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("fields.name")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.kind")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.creditCode")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.status")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.members")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id} className="border-b border-stone-200">
                  <td className="px-3 py-2">
                    <Link to={`/admin/organisations/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{o.name}</Link>
                  </td>
                  <td className="px-3 py-2">{t(`kinds.${o.kind}`, { defaultValue: o.kind })}</td>
                  <td className="px-3 py-2 font-mono">{o.creditCode}</td>
                  <td className="px-3 py-2"><StatusBadge status={o.status} /></td>
                  <td className="px-3 py-2">{o._count.members}</td>
                  <td className="whitespace-nowrap px-3 py-2"><DateTime value={o.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pager page={page} hasNext={page < pages} summary={ta("common.page", { page, pages, total })} />
    </section>
  );
}
