import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { BulkNav, useMessageParams, useRowProblemText } from "~/components/org/bulk-nav";
import { GridRow } from "~/components/org/grid-row";
import {
  deleteList,
  getDraft,
  getDraftRows,
  listSavedLists,
  numbered,
  parseOrderFile,
  pastOrderRows,
  saveDraftRows,
  savedListRows,
  saveList,
  validateRows,
  type RowProblem,
} from "~/models/org-order-lines.server";
import { GRID_BLANK_ROWS, GridSchema, IntentOnlySchema, MAX_ORG_LINES, ReorderSchema, SavedListSchema } from "~/models/org-order-schema";
import { ORDERING_ROLES, organisationForPage } from "~/models/org-order.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "快速下单 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

const MAX_FILE_BYTES = 2 * 1024 * 1024;
// The grid posts a SKU and a quantity per line, blank lines included.
const MAX_FORM_PARTS = 2 * (MAX_ORG_LINES + GRID_BLANK_ROWS) + 16;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const membership = await organisationForPage(user.id, url.searchParams.get("org"), ORDERING_ROLES);
  if (!membership) return { membership: null, rows: [], savedAt: null, lists: [], blank: 0 };
  const { organisation } = membership;
  const [{ rows, savedAt }, lists] = await Promise.all([getDraft(organisation.id, user.id), listSavedLists(organisation.id)]);
  const extra = Number(url.searchParams.get("blank"));
  const blank = Number.isInteger(extra) && extra > GRID_BLANK_ROWS ? Math.min(extra, MAX_ORG_LINES) : GRID_BLANK_ROWS;
  return { membership, rows, savedAt: savedAt?.toISOString() ?? null, lists, blank: Math.max(0, Math.min(blank, MAX_ORG_LINES + GRID_BLANK_ROWS - rows.length)) };
}

const GRID_INTENTS = ["save", "review", "addRows", "saveList"];
type Answer = { problems?: RowProblem[]; uploadProblems?: RowProblem[]; params?: Record<string, string | number> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // One parser for every intent: the grid and the file upload arrive in the same action.
  const upload = await readUpload(request, { maxFileBytes: MAX_FILE_BYTES, maxParts: MAX_FORM_PARTS });
  // What the page shows beside the reply: the grid's or the file's problems by row, a message's numbers.
  const extra = (intent: string, answer: Answer = {}) => ({ extra: { intent, problems: answer.problems ?? [], uploadProblems: answer.uploadProblems ?? null, params: answer.params ?? {} } });
  if (!upload.ok) {
    const refused = parseForm(new URLSearchParams({ intent: "upload" }), IntentOnlySchema);
    return refuse(refused, { formError: upload.problem.message }, { status: upload.problem.status, ...extra("upload", { params: upload.problem.params }) });
  }
  const formData = new URLSearchParams(Object.entries(upload.fields));
  // The organisation and the intent are hidden fields that decide who may act and which form this is.
  const membership = await organisationForPage(user.id, formData.get("org") ?? "", ORDERING_ROLES);
  if (!membership) throw new Response("Not found", { status: 404 });
  const organisationId = membership.organisation.id;
  const intent = formData.get("intent") ?? "";
  const here = (query: string) => redirect(`/org/order?org=${organisationId}${query}`);

  if (GRID_INTENTS.includes(intent)) {
    const submission = parseForm(formData, GridSchema);
    if (submission.status !== "success") return refuse(submission, {}, extra(intent));
    const { lines: rows, blank, listName } = submission.value;
    // Saved first, as typed: whatever happens next, a reload shows what was entered.
    await saveDraftRows(organisationId, user.id, rows);
    if (intent === "addRows") throw here(`&blank=${Number(blank || GRID_BLANK_ROWS) + GRID_BLANK_ROWS}`);
    if (intent === "save") throw here("&done=saved");
    const validation = await validateRows(numbered(rows));
    // The rows' problems come back beside the reply, each under its row (they name the row and its values).
    if (!validation.ok) return refuse(submission, {}, extra(intent, { problems: validation.problems }));
    if (intent === "review") throw redirect(`/org/checkout?org=${organisationId}`);
    await saveList(organisationId, user.id, listName, validation.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })));
    throw here("&done=listSaved");
  }
  switch (intent) {
    case "upload": {
      const submission = parseForm(formData, IntentOnlySchema);
      const { file } = upload;
      if (!file) return refuse(submission, { formError: "org:upload.missing" }, extra(intent));
      const parsed = await parseOrderFile(file.name, file.bytes);
      if (!parsed.ok) return refuse(submission, { formError: parsed.message }, extra(intent, { params: parsed.params }));
      // Row numbers are the file's, so the buyer finds each bad row in Excel; nothing is added unless all are valid.
      const validation = await validateRows(parsed.rows);
      if (!validation.ok) return refuse(submission, {}, extra(intent, { uploadProblems: validation.problems }));
      const existing = await getDraftRows(organisationId, user.id);
      if (existing.length + parsed.rows.length > MAX_ORG_LINES) return refuse(submission, { formError: "org:lineErrors.tooMany" }, extra(intent, { params: { max: MAX_ORG_LINES } }));
      await saveDraftRows(organisationId, user.id, [...existing, ...parsed.rows.map(({ sku, quantity }) => ({ sku, quantity }))]);
      throw here(`&done=uploaded&count=${parsed.rows.length}`);
    }
    case "clear":
      await saveDraftRows(organisationId, user.id, []);
      throw here("&done=cleared");
    case "loadList":
    case "deleteList": {
      const submission = parseForm(formData, SavedListSchema);
      if (submission.status !== "success") throw new Response("Not found", { status: 404 });
      if (intent === "deleteList") {
        await deleteList(organisationId, submission.value.listId, user.id);
        throw here("&done=listDeleted");
      }
      const rows = await savedListRows(organisationId, submission.value.listId);
      if (!rows) throw new Response("Not found", { status: 404 });
      await saveDraftRows(organisationId, user.id, rows);
      throw here("&done=listLoaded");
    }
    case "reorder": {
      const submission = parseForm(formData, ReorderSchema);
      const rows = submission.status === "success" ? await pastOrderRows(organisationId, submission.value.number) : null;
      if (!rows || submission.status !== "success") throw new Response("Not found", { status: 404 });
      await saveDraftRows(organisationId, user.id, rows);
      throw here(`&done=reordered&number=${encodeURIComponent(submission.value.number)}`);
    }
    default:
      return refuse(parseForm(formData, IntentOnlySchema), { formError: "org:errors.formHasErrors" }, extra(intent));
  }
}

