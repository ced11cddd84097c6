import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuditTable } from "~/components/admin/audit-table";
import { Pager } from "~/components/admin/pager";
import { listAudit } from "~/models/audit.server";
import { requireAdmin } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "操作日志 · 管理后台" }];

const PAGE_SIZE = 50;
const entityTypes = ["Product", "Supplier", "County", "User", "Order", "Organisation"] as const;
const FilterSchema = z.object({
  entity: z.enum(entityTypes).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = filter.page ?? 1;
  // One row more than a page tells whether there is a next page without counting the whole log.
  const rows = await listAudit({ entityType: filter.entity, take: PAGE_SIZE + 1, skip: (page - 1) * PAGE_SIZE });
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

export default function AuditLog() {
  const { t } = useTranslation("admin");
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="entity" className="block text-sm font-medium">{t("audit.filterEntity")}</label>
          <select id="entity" name="entity" defaultValue={params.get("entity") ?? ""} className="mt-1 rounded border border-stone-400 bg-white px-3 py-2">
            <option value="">{t("common.all")}</option>
            {entityTypes.map((e) => <option key={e} value={e}>{t(`audit.entities.${e}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("products.filter")}</button>
      </Form>
      <div className="rounded border border-stone-300 bg-white p-3">
        <AuditTable rows={rows} />
      </div>
      <Pager page={page} hasNext={hasNext} summary={t("common.pageNumber", { page })} />
    </section>
  );
}
