import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, SubmitButton } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { decodeCsvBytes, importCsv, validateCsv, type CsvIssue, type ValidationResult } from "~/models/product-csv.server";
import { CSV_COLUMNS, ImportConfirmSchema, MAX_CSV_BYTES, REQUIRED_COLUMNS } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { readUpload } from "~/utils/upload.server";
import { TableScroller } from "~/components/admin/table-scroller";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "批量导入 · 管理后台" }];

const MAX_MB = MAX_CSV_BYTES / 1024 / 1024;
const SHOWN_ISSUES = 200;
const PREVIEW_ROWS = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { maxMb: MAX_MB };
}

type ImportIssues = { stage: "errors"; issues: CsvIssue[]; issueCount: number; rowCount: number };

function issuesOf(result: Extract<ValidationResult, { ok: false }>): ImportIssues {
  return { stage: "errors", issues: result.issues.slice(0, SHOWN_ISSUES), issueCount: result.issues.length, rowCount: result.rowCount };
}

function fileProblem(message: string, params: Record<string, string | number> = { mb: MAX_MB }, status = 400) {
  return data({ stage: "errors", issues: [{ row: 0, message, params }], issueCount: 1, rowCount: 0 } satisfies ImportIssues, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  // The preview carries the decoded file back as a field for the confirm step (GB18030 grows in UTF-8).
  const upload = await readUpload(request, { maxFileBytes: MAX_CSV_BYTES, maxFieldBytes: 2 * MAX_CSV_BYTES });
  if (!upload.ok) return fileProblem(upload.problem.message, upload.problem.params, upload.problem.status);
  const { fields, file } = upload;
  const intent = fields.intent;

  if (intent === "preview") {
    if (!file) return fileProblem("admin:csv.noFile");
    const csv = decodeCsvBytes(file.bytes);
    const result = await validateCsv(csv);
    if (!result.ok) return data(issuesOf(result), { status: 400 });
    const { plan } = result;
    return {
      stage: "preview" as const,
      csv,
      fileName: file.name,
      summary: { rows: plan.rows.length, creates: plan.creates, updates: plan.updates, unchanged: plan.unchanged },
      rows: plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({
        row: r.row,
        action: r.action,
        sku: r.fields.sku,
        nameZh: r.fields.nameZh,
        spec: r.fields.spec,
        priceFen: r.fields.priceFen,
        stock: r.stock,
        stockFrom: r.stock - r.stockDelta,
        endorsed: r.endorsement !== null,
      })),
    };
  }

  if (intent === "confirm") {
    // The form's only other field; what is wrong with the file itself comes back as a list of rows.
    const submission = parseForm(new URLSearchParams(fields), ImportConfirmSchema);
    if (submission.status !== "success") return fileProblem("admin:csv.noFile");
    // Validated again inside the import's transaction: the catalogue may have changed since the preview.
    const result = await importCsv(submission.value.csv, user.id);
    if (!result.ok) return data(issuesOf(result), { status: 400 });
    const updated = result.plan.updates - result.plan.unchanged;
    throw redirect(`/admin/products/import?created=${result.plan.creates}&updated=${updated}`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function ImportProducts() {
  const { t } = useTranslation("admin");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const created = params.get("created");
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      {created !== null && !actionData ? (
        <Notice>{t("import.done", { created: Number(created), updated: Number(params.get("updated") ?? 0) })}</Notice>
      ) : null}

      {actionData?.stage === "errors" ? <IssueList result={actionData} /> : null}

      {actionData?.stage === "preview" ? (
        <div className={card}>
          <h2 className="text-lg font-semibold">{t("import.previewTitle")}: {actionData.fileName}</h2>
          <p role="status">{t("import.summary", actionData.summary)}</p>
          <TableScroller label={t("import.previewTitle")}>
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="py-2 text-left text-stone-700">{t("import.firstRows", { count: actionData.rows.length })}</caption>
              <thead className="border-b border-stone-300 bg-stone-100">
                <tr>
                  <th scope="col" className="px-2 py-2">{t("import.columnsHeader.row")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.columnsHeader.action")}</th>
                  <th scope="col" className="px-2 py-2">{t("products.columns.sku")}</th>
                  <th scope="col" className="px-2 py-2">{t("products.columns.name")}</th>
                  <th scope="col" className="px-2 py-2">{t("products.columns.spec")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("products.columns.price")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("products.columns.stock")}</th>
                </tr>
              </thead>
              <tbody>
                {actionData.rows.map((r) => (
                  <tr key={r.row} className="border-b border-stone-200">
                    <td className="px-2 py-2">{r.row}</td>
                    <td className="px-2 py-2">{t(`import.action.${r.action}`)}</td>
                    <td className="px-2 py-2 font-mono text-xs">{r.sku}</td>
                    <td className="px-2 py-2">
                      {r.nameZh}
                      {r.endorsed ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("products.endorsed")}</span> : null}
                    </td>
                    <td className="px-2 py-2">{r.spec}</td>
                    <td className="px-2 py-2 text-right"><Money fen={r.priceFen} /></td>
                    <td className="px-2 py-2 text-right">
                      {r.action === "update" && r.stockFrom !== r.stock ? t("import.stockChange", { from: r.stockFrom, to: r.stock }) : r.stock}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap gap-3">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="csv" value={actionData.csv} />
            <SubmitButton busy={busy === "confirm"} busyLabel={t("import.importing")}>{t("import.confirm")}</SubmitButton>
            <Link to="/admin/products/import" className="rounded border border-stone-400 px-4 py-2 hover:bg-stone-100">{t("import.startOver")}</Link>
          </Form>
        </div>
      ) : (
        <Form method="post" encType="multipart/form-data" className={card}>
          <input type="hidden" name="intent" value="preview" />
          <p className="text-sm text-stone-800">{t("import.intro")}</p>
          <div>
            <label htmlFor="file" className="block text-sm font-medium">{t("import.file")}</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby="file-hint"
              className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
            />
            <p id="file-hint" className="mt-1 text-xs text-stone-600">{t("import.fileHint", { mb: MAX_MB })}</p>
          </div>
          <SubmitButton busy={busy === "preview"} busyLabel={t("common.saving")}>{t("import.upload")}</SubmitButton>
        </Form>
      )}

      <ColumnGuide />
    </section>
  );
}

function IssueList({ result }: { result: ImportIssues }) {
  const { t } = useTranslation("admin");
  return (
    <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 text-red-900">
      <h2 className="font-semibold">{t("import.errorsTitle", { count: result.issueCount })}</h2>
      <TableScroller label={t("import.columnsHeader.problem")}>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-red-200">
              <th scope="col" className="py-1 pr-3">{t("import.columnsHeader.row")}</th>
              <th scope="col" className="py-1 pr-3">{t("import.columnsHeader.column")}</th>
              <th scope="col" className="py-1">{t("import.columnsHeader.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {result.issues.map((issue, i) => (
              <tr key={i} className="border-b border-red-100 align-top">
                <td className="whitespace-nowrap py-1 pr-3">{issue.row > 0 ? t("import.row", { row: issue.row }) : t("import.fileLevel")}</td>
                <td className="py-1 pr-3 font-mono text-xs">{issue.column ?? ""}</td>
                <td className="py-1">{t(issue.message, issue.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {result.issueCount > result.issues.length ? <p>{t("import.moreErrors", { count: result.issueCount - result.issues.length })}</p> : null}
    </div>
  );
}

function ColumnGuide() {
  const { t } = useTranslation("admin");
  return (
    <details className="rounded border border-stone-300 bg-white p-4" open>
      <summary className="cursor-pointer font-semibold">{t("import.columnsTitle")}</summary>
      <p className="mt-2 text-sm text-stone-700">
        {t("import.templateHint")}{" "}
        <a href="/admin/products/export.csv" download className="text-brand-700 underline">{t("products.export")}</a>
      </p>
      <TableScroller label={t("import.columnsTitle")} className="mt-2">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-300">
            <tr>
              <th scope="col" className="py-1 pr-3">{t("import.columnName")}</th>
              <th scope="col" className="py-1">{t("import.columnMeaning")}</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((column) => (
              <tr key={column} className="border-b border-stone-200">
                <td className="py-1 pr-3 font-mono text-xs">{column}</td>
                <td className="py-1">
                  {t(`import.columns.${column}`)}
                  {REQUIRED_COLUMNS.includes(column) ? <strong className="ml-2 text-red-800">{t("import.requiredMark")}</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p className="mt-2 text-sm text-stone-700">{t("import.endorsementNote")}</p>
    </details>
  );
}
