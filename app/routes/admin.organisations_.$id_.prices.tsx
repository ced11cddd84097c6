import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
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
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { fenToYuanInput, formatFen, type Locale } from "~/utils/money";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · 协议价 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const organisation = await getOrganisationContractPrices(idOr404(params.id));
  if (!organisation) throw new Response("Not found", { status: 404 });
  return { organisation };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Which form the answer is for (a row is named by its contract) and the list price a message names.
  const extra = (contractId: string | null, listPriceFen?: number) => ({ extra: { intent: String(intent), contractId, listPriceFen: listPriceFen ?? null } });
  const done = (what: string, changed = true) => redirect(`/admin/organisations/${id}/prices?done=${changed ? what : "unchanged"}`);

  switch (intent) {
    case "add": {
      const submission = parseForm(formData, ContractPriceSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra(null));
      const result = await addContractPrice(id, submission.value, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra(null, result.listPriceFen));
      throw done("contractAdded");
    }
    case "update": {
      const submission = parseForm(formData, ContractPriceUpdateSchema);
      const contractId = String(formData.get("contractId") ?? "");
      if (submission.status !== "success") return refuse(submission, {}, extra(contractId));
      const result = await updateContractPrice(id, submission.value.contractId, submission.value.price, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra(contractId, result.listPriceFen));
      throw done("contractSaved", result.changed);
    }
    case "remove": {
      const submission = parseForm(formData, ContractPriceRemoveSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra(null));
      const removed = await removeContractPrice(id, submission.value.contractId, user.id);
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
                  const answer = actionData?.intent === "update" && actionData.contractId === String(c.id) ? actionData : undefined;
                  return (
                    <ContractRow
                      key={`${c.id}-${c.priceFen}${answer ? "-rejected" : ""}`}
                      contract={c}
                      lastResult={answer?.result ?? null}
                      errorParams={listParam(answer?.listPriceFen ?? c.product.priceFen)}
                      busy={busyIntent === "update"}
                      removing={busyIntent === "remove"}
                    />
                  );
                })}
              </tbody>
            </table>
          </TableScroller>
        )}
      </div>

      <AddContractForm
        key={organisation.contractPrices.length}
        lastResult={actionData?.intent === "add" ? actionData.result : null}
        errorParams={listParam(actionData?.intent === "add" ? (actionData.listPriceFen ?? undefined) : undefined)}
        busy={busyIntent === "add"}
      />
    </section>
  );
}

type Contract = ReturnType<typeof useLoaderData<typeof loader>>["organisation"]["contractPrices"][number];

function ContractRow({ contract: c, lastResult, errorParams, busy, removing }: {
  contract: Contract;
  lastResult: FormReply | null;
  errorParams: Record<string, string>;
  busy: boolean;
  removing: boolean;
}) {
  const { t, i18n } = useTranslation("admin");
  const [form, fields] = useHallForm(ContractPriceUpdateSchema, { id: `contract-${c.id}`, lastResult, defaultValue: { price: fenToYuanInput(c.priceFen) } });
  return (
    <tr className="border-b border-stone-200 align-top">
      <td className="py-2 pr-3">
        <span className="font-mono">{c.product.sku}</span> {i18n.language === "en" && c.product.nameEn ? c.product.nameEn : c.product.nameZh}
        <span className="text-stone-600"> · {c.product.spec}</span>
        {c.product.status === "ARCHIVED" ? <span className="text-stone-600"> · {t("pricing.archived")}</span> : null}
      </td>
      <td className="py-2 pr-3 text-right"><Money fen={c.product.priceFen} /></td>
      <td className="py-2 pr-3">
        <Form method="post" className="flex items-end gap-2" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="contractId" value={c.id} />
          <TextField field={fields.price} label={t("pricing.contractPrice")} inputMode="decimal" errorParams={errorParams} />
          <SubmitButton variant="secondary" busy={busy}>{t("common.save")}</SubmitButton>
        </Form>
      </td>
      <td className="py-2">
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="contractId" value={c.id} />
          <SubmitButton variant="danger" busy={removing}>{t("pricing.removeContract")}</SubmitButton>
        </Form>
      </td>
    </tr>
  );
}

function AddContractForm({ lastResult, errorParams, busy }: { lastResult: FormReply | null; errorParams: Record<string, string>; busy: boolean }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(ContractPriceSchema, { id: "new-contract", lastResult });
  return (
    <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("pricing.addContract")}</h2>
      <FormError form={form} />
      <input type="hidden" name="intent" value="add" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.sku} label={t("pricing.sku")} />
        <TextField field={fields.price} label={t("pricing.contractPrice")} inputMode="decimal" errorParams={errorParams} />
      </div>
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("pricing.addContract")}</SubmitButton>
    </Form>
  );
}
