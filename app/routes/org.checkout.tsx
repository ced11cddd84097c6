import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { BulkNav, useMessageParams } from "~/components/org/bulk-nav";
import { InvoiceAndTerms } from "~/components/org/invoice-and-terms";
import { reviewDraft } from "~/models/org-order-lines.server";
import { beijingToday, deliveryWindows, orderDetailsSchema } from "~/models/org-order-schema";
import { ORDERING_ROLES, orderingTerms, organisationForPage, placeOrgOrder } from "~/models/org-order.server";
import { prisma } from "~/utils/db.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "核对并下单 · 单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

async function ordering(request: Request, orgParam: string | null | undefined) {
  const user = await requireUser(request);
  const membership = await organisationForPage(user.id, orgParam, ORDERING_ROLES);
  if (!membership) throw redirect("/org/order");
  return { user, membership };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await ordering(request, new URL(request.url).searchParams.get("org"));
  const organisationId = membership.organisation.id;
  const review = await reviewDraft(organisationId, user.id);
  // A grid with problems goes back to the grid, where "next" lists them row by row.
  if (!review.ok) throw redirect(`/org/order?org=${organisationId}`);
  const [terms, locations] = await Promise.all([
    orderingTerms(organisationId),
    prisma.deliveryLocation.findMany({ where: { organisationId, active: true }, orderBy: { id: "asc" }, select: { id: true, name: true, address: true } }),
  ]);
  return { membership, lines: review.lines, totalFen: review.totalFen, terms, locations, checkoutKey: randomUUID(), today: beijingToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  // The organisation is a hidden field that decides who may order, read before the details are.
  const { user, membership } = await ordering(request, String(formData.get("org") ?? ""));
  const submission = parseForm(formData, orderDetailsSchema(beijingToday()));
  if (submission.status !== "success") return refuse(submission);
  const result = await placeOrgOrder({ organisationId: membership.organisation.id, userId: user.id, details: submission.value });
  if (result.ok) throw redirect(`/org/orders/${result.order.number}?done=${result.order.status === "PENDING_APPROVAL" ? "placedPending" : "placed"}`);
  switch (result.reason) {
    case "prices-changed":
      return refuse(submission, { formError: "org:checkout.pricesChanged" }, { status: 409, extra: { params: { total: result.totalFen } } });
    case "over-credit-limit":
      return refuse(submission, { formError: "org:checkout.overCreditLimit" }, { status: 409, extra: { params: { available: result.availableFen } } });
    case "location":
      return refuse(submission, { fieldErrors: { deliveryLocationId: ["org:checkout.locationGone"] } });
    case "not-approved":
      return refuse(submission, { formError: "org:checkout.notApproved" }, { status: 403 });
    case "lines": {
      const first = result.problems[0];
      return refuse(submission, { formError: first ? first.message : "org:checkout.linesChanged" }, { status: 409, extra: { params: first?.params } });
    }
  }
}

export default function OrgCheckout() {
  const { t } = useTranslation("org");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const { membership, lines, totalFen, terms, locations, checkoutKey, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const messageParams = useMessageParams();
  const schema = useMemo(() => orderDetailsSchema(today), [today]);
  const [form, fields] = useHallForm(schema, {
    id: "org-checkout",
    lastResult: actionData?.result,
    defaultValue: { deliveryLocationId: String(locations[0]?.id ?? ""), requestedDeliveryDate: today, deliveryWindow: deliveryWindows[0] },
  });
  const params = actionData && "params" in actionData ? (actionData.params as Record<string, string | number> | undefined) : undefined;
  const { organisation, role } = membership;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("checkout.title")}</h1>
      <p className="text-sm text-stone-700">{t("checkout.intro")}</p>

      <TableScroller label={t("checkout.title")} className="rounded border border-stone-300 bg-white">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <thead className="border-b border-stone-300 bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">{t("order.sku")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("checkout.unitPrice")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("order.quantity")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("checkout.lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.productId} className="border-b border-stone-200">
                <td className="px-3 py-1.5">
                  <span className="font-medium">{localize(l.nameZh, l.nameEn)}</span>
                  <span className="block text-xs text-stone-600">{localizeSpec(l.spec)} · <span className="font-mono">{l.sku}</span></span>
                </td>
                <td className="px-3 py-1.5 text-right">
                  <Money fen={l.unitPriceFen} />
                  <span className="block text-xs text-stone-600">{t(`checkout.priceSource.${l.source}`, { min: l.tierMinQuantity })}</span>
                </td>
                <td className="px-3 py-1.5 text-right">{l.quantity}</td>
                <td className="px-3 py-1.5 text-right"><Money fen={l.lineTotalFen} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className="px-3 py-2 text-right">{t("checkout.total")}</th>
              <td className="px-3 py-2 text-right font-semibold" data-testid="org-total"><Money fen={totalFen} /></td>
            </tr>
          </tfoot>
        </table>
      </TableScroller>
      <Link to={`/org/order?org=${organisation.id}`} className="inline-block text-sm text-brand-700 underline">{t("checkout.backToGrid")}</Link>

      <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <h2 className="text-lg font-semibold">{t("checkout.details")}</h2>
        <FormError form={form} params={messageParams(params)} />
        <input type="hidden" name="org" value={organisation.id} />
        <input type="hidden" name="checkoutKey" value={checkoutKey} />
        <input type="hidden" name="expectedTotalFen" value={totalFen} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            field={fields.deliveryLocationId}
            label={t("checkout.location")}
            options={locations.map((l) => ({ value: l.id, label: `${l.name} · ${l.address}` }))}
          />
          <TextField field={fields.poNumber} label={t("checkout.poNumber")} hint={t("checkout.poNumberHint")} />
          <TextField field={fields.requestedDeliveryDate} type="date" label={t("checkout.deliveryDate")} />
          <SelectField field={fields.deliveryWindow} label={t("checkout.deliveryWindow")} options={deliveryWindows.map((w) => ({ value: w, label: w }))} />
        </div>
        <TextAreaField field={fields.note} label={t("checkout.note")} rows={2} />
        <InvoiceAndTerms fields={fields} totalFen={totalFen} terms={terms} />
        <SubmitButton busy={navigation.state !== "idle"} busyLabel={t("checkout.placing")}>{t("checkout.place")}</SubmitButton>
      </Form>
    </section>
  );
}
