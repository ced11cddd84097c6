import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ApprovalWhat } from "~/components/admin/approvals";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { cancelApproval, confirmApproval, listApprovals, refundConfirmAboveFen, rejectApproval } from "~/models/admin-approval.server";
import type { WordingHandle } from "~/i18n";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { replyMessage } from "~/utils/form-reply";
import { useLanguage } from "~/utils/localize";
import { formatFen } from "~/utils/money";

export const handle: WordingHandle = { i18n: ["admin", "account"] };

export const meta: MetaFunction = () => [{ title: "待复核操作 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { ...(await listApprovals()), adminId: admin.id, thresholdFen: refundConfirmAboveFen() };
}

// The buttons of one request: which decision, on which request (a forged id is as unknown as a gone one).
const DecisionSchema = z.object({
  intent: z.enum(["confirm", "reject", "cancel"], "common:errors.invalid"),
  approvalId: z
    .string("admin:approvals.errors.not-found")
    .regex(/^\d{1,9}$/, "admin:approvals.errors.not-found")
    .transform(Number)
    .refine((n) => n > 0, "admin:approvals.errors.not-found"),
});
const doneOf = { confirm: "confirmed", reject: "rejected", cancel: "cancelled" } as const;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseForm(await request.formData(), DecisionSchema);
  if (submission.status !== "success") return refuse(submission);
  const { intent, approvalId } = submission.value;
  const decide = { confirm: confirmApproval, reject: rejectApproval, cancel: cancelApproval }[intent];
  const result = await decide(approvalId, admin.id);
  if (!result.ok) {
    return refuse(submission, { formError: `admin:approvals.errors.${result.reason}` }, { status: result.reason === "own-request" || result.reason === "not-asker" ? 403 : 409 });
  }
  throw redirect(`/admin/approvals?done=${doneOf[intent]}`);
}

export default function Approvals() {
  const { t } = useTranslation("admin");
  const locale = useLanguage();
  const { pending, decided, adminId, thresholdFen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  const cell = "px-2 py-2";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("approvals.title")}</h1>
      <p className="text-sm text-stone-700">{t("approvals.intro", { threshold: formatFen(thresholdFen, locale) })}</p>
      {done && !actionData && (done === "confirmed" || done === "rejected" || done === "cancelled") ? <Notice>{t(`approvals.done.${done}`)}</Notice> : null}
      <FormError message={replyMessage(actionData?.result)} />
      <h2 className="text-lg font-semibold">{t("approvals.waitingList")}</h2>
      {pending.length === 0 ? (
        <p>{t("approvals.none")}</p>
      ) : (
        <TableScroller label={t("approvals.waitingList")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className={cell}>{t("approvals.kind")}</th>
                <th scope="col" className={cell}>{t("approvals.what")}</th>
                <th scope="col" className={cell}>{t("approvals.askedBy")}</th>
                <th scope="col" className={cell}>{t("approvals.askedAt")}</th>
                <th scope="col" className={cell}>{t("approvals.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((a) => (
                <tr key={a.id} id={`approval-${a.id}`} className="border-b border-stone-200 align-top">
                  <td className={cell}>{t(`approvals.kinds.${a.kind as "REFUND"}`, { defaultValue: a.kind })}</td>
                  <td className={cell}>
                    <ApprovalWhat approval={a} />
                    {a.refusal ? <span className="mt-1 block text-red-800">{t(`approvals.errors.${a.refusal as "stale-refund"}`, { defaultValue: a.refusal })}</span> : null}
                  </td>
                  <td className={cell}>{a.requestedBy.name || a.requestedBy.username}</td>
                  <td className={cell}><DateTime value={a.requestedAt} /></td>
                  <td className={cell}>
                    <Form method="post" className="flex flex-wrap gap-2" aria-label={`${t("approvals.actions")} #${a.id}`}>
                      <input type="hidden" name="approvalId" value={a.id} />
                      {a.requestedById === adminId ? (
                        <>
                          <span className="text-stone-700">{t("approvals.yours")}</span>
                          <SubmitButton name="intent" value="cancel" busy={busy} variant="secondary">{t("approvals.cancel")}</SubmitButton>
                        </>
                      ) : (
                        <>
                          <SubmitButton name="intent" value="confirm" busy={busy}>{t("approvals.confirm")}</SubmitButton>
                          <SubmitButton name="intent" value="reject" busy={busy} variant="danger">{t("approvals.reject")}</SubmitButton>
                        </>
                      )}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {decided.length > 0 ? (
        <>
          <h2 className="text-lg font-semibold">{t("approvals.recent")}</h2>
          <TableScroller label={t("approvals.recent")} className="rounded border border-stone-300 bg-white">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <thead className="border-b border-stone-300 bg-stone-100">
                <tr>
                  <th scope="col" className={cell}>{t("approvals.what")}</th>
                  <th scope="col" className={cell}>{t("approvals.askedBy")}</th>
                  <th scope="col" className={cell}>{t("approvals.decidedBy")}</th>
                  <th scope="col" className={cell}>{t("approvals.status")}</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((a) => (
                  <tr key={a.id} className="border-b border-stone-200 align-top">
                    <td className={cell}><ApprovalWhat approval={a} /></td>
                    <td className={cell}>{a.requestedBy.name || a.requestedBy.username}</td>
                    <td className={cell}>
                      {a.decidedBy ? a.decidedBy.name || a.decidedBy.username : ""}
                      {a.decidedAt ? <> · <DateTime value={a.decidedAt} /></> : null}
                    </td>
                    <td className={cell}>{t(`approvals.statuses.${a.status as "PENDING"}`, { defaultValue: a.status })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </>
      ) : null}
    </section>
  );
}
