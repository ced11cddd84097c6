import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice, SubmitButton } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { importRoster, MAX_ROSTER_BYTES, parseRosterFile, previewRoster, rosterSummary, type RosterProblem, type RosterRow } from "~/models/roster.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "account"] };

export const meta: MetaFunction = () => [{ title: "员工花名册 · 管理后台" }];

const MAX_MB = MAX_ROSTER_BYTES / 1024 / 1024;
const SHOWN = 50;
// The confirm step carries the previewed file back as base64: 4 characters for every 3 bytes.
const MAX_CARRIED_CHARS = Math.ceil(MAX_ROSTER_BYTES / 3) * 4;

/** Upload (the file itself comes through readUpload), or confirm with the previewed file carried back. */
const RosterFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview") }),
  z.object({ intent: z.literal("confirm"), fileName: z.string().max(200), file: z.string().min(1) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { summary: await rosterSummary(), maxMb: MAX_MB };
}

const problems = (list: RosterProblem[], status = 400) => data({ stage: "errors" as const, problems: list.slice(0, 200), count: list.length }, { status });

const shown = (rows: RosterRow[]) => rows.slice(0, SHOWN).map(({ row, employeeNo, name, mobile, department, status }) => ({ row, employeeNo, name, mobile, department, status }));

/**
 * Upload → preview (new, changed, 离职) → confirm. The confirm step sends the same file back and it is
 * checked again from the start, so what is written is exactly what was previewed or nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const upload = await readUpload(request, { maxFileBytes: MAX_ROSTER_BYTES, maxFieldBytes: MAX_CARRIED_CHARS });
  if (!upload.ok) return problems([{ row: 0, message: upload.problem.message, params: upload.problem.params }], upload.problem.status);
  const submission = parseForm(new URLSearchParams(upload.fields), RosterFormSchema);
  // Only hidden fields are checked here; without them there is no file to read.
  if (submission.status !== "success") return problems([{ row: 0, message: "admin:roster.file.empty" }]);
  const form = submission.value;
  const file = form.intent === "confirm" ? { name: form.fileName, bytes: Buffer.from(form.file, "base64") } : upload.file;
  if (!file) return problems([{ row: 0, message: "admin:roster.file.empty" }]);
  if (file.bytes.length > MAX_ROSTER_BYTES) return problems([{ row: 0, message: "admin:roster.file.tooLarge", params: { mb: MAX_MB } }]);
  const parsed = await parseRosterFile(file.name, file.bytes);
  if (!parsed.ok) return problems(parsed.problems);

  if (form.intent === "confirm") {
    const { plan, signedOut } = await importRoster(parsed.rows, admin.id);
    throw redirect(`/admin/roster?added=${plan.added.length}&changed=${plan.changed.length}&left=${plan.left.length}&signedOut=${signedOut}`);
  }
  const plan = await previewRoster(parsed.rows);
  return {
    stage: "preview" as const,
    fileName: file.name,
    file: Buffer.from(file.bytes).toString("base64"),
    counts: { added: plan.added.length, changed: plan.changed.length, left: plan.left.length, unchanged: plan.unchanged },
    added: shown(plan.added),
    changed: shown(plan.changed),
    left: shown(plan.left),
  };
}

export default function Roster() {
  const { t } = useTranslation("admin");
  const { summary, maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  const done = params.get("added");
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("roster.title")}</h1>
      <p className="text-sm text-stone-800">{t("roster.summary", summary)}</p>
      {done !== null && !actionData ? (
        <Notice>
          {t("roster.done", { added: Number(done), changed: Number(params.get("changed") ?? 0), left: Number(params.get("left") ?? 0), signedOut: Number(params.get("signedOut") ?? 0) })}
        </Notice>
      ) : null}

      {actionData?.stage === "errors" ? (
        <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <h2 className="font-semibold">{t("roster.errorsTitle", { count: actionData.count })}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {actionData.problems.map((p, i) => (
              <li key={i}>
                {t(p.message, p.params)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {actionData?.stage === "preview" ? (
        <div className={card}>
          <h2 className="text-lg font-semibold">{t("roster.previewTitle", { file: actionData.fileName })}</h2>
          <p role="status">{t("roster.previewCounts", actionData.counts)}</p>
          {(["added", "changed", "left"] as const).map((kind) =>
            actionData[kind].length > 0 ? (
              <TableScroller key={kind} label={t(`roster.${kind}`)}>
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="py-2 text-left font-medium">{t(`roster.${kind}`)}（{actionData.counts[kind]}）</caption>
                  <thead className="border-b border-stone-300 bg-stone-100">
                    <tr>
                      {(["row", "employeeNo", "name", "mobile", "department", "status"] as const).map((c) => (
                        <th key={c} scope="col" className="px-2 py-2">{t(`roster.columns.${c}`)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {actionData[kind].map((r) => (
                      <tr key={r.row} className="border-b border-stone-200">
                        <td className="px-2 py-2">{r.row}</td>
                        <td className="px-2 py-2 font-mono">{r.employeeNo}</td>
                        <td className="px-2 py-2">{r.name}</td>
                        <td className="px-2 py-2">{r.mobile}</td>
                        <td className="px-2 py-2">{r.department}</td>
                        <td className="px-2 py-2">{t(`roster.status.${r.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroller>
            ) : null,
          )}
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap gap-3">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="fileName" value={actionData.fileName} />
            <input type="hidden" name="file" value={actionData.file} />
            <SubmitButton busy={busy === "confirm"} busyLabel={t("roster.importing")}>{t("roster.confirm")}</SubmitButton>
            <Link to="/admin/roster" className="rounded border border-stone-400 px-4 py-2 hover:bg-stone-100">{t("import.startOver")}</Link>
          </Form>
        </div>
      ) : (
        <Form method="post" encType="multipart/form-data" className={card}>
          <input type="hidden" name="intent" value="preview" />
          <p className="text-sm text-stone-800">{t("roster.intro")}</p>
          <div>
            <label htmlFor="file" className="block text-sm font-medium">{t("roster.fileLabel")}</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-describedby="file-hint"
              className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
            />
            <p id="file-hint" className="mt-1 text-xs text-stone-600">{t("roster.fileHint", { mb: maxMb })}</p>
          </div>
          <SubmitButton busy={busy === "preview"} busyLabel={t("common.saving")}>{t("roster.upload")}</SubmitButton>
        </Form>
      )}
      <p className="text-sm">
        <Link to="/admin/outbox" className="text-brand-700 underline underline-offset-2">{t("outbox.title")}</Link>
      </p>
    </section>
  );
}
