import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { Money } from "~/components/money";
import {
  addContractPrice,
  getOrganisationContractPrices,
  removeContractPrice,
  updateContractPrice,
} from "~/models/pricing.server";
import { ContractPriceRemoveSchema, ContractPriceSchema, ContractPriceUpdateSchema } from "~/models/pricing-schema";
import { fieldErrorsOf, formText, type FieldErrors } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { fenToYuanInput, formatFen, type Locale } from "~/utils/money";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · 协议价 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const organisation = await getOrganisationContractPrices(idOr404(params.id));
  if (!organisation) throw new Response("Not found", { status: 404 });
  return { organisation };
}

type Failure = { intent: string; contractId?: string; values: Record<string, string>; fieldErrors: FieldErrors; listPriceFen?: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const values = formText(await request.formData());
  const intent = values.intent ?? "";
  const fail = (fieldErrors: FieldErrors, listPriceFen?: number) =>
    data<Failure>({ intent, contractId: values.contractId, values, fieldErrors, listPriceFen }, { status: 400 });
  const done = (what: string, changed = true) => redirect(`/admin/organisations/${id}/prices?done=${changed ? what : "unchanged"}`);

  switch (intent) {
    case "add": {
      const parsed = ContractPriceSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const result = await addContractPrice(id, parsed.data, user.id);
      if (!result.ok) return fail(result.fieldErrors, result.listPriceFen);
      throw done("contractAdded");
    }
    case "update": {
      const parsed = ContractPriceUpdateSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const result = await updateContractPrice(id, parsed.data.contractId, parsed.data.price, user.id);
      if (!result.ok) return fail(result.fieldErrors, result.listPriceFen);
      throw done("contractSaved", result.changed);
    }
    case "remove": {
      const parsed = ContractPriceRemoveSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const removed = await removeContractPrice(id, parsed.data.contractId, user.id);
      throw done("contractRemoved", removed);
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function OrganisationPrices() {
  const { t, i18n } = useTranslation("admin");
  const { organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const locale = i18n.language as Locale;
  const done = params.get("done");
  const addFailure = actionData?.intent === "add" ? actionData : undefined;
  const listParam = (fen: number | undefined) => ({ list: fen === undefined ? "" : formatFen(fen, locale) });
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";

  return (
    <section className="max-w-4xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("pricing.contractTitle", { name: organisation.name })}</h1>
        <Link to={`/admin/organisations/${organisation.id}`} className="text-sm text-brand-700 underline">{t("pricing.contractBack")}</Link>
      </div>
      {done && ["contractAdded", "contractSaved", "contractRemoved", "unchanged"].includes(done) ? <Notice>{t(`pricing.done.${done}`)}</Notice> : null}
      <p className="text-sm text-stone-700">{t("pricing.contractIntro")}</p>

      <div className={card}>
        {organisation.contractPrices.length === 0 ? (
          <p className="text-sm text-stone-700">{t("pricing.contractEmpty")}</p>
        ) : (
          <TableScroller label={t("pricing.contractTitle", { name: organisation.name })}>
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t("pricing.product")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("pricing.listPrice")}</th>
                  <th scope="col" className="py-2 pr-3">{t("pricing.contractPrice")}</th>
                  <th scope="col" className="py-2">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {organisation.contractPrices.map((c) => {
                  const rowFailure = actionData?.intent === "update" && actionData.contractId === String(c.id) ? actionData : undefined;
                  const formId = `contract-${c.id}`;
                  return (
                    <tr key={`${c.id}-${c.priceFen}${rowFailure ? "-rejected" : ""}`} className="border-b border-stone-200 align-top">
                      <td className="py-2 pr-3">
                        <span className="font-mono">{c.product.sku}</span> {i18n.language === "en" && c.product.nameEn ? c.product.nameEn : c.product.nameZh}
                        <span className="text-stone-600"> · {c.product.spec}</span>
                        {c.product.status === "ARCHIVED" ? <span className="text-stone-600"> · {t("pricing.archived")}</span> : null}
                      </td>
                      <td className="py-2 pr-3 text-right"><Money fen={c.product.priceFen} /></td>
                      <td className="py-2 pr-3">
                        <Form method="post" noValidate id={formId} className="flex items-end gap-2">
                          <input type="hidden" name="intent" value="update" />
                          <input type="hidden" name="contractId" value={c.id} />
                          <TextField
                            form={formId}
                            name="price"
                            label={t("pricing.contractPrice")}
                            inputMode="decimal"
                            required
                            defaultValue={rowFailure?.values.price ?? fenToYuanInput(c.priceFen)}
                            errors={rowFailure?.fieldErrors}
                            errorParams={listParam(c.product.priceFen)}
                          />
                          <SubmitButton variant="secondary" busy={busyIntent === "update"}>{t("common.save")}</SubmitButton>
                        </Form>
                      </td>
                      <td className="py-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="contractId" value={c.id} />
                          <SubmitButton variant="danger" busy={busyIntent === "remove"}>{t("pricing.removeContract")}</SubmitButton>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroller>
        )}
      </div>

      <Form key={`${organisation.contractPrices.length}${addFailure ? "-rejected" : ""}`} method="post" noValidate className={card}>
        <h2 className="text-lg font-semibold">{t("pricing.addContract")}</h2>
        <FormError message={addFailure ? "admin:common.formHasErrors" : null} />
        <input type="hidden" name="intent" value="add" />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form="new-contract" name="sku" label={t("pricing.sku")} required defaultValue={addFailure?.values.sku ?? ""} errors={addFailure?.fieldErrors} />
          <TextField
            form="new-contract"
            name="price"
            label={t("pricing.contractPrice")}
            inputMode="decimal"
            required
            defaultValue={addFailure?.values.price ?? ""}
            errors={addFailure?.fieldErrors}
            errorParams={listParam(addFailure?.listPriceFen)}
          />
        </div>
        <SubmitButton busy={busyIntent === "add"} busyLabel={t("common.saving")}>{t("pricing.addContract")}</SubmitButton>
      </Form>
    </section>
  );
}
