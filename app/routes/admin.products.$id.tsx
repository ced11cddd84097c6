import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditTable } from "~/components/admin/audit-table";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextAreaField, TextField } from "~/components/admin/form-fields";
import { ProductFields, type ProductFormOptions } from "~/components/admin/product-form";
import { Money } from "~/components/money";
import { listAudit } from "~/models/audit.server";
import {
  adjustStock,
  getProductForAdmin,
  listStockAdjustments,
  productFormOptions,
  removeEndorsement,
  setProductStatus,
  updateProduct,
  upsertEndorsement,
} from "~/models/product.server";
import { EndorsementSchema, ProductButtonSchema, ProductUpdateSchema, StockAdjustmentSchema } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { fenToYuanInput } from "~/utils/money";
import { TableScroller } from "~/components/admin/table-scroller";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.nameZh ?? ""} · 管理后台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idOr404(params.id);
  const product = await getProductForAdmin(id);
  if (!product) throw new Response("Not found", { status: 404 });
  const [options, adjustments, audit] = await Promise.all([
    productFormOptions(),
    listStockAdjustments(id),
    listAudit({ entityType: "Product", entityId: String(id), take: 50 }),
  ]);
  return { product, options, adjustments, audit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const done = (what: string) => redirect(`/admin/products/${id}?done=${what}`);
  // Which form answered, and the numbers its messages need (the stock a decrease ran into).
  const extra = (errorParams: Record<string, number> = {}) => ({ extra: { intent, errorParams } });

  switch (intent) {
    case "update": {
      const submission = parseForm(formData, ProductUpdateSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra());
      const result = await updateProduct(id, submission.value, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra());
      throw done(result.value.changed ? "saved" : "unchanged");
    }
    case "adjustStock": {
      const submission = parseForm(formData, StockAdjustmentSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra());
      const result = await adjustStock(id, submission.value.delta, submission.value.reason, user.id);
      if (!result.ok && result.reason === "not-found") throw new Response("Not found", { status: 404 });
      if (!result.ok) return refuse(submission, { fieldErrors: { delta: ["admin:errors.insufficientStock"] } }, extra({ stock: result.currentStock }));
      throw done("stock");
    }
    case "endorsement": {
      const submission = parseForm(formData, EndorsementSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra());
      await upsertEndorsement(id, submission.value, user.id);
      throw done("endorsement");
    }
    case "archive":
    case "restore":
    case "removeEndorsement": {
      const submission = parseForm(formData, ProductButtonSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra());
      if (submission.value.intent === "removeEndorsement") {
        await removeEndorsement(id, user.id);
        throw done("endorsementRemoved");
      }
      const archive = submission.value.intent === "archive";
      await setProductStatus(id, archive ? "ARCHIVED" : "ACTIVE", user.id);
      throw done(archive ? "archived" : "restored");
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

const notices: Record<string, string> = {
  created: "products.created",
  saved: "common.saved",
  unchanged: "common.noChanges",
  archived: "products.archived",
  restored: "products.restored",
  endorsement: "endorsement.saved",
  endorsementRemoved: "endorsement.removed",
};

export default function EditProduct() {
  const { t, i18n } = useTranslation("admin");
  const { product, options, adjustments, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  // Only the form that was submitted takes the reply.
  const replyTo = (intent: string) => (actionData?.intent === intent ? actionData.result : null);
  const done = params.get("done");
  const archived = product.status === "ARCHIVED";
  const endorsement = product.endorsement;

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          {t("product.editTitle", { name: i18n.language === "en" && product.nameEn ? product.nameEn : product.nameZh })}
        </h1>
        <Link to="/admin/products" className="text-sm text-brand-700 underline">{t("common.back")}</Link>
      </div>
      {done === "stock" ? <Notice>{t("stock.done", { stock: product.stock })}</Notice> : null}
      {done && notices[done] ? <Notice>{t(notices[done])}</Notice> : null}

      <dl className="flex flex-wrap gap-x-8 gap-y-2 rounded border border-stone-300 bg-white p-4 text-sm">
        <div><dt className="text-stone-600">{t("products.columns.status")}</dt><dd className="font-semibold">{t(`products.status.${product.status}`)}</dd></div>
        <div><dt className="text-stone-600">{t("products.columns.price")}</dt><dd className="font-semibold"><Money fen={product.priceFen} /></dd></div>
        <div><dt className="text-stone-600">{t("product.currentStock")}</dt><dd className="font-semibold">{product.stock}</dd></div>
      </dl>
      {!archived ? (
        <p className="text-sm"><Link to={`/products/${product.slug}`} className="text-brand-700 underline">{t("product.viewInShop")}</Link></p>
      ) : null}

      <p className="text-sm"><Link to={`/admin/products/${product.id}/pricing`} className="text-brand-700 underline">{t("pricing.link")}</Link></p>
      <p className="text-sm"><Link to={`/admin/products/${product.id}/photos`} className="text-brand-700 underline">{t("photos.link")}</Link></p>
      {/* Keyed so a saved product re-renders the fields from what the server now says. */}
      <DetailsForm
        key={String(product.updatedAt)}
        options={options}
        lastResult={replyTo("update")}
        busy={busyIntent === "update"}
        defaultValue={{
          sku: product.sku,
          slug: product.slug,
          nameZh: product.nameZh,
          nameEn: product.nameEn,
          categoryId: String(product.categoryId),
          countyId: String(product.countyId),
          supplierId: String(product.supplierId),
          township: product.township,
          village: product.village,
          spec: product.spec,
          price: fenToYuanInput(product.priceFen),
          descriptionZh: product.descriptionZh,
          descriptionEn: product.descriptionEn,
          originStatement: product.originStatement,
          featured: product.featured ? "on" : "",
        }}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        {/* A new key after each adjustment empties the form, so a second click cannot repeat it. */}
        <StockForm
          key={adjustments[0]?.id ?? 0}
          stock={product.stock}
          lastResult={replyTo("adjustStock")}
          errorParams={actionData?.intent === "adjustStock" ? actionData.errorParams : {}}
          busy={busyIntent === "adjustStock"}
        />

        <div className={card}>
          <h2 className="text-lg font-semibold">{t("product.statusSection")}</h2>
          <p className="text-sm text-stone-700">{t("product.archiveHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
            <SubmitButton variant={archived ? "primary" : "danger"} busy={busyIntent === "archive" || busyIntent === "restore"}>
              {archived ? t("product.restore") : t("product.archive")}
            </SubmitButton>
          </Form>
        </div>
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("endorsement.title")}</h2>
        {!endorsement ? <p className="text-sm text-stone-700">{t("endorsement.none")}</p> : null}
        <EndorsementForm
          key={endorsement ? Object.values(endorsement).join("\u0000") : "none"}
          lastResult={replyTo("endorsement")}
          busy={busyIntent === "endorsement"}
          defaultValue={endorsement ?? {}}
        />
        {endorsement ? (
          <Form method="post">
            <input type="hidden" name="intent" value="removeEndorsement" />
            <SubmitButton variant="danger" busy={busyIntent === "removeEndorsement"}>{t("endorsement.remove")}</SubmitButton>
          </Form>
        ) : null}
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("stock.history")}</h2>
        {adjustments.length === 0 ? (
          <p className="text-sm text-stone-700">{t("stock.empty")}</p>
        ) : (
          <TableScroller label={t("stock.history")}>
            <table className="w-full min-w-[32rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t("stock.columns.when")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("stock.columns.delta")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("stock.columns.after")}</th>
                  <th scope="col" className="py-2 pr-3">{t("stock.columns.reason")}</th>
                  <th scope="col" className="py-2">{t("stock.columns.who")}</th>
                </tr>
              </thead>
              <tbody>
                {adjustments.map((a) => (
                  <tr key={a.id} className="border-b border-stone-200">
                    <td className="whitespace-nowrap py-2 pr-3"><DateTime value={a.createdAt} /></td>
                    <td className={`py-2 pr-3 text-right font-mono ${a.delta < 0 ? "text-red-800" : "text-green-800"}`}>{a.delta > 0 ? `+${a.delta}` : a.delta}</td>
                    <td className="py-2 pr-3 text-right font-mono">{a.stockAfter}</td>
                    <td className="py-2 pr-3">{a.reason}</td>
                    <td className="py-2">{a.user?.name ?? t("audit.system")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("audit.title")}</h2>
        <AuditTable rows={audit} showEntity={false} />
      </div>
    </section>
  );
}

const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
type FormArgs = { lastResult: FormReply | null; busy: boolean };

function DetailsForm({ options, defaultValue, lastResult, busy }: FormArgs & { options: ProductFormOptions; defaultValue: Record<string, string> }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(ProductUpdateSchema, { id: "product", lastResult, defaultValue });
  return (
    <Form method="post" className={card} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("product.details")}</h2>
      <FormError form={form} />
      <input type="hidden" name="intent" value="update" />
      <ProductFields options={options} fields={fields} />
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("common.save")}</SubmitButton>
    </Form>
  );
}

function StockForm({ stock, errorParams, lastResult, busy }: FormArgs & { stock: number; errorParams: Record<string, number> }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(StockAdjustmentSchema, { id: "stock", lastResult });
  return (
    <Form method="post" className={card} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("stock.title")}</h2>
      <p className="text-sm">{t("product.currentStock")}: <strong>{stock}</strong></p>
      <input type="hidden" name="intent" value="adjustStock" />
      <FormError form={form} params={errorParams} />
      <TextField field={fields.delta} label={t("stock.delta")} hint={t("stock.deltaHint")} inputMode="numeric" errorParams={errorParams} />
      <TextField field={fields.reason} label={t("stock.reason")} hint={t("stock.reasonHint")} />
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("stock.submit")}</SubmitButton>
    </Form>
  );
}

function EndorsementForm({ defaultValue, lastResult, busy }: FormArgs & { defaultValue: Record<string, string> }) {
  const { t } = useTranslation("admin");
  const [form, fields] = useHallForm(EndorsementSchema, { id: "endorsement", lastResult, defaultValue });
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="endorsement" />
      <FormError form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        {(["secretaryName", "village", "township", "dispatchingUnit"] as const).map((name) => (
          <TextField key={name} field={fields[name]} label={t(`endorsement.${name}`)} />
        ))}
        <TextAreaField field={fields.words} label={t("endorsement.words")} className="sm:col-span-2" />
      </div>
      <SubmitButton busy={busy} busyLabel={t("common.saving")}>{t("endorsement.save")}</SubmitButton>
    </Form>
  );
}
