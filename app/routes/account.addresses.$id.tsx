import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddressFields } from "~/components/account/address-fields";
import { FormError, SubmitButton } from "~/components/admin/form-fields";
import { AddressSchema } from "~/models/account-schema";
import { getAddress, updateAddress } from "~/models/address.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "编辑收货地址 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const address = await getAddress(user.id, idOr404(params.id));
  if (!address) throw new Response("Not found", { status: 404 });
  return { address };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idOr404(params.id);
  const submission = parseForm(await request.formData(), AddressSchema);
  if (submission.status !== "success") return refuse(submission);
  if (!(await updateAddress(user.id, id, submission.value))) throw new Response("Not found", { status: 404 });
  throw redirect("/account/addresses?done=updated");
}

export default function EditAddress() {
  const { t } = useTranslation("account");
  const { address } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { recipient, mobile, province, city, district, detail } = address;
  const [form, fields] = useHallForm(AddressSchema, { id: "edit-address", lastResult: actionData?.result, defaultValue: { recipient, mobile, province, city, district, detail } });
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("addresses.editTitle")}</h1>
        <Link to="/account/addresses" className="text-sm text-brand-700 underline">{t("addresses.back")}</Link>
      </div>
      <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <FormError form={form} />
        <AddressFields fields={fields} isCurrentDefault={address.isDefault} />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("common.saving")}>{t("addresses.save")}</SubmitButton>
      </Form>
    </section>
  );
}
