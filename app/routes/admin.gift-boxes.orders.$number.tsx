import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { ProblemList } from "~/components/gifts/problem-list";
import { ShipmentTable } from "~/components/gifts/shipment-table";
import { Money } from "~/components/money";
import { deliverShipments, giftOfOrder, listShipments, shipFromFile, shipShipments, type RecipientProblem, type ShipmentUpdateResult } from "~/models/gift-order.server";
import { DeliverOneSchema, MAX_RECIPIENT_FILE_BYTES, shipmentQuery, ShipOneSchema, ShipSchema } from "~/models/gift-schema";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
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

/** The forms with nothing typed beyond the intent: deliver all shipped, ship from a file. */
const NothingTyped = z.object({});

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const order = await giftOrder(params.number);
  const upload = await readUpload(request, { maxFileBytes: MAX_RECIPIENT_FILE_BYTES });
  if (!upload.ok) {
    return refuse(parseForm(new URLSearchParams(), NothingTyped), { formError: upload.problem.message }, { status: upload.problem.status, extra: { intent: "ship-file", params: upload.problem.params ?? {}, problems: null } });
  }
  const fields = new URLSearchParams(upload.fields);
  const intent = fields.get("intent") ?? "";
  const extra = { intent, params: {}, problems: null as RecipientProblem[] | null };
  let submission;
  let result: ShipmentUpdateResult;
  switch (intent) {
    case "ship-all": {
      submission = parseForm(fields, ShipSchema);
      if (submission.status !== "success") return refuse(submission, {}, { extra });
      result = await shipShipments(order.id, "all-pending", submission.value, admin.id);
      break;
    }
    case "ship": {
      submission = parseForm(fields, ShipOneSchema);
      if (submission.status !== "success") {
        // A row has no room for messages: the page says which kind of problem at its top.
        const formError = submission.error?.shipmentId ? "gifts:ship.nothing" : "gifts:ship.rowInvalid";
        return refuse(submission, { formError }, { extra });
      }
      const { shipmentId, ...input } = submission.value;
      result = await shipShipments(order.id, { shipmentId }, input, admin.id);
      break;
    }
    case "deliver": {
      submission = parseForm(fields, DeliverOneSchema);
      if (submission.status !== "success") return refuse(submission, { formError: "gifts:ship.nothing" }, { extra });
      result = await deliverShipments(order.id, { shipmentId: submission.value.shipmentId }, admin.id);
      break;
    }
    case "deliver-all":
      submission = parseForm(fields, NothingTyped);
      result = await deliverShipments(order.id, "all-shipped", admin.id);
      break;
    case "ship-file": {
      submission = parseForm(fields, NothingTyped);
      if (!upload.file) return refuse(submission, { formError: "gifts:upload.missing" }, { extra });
      result = await shipFromFile(order.id, upload.file.name, upload.file.bytes, admin.id);
      break;
    }
    default:
      return refuse(parseForm(fields, NothingTyped), { formError: "gifts:ship.nothing" }, { extra });
  }
  if (!result.ok) {
    return result.reason === "file"
      ? refuse(submission, {}, { extra: { ...extra, problems: result.problems } })
      : refuse(submission, { formError: "gifts:ship.notShippable" }, { status: 409, extra });
  }
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
  const [shipAllForm, shipAll] = useHallForm(ShipSchema, { id: "ship-all", lastResult: actionData?.intent === "ship-all" ? actionData.result : null });
  // Whichever form was refused as a whole, the message shows at the top of the page.
  const formError = actionData?.result.error?.[""]?.[0];
  const problems = actionData?.problems;
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
      {formError ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(formError, actionData?.params)}</p> : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Form method="post" className="space-y-3 rounded border border-stone-300 bg-white p-4" {...getFormProps(shipAllForm)}>
          <h2 className="font-semibold">{t("ship.shipAll")}</h2>
          <input type="hidden" name="intent" value="ship-all" />
          <TextField field={shipAll.carrier} label={t("ship.carrier")} />
          <TextField field={shipAll.trackingNumber} label={t("ship.trackingNumber")} required={false} />
          <SubmitButton busy={busy}>{t("ship.shipAllSubmit")}</SubmitButton>
        </Form>
        <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("ship.fileTitle")}</h2>
          <p id="ship-file-hint" className="text-xs text-stone-600">{t("ship.fileHint")}</p>
          <div>
            <label htmlFor="ship-file" className="block text-sm font-medium">{t("ship.file")}</label>
            <input id="ship-file" name="file" type="file" accept=".csv,.xlsx" aria-describedby={problems ? "ship-file-problems ship-file-hint" : "ship-file-hint"} aria-invalid={problems ? true : undefined} className="mt-1 block w-full text-sm" />
          </div>
          {problems ? <ProblemList id="ship-file-problems" title={t("ship.fileFailed", { count: problems.length })} problems={problems} /> : null}
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
