import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SelectField, SubmitButton } from "~/components/admin/form-fields";
import { ProblemList } from "~/components/gifts/problem-list";
import { Money } from "~/components/money";
import { BulkNav } from "~/components/org/bulk-nav";
import { getGiftBox, listGiftBoxes } from "~/models/gift-box.server";
import { parseRecipientFile, saveGiftDraft, type RecipientProblem } from "~/models/gift-order.server";
import { MAX_RECIPIENT_FILE_BYTES, RecipientUploadSchema } from "~/models/gift-schema";
import { ORDERING_ROLES, organisationForPage } from "~/models/org-order.server";
import { listPickupPoints } from "~/models/pickup.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "福利礼盒 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const membership = await organisationForPage(user.id, new URL(request.url).searchParams.get("org"), ORDERING_ROLES);
  if (!membership) return { membership: null, boxes: [], pickupPoints: [], draft: null };
  const organisationId = membership.organisation.id;
  const [boxes, pickupPoints, draft] = await Promise.all([
    listGiftBoxes({ activeOnly: true, organisationId }),
    listPickupPoints(),
    prisma.giftOrderDraft.findUnique({ where: { organisationId_userId: { organisationId, userId: user.id } }, select: { fileName: true, giftBoxId: true } }),
  ]);
  return { membership, boxes, pickupPoints, draft };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const upload = await readUpload(request, { maxFileBytes: MAX_RECIPIENT_FILE_BYTES });
  if (!upload.ok) {
    // Refused before its fields could be read: the one problem is listed like a file's.
    const unread = parseForm(new URLSearchParams(), z.object({}));
    return refuse(unread, {}, { status: upload.problem.status, extra: { problems: [{ row: 0, message: upload.problem.message, params: upload.problem.params }] as RecipientProblem[] } });
  }
  const fields = new URLSearchParams(upload.fields);
  // The organisation decides who may send the form at all, so it is read first.
  const membership = await organisationForPage(user.id, fields.get("org"), ORDERING_ROLES);
  if (!membership) throw redirect("/org");
  const submission = parseForm(fields, RecipientUploadSchema);
  const fail = (problems: RecipientProblem[]) => refuse(submission, {}, { extra: { problems } });
  if (submission.status !== "success") return fail(Object.values(submission.error ?? {}).flatMap((messages) => (messages ?? []).map((message) => ({ row: 0, message }))));
  const box = await getGiftBox(submission.value.giftBoxId);
  if (!box || box.status !== "ACTIVE") return fail([{ row: 0, message: "gifts:review.unavailable" }]);
  if (!upload.file) return fail([{ row: 0, message: "gifts:upload.missing" }]);
  const parsed = await parseRecipientFile(upload.file.name, upload.file.bytes);
  if (!parsed.ok) return fail(parsed.problems);
  await saveGiftDraft(membership.organisation.id, user.id, box.id, upload.file.name, parsed.recipients);
  throw redirect(`/org/gifts/review?org=${membership.organisation.id}`);
}

const EXAMPLE = "姓名,工号,手机,地址,自提点,份数\n张伟,E10001,13800010001,吉林省长春市东风大街 8899 号 3 栋 2 单元 501,,1\n李娜,E10002,13800010002,,HQ,2";

export default function OrgGifts() {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const { membership, boxes, pickupPoints, draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(RecipientUploadSchema, { id: "recipients", lastResult: actionData?.result, defaultValue: { giftBoxId: boxes.find((b) => b.available > 0)?.id.toString() ?? "" } });
  if (!membership) {
    return (
      <section className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-stone-700">{t("noOrganisation")}</p>
        <Link to="/org" className="text-brand-700 underline">{t("title")}</Link>
      </section>
    );
  }
  const { organisation, role } = membership;
  const orderable = boxes.filter((b) => b.available > 0);
  const problems = actionData?.problems ?? [];
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      {draft ? (
        <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <Link to={`/org/gifts/review?org=${organisation.id}`} className="font-medium text-brand-700 underline">{t("review.title")}</Link> · {t("review.file", { name: draft.fileName })}
        </p>
      ) : null}
      {boxes.length === 0 ? <p className="text-stone-700">{t("none")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {boxes.map((box) => (
          <li key={box.id} className="space-y-2 rounded border border-stone-300 bg-white p-4">
            <h2 className="text-lg font-semibold">{localize(box.nameZh, box.nameEn)}</h2>
            <p className="text-sm text-stone-700">{localize(box.descriptionZh, box.descriptionEn)}</p>
            <p className="text-xs text-stone-600">{t("components")}</p>
            <ul className="text-sm">
              {box.components.map((c) => <li key={c.productId}>{t("componentLine", { name: localize(c.product.nameZh, c.product.nameEn), spec: localizeSpec(c.product.spec), quantity: c.quantity })}</li>)}
            </ul>
            <p className="flex items-baseline justify-between">
              <span>{t("perBox")} {box.unitPriceFen === null ? "—" : <Money fen={box.unitPriceFen} className="font-semibold" />}</span>
              <span className={box.available > 0 ? "text-sm text-green-800" : "text-sm text-red-800"}>{box.available > 0 ? t("available", { count: box.available }) : t("soldOut")}</span>
            </p>
          </li>
        ))}
      </ul>

      {orderable.length > 0 ? (
        <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-stone-300 bg-white p-4" aria-labelledby="upload-title" {...getFormProps(form)}>
          <h2 id="upload-title" className="text-lg font-semibold">{t("upload.title")}</h2>
          <p id="upload-hint" className="text-sm text-stone-600">{t("upload.hint")}</p>
          <p className="text-xs text-stone-600">{t("upload.example")}</p>
          <pre className="overflow-x-auto rounded bg-stone-100 p-2 text-xs">{EXAMPLE}</pre>
          <p className="text-xs text-stone-600">
            {t("upload.pickupCodes")}: {pickupPoints.map((p) => `${p.code} ${localize(p.nameZh, p.nameEn)}`).join("；")}
          </p>
          <input type="hidden" name="org" value={organisation.id} />
          <input type="hidden" name="intent" value="upload" />
          {/* There is always a box chosen, so the field is not marked as one to fill in. */}
          <SelectField field={fields.giftBoxId} label={t("upload.box")} required={false} options={orderable.map((b) => ({ value: b.id, label: localize(b.nameZh, b.nameEn) }))} />
          <div>
            <label htmlFor="recipient-file" className="block text-sm font-medium">{t("upload.file")}</label>
            <input
              id="recipient-file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={problems.length > 0 ? "file-problems upload-hint" : "upload-hint"}
              aria-invalid={problems.length > 0 ? true : undefined}
              className="mt-1 block w-full text-sm"
            />
          </div>
          {problems.length > 0 ? <ProblemList id="file-problems" title={t("upload.failed", { count: problems.length })} problems={problems} /> : null}
          <SubmitButton busy={navigation.state !== "idle"} busyLabel={t("upload.submitting")}>{t("upload.submit")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
