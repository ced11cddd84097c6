import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/admin/date-time";
import { TableScroller } from "~/components/admin/table-scroller";
import { requireAdmin } from "~/utils/auth.server";
import { listOutbox } from "~/utils/sms.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "短信发件箱 · 管理后台" }];

/** What the local SMS provider "sent" (development and the demo): newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { messages: await listOutbox() };
}

export default function Outbox() {
  const { t } = useTranslation("admin");
  const { messages } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("outbox.title")}</h1>
      <p className="text-sm text-stone-700">{t("outbox.intro")}</p>
      {messages.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <TableScroller label={t("outbox.title")} className="rounded border border-stone-300 bg-white">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("outbox.sentAt")}</th>
                <th scope="col" className="px-3 py-2">{t("outbox.mobile")}</th>
                <th scope="col" className="px-3 py-2">{t("outbox.body")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-b border-stone-200">
                  <td className="whitespace-nowrap px-3 py-2"><DateTime value={m.createdAt} /></td>
                  <td className="px-3 py-2 font-mono">{m.mobile}</td>
                  <td className="px-3 py-2">{m.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
