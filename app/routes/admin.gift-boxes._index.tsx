import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { componentRowsToShow, GiftBoxFields } from "~/components/gifts/gift-box-fields";
import { Money } from "~/components/money";
import { createGiftBox, listGiftBoxes } from "~/models/gift-box.server";
import { listGiftOrdersForAdmin } from "~/models/gift-order.server";
import { componentRowsOverflow, GiftBoxSchema } from "~/models/gift-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "福利礼盒 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [boxes, orders] = await Promise.all([listGiftBoxes(), listGiftOrdersForAdmin()]);
  return { boxes, orders };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseForm(await request.formData(), GiftBoxSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields: componentRowsOverflow(submission.payload) ? ["components"] : [] });
  const result = await createGiftBox(submission.value, user.id);
  if (!result.ok) return refuse(submission, { fieldErrors: result.errors });
  throw redirect(`/admin/gift-boxes/${result.id}?done=created`);
}

export default function AdminGiftBoxes() {
  const { t } = useTranslation("gifts");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const { boxes, orders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useHallForm(GiftBoxSchema, { id: "new-gift-box", lastResult: actionData?.result, defaultValue: { components: componentRowsToShow([]) } });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.title")}</h1>
      <TableScroller label={t("admin.list")} className="rounded border border-stone-300 bg-white">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-stone-300 bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">{t("admin.nameZh")}</th>
              <th scope="col" className="px-3 py-2">{t("components")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("admin.price")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("admin.availability")}</th>
              <th scope="col" className="px-3 py-2">{t("admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {boxes.map((box) => (
              <tr key={box.id} className="border-b border-stone-200 align-top">
                <td className="px-3 py-2">
                  <Link to={`/admin/gift-boxes/${box.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{localize(box.nameZh, box.nameEn)}</Link>
                </td>
                <td className="px-3 py-2 text-xs text-stone-700">
                  {box.components.map((c) => <span key={c.productId} className="block">{t("componentLine", { name: localize(c.product.nameZh, c.product.nameEn), spec: localizeSpec(c.product.spec), quantity: c.quantity })}</span>)}
                </td>
                <td className="px-3 py-2 text-right">{box.unitPriceFen === null ? "—" : <Money fen={box.unitPriceFen} />}</td>
                <td className="px-3 py-2 text-right" data-testid={`available-${box.id}`}>{box.available}</td>
                <td className="px-3 py-2">{t(`admin.statuses.${box.status}`, { defaultValue: box.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p className="text-xs text-stone-600">{t("admin.priceHint")}</p>

      <h2 className="text-lg font-semibold">{t("admin.orders")}</h2>
      {orders.length === 0 ? (
        <p className="text-stone-700">{t("admin.noOrders")}</p>
      ) : (
        <TableScroller label={t("admin.orders")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("admin.number")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.organisation")}</th>
                <th scope="col" className="px-3 py-2">{t("review.boxes")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("admin.total")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("admin.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id} className="border-b border-stone-200">
                  <td className="px-3 py-2"><Link to={`/admin/gift-boxes/orders/${o.number}`} className="font-mono text-brand-700 underline">{o.number}</Link></td>
                  <td className="px-3 py-2">{o.organisation?.name}</td>
                  <td className="px-3 py-2">{o.giftBoxes.map((g) => `${localize(g.giftBox.nameZh, g.giftBox.nameEn)} × ${g.boxes}`).join("，")}</td>
                  <td className="px-3 py-2 text-right"><Money fen={o.totalFen} /></td>
                  <td className="px-3 py-2 text-right">{o.shipped} / {o._count.shipments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}

      <Form method="post" className="max-w-3xl space-y-4 rounded border border-stone-300 bg-white p-4" aria-labelledby="new-gift-box-title" {...getFormProps(form)}>
        <h2 id="new-gift-box-title" className="text-lg font-semibold">{t("admin.new")}</h2>
        <FormError message={form.status === "error" ? (form.errors?.[0] ?? "gifts:admin.formHasErrors") : null} />
        <GiftBoxFields fields={fields} />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("admin.saving")}>{t("admin.new")}</SubmitButton>
      </Form>
    </section>
  );
}
