import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton } from "~/components/admin/form-fields";
import { ProductFields } from "~/components/admin/product-form";
import { createProduct, productFormOptions } from "~/models/product.server";
import { ProductCreateSchema } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "新增商品 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { options: await productFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseForm(await request.formData(), ProductCreateSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = await createProduct(submission.value, user.id);
  if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors });
  throw redirect(`/admin/products/${result.value.id}?done=created`);
}

export default function NewProduct() {
  const { t } = useTranslation("admin");
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(ProductCreateSchema, { id: "new-product", lastResult: actionData?.result, defaultValue: { initialStock: "0" } });
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("product.newTitle")}</h1>
      <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <FormError form={form} />
        <ProductFields options={options} fields={fields} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("common.save")}</SubmitButton>
          <Link to="/admin/products" className="rounded border border-stone-400 px-4 py-2 hover:bg-stone-100">{t("common.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