export default function QuickOrder() {
  const { t } = useTranslation("org");
  const { membership, rows, savedAt, lists, blank } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const messageParams = useMessageParams();
  const problemText = useRowProblemText();
  if (!membership) {
    return (
      <section className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-semibold">{t("order.title")}</h1>
        <p className="text-stone-700">{t("bulk.noOrderingOrg")}</p>
        <Link to="/org" className="text-brand-700 underline">{t("page.title")}</Link>
      </section>
    );
  }
  const { organisation, role } = membership;
  const busy = navigation.state !== "idle";
  const done = params.get("done");
  const message = actionData?.result.error?.[""]?.[0];
  const gridAnswer = actionData && GRID_INTENTS.includes(actionData.intent) ? actionData : undefined;
  const orgField = <input type="hidden" name="org" value={organisation.id} />;
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("order.title")}</h1>
      <p className="text-sm text-stone-700">{t("order.intro")}</p>
      {done === "uploaded" ? <Notice>{t("order.uploaded", { count: Number(params.get("count")) })}</Notice> : null}
      {done === "reordered" ? <Notice>{t("order.reordered", { number: params.get("number") ?? "" })}</Notice> : null}
      {done && ["saved", "cleared", "listSaved", "listLoaded", "listDeleted"].includes(done) ? <Notice>{t(`order.${done}`)}</Notice> : null}
      {message ? <FormError message={message} params={messageParams(actionData?.params)} /> : null}

      <Form method="post" encType="multipart/form-data" className={card} aria-labelledby="upload-title">
        <h2 id="upload-title" className="text-lg font-semibold">{t("order.uploadTitle")}</h2>
        <p id="upload-hint" className="text-sm text-stone-600">{t("order.uploadHint")}</p>
        <pre className="overflow-x-auto rounded bg-stone-100 p-2 text-xs">sku,quantity{"\n"}ZL-0001,20{"\n"}JL-1063,12</pre>
        {orgField}
        <div>
          <label htmlFor="order-file" className="block text-sm font-medium">{t("order.file")}</label>
          <input
            id="order-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={actionData?.uploadProblems ? "upload-problems upload-hint" : "upload-hint"}
            aria-invalid={actionData?.uploadProblems ? true : undefined}
            className="mt-1 block w-full text-sm"
          />
        </div>
        {actionData?.uploadProblems ? (
          <div id="upload-problems" role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{t("order.uploadFailed", { count: actionData.uploadProblems.length })}</p>
            <ul className="mt-1 list-disc pl-5" data-testid="upload-problems">
              {actionData.uploadProblems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <SubmitButton name="intent" value="upload" busy={busy} variant="secondary">{t("order.upload")}</SubmitButton>
      </Form>

      <GridForm organisationId={organisation.id} rows={rows} savedAt={savedAt} blank={blank} answer={gridAnswer} busy={busy} />

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("order.lists")}</h2>
        {lists.length === 0 ? <p className="text-sm text-stone-700">{t("order.noLists")}</p> : <p className="text-sm text-stone-600">{t("order.replaceWarning")}</p>}
        <ul className="divide-y divide-stone-200">
          {lists.map((list) => (
            <li key={list.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
              <span><span className="font-medium">{list.name}</span> · {t("order.lines", { count: list._count.lines })}</span>
              <span className="flex gap-2">
                <Form method="post">
                  {orgField}
                  <input type="hidden" name="listId" value={list.id} />
                  <SubmitButton name="intent" value="loadList" variant="secondary">{t("order.load")}</SubmitButton>
                </Form>
                <Form method="post">
                  {orgField}
                  <input type="hidden" name="listId" value={list.id} />
                  <SubmitButton name="intent" value="deleteList" variant="danger">{t("order.delete")}</SubmitButton>
                </Form>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

type GridAnswer = { intent: string; result: FormReply; problems: RowProblem[] };

/**
 * The grid of lines, its buttons and the list name. The inputs are uncontrolled: the form's id follows
 * each save of the draft (and the number of blank rows), so after 清空 or loading a list the browser
 * shows the saved lines, not what it held before, and 下一步 never sends stale lines. A refused review
 * was saved as typed first, so the new form shows the same values.
 */
function GridForm({ organisationId, rows, savedAt, blank, answer, busy }: {
  organisationId: number;
  rows: { sku: string; quantity: string }[];
  savedAt: string | null;
  blank: number;
  answer: GridAnswer | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("org");
  const messageParams = useMessageParams();
  const problemText = useRowProblemText();
  const [form, fields] = useHallForm(GridSchema, {
    id: `quick-order-${savedAt ? Date.parse(savedAt) : "new"}-${blank}`,
    lastResult: answer?.result ?? null,
    defaultValue: {
      lines: [...rows, ...Array.from({ length: blank }, () => ({ sku: "", quantity: "" }))],
      // A list refused for its lines keeps its name, though the grid (saved first) starts a new form.
      listName: answer?.intent === "saveList" ? String(answer.result.initialValue?.listName ?? "") : "",
    },
  });
  const problemsByRow = new Map<number, RowProblem>();
  for (const p of answer?.problems ?? []) if (!problemsByRow.has(p.row)) problemsByRow.set(p.row, p);
  const gridProblems = answer?.problems ?? [];
  return (
    <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" aria-labelledby="grid-title" {...getFormProps(form)}>
      <h2 id="grid-title" className="text-lg font-semibold">{t("order.title")}</h2>
      <input type="hidden" name="org" value={organisationId} />
      <input type="hidden" name="blank" value={blank} />
      <FormError form={form} />
      {gridProblems.length > 0 ? (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{t("order.hasErrors", { count: gridProblems.length })}</p>
          {gridProblems.some((p) => p.row === 0) ? <p>{gridProblems.filter((p) => p.row === 0).map((p) => t(p.message, messageParams(p.params))).join(" ")}</p> : null}
        </div>
      ) : null}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="w-12 py-1 pr-2">{t("order.row")}</th>
            <th scope="col" className="py-1 pr-2">{t("order.sku")}</th>
            <th scope="col" className="w-28 py-1 pr-2">{t("order.quantity")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.lines.getFieldList().map((line, i) => {
            const problem = problemsByRow.get(i + 1);
            return (
              <GridRow
                key={line.key}
                index={i}
                organisationId={organisationId}
                fields={line.getFieldset()}
                errorId={problem ? `row-${i}-error` : undefined}
                problemText={problem ? problemText(problem) : null}
              />
            );
          })}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="review" busy={busy}>{t("order.review")}</SubmitButton>
        <SubmitButton name="intent" value="save" variant="secondary">{t("order.save")}</SubmitButton>
        <SubmitButton name="intent" value="addRows" variant="secondary">{t("order.addRows")}</SubmitButton>
        <SubmitButton name="intent" value="clear" variant="danger">{t("order.clear")}</SubmitButton>
      </div>
      <div className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-4">
        <TextField field={fields.listName} label={t("order.listName")} hint={t("order.listsHint")} className="min-w-0 flex-1" />
        <SubmitButton name="intent" value="saveList" variant="secondary">{t("order.saveList")}</SubmitButton>
      </div>
    </Form>
  );
}
