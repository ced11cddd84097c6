import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { Notice, SubmitButton } from "~/components/admin/form-fields";
import { Pager } from "~/components/admin/pager";
import { TableScroller } from "~/components/admin/table-scroller";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { Money } from "~/components/money";
import { PendingApprovals } from "~/components/admin/approvals";
import { askEntryReversal, pendingApprovalsOfKind } from "~/models/admin-approval.server";
import { listEntries } from "~/models/ledger-admin.server";
import { ENTRIES_PER_PAGE, EntryReversalSchema, ledgerBuyerTypes, ledgerChannels } from "~/models/ledger-schema";
import { parseYear } from "~/models/relief-progress.server";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLanguage, useLocalize } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "台账明细 · 管理后台" }];

const positive = z.coerce.number().int().positive().optional().catch(undefined);
// Unknown filter values are dropped rather than refused: a drill-down link never ends in an error.
const FilterSchema = z.object({
  month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  countyId: positive,
  channel: z.enum(ledgerChannels).optional().catch(undefined),
  buyerType: z.enum(ledgerBuyerTypes).optional().catch(undefined),
  productId: positive,
  batchId: positive,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const year = parseYear(params.get("year"));
  const { page, ...filter } = FilterSchema.parse(Object.fromEntries(params));
  const [result, counties, waiting] = await Promise.all([
    listEntries({ year, ...filter }, page),
    prisma.county.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } }),
    pendingApprovalsOfKind("LEDGER_REVERSAL"),
  ]);
  return { year, filter, page, counties, waiting, ...result };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "reverse") throw new Response("Unknown intent", { status: 400 });
  const submission = parseForm(formData, EntryReversalSchema);
  // The entry names which row's form answers.
  const entryId = String(formData.get("entryId") ?? "");
  if (submission.status !== "success") return refuse(submission, {}, { extra: { entryId, done: null } });
  // A reversal waits for a second administrator (ADR 029).
  const result = await askEntryReversal(submission.value.entryId, submission.value.reason, user.id);
  if (!result.ok) return refuse(submission, { fieldErrors: { reason: ["admin:approvals.errors.not-reversible"] } }, { extra: { entryId, done: null } });
  return { result: submission.reply({ resetForm: true }), entryId, done: "asked" as const };
}

/** One row's 冲销 form: the reason is checked as it is typed, and again by the server. */
function ReverseEntryForm({ entryId, lastResult, busy }: { entryId: number; lastResult: FormReply | null; busy: boolean }) {
  const { t } = useTranslation("ledger");
  const [form, fields] = useHallForm(EntryReversalSchema, { id: `reverse-${entryId}`, lastResult });
  const { key, ...reasonProps } = getInputProps(fields.reason, { type: "text" });
  // A tampered entry id has no field of its own: its message shows under the reason.
  const error = fields.reason.errors?.[0] ?? fields.entryId.errors?.[0];
  return (
    <Form method="post" className="mt-1 space-y-1" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reverse" />
      <input type="hidden" name="entryId" value={entryId} />
      <label htmlFor={fields.reason.id} className="block text-xs font-medium">{t("entries.reverseReason")}</label>
      <input key={key} {...reasonProps} className="block w-full rounded border border-stone-400 px-2 py-1" />
      {error ? <p id={fields.reason.errorId} className="text-xs text-red-700">{t(error)}</p> : null}
      <SubmitButton variant="danger" busy={busy}>{t("entries.reverse")}</SubmitButton>
    </Form>
  );
}

