import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton } from "~/components/admin/form-fields";
import { componentRowsToShow, GiftBoxFields } from "~/components/gifts/gift-box-fields";
import { Money } from "~/components/money";
import { getGiftBox, priceGiftBoxes, setGiftBoxStatus, updateGiftBox } from "~/models/gift-box.server";
import { componentRowsOverflow, GiftBoxSchema, GiftBoxStatusSchema } from "~/models/gift-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "编辑礼盒 · 管理后台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const box = await getGiftBox(idOr404(params.id));
  if (!box) throw new Response("Not found", { status: 404 });
  const price = await priceGiftBoxes(null, box.components, 1);
  return { box, unitPriceFen: price.ok ? price.unitPriceFen : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = idOr404(params.id);
  const formData = await request.formData();
  if (formData.has("intent")) {
    const submission = parseForm(formData, GiftBoxStatusSchema);
    if (submission.status !== "success") throw new Response("Unknown intent", { status: 400 });
    if (!(await getGiftBox(id))) throw new Response("Not found", { status: 404 });
    const archive = submission.value.intent === "archive";
    await setGiftBoxStatus(id, archive ? "ARCHIVED" : "ACTIVE", user.id);
    throw redirect(`/admin/gift-boxes/${id}?done=${archive ? "archived" : "restored"}`);
  }
  const submission = parseForm(formData, GiftBoxSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields: componentRowsOverflow(submission.payload) ? ["components"] : [] });
  const result = await updateGiftBox(id, submission.value, user.id);
  if (!result.ok) return refuse(submission, { fieldErrors: result.errors });
  throw redirect(`/admin/gift-boxes/${id}?done=saved`);
}

export default function AdminGiftBox() {
  const { t } = useTranslation("gifts");
  const { box, unitPriceFen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const [form, fields] = useHallForm(GiftBoxSchema, {
    id: "gift-box",
    lastResult: actionData?.result,
    defaultValue: {
      nameZh: box.nameZh,
      nameEn: box.nameEn,
      descriptionZh: box.descriptionZh,
      descriptionEn: box.descriptionEn,
      imageUrl: box.imageUrl,
      components: componentRowsToShow(box.components.map((c) => ({ sku: c.product.sku, quantity: String(c.quantity) }))),
    },
  });
  return (
    <section className="max-w-3xl space-y-6">
      <Link to="/admin/gift-boxes" className="text-sm text-brand-700 underline">{t("admin.back")}</Link>
      <h1 className="text-2xl font-semibold">{t("admin.edit")}: {box.nameZh}</h1>
      {done && ["created", "saved", "archived", "restored"].includes(done) ? <Notice>{t(`admin.${done}`)}</Notice> : null}
      <dl className="grid grid-cols-2 gap-2 rounded border border-stone-300 bg-white p-4 text-sm sm:grid-cols-3">
        <div><dt className="text-stone-600">{t("admin.price")}</dt><dd className="font-semibold">{unitPriceFen === null ? "—" : <Money fen={unitPriceFen} />}</dd></div>
        <div><dt className="text-stone-600">{t("admin.availability")}</dt><dd className="font-semibold" data-testid="available">{box.available}</dd></div>
        <div><dt className="text-stone-600">{t("admin.status")}</dt><dd>{t(`admin.statuses.${box.status}`, { defaultValue: box.status })}</dd></div>
      </dl>
      <Form method="post" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <FormError message={form.status === "error" ? (form.errors?.[0] ?? "gifts:admin.formHasErrors") : null} />
        <GiftBoxFields fields={fields} />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("admin.saving")}>{t("admin.save")}</SubmitButton>
      </Form>
      <Form method="post">
        <SubmitButton name="intent" value={box.status === "ACTIVE" ? "archive" : "restore"} variant={box.status === "ACTIVE" ? "danger" : "secondary"}>
          {box.status === "ACTIVE" ? t("admin.archive") : t("admin.restore")}
        </SubmitButton>
      </Form>
    </section>
  );
}
