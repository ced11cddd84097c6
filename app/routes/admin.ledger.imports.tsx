import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DateTime } from "~/components/admin/date-time";
import { FormError, SelectField, SubmitButton } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { Money } from "~/components/money";
import { listBatches, startImport } from "~/models/ledger-import.server";
import { importChannels, ImportUploadSchema, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/models/ledger-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "平台订单导入 · 管理后台" }];

const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { batches: await listBatches() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const upload = await readUpload(request, { maxFileBytes: MAX_IMPORT_BYTES });
  if (!upload.ok) {
    // A body past the limits is refused before its fields could be read: the message goes under the file.
    const unread = parseForm(new URLSearchParams(), z.object({}));
    return refuse(unread, { fieldErrors: { file: [upload.problem.message] } }, { status: upload.problem.status, extra: { fileParams: upload.problem.params ?? {} } });
  }
  const submission = parseForm(new URLSearchParams(upload.fields), ImportUploadSchema);
  if (submission.status !== "success") return refuse(submission, {}, { extra: { fileParams: {} } });
  if (!upload.file) return refuse(submission, { fieldErrors: { file: ["ledger:errors.noFile"] } }, { extra: { fileParams: {} } });
  const batch = await startImport({ channel: submission.value.channel, fileName: upload.file.name, bytes: upload.file.bytes, userId: user.id });
  throw redirect(`/admin/ledger/imports/${batch.id}`);
}

export default function Imports() {
  const { t } = useTranslation("ledger");
  const { batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(ImportUploadSchema, { id: "import", lastResult: actionData?.result, defaultValue: { channel: "JD" } });
  // The file is not in the schema (the streaming parser reads it): its error comes from the server only.
  const fileError = form.allErrors.file?.[0];
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("imports.title")}</h1>
      <LedgerLinks />
      <Form method="post" encType="multipart/form-data" className="max-w-xl space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <p className="text-sm text-stone-800">{t("imports.intro")}</p>
        <input type="hidden" name="intent" value="upload" />
        <FormError form={form} />
        <SelectField field={fields.channel} label={t("imports.channel")} options={importChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        <div>
          <label htmlFor="file" className="block text-sm font-medium">{t("imports.file")}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`file-hint${fileError ? " file-error" : ""}`}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
          />
          <p id="file-hint" className="mt-1 text-xs text-stone-600">{t("imports.fileHint", { mb: MAX_MB, rows: MAX_IMPORT_ROWS })}</p>
          {fileError ? <p id="file-error" className="mt-1 text-sm text-red-700">{t(fileError, { mb: MAX_MB, ...actionData?.fileParams })}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("imports.uploading")}>{t("imports.upload")}</SubmitButton>
          <Link to="/admin/ledger/mappings" className="text-sm text-brand-700 underline">{t("imports.mappingLink")}</Link>
        </div>
      </Form>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title" className="text-lg font-semibold">{t("imports.recent")}</h2>
        {batches.length === 0 ? (
          <p className="mt-2">{t("imports.none")}</p>
        ) : (
          <TableScroller label={t("imports.recent")} className="mt-2 rounded border border-stone-300 bg-white">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="border-b border-stone-300 bg-stone-100">
                <tr>
                  {(["id", "channel", "file", "status", "rows", "amount", "createdAt"] as const).map((c) => (
                    <th key={c} scope="col" className={`px-2 py-2 ${c === "rows" || c === "amount" ? "text-right" : ""}`}>{t(`imports.columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} className="border-b border-stone-200">
                    <td className="px-2 py-2"><Link to={`/admin/ledger/imports/${b.id}`} className="text-brand-700 underline">#{b.id}</Link></td>
                    <td className="px-2 py-2">{t(`channels.${b.channel}`, { defaultValue: b.channel })}</td>
                    <td className="px-2 py-2 break-all">{b.fileName}</td>
                    <td className="px-2 py-2">{t(`imports.statuses.${b.status}`, { defaultValue: b.status })}</td>
                    <td className="px-2 py-2 text-right">{b.rowCount || b.processedRows}</td>
                    <td className="px-2 py-2 text-right"><Money fen={b.status === "COUNTED" || b.status === "REVERSED" ? b.newFen : b.totalFen} /></td>
                    <td className="px-2 py-2"><DateTime value={b.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
    </section>
  );
}
