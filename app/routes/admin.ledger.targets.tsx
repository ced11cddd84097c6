import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { TableScroller } from "~/components/admin/table-scroller";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { Money } from "~/components/money";
import { listTargets, setTarget } from "~/models/ledger-admin.server";
import { TargetSchema } from "~/models/ledger-schema";
import { beijingYear } from "~/models/relief-progress.server";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { fenToYuanInput } from "~/utils/money";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "年度目标 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { targets: await listTargets(), currentYear: beijingYear() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseForm(await request.formData(), TargetSchema);
  if (submission.status !== "success") return refuse(submission);
  await setTarget(submission.value, user.id);
  throw redirect(`/admin/ledger/targets?saved=${submission.value.year}`);
}

export default function Targets() {
  const { t } = useTranslation("ledger");
  const { targets, currentYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const current = targets.find((x) => x.year === currentYear);
  const [form, fields] = useHallForm(TargetSchema, {
    id: "target",
    lastResult: actionData?.result,
    defaultValue: {
      year: String(currentYear),
      total: current ? fenToYuanInput(current.totalFen) : "",
      purchase: current?.purchaseFen != null ? fenToYuanInput(current.purchaseFen) : "",
      helpedSales: current?.helpedSalesFen != null ? fenToYuanInput(current.helpedSalesFen) : "",
    },
  });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("targets.title")}</h1>
      <LedgerLinks />
      {saved && !actionData ? <Notice>{t("targets.saved", { year: saved })}</Notice> : null}
      <Form method="post" className="max-w-xl space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <p className="text-sm text-stone-700">{t("targets.intro")}</p>
        <FormError form={form} />
        <TextField field={fields.year} label={t("targets.year")} inputMode="numeric" />
        <TextField field={fields.total} label={t("targets.total")} inputMode="decimal" />
        <TextField field={fields.purchase} label={t("targets.purchase")} inputMode="decimal" />
        <TextField field={fields.helpedSales} label={t("targets.helpedSales")} inputMode="decimal" />
        <SubmitButton busy={navigation.state === "submitting"}>{t("targets.save")}</SubmitButton>
      </Form>
      {targets.length === 0 ? (
        <p>{t("targets.none")}</p>
      ) : (
        <TableScroller label={t("targets.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-2 py-2">{t("targets.year")}</th>
                <th scope="col" className="px-2 py-2 text-right">{t("targets.total")}</th>
                <th scope="col" className="px-2 py-2 text-right">{t("targets.purchase")}</th>
                <th scope="col" className="px-2 py-2 text-right">{t("targets.helpedSales")}</th>
                <th scope="col" className="px-2 py-2">{t("targets.updatedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((x) => (
                <tr key={x.year} className="border-b border-stone-200">
                  <th scope="row" className="px-2 py-2">{x.year}</th>
                  <td className="px-2 py-2 text-right"><Money fen={x.totalFen} /></td>
                  <td className="px-2 py-2 text-right">{x.purchaseFen != null ? <Money fen={x.purchaseFen} /> : "–"}</td>
                  <td className="px-2 py-2 text-right">{x.helpedSalesFen != null ? <Money fen={x.helpedSalesFen} /> : "–"}</td>
                  <td className="px-2 py-2"><DateTime value={x.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
