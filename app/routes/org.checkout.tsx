import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import { BulkNav, useMessageParams } from "~/components/org/bulk-nav";
import { InvoiceAndTerms } from "~/components/org/invoice-and-terms";
import type { FieldErrors } from "~/models/account-schema";
import { reviewDraft } from "~/models/org-order-lines.server";
import { beijingToday, deliveryWindows, orderDetailsSchema } from "~/models/org-order-schema";
import { ORDERING_ROLES, orderingTerms, organisationForPage, placeOrgOrder } from "~/models/org-order.server";
import { pathErrorsOf } from "~/models/organisation-schema";
import { formText } from "~/models/product-schema";
import { prisma } from "~/utils/db.server";
import { requireUser } from "~/utils/auth.server";
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

type Failure = { values: Record<string, string>; fieldErrors: FieldErrors; message?: string; params?: Record<string, string | number> };

export async function action({ request }: ActionFunctionArgs) {
  const form = formText(await request.formData());
  const { user, membership } = await ordering(request, form.org ?? "");
  const fail = (failure: Omit<Failure, "values">, status = 400) => data<Failure>({ values: form, ...failure }, { status });
  const parsed = orderDetailsSchema(beijingToday()).safeParse(form);
  if (!parsed.success) return fail({ fieldErrors: pathErrorsOf(parsed.error), message: "org:errors.formHasErrors" });
  const result = await placeOrgOrder({ organisationId: membership.organisation.id, userId: user.id, details: parsed.data });
  if (result.ok) throw redirect(`/org/orders/${result.order.number}?done=${result.order.status === "PENDING_APPROVAL" ? "placedPending" : "placed"}`);
  switch (result.reason) {
    case "prices-changed":
      return fail({ fieldErrors: {}, message: "org:checkout.pricesChanged", params: { total: result.totalFen } }, 409);
    case "over-credit-limit":
      return fail({ fieldErrors: {}, message: "org:checkout.overCreditLimit", params: { available: result.availableFen } }, 409);
    case "location":
      return fail({ fieldErrors: { deliveryLocationId: ["org:checkout.locationGone"] }, message: "org:errors.formHasErrors" });
    case "not-approved":
      return fail({ fieldErrors: {}, message: "org:checkout.notApproved" }, 403);
    case "lines":
      return fail({ fieldErrors: {}, message: result.problems.length > 0 ? result.problems[0]!.message : "org:checkout.linesChanged", params: result.problems[0]?.params }, 409);
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
  const values = actionData?.values ?? {};
  const errors = actionData?.fieldErrors;
  const { organisation, role } = membership;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <BulkNav organisationId={organisation.id} name={organisation.name} showApprovals={role !== "BUYER"} />
      <h1 className="text-2xl font-semibold">{t("checkout.title")}</h1>
      <p className="text-sm text-stone-700">{t("checkout.intro")}</p>
      {actionData?.message ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(actionData.message, messageParams(actionData.params))}</p>
      ) : null}

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

      <Form method="post" noValidate className="space-y-4 rounded border border-stone-300 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("checkout.details")}</h2>
        <input type="hidden" name="org" value={organisation.id} />
        <input type="hidden" name="checkoutKey" value={checkoutKey} />
        <input type="hidden" name="expectedTotalFen" value={totalFen} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="deliveryLocationId"
            label={t("checkout.location")}
            required
            defaultValue={values.deliveryLocationId ?? locations[0]?.id ?? ""}
            options={locations.map((l) => ({ value: l.id, label: `${l.name} · ${l.address}` }))}
            errors={errors}
          />
          <TextField name="poNumber" label={t("checkout.poNumber")} hint={t("checkout.poNumberHint")} defaultValue={values.poNumber ?? ""} errors={errors} />
          <TextField name="requestedDeliveryDate" type="date" label={t("checkout.deliveryDate")} required defaultValue={values.requestedDeliveryDate ?? today} errors={errors} />
          <SelectField
            name="deliveryWindow"
            label={t("checkout.deliveryWindow")}
            required
            defaultValue={values.deliveryWindow ?? deliveryWindows[0]}
            options={deliveryWindows.map((w) => ({ value: w, label: w }))}
            errors={errors}
          />
        </div>
        <TextAreaField name="note" label={t("checkout.note")} rows={2} defaultValue={values.note ?? ""} errors={errors} />
        <InvoiceAndTerms values={values} errors={errors} totalFen={totalFen} terms={terms} />
        <SubmitButton busy={navigation.state !== "idle"} busyLabel={t("checkout.placing")}>{t("checkout.place")}</SubmitButton>
      </Form>
    </section>
  );
}
