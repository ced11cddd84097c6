import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { ProblemList } from "~/components/gifts/problem-list";
import { ShipmentTable } from "~/components/gifts/shipment-table";
import { Money } from "~/components/money";
import { deliverShipments, giftOfOrder, listShipments, shipFromFile, shipShipments, type RecipientProblem, type ShipmentUpdateResult } from "~/models/gift-order.server";
import { MAX_RECIPIENT_FILE_BYTES, shipmentQuery, ShipSchema } from "~/models/gift-schema";
import { fieldErrorsOf, type FieldErrors } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useLocalize } from "~/utils/localize";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "礼盒发货 · 管理后台" }];

async function giftOrder(number: string | undefined) {
  const order = await prisma.order.findFirst({
    where: { number: number ?? "", giftBoxes: { some: {} } },
    select: { id: true, number: true, status: true, totalFen: true, organisation: { select: { name: true } } },
  });
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const order = await giftOrder(params.number);
  const [gift, list] = await Promise.all([giftOfOrder(order.id), listShipments(order.id, shipmentQuery(new URL(request.url)))]);
  return { order, gift, list };
}

type ActionData = { form: string; values: Record<string, string>; fieldErrors?: FieldErrors; message?: string; params?: Record<string, string | number>; problems?: RecipientProblem[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const order = await giftOrder(params.number);
  const upload = await readUpload(request, { maxFileBytes: MAX_RECIPIENT_FILE_BYTES });
  if (!upload.ok) return data<ActionData>({ form: "ship-file", values: {}, message: upload.problem.message, params: upload.problem.params }, { status: upload.problem.status });
  const values = upload.fields;
  const intent = values.intent ?? "";
  const fail = (body: Omit<ActionData, "values" | "form">, status = 400) => data<ActionData>({ form: intent, values, ...body }, { status });
  const shipmentId = /^\d{1,9}$/.test(values.shipmentId ?? "") ? Number(values.shipmentId) : null;
  let result: ShipmentUpdateResult;
  switch (intent) {
    case "ship":
    case "ship-all": {
      const parsed = ShipSchema.safeParse(values);
      if (!parsed.success) return fail({ fieldErrors: fieldErrorsOf(parsed.error), ...(intent === "ship" ? { message: "gifts:ship.rowInvalid" } : {}) });
      if (intent === "ship" && shipmentId === null) return fail({ message: "gifts:ship.nothing" });
      result = await shipShipments(order.id, intent === "ship" ? { shipmentId: shipmentId! } : "all-pending", parsed.data, admin.id);
      break;
    }
    case "deliver":
    case "deliver-all":
      if (intent === "deliver" && shipmentId === null) return fail({ message: "gifts:ship.nothing" });
      result = await deliverShipments(order.id, intent === "deliver" ? { shipmentId: shipmentId! } : "all-shipped", admin.id);
      break;
    case "ship-file": {
      if (!upload.file) return fail({ message: "gifts:upload.missing" });
      result = await shipFromFile(order.id, upload.file.name, upload.file.bytes, admin.id);
      break;
    }
    default:
      return fail({ message: "gifts:ship.nothing" });
  }
  if (!result.ok) return result.reason === "file" ? fail({ problems: result.problems }) : fail({ message: "gifts:ship.notShippable" }, 409);
  const back = new URL(request.url).search.replace(/^\?/, "").replace(/(^|&)(done|count)=[^&]*/g, "");
  throw redirect(`/admin/gift-boxes/orders/${order.number}?${back ? `${back}&` : ""}done=${result.changed > 0 ? "changed" : "nothing"}&count=${result.changed}`);
}

export default function AdminGiftOrder() {
  const { t } = useTranslation("gifts");
  const { t: tOrders } = useTranslation("orders");
  const localize = useLocalize();
  const { order, gift, list } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle";
  const done = params.get("done");
  const errorsFor = (form: string) => (actionData?.form === form ? actionData.fieldErrors : undefined);
  return (
    <section className="space-y-6">
      <Link to="/admin/gift-boxes" className="text-sm text-brand-700 underline">{t("admin.back")}</Link>
      <h1 className="text-2xl font-semibold">{t("shipments.orderTitle", { number: order.number })}</h1>
      <p className="text-sm">
        {order.organisation?.name} · {gift ? t("shipments.summary", { box: localize(gift.giftBox.nameZh, gift.giftBox.nameEn), boxes: gift.boxes, count: list.all }) : null} · <Money fen={order.totalFen} /> ·{" "}
        {tOrders(`status.${order.status}`, { defaultValue: order.status })} · <Link to={`/admin/orders/${order.number}`} className="text-brand-700 underline">{t("shipments.backToOrder")}</Link>
      </p>
      {done === "changed" ? <Notice>{t("ship.changed", { count: Number(params.get("count")) })}</Notice> : null}
      {done === "nothing" ? <Notice>{t("ship.nothing")}</Notice> : null}
      {actionData?.message ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(actionData.message, actionData.params)}</p> : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Form method="post" noValidate className="space-y-3 rounded border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("ship.shipAll")}</h2>
          <TextField form="ship-all" name="carrier" label={t("ship.carrier")} required defaultValue={actionData?.form === "ship-all" ? actionData.values.carrier : ""} errors={errorsFor("ship-all")} />
          <TextField form="ship-all" name="trackingNumber" label={t("ship.trackingNumber")} defaultValue={actionData?.form === "ship-all" ? actionData.values.trackingNumber : ""} errors={errorsFor("ship-all")} />
          <SubmitButton name="intent" value="ship-all" busy={busy}>{t("ship.shipAllSubmit")}</SubmitButton>
        </Form>
        <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("ship.fileTitle")}</h2>
          <p id="ship-file-hint" className="text-xs text-stone-600">{t("ship.fileHint")}</p>
          <div>
            <label htmlFor="ship-file" className="block text-sm font-medium">{t("ship.file")}</label>
            <input id="ship-file" name="file" type="file" accept=".csv,.xlsx" aria-describedby={actionData?.problems ? "ship-file-problems ship-file-hint" : "ship-file-hint"} aria-invalid={actionData?.problems ? true : undefined} className="mt-1 block w-full text-sm" />
          </div>
          {actionData?.problems ? <ProblemList id="ship-file-problems" title={t("ship.fileFailed", { count: actionData.problems.length })} problems={actionData.problems} /> : null}
          <SubmitButton name="intent" value="ship-file" busy={busy} variant="secondary">{t("ship.upload")}</SubmitButton>
        </Form>
        <Form method="post" className="space-y-3 rounded border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("ship.deliverAll")}</h2>
          <SubmitButton name="intent" value="deliver-all" busy={busy} variant="secondary">{t("ship.deliver")}</SubmitButton>
        </Form>
      </div>

      <h2 className="text-lg font-semibold">{t("shipments.title")}</h2>
      <ShipmentTable
        list={list}
        actions={(s) =>
          s.status === "PENDING" ? (
            <Form method="post" className="flex flex-wrap items-end gap-1">
              <input type="hidden" name="shipmentId" value={s.id} />
              <label className="sr-only" htmlFor={`carrier-${s.id}`}>{t("ship.carrier")}</label>
              <input id={`carrier-${s.id}`} name="carrier" placeholder={t("ship.carrier")} className="w-20 rounded border border-stone-400 px-1 py-0.5 text-xs" />
              <label className="sr-only" htmlFor={`tracking-${s.id}`}>{t("ship.trackingNumber")}</label>
              <input id={`tracking-${s.id}`} name="trackingNumber" placeholder={t("ship.trackingNumber")} className="w-28 rounded border border-stone-400 px-1 py-0.5 text-xs" />
              <button type="submit" name="intent" value="ship" className="rounded border border-stone-400 px-2 py-0.5 text-xs hover:bg-stone-100">{t("ship.ship")}</button>
            </Form>
          ) : s.status === "SHIPPED" ? (
            <Form method="post">
              <input type="hidden" name="shipmentId" value={s.id} />
              <button type="submit" name="intent" value="deliver" className="rounded border border-stone-400 px-2 py-0.5 text-xs hover:bg-stone-100">{t("ship.deliver")}</button>
            </Form>
          ) : null
        }
      />
    </section>
  );
}
