import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { BulkNav, useMessageParams } from "~/components/org/bulk-nav";
import { InvoiceAndTerms } from "~/components/org/invoice-and-terms";
import { discardGiftDraft, placeGiftOrder, reviewGiftDraft } from "~/models/gift-order.server";
import { giftOrderDetailsSchema } from "~/models/gift-schema";
import { beijingToday } from "~/models/org-order-schema";
import { ORDERING_ROLES, orderingTerms, organisationForPage } from "~/models/org-order.server";
import { listPickupPoints } from "~/models/pickup.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "核对礼盒订单 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

/** Recipients listed on the review page; the rest are counted (the whole list is in the draft). */
const SHOWN_RECIPIENTS = 100;

async function ordering(request: Request, orgParam: string | null | undefined) {
  const user = await requireUser(request);
  const membership = await organisationForPage(user.id, orgParam, ORDERING_ROLES);
  if (!membership) throw redirect("/org/gifts");
  return { user, membership };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await ordering(request, new URL(request.url).searchParams.get("org"));
  const organisationId = membership.organisation.id;
  const review = await reviewGiftDraft(organisationId, user.id);
  if (!review) throw redirect(`/org/gifts?org=${organisationId}`);
  const [terms, pickupPoints] = await Promise.all([orderingTerms(organisationId), listPickupPoints()]);
  const { recipients, ...rest } = review;
  return {
    membership,
    ...rest,
    recipientCount: recipients.length,
    recipients: recipients.slice(0, SHOWN_RECIPIENTS),
    pickupNames: Object.fromEntries(pickupPoints.map((p) => [p.id, { zh: p.nameZh, en: p.nameEn }])),
    terms,
    checkoutKey: randomUUID(),
    today: beijingToday(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  // The organisation decides who may send the form at all, so it is read first.
  const { user, membership } = await ordering(request, String(formData.get("org") ?? ""));
  const organisationId = membership.organisation.id;
  if (formData.get("intent") === "discard") {
    await discardGiftDraft(organisationId, user.id);
    throw redirect(`/org/gifts?org=${organisationId}`);
  }
  const submission = parseForm(formData, giftOrderDetailsSchema(beijingToday()));
  const fail = (formError: string, status: number, params: Record<string, number> = {}) => refuse(submission, { formError }, { status, extra: { params } });
  if (submission.status !== "success") return refuse(submission, {}, { extra: { params: {} } });
  const result = await placeGiftOrder({ organisationId, userId: user.id, details: submission.value });
  if (result.ok) throw redirect(`/org/gifts/orders/${result.order.number}?done=${result.order.status === "PENDING_APPROVAL" ? "placedPending" : "placed"}`);
  switch (result.reason) {
    case "prices-changed":
      return fail("gifts:review.pricesChanged", 409, { total: result.totalFen });
    case "over-credit-limit":
      return fail("gifts:review.overCreditLimit", 409, { available: result.availableFen });
    case "stock":
      return fail("gifts:review.stockGone", 409);
    case "box-unavailable":
      return fail("gifts:review.unavailable", 409);
    case "not-approved":
      return fail("gifts:review.notApproved", 403);
    case "no-draft":
      throw redirect(`/org/gifts?org=${organisationId}`);
  }
}

export default function OrgGiftReview() {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const loaded = useLoaderData<typeof loader>();
  const { membership, box, fileName, boxes, price, enoughStock, recipients, recipientCount, pickupNames, terms, checkoutKey, today } = loaded;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const messageParams = useMessageParams();
  const [form, fields] = useHallForm(giftOrderDetailsSchema(today), { id: "gift-order", lastResult: actionData?.result, defaultValue: { requestedDeliveryDate: today } });
  // The invoice fields are shared with the organisation's checkout and take what was typed and the errors by name.
  const typed = Object.fromEntries(Object.entries(form.initialValue ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const { organisation, role } = membership;
  const components = new Map(box.components.map((c) => [c.productId, c.product]));
  const canPlace = price.ok && enoughStock;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("review.title")}</h1>
      <FormError form={form} params={messageParams(actionData?.params)} />
      {!price.ok || box.status !== "ACTIVE" ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t("review.unavailable")}</p> : null}
      {price.ok && box.status === "ACTIVE" && !enoughStock ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t("review.noStock", { available: box.available })}</p>
      ) : null}

      <dl className="grid grid-cols-2 gap-3 rounded border border-stone-300 bg-white p-4 text-sm sm:grid-cols-4">
        <div className="col-span-2 sm:col-span-4"><dt className="text-stone-600">{t("upload.box")}</dt><dd className="text-lg font-semibold">{localize(box.nameZh, box.nameEn)}</dd></div>
        <div><dt className="text-stone-600">{t("review.boxes")}</dt><dd className="font-semibold" data-testid="gift-boxes">{boxes}</dd></div>
        <div><dt className="text-stone-600">{t("review.shipments")}</dt><dd className="font-semibold" data-testid="gift-shipments">{recipientCount}</dd></div>
        <div><dt className="text-stone-600">{t("review.unitPrice")}</dt><dd className="font-semibold">{price.ok ? <Money fen={price.unitPriceFen} /> : "—"}</dd></div>
        <div><dt className="text-stone-600">{t("review.total")}</dt><dd className="font-semibold" data-testid="gift-total">{price.ok ? <Money fen={price.totalFen} /> : "—"}</dd></div>
        <div className="col-span-2 text-xs text-stone-600 sm:col-span-4"><dt className="sr-only">{t("upload.file")}</dt><dd>{t("review.file", { name: fileName })}</dd></div>
      </dl>

      {price.ok ? (
        <TableScroller label={t("review.componentsFor", { boxes })} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <caption className="px-3 py-2 text-left font-medium">{t("review.componentsFor", { boxes })}</caption>
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("components")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("review.unitPrice")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("review.quantity")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("review.lineTotal")}</th>
              </tr>
            </thead>
            <tbody>
              {price.lines.map((l) => {
                const p = components.get(l.productId);
                return (
                  <tr key={l.productId} className="border-b border-stone-200">
                    <td className="px-3 py-1.5">{p ? localize(p.nameZh, p.nameEn) : ""} <span className="text-xs text-stone-600">{p ? localizeSpec(p.spec) : ""} · {p ? localize(p.county.nameZh, p.county.nameEn) : ""}</span></td>
                    <td className="px-3 py-1.5 text-right"><Money fen={l.unitPriceFen} /></td>
                    <td className="px-3 py-1.5 text-right">{l.quantity}</td>
                    <td className="px-3 py-1.5 text-right"><Money fen={l.lineTotalFen} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroller>
      ) : null}

      <details className="rounded border border-stone-300 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium">{t("review.showRecipients", { count: recipientCount })}</summary>
        <TableScroller label={t("review.recipients")} className="mt-2">
          <table className="w-full min-w-[32rem] text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="px-2 py-1">{t("shipments.row")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.name")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.employeeNo")}</th>
                <th scope="col" className="px-2 py-1">{t("shipments.destination")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("shipments.boxes")}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((r) => (
                <tr key={r.row} className="border-b border-stone-100">
                  <td className="px-2 py-1 text-stone-600">{r.row}</td>
                  <td className="px-2 py-1">{r.name}</td>
                  <td className="px-2 py-1 font-mono">{r.employeeNo}</td>
                  <td className="px-2 py-1">{r.pickupPointId ? t("review.pickupAt", { name: localize(pickupNames[r.pickupPointId]?.zh ?? r.pickupCode, pickupNames[r.pickupPointId]?.en) }) : r.address}</td>
                  <td className="px-2 py-1 text-right">{r.boxes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {recipientCount > recipients.length ? <p className="mt-1 text-xs text-stone-600">… {recipientCount - recipients.length}</p> : null}
        </TableScroller>
      </details>

      <Form method="post" className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="org" value={organisation.id} />
        <Link to={`/org/gifts?org=${organisation.id}`} className="text-sm text-brand-700 underline">{t("upload.title")}</Link>
        <SubmitButton name="intent" value="discard" variant="secondary">{t("review.discard")}</SubmitButton>
      </Form>

      {canPlace ? (
        <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
          <h2 className="text-lg font-semibold">{t("review.details")}</h2>
          <input type="hidden" name="org" value={organisation.id} />
          <input type="hidden" name="intent" value="place" />
          <input type="hidden" name="checkoutKey" value={checkoutKey} />
          <input type="hidden" name="expectedTotalFen" value={price.ok ? price.totalFen : 0} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.poNumber} label={t("review.poNumber")} />
            <TextField field={fields.requestedDeliveryDate} type="date" label={t("review.deliveryDate")} />
          </div>
          <TextAreaField field={fields.note} label={t("review.note")} rows={2} />
          <InvoiceAndTerms values={typed} errors={form.allErrors} totalFen={price.ok ? price.totalFen : null} terms={terms} />
          <SubmitButton busy={navigation.state !== "idle"} busyLabel={t("review.placing")}>{t("review.place")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
