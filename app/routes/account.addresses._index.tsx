import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddressFields } from "~/components/account/address-fields";
import { FormError, Notice, SubmitButton } from "~/components/admin/form-fields";
import { AddressActionSchema, AddressSchema, formatAddress, MAX_ADDRESSES } from "~/models/account-schema";
import { createAddress, deleteAddress, listAddresses, setDefaultAddress } from "~/models/address.server";
import { getProfile } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin"] };

export const meta: MetaFunction = () => [{ title: "收货地址 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [addresses, profile] = await Promise.all([listAddresses(user.id), getProfile(user.id)]);
  return { addresses, suggested: { recipient: profile?.name ?? "", mobile: profile?.mobile ?? "" } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseForm(formData, AddressSchema);
    if (submission.status !== "success") return refuse(submission);
    const result = await createAddress(user.id, submission.value);
    if (!result.ok) return refuse(submission, { formError: "account:errors.addressLimit" });
    throw redirect("/account/addresses?done=created");
  }
  if (intent === "delete" || intent === "setDefault") {
    const submission = parseForm(formData, AddressActionSchema);
    // A missing or malformed id is answered like someone else's: not found.
    const id = idOr404(submission.status === "success" ? submission.value.addressId : null);
    const found = intent === "delete" ? await deleteAddress(user.id, id) : await setDefaultAddress(user.id, id);
    if (!found) throw new Response("Not found", { status: 404 });
    throw redirect(`/account/addresses?done=${intent === "delete" ? "deleted" : "defaultSet"}`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

const notices = ["created", "updated", "deleted", "defaultSet"] as const;

export default function Addresses() {
  const { t } = useTranslation("account");
  const { addresses, suggested } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = notices.find((n) => n === params.get("done"));
  const busy = navigation.state === "submitting" ? navigation.formData : undefined;
  const full = addresses.length >= MAX_ADDRESSES;
  const [form, fields] = useHallForm(AddressSchema, { id: "new-address", lastResult: actionData?.result, defaultValue: suggested });
  const buttonClass = "rounded border px-3 py-1 text-sm disabled:opacity-60";
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("addresses.title")}</h1>
      {done ? <Notice>{t(`addresses.${done}`)}</Notice> : null}
      {addresses.length === 0 ? (
        <p className="text-stone-700">{t("addresses.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-stone-600">{t("addresses.count", { count: addresses.length, max: MAX_ADDRESSES })}</p>
          <ul aria-label={t("addresses.title")} className="space-y-3">
            {addresses.map((a) => (
              <li
                key={a.id}
                aria-label={t("addresses.actionsFor", { recipient: a.recipient })}
                className={`rounded border bg-white p-4 ${a.isDefault ? "border-brand-700" : "border-stone-300"}`}
              >
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span>{a.recipient}</span>
                  <span className="font-normal text-stone-700">{a.mobile}</span>
                  {a.isDefault ? <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">{t("addresses.default")}</span> : null}
                </p>
                <p className="mt-1 break-words text-sm text-stone-800">{formatAddress(a)}</p>
                <div className="mt-3 flex flex-wrap items-center gap-2">
                  <Link to={`/account/addresses/${a.id}`} className={`${buttonClass} border-stone-400 bg-white hover:bg-stone-100`}>
                    {t("addresses.edit")}
                  </Link>
                  {a.isDefault ? null : (
                    <Form method="post">
                      <input type="hidden" name="addressId" value={a.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="setDefault"
                        disabled={busy?.get("addressId") === String(a.id)}
                        className={`${buttonClass} border-stone-400 bg-white hover:bg-stone-100`}
                      >
                        {t("addresses.setDefault")}
                      </button>
                    </Form>
                  )}
                  <Form method="post">
                    <input type="hidden" name="addressId" value={a.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      disabled={busy?.get("addressId") === String(a.id)}
                      className={`${buttonClass} border-red-700 bg-white text-red-800 hover:bg-red-50`}
                    >
                      {t("addresses.delete")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}

      <Form method="post" aria-labelledby="new-address-title" className="space-y-4 rounded border border-stone-300 bg-white p-4" {...getFormProps(form)}>
        <h2 id="new-address-title" className="text-lg font-semibold">{t("addresses.addTitle")}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormError form={form} params={{ max: MAX_ADDRESSES }} />
        {full && !actionData ? (
          <p className="text-sm text-stone-700">{t("errors.addressLimit", { max: MAX_ADDRESSES })}</p>
        ) : (
          <>
            <AddressFields fields={fields} />
            <SubmitButton busy={busy?.get("intent") === "create"} busyLabel={t("common.saving")}>{t("addresses.add")}</SubmitButton>
          </>
        )}
      </Form>
    </section>
  );
}
