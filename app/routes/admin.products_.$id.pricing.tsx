import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, type Submission } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { Money } from "~/components/money";
import { addTier, getProductPricingForAdmin, removeTier, setOrderRules, updateTier } from "~/models/pricing.server";
import { MAX_TIERS, OrderRulesSchema, TierRemoveSchema, TierSchema, TierUpdateSchema } from "~/models/pricing-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse, type Problems } from "~/utils/form.server";
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // Says which form it answers (and, for a tier, which row), so only that form takes the reply.
  const answer = (submission: Submission<unknown>, problems: Problems = {}) =>
    refuse(submission, problems, { extra: { intent, tierId: String(submission.payload.tierId ?? "") } });
  const done = (what: string, changed = true) => redirect(`/admin/products/${id}/pricing?done=${changed ? what : "unchanged"}`);

  switch (intent) {
    case "rules": {
      const submission = parseForm(formData, OrderRulesSchema);
      if (submission.status !== "success") return answer(submission);
      const result = await setOrderRules(id, submission.value, user.id);
      if (!result.ok) return answer(submission, { fieldErrors: result.fieldErrors });
      throw done("rules", result.changed);
    }
    case "addTier": {
      const submission = parseForm(formData, TierSchema);
      if (submission.status !== "success") return answer(submission);
      const result = await addTier(id, submission.value, user.id);
      if (!result.ok) return answer(submission, { fieldErrors: result.fieldErrors });
      throw done("tierAdded");
    }
    case "updateTier": {
      const submission = parseForm(formData, TierUpdateSchema);
      if (submission.status !== "success") return answer(submission);
      const result = await updateTier(id, submission.value.tierId, submission.value, user.id);
      if (!result.ok) return answer(submission, { fieldErrors: result.fieldErrors });
      throw done("tierSaved", result.changed);
    }
    case "removeTier": {
      const submission = parseForm(formData, TierRemoveSchema);
      if (submission.status !== "success") return answer(submission);
      const removed = await removeTier(id, submission.value.tierId, user.id);
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
  // Only the form that was submitted (and, for a tier, only its row) takes the reply.
  const replyTo = (intent: string, tierId?: number) =>
    actionData?.intent === intent && (tierId === undefined || actionData.tierId === String(tierId)) ? actionData.result : null;
  const done = params.get("done");
  const errorParams = { list: formatFen(product.priceFen, i18n.language as Locale), max: MAX_TIERS };
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

      <RulesForm
        key={String(product.updatedAt)}
        lastResult={replyTo("rules")}
        busy={busyIntent === "rules"}
        defaultValue={{ minOrderQuantity: String(product.minOrderQuantity), casePack: String(product.casePack) }}
      />

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("pricing.tiersTitle")}</h2>
        <p className="text-sm text-stone-700">{t("pricing.tiersHint", { max: MAX_TIERS })}</p>
        {product.priceTiers.length === 0 ? <p className="text-sm text-stone-700">{t("pricing.tiersEmpty")}</p> : null}
        <ul className="space-y-3">
          {product.priceTiers.map((tier) => (
            <li key={`${tier.id}-${tier.minQuantity}-${tier.priceFen}`} className="flex flex-wrap items-end gap-3 border-b border-stone-200 pb-3">
              <TierForm
                tierId={tier.id}
                lastResult={replyTo("updateTier", tier.id)}
                busy={busyIntent === "updateTier"}
                errorParams={errorParams}
                defaultValue={{ minQuantity: String(tier.minQuantity), price: fenToYuanInput(tier.priceFen) }}
              />
              <Form method="post">
                <input type="hidden" name="intent" value="removeTier" />
                <input type="hidden" name="tierId" value={tier.id} />
                <SubmitButton variant="danger" busy={busyIntent === "removeTier"}>{t("pricing.removeTier")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
        {/* A new key after each added tier empties the form. */}
        {product.priceTiers.length < MAX_TIERS ? (
          <NewTierForm key={product.priceTiers.length} lastResult={replyTo("addTier")} busy={busyIntent === "addTier"} errorParams={errorParams} />
        ) : null}
      </div>
    </section>
  );
}

const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
type FormArgs = { lastResult: FormReply | null; busy: boolean };
type Params = Record<string, string | number>;

function RulesForm({ defaultValue, lastResult, busy }: FormArgs & { defaultValue: Record<string, string> }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(OrderRulesSchema, { id: "rules", lastResult, defaultValue });
  return (
    <Form method="post" className={card} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("pricing.rulesTitle")}</h2>
      <FormError form={form} />
      <input type="hidden" name="intent" value="rules" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.minOrderQuantity} label={t("pricing.minOrderQuantity")} hint={t("pricing.minOrderQuantityHint")} inputMode="numeric" />
        <TextField field={fields.casePack} label={t("pricing.casePack")} hint={t("pricing.casePackHint")} inputMode="numeric" />
      </div>
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("pricing.saveRules")}</SubmitButton>
    </Form>
  );
}

function TierForm({ tierId, defaultValue, errorParams, lastResult, busy }: FormArgs & { tierId: number; defaultValue: Record<string, string>; errorParams: Params }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(TierUpdateSchema, { id: `tier-${tierId}`, lastResult, defaultValue });
  return (
    <Form method="post" className="flex flex-wrap items-end gap-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="updateTier" />
      <input type="hidden" name={fields.tierId.name} value={tierId} />
      <TextField field={fields.minQuantity} label={t("pricing.minQuantity")} inputMode="numeric" errorParams={errorParams} />
      <TextField field={fields.price} label={t("pricing.price")} inputMode="decimal" errorParams={errorParams} />
      <SubmitButton variant="secondary" busy={busy}>{t("pricing.saveTier")}</SubmitButton>
    </Form>
  );
}

function NewTierForm({ errorParams, lastResult, busy }: FormArgs & { errorParams: Params }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(TierSchema, { id: "new-tier", lastResult });
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <FormError form={form} params={errorParams} />
      <input type="hidden" name="intent" value="addTier" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.minQuantity} label={t("pricing.minQuantity")} inputMode="numeric" errorParams={errorParams} />
        <TextField field={fields.price} label={t("pricing.price")} inputMode="decimal" errorParams={errorParams} />
      </div>
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("pricing.addTier")}</SubmitButton>
    </Form>
  );
}