export default function LedgerEntries() {
  const { t } = useTranslation("ledger");
  const localize = useLocalize();
  const locale = useLanguage();
  const { year, filter, page, counties, waiting, entries, sumFen, count } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const select = "mt-1 block rounded border border-stone-400 bg-white px-2 py-2";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("entries.title")}</h1>
      <LedgerLinks />
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <div>
          <label htmlFor="f-year" className="block font-medium">{t("dashboard.year")}</label>
          <input id="f-year" name="year" type="number" min={2019} max={2100} defaultValue={year} className={`${select} w-24`} />
        </div>
        <div>
          <label htmlFor="f-month" className="block font-medium">{t("entries.month")}</label>
          <select id="f-month" name="month" defaultValue={filter.month ?? ""} className={select}>
            <option value="">{t("entries.all")}</option>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option key={m} value={m}>{t("months", { month: m })}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-county" className="block font-medium">{t("entries.county")}</label>
          <select id="f-county" name="countyId" defaultValue={filter.countyId ?? ""} className={select}>
            <option value="">{t("entries.all")}</option>
            {counties.map((c) => <option key={c.id} value={c.id}>{localize(c.nameZh, c.nameEn)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-channel" className="block font-medium">{t("entries.channel")}</label>
          <select id="f-channel" name="channel" defaultValue={filter.channel ?? ""} className={select}>
            <option value="">{t("entries.all")}</option>
            {ledgerChannels.map((c) => <option key={c} value={c}>{t(`channels.${c}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-buyer" className="block font-medium">{t("entries.buyerType")}</label>
          <select id="f-buyer" name="buyerType" defaultValue={filter.buyerType ?? ""} className={select}>
            <option value="">{t("entries.all")}</option>
            {ledgerBuyerTypes.map((b) => <option key={b} value={b}>{t(`buyerTypes.${b}`)}</option>)}
          </select>
        </div>
        {filter.batchId ? <input type="hidden" name="batchId" value={filter.batchId} /> : null}
        {filter.productId ? <input type="hidden" name="productId" value={filter.productId} /> : null}
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-900">{t("entries.filters")}</button>
      </Form>
      <p role="status" className="font-medium" data-testid="entries-summary">
        {t("entries.summary", { count, amount: formatFen(sumFen, locale) })}
        {filter.batchId ? ` · ${t("entries.batchLink", { id: filter.batchId })}` : ""}
      </p>
      {actionData?.done ? <Notice>{t("admin:approvals.waiting")}</Notice> : null}
      <PendingApprovals approvals={waiting} />
      {entries.length === 0 ? (
        <p>{t("entries.empty")}</p>
      ) : (
        <TableScroller label={t("entries.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-2 py-2">{t("entries.date")}</th>
                <th scope="col" className="px-2 py-2">{t("entries.county")}</th>
                <th scope="col" className="px-2 py-2">{t("entries.channel")}</th>
                <th scope="col" className="px-2 py-2">{t("entries.buyerType")}</th>
                <th scope="col" className="px-2 py-2">{t("entries.source")}</th>
                <th scope="col" className="px-2 py-2">{t("entries.by")}</th>
                <th scope="col" className="px-2 py-2 text-right">{t("dashboard.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-stone-200 align-top">
                  <td className="px-2 py-2"><DateTime value={e.occurredAt} /></td>
                  <td className="px-2 py-2">{localize(e.countyZh, e.countyEn)}</td>
                  <td className="px-2 py-2">{t(`channels.${e.channel}`, { defaultValue: e.channel })}</td>
                  <td className="px-2 py-2">{t(`buyerTypes.${e.buyerType}`, { defaultValue: e.buyerType })}</td>
                  <td className="px-2 py-2">
                    {t(`sourceTypes.${e.sourceType}`, { defaultValue: e.sourceType })}
                    {e.orderNumber ? <> · <Link to={`/admin/orders/${e.orderNumber}`} className="text-brand-700 underline">{t("entries.order", { number: e.orderNumber })}</Link></> : null}
                    {e.batchId ? <> · <Link to={`/admin/ledger/imports/${e.batchId}`} className="text-brand-700 underline">{t("entries.batchLink", { id: e.batchId })}</Link></> : null}
                    {e.externalOrderId ? <span className="block font-mono text-xs">{t("entries.external", { id: e.externalOrderId })}</span> : null}
                    {e.product ? <span className="block text-xs">{e.product.nameZh} <span className="font-mono">{e.product.sku}</span></span> : null}
                    {e.note ? <span className="block text-xs text-stone-700">{t("entries.note")}: {e.note}</span> : null}
                    {["OFFLINE_SALE", "ADJUSTMENT"].includes(e.sourceType) ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-brand-700">{t("entries.reverse")}</summary>
                        <ReverseEntryForm
                          entryId={e.id}
                          lastResult={actionData?.entryId === String(e.id) ? actionData.result : null}
                          busy={navigation.state === "submitting" && navigation.formData?.get("entryId") === String(e.id)}
                        />
                      </details>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">{e.createdBy ?? ""}</td>
                  <td className={`px-2 py-2 text-right ${e.amountFen < 0 ? "text-red-800" : ""}`}><Money fen={e.amountFen} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pager page={page} hasNext={page * ENTRIES_PER_PAGE < count} summary={t("entries.summary", { count, amount: formatFen(sumFen, locale) })} />
    </section>
  );
}
