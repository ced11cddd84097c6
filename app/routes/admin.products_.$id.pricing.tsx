import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { addTier, getProductPricingForAdmin, removeTier, setOrderRules, updateTier } from "~/models/pricing.server";
import { MAX_TIERS, OrderRulesSchema, TierRemoveSchema, TierSchema, TierUpdateSchema } from "~/models/pricing-schema";
import { fieldErrorsOf, formText, type FieldErrors } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { fenToYuanInput, formatFen, type Locale } from "~/utils/money";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.nameZh ?? ""} · 单位采购价 · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const product = await getProductPricingForAdmin(idOr404(params.id));
  if (!product) throw new Response("Not found", { status: 404 });
  return { product };
}

type Failure = { intent: string; tierId?: string; values: Record<string, string>; fieldErrors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const values = formText(await request.formData());
  const intent = values.intent ?? "";
  const fail = (fieldErrors: FieldErrors) => data<Failure>({ intent, tierId: values.tierId, values, fieldErrors }, { status: 400 });
  const done = (what: string, changed = true) => redirect(`/admin/products/${id}/pricing?done=${changed ? what : "unchanged"}`);

  switch (intent) {
    case "rules": {
      const parsed = OrderRulesSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const result = await setOrderRules(id, parsed.data, user.id);
      if (!result.ok) return fail(result.fieldErrors);
      throw done("rules", result.changed);
    }
    case "addTier": {
      const parsed = TierSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const result = await addTier(id, parsed.data, user.id);
      if (!result.ok) return fail(result.fieldErrors);
      throw done("tierAdded");
    }
    case "updateTier": {
      const parsed = TierUpdateSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const result = await updateTier(id, parsed.data.tierId, parsed.data, user.id);
      if (!result.ok) return fail(result.fieldErrors);
      throw done("tierSaved", result.changed);
    }
    case "removeTier": {
      const parsed = TierRemoveSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
      const removed = await removeTier(id, parsed.data.tierId, user.id);
      throw done("tierRemoved", removed);
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function ProductPricing() {
  const { t, i18n } = useTranslation("admin");
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failed = (intent: string, tierId?: number) =>
    actionData?.intent === intent && (tierId === undefined || actionData.tierId === String(tierId)) ? actionData : undefined;
  const done = params.get("done");
  const errorParams = { list: formatFen(product.priceFen, i18n.language as Locale), max: MAX_TIERS };
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  const rulesFailure = failed("rules");
  const addFailure = failed("addTier");
  const name = i18n.language === "en" && product.nameEn ? product.nameEn : product.nameZh;

  return (
    <section className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("pricing.title", { name })}</h1>
        <Link to={`/admin/products/${product.id}`} className="text-sm text-brand-700 underline">{t("pricing.back")}</Link>
      </div>
      {done && ["rules", "tierAdded", "tierSaved", "tierRemoved", "unchanged"].includes(done) ? <Notice>{t(`pricing.done.${done}`)}</Notice> : null}
      <p className="text-sm text-stone-700">{t("pricing.intro")}</p>
      <p className="text-sm">
        {product.sku} · {product.spec} · {t("pricing.listPrice")}: <Money fen={product.priceFen} className="font-semibold" />
      </p>

      <Form key={`${String(product.updatedAt)}${rulesFailure ? "-rejected" : ""}`} method="post" noValidate className={card}>
        <h2 className="text-lg font-semibold">{t("pricing.rulesTitle")}</h2>
        <FormError message={rulesFailure ? "admin:common.formHasErrors" : null} />
        <input type="hidden" name="intent" value="rules" />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            form="rules"
            name="minOrderQuantity"
            label={t("pricing.minOrderQuantity")}
            hint={t("pricing.minOrderQuantityHint")}
            inputMode="numeric"
            required
            defaultValue={rulesFailure?.values.minOrderQuantity ?? product.minOrderQuantity}
            errors={rulesFailure?.fieldErrors}
          />
          <TextField
            form="rules"
            name="casePack"
            label={t("pricing.casePack")}
            hint={t("pricing.casePackHint")}
            inputMode="numeric"
            required
            defaultValue={rulesFailure?.values.casePack ?? product.casePack}
            errors={rulesFailure?.fieldErrors}
          />
        </div>
        <SubmitButton busy={busyIntent === "rules"} busyLabel={t("common.saving")}>{t("pricing.saveRules")}</SubmitButton>
      </Form>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("pricing.tiersTitle")}</h2>
        <p className="text-sm text-stone-700">{t("pricing.tiersHint", { max: MAX_TIERS })}</p>
        {product.priceTiers.length === 0 ? <p className="text-sm text-stone-700">{t("pricing.tiersEmpty")}</p> : null}
        <ul className="space-y-3">
          {product.priceTiers.map((tier) => {
            const tierFailure = failed("updateTier", tier.id);
            return (
              <li key={`${tier.id}-${tier.minQuantity}-${tier.priceFen}${tierFailure ? "-rejected" : ""}`} className="flex flex-wrap items-end gap-3 border-b border-stone-200 pb-3">
                <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
                  <input type="hidden" name="intent" value="updateTier" />
                  <input type="hidden" name="tierId" value={tier.id} />
                  <TextField
                    form={`tier-${tier.id}`}
                    name="minQuantity"
                    label={t("pricing.minQuantity")}
                    inputMode="numeric"
                    required
                    defaultValue={tierFailure?.values.minQuantity ?? tier.minQuantity}
                    errors={tierFailure?.fieldErrors}
                    errorParams={errorParams}
                  />
                  <TextField
                    form={`tier-${tier.id}`}
                    name="price"
                    label={t("pricing.price")}
                    inputMode="decimal"
                    required
                    defaultValue={tierFailure?.values.price ?? fenToYuanInput(tier.priceFen)}
                    errors={tierFailure?.fieldErrors}
                    errorParams={errorParams}
                  />
                  <SubmitButton variant="secondary" busy={busyIntent === "updateTier"}>{t("pricing.saveTier")}</SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeTier" />
                  <input type="hidden" name="tierId" value={tier.id} />
                  <SubmitButton variant="danger" busy={busyIntent === "removeTier"}>{t("pricing.removeTier")}</SubmitButton>
                </Form>
              </li>
            );
          })}
        </ul>
        {product.priceTiers.length < MAX_TIERS ? (
          <Form key={`${product.priceTiers.length}${addFailure ? "-rejected" : ""}`} method="post" noValidate className="space-y-3">
            <FormError message={addFailure ? "admin:common.formHasErrors" : null} />
            <input type="hidden" name="intent" value="addTier" />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                form="new-tier"
                name="minQuantity"
                label={t("pricing.minQuantity")}
                inputMode="numeric"
                required
                defaultValue={addFailure?.values.minQuantity ?? ""}
                errors={addFailure?.fieldErrors}
                errorParams={errorParams}
              />
              <TextField
                form="new-tier"
                name="price"
                label={t("pricing.price")}
                inputMode="decimal"
                required
                defaultValue={addFailure?.values.price ?? ""}
                errors={addFailure?.fieldErrors}
                errorParams={errorParams}
              />
            </div>
            <SubmitButton busy={busyIntent === "addTier"} busyLabel={t("common.saving")}>{t("pricing.addTier")}</SubmitButton>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
