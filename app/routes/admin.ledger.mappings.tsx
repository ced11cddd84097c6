import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SubmitButton, TextField } from "~/components/admin/form-fields";
import { LedgerLinks } from "~/components/ledger/ledger-links";
import { getMapping, saveMapping } from "~/models/ledger-import.server";
import { importChannels, MappingSchema } from "~/models/ledger-schema";
import { fieldErrorsOf, formText } from "~/models/product-schema";
import { requireAdmin } from "~/utils/auth.server";
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
  const values = formText(await request.formData());
  if (values.intent !== "saveMapping") throw new Response("Unknown intent", { status: 400 });
  const parsed = MappingSchema.safeParse(values);
  if (!parsed.success) return data({ values, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  await saveMapping(parsed.data, user.id);
  throw redirect(`/admin/ledger/mappings?saved=${parsed.data.channel}`);
}

const fields = ["externalIdCol", "dateCol", "amountCol", "countyCol", "skuCol"] as const;

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
        {mappings.map((m) => {
          const failed = actionData?.values.channel === m.channel ? actionData : null;
          const channelName = t(`channels.${m.channel}`);
          return (
            <Form key={m.channel} method="post" className="space-y-3 rounded border border-stone-300 bg-white p-4" noValidate aria-label={channelName}>
              <h2 className="text-lg font-semibold">{channelName}</h2>
              <input type="hidden" name="intent" value="saveMapping" />
              <input type="hidden" name="channel" value={m.channel} />
              {failed ? <FormError message="admin:common.formHasErrors" /> : null}
              {fields.map((field) => (
                <TextField
                  key={field}
                  form={m.channel}
                  name={field}
                  label={t(`mappings.${field}`)}
                  hint={field === "countyCol" || field === "skuCol" ? t("mappings.optional") : undefined}
                  defaultValue={failed ? failed.values[field] : m[field]}
                  errors={failed?.fieldErrors}
                  required={field !== "countyCol" && field !== "skuCol"}
                />
              ))}
              <SubmitButton busy={navigation.state === "submitting" && navigation.formData?.get("channel") === m.channel}>{t("mappings.save", { channel: channelName })}</SubmitButton>
            </Form>
          );
        })}
      </div>
    </section>
  );
}
