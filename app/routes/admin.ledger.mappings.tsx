import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { getMapping, saveMapping } from "~/models/ledger-import.server";
import { importChannels, MappingSchema } from "~/models/ledger-schema";
import { requireAdmin } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin", "ledger"] };

export const meta: MetaFunction = () => [{ title: "导入列映射 · 管理后台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const mappings = await Promise.all(importChannels.map(async (channel) => ({ channel, ...(await getMapping(channel)) })));
  return { mappings };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "saveMapping") throw new Response("Unknown intent", { status: 400 });
  const submission = parseForm(formData, MappingSchema);
  // The channel names which of the page's forms answers; an unknown one is refused with the rest.
  const channel = String(formData.get("channel") ?? "");
  if (submission.status !== "success") return refuse(submission, {}, { extra: { channel } });
  await saveMapping(submission.value, user.id);
  throw redirect(`/admin/ledger/mappings?saved=${submission.value.channel}`);
}

const columns = ["externalIdCol", "dateCol", "amountCol", "countyCol", "skuCol"] as const;
type Mapping = { channel: (typeof importChannels)[number] } & Record<(typeof columns)[number], string>;

function MappingForm({ mapping, lastResult, busy }: { mapping: Mapping; lastResult: FormReply | null; busy: boolean }) {
  const { t } = useTranslation("ledger");
  const channelName = t(`channels.${mapping.channel}`);
  const [form, fields] = useHallForm(MappingSchema, { id: `mapping-${mapping.channel}`, lastResult, defaultValue: mapping });
  return (
    <Form method="post" className="space-y-3 rounded border border-stone-300 bg-white p-4" aria-label={channelName} {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{channelName}</h2>
      <input type="hidden" name="intent" value="saveMapping" />
      <input type="hidden" name="channel" value={mapping.channel} />
      <FormError form={form} />
      {columns.map((column) => {
        // One of the two is needed (the schema says so): neither is required on its own.
        const optional = column === "countyCol" || column === "skuCol";
        return <TextField key={column} field={fields[column]} label={t(`mappings.${column}`)} hint={optional ? t("mappings.optional") : undefined} required={!optional} />;
      })}
      <SubmitButton busy={busy}>{t("mappings.save", { channel: channelName })}</SubmitButton>
    </Form>
  );
}

export default function Mappings() {
  const { t } = useTranslation("ledger");
  const { mappings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("mappings.title")}</h1>
      <LedgerLinks />
      <p className="text-sm text-stone-700">{t("mappings.intro")}</p>
      {saved && !actionData ? <Notice>{t("mappings.saved", { channel: t(`channels.${saved}`, { defaultValue: saved }) })}</Notice> : null}
      <div className="grid gap-4 md:grid-cols-2">
        {mappings.map((m) => (
          <MappingForm
            key={m.channel}
            mapping={m}
            lastResult={actionData?.channel === m.channel ? actionData.result : null}
            busy={navigation.state === "submitting" && navigation.formData?.get("channel") === m.channel}
          />
        ))}
      </div>
    </section>
  );
}
