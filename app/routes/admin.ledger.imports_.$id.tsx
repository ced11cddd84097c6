import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { PendingApprovals } from "~/components/admin/approvals";
import { askImportReversal, pendingApprovalsFor } from "~/models/admin-approval.server";
import { countBatch, discardBatch, getBatch } from "~/models/ledger-import.server";
import { BatchActionSchema, ReasonSchema } from "~/models/ledger-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLanguage } from "~/utils/localize";
import { formatFen } from "~/utils/money";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "导入批次 · 管理后台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const batch = await getBatch(idOr404(params.id));
  if (!batch) throw new Response("Not found", { status: 404 });
  return { batch, waiting: await pendingApprovalsFor([`ImportBatch:${batch.id}`]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "confirm" || intent === "discard") {
    const submission = parseForm(formData, BatchActionSchema);
    const result = intent === "confirm" ? await countBatch(id, user.id) : await discardBatch(id, user.id);
    if (!result.ok) return refuse(submission, { formError: "ledger:batch.notReady" }, { status: 409, extra: { intent } });
    throw redirect(`/admin/ledger/imports/${id}`);
  }
  if (intent === "reverse") {
    const submission = parseForm(formData, ReasonSchema);
    if (submission.status !== "success") return refuse(submission, {}, { extra: { intent } });
    // A reversal waits for a second administrator (ADR 029).
    const result = await askImportReversal(id, submission.value.reason, user.id);
    if (!result.ok) return refuse(submission, { formError: "ledger:batch.notReady" }, { status: 409, extra: { intent } });
    throw redirect(`/admin/ledger/imports/${id}`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function ImportBatchPage() {
  const { t } = useTranslation("ledger");
  const locale = useLanguage();
  const { batch, waiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const checking = batch.status === "VALIDATING" && batch.running;
  // While the file is being checked the page asks for progress once a second.
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [checking, revalidator]);
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const [reverseForm, reverse] = useHallForm(ReasonSchema, { id: "reverse", lastResult: actionData?.intent === "reverse" ? actionData.result : null });
  // "Not ready" is about the batch, whichever button asked: it shows at the top, where it stays visible.
  const batchError = actionData?.result.error?.[""]?.[0];
  const money = (fen: number) => formatFen(fen, locale);
  const percent = batch.rowCount > 0 ? Math.min(100, Math.floor((batch.processedRows * 100) / batch.rowCount)) : 0;
  const card = "space-y-3 rounded border border-stone-300 bg-white p-4";

  return (
    <section className="space-y-6">
      <h1 className="break-all text-2xl font-semibold">{t("batch.title", { id: batch.id, file: batch.fileName })}</h1>
      <LedgerLinks />
      <p className="text-sm">
        {t(`channels.${batch.channel}`, { defaultValue: batch.channel })} · {t(`imports.statuses.${batch.status}`, { defaultValue: batch.status })} ·{" "}
        <DateTime value={batch.createdAt} />
      </p>
      {batchError ? <FormError message={batchError} /> : null}
      <PendingApprovals approvals={waiting} />

      {batch.status === "VALIDATING" ? (
        checking ? (
          <div className={card}>
            <p role="status" aria-live="polite">
              {batch.rowCount > 0 ? t("batch.progress", { done: batch.processedRows, total: batch.rowCount }) : t("batch.progressUnknown", { done: batch.processedRows })}
            </p>
            <progress max={100} value={percent} aria-label={t("batch.progressLabel")} className="w-full" />
          </div>
        ) : (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">{t("batch.interrupted")}</p>
        )
      ) : null}

      {batch.status === "FAILED" ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{t("batch.failed")}</p> : null}

      {batch.status === "INVALID" ? (
        <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <h2 className="font-semibold">{t("batch.errorsTitle", { count: batch.issueCount })}</h2>
          <TableScroller label={t("batch.columnsHeader.problem")}>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-red-200">
                  <th scope="col" className="py-1 pr-3">{t("batch.columnsHeader.row")}</th>
                  <th scope="col" className="py-1 pr-3">{t("batch.columnsHeader.column")}</th>
                  <th scope="col" className="py-1">{t("batch.columnsHeader.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {batch.issues.map((issue, i) => (
                  <tr key={i} className="border-b border-red-100 align-top">
                    <td className="whitespace-nowrap py-1 pr-3">{issue.row > 0 ? t("batch.row", { row: issue.row }) : t("batch.fileLevel")}</td>
                    <td className="py-1 pr-3">{issue.column ?? ""}</td>
                    <td className="py-1">{t(issue.message, issue.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
          {batch.issueCount > batch.issues.length ? <p>{t("batch.moreErrors", { count: batch.issueCount - batch.issues.length })}</p> : null}
          <Link to="/admin/ledger/imports" className="inline-block text-brand-700 underline">{t("batch.fixAndRetry")}</Link>
        </div>
      ) : null}

      {batch.status === "READY" ? (
        <div className={card}>
          <h2 className="text-lg font-semibold">{t("batch.readyTitle")}</h2>
          <p role="status" data-testid="batch-summary">
            {t("batch.summary", { rows: batch.rowCount, total: money(batch.totalFen), newRows: batch.newRows, newAmount: money(batch.newFen), duplicates: batch.duplicateRows })}
          </p>
          <div className="flex flex-wrap gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <SubmitButton busy={busy === "confirm"} busyLabel={t("batch.confirming")}>{t("batch.confirm")}</SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <SubmitButton variant="secondary" busy={busy === "discard"}>{t("batch.discard")}</SubmitButton>
            </Form>
          </div>
        </div>
      ) : null}

      {batch.status === "DISCARDED" ? <p role="status">{t("batch.discarded")}</p> : null}

      {batch.status === "COUNTED" || batch.status === "REVERSED" ? (
        <div className={card}>
          <Notice>{t("batch.counted", { rows: batch.newRows, amount: money(batch.newFen) })}</Notice>
          {batch.countedAt ? <p className="text-sm">{t("batch.countedAt")}: <DateTime value={batch.countedAt} /></p> : null}
          <Link to={`/admin/ledger/entries?batchId=${batch.id}`} className="text-sm text-brand-700 underline">{t("batch.entriesLink")}</Link>
          {batch.status === "REVERSED" ? (
            <p role="status" className="rounded bg-stone-100 p-2">{t("batch.reversed", { reason: batch.reverseReason ?? "" })}</p>
          ) : (
            <Form method="post" className="space-y-2 border-t border-stone-200 pt-3" {...getFormProps(reverseForm)}>
              <h2 className="font-semibold">{t("batch.reverseTitle")}</h2>
              <p className="text-sm text-stone-700">{t("batch.reverseIntro")}</p>
              <input type="hidden" name="intent" value="reverse" />
              <TextField field={reverse.reason} label={t("batch.reason")} />
              <SubmitButton variant="danger" busy={busy === "reverse"}>{t("batch.reverse")}</SubmitButton>
            </Form>
          )}
        </div>
      ) : null}
      <Link to="/admin/ledger/imports" className="inline-block text-sm text-brand-700 underline">{t("batch.back")}</Link>
    </section>
  );
}
