import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SelectField, SubmitButton, TextField } from "~/components/admin/form-fields";
import { BulkNav } from "~/components/org/bulk-nav";
import { LocationFields, StatusBadge } from "~/components/org/location-fields";
import { InviteSchema, LocationIdSchema, LocationSchema, MemberIdSchema, memberRoles, RoleChangeSchema } from "~/models/organisation-schema";
import {
  addLocation,
  changeMemberRole,
  getOrganisationPeople,
  inviteMember,
  listMyOrganisations,
  removeMember,
  requireMembership,
  setLocationActive,
} from "~/models/organisation.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm, useHallForm, type FormReply } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "admin", "gifts", "org"] };

export const meta: MetaFunction = () => [{ title: "单位采购 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisations = await listMyOrganisations(user.id);
  const asked = new URL(request.url).searchParams.get("org");
  if (!asked && organisations.length === 0) return { organisations, current: null };
  const { role, organisation } = await requireMembership(user.id, asked ? idOr404(asked) : organisations[0]!.id);
  return { organisations, current: { role, organisation, ...(await getOrganisationPeople(organisation.id)) } };
}

const SCHEMAS = {
  invite: InviteSchema,
  role: RoleChangeSchema,
  remove: MemberIdSchema,
  addLocation: LocationSchema,
  deactivateLocation: LocationIdSchema,
  activateLocation: LocationIdSchema,
} as const;
type Intent = keyof typeof SCHEMAS;
const isIntent = (value: unknown): value is Intent => typeof value === "string" && Object.hasOwn(SCHEMAS, value);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // The organisation (a hidden field, like the intent) decides who may act, before anything typed is read:
  // only an ORG_ADMIN of an approved organisation manages it; everyone else is refused here.
  const { organisation } = await requireMembership(user.id, idOr404(String(formData.get("org") ?? "")), { roles: ["ORG_ADMIN"], approved: true });
  const id = organisation.id;
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Unknown intent", { status: 400 });
  const done = redirect(`/org?org=${id}&done=saved`);
  const extra = { extra: { intent } };
  switch (intent) {
    case "invite": {
      const submission = parseForm(formData, InviteSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra);
      const result = await inviteMember(id, submission.value, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra);
      throw done;
    }
    case "role": {
      const submission = parseForm(formData, RoleChangeSchema);
      if (submission.status !== "success") return refuse(submission, { fieldErrors: { members: ["org:errors.role"] } }, extra);
      const result = await changeMemberRole(id, submission.value.memberId, submission.value.role, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra);
      throw done;
    }
    case "remove": {
      const submission = parseForm(formData, MemberIdSchema);
      if (submission.status !== "success") throw new Response("Not found", { status: 404 });
      const result = await removeMember(id, submission.value.memberId, user.id);
      if (!result.ok) return refuse(submission, { fieldErrors: result.fieldErrors }, extra);
      throw done;
    }
    case "addLocation": {
      const submission = parseForm(formData, LocationSchema);
      if (submission.status !== "success") return refuse(submission, {}, extra);
      await addLocation(id, submission.value, user.id);
      throw done;
    }
    case "deactivateLocation":
    case "activateLocation": {
      const submission = parseForm(formData, LocationIdSchema);
      if (submission.status !== "success") throw new Response("Not found", { status: 404 });
      await setLocationActive(id, submission.value.locationId, intent === "activateLocation", user.id);
      throw done;
    }
  }
}

export default function OrganisationPage() {
  const { t } = useTranslation("org");
  const { organisations, current } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("page.title")}</h1>
        <Link to="/org/apply" className="text-sm text-brand-700 underline">{t("page.applyLink")}</Link>
      </div>
      {params.get("done") === "applied" ? <Notice>{t("page.applied")}</Notice> : params.get("done") === "saved" ? <Notice>{t("page.saved")}</Notice> : null}
      {organisations.length > 1 && current ? (
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField name="org" label={t("page.choose")} defaultValue={current.organisation.id} options={organisations.map((o) => ({ value: o.id, label: o.name }))} className="min-w-0 flex-1 sm:max-w-sm" />
          <SubmitButton variant="secondary">{t("page.show")}</SubmitButton>
        </Form>
      ) : null}
      {current?.organisation.status === "APPROVED" ? <BulkNav organisationId={current.organisation.id} name={current.organisation.name} showApprovals={current.role !== "BUYER"} /> : null}
      {current ? <Organisation current={current} /> : <p className="text-stone-700">{t("page.none")}</p>}
    </section>
  );
}

type Current = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["current"]>;

function Organisation({ current }: { current: Current }) {
  const { t } = useTranslation("org");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { organisation, role, members, locations } = current;
  const canManage = role === "ORG_ADMIN" && organisation.status === "APPROVED";
  const lastResult = (intent: string) => (actionData?.intent === intent ? actionData.result : null);
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const memberError = (lastResult("role") ?? lastResult("remove"))?.error?.members?.[0];
  const card = "space-y-4 rounded border border-stone-300 bg-white p-4";
  const orgField = <input type="hidden" name="org" value={organisation.id} />;
  const roleOptions = memberRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <>
      <div className={card}>
        <h2 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
          {organisation.name} <StatusBadge status={organisation.status} />
        </h2>
        <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-stone-600">{t("fields.kind")}</dt>
          <dd>{t(`kinds.${organisation.kind}`, { defaultValue: organisation.kind })}</dd>
          <dt className="text-stone-600">{t("fields.creditCode")}</dt>
          <dd className="font-mono break-all">{organisation.creditCode}</dd>
          <dt className="text-stone-600">{t("fields.contactName")}</dt>
          <dd>{organisation.contactName} · {organisation.contactMobile}</dd>
          <dt className="text-stone-600">{t("page.yourRole")}</dt>
          <dd>{t(`roles.${role}`)}</dd>
        </dl>
        {organisation.status === "PENDING" ? <p role="status" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("page.pending")}</p> : null}
        {organisation.status === "REJECTED" ? (
          <p className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t("page.rejected", { reason: organisation.statusReason })}</p>
        ) : null}
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("page.members")}</h2>
        {memberError ? <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">{t(memberError)}</p> : null}
        <ul className="divide-y divide-stone-200">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium">{m.user.name}</p>
                <p className="text-sm text-stone-600">
                  <span className="font-mono">{m.user.employeeNo}</span> · {m.user.mobile} · {t(`roles.${m.role}`, { defaultValue: m.role })}
                </p>
              </div>
              {canManage ? (
                <div className="flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex items-end gap-2">
                    {orgField}
                    <input type="hidden" name="memberId" value={m.id} />
                    <label className="sr-only" htmlFor={`role-${m.id}`}>{t("page.role")}</label>
                    <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="rounded border border-stone-400 bg-white px-2 py-2 text-sm">
                      {roleOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                    <SubmitButton name="intent" value="role" variant="secondary">{t("page.changeRole")}</SubmitButton>
                  </Form>
                  <Form method="post">
                    {orgField}
                    <input type="hidden" name="memberId" value={m.id} />
                    <SubmitButton name="intent" value="remove" variant="danger">{t("page.remove")}</SubmitButton>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage ? (
          <InviteForm orgField={orgField} roleOptions={roleOptions} lastResult={lastResult("invite")} busy={busy("invite")} />
        ) : null}
      </div>

      <div className={card}>
        <h2 className="text-lg font-semibold">{t("page.locations")}</h2>
        {locations.length === 0 ? <p className="text-sm text-stone-700">{t("page.noLocations")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {locations.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className={`min-w-0 ${l.active ? "" : "text-stone-500"}`}>
                <p className="font-medium">{l.name}{l.active ? null : ` · ${t("page.inactive")}`}</p>
                <p className="text-sm break-words">{l.address}</p>
                <p className="text-sm text-stone-600">{l.contactName} · {l.contactMobile}</p>
              </div>
              {canManage ? (
                <Form method="post">
                  {orgField}
                  <input type="hidden" name="locationId" value={l.id} />
                  <SubmitButton name="intent" value={l.active ? "deactivateLocation" : "activateLocation"} variant="secondary">
                    {l.active ? t("page.deactivate") : t("page.activate")}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage ? (
          <AddLocationForm orgField={orgField} lastResult={lastResult("addLocation")} busy={busy("addLocation")} />
        ) : null}
      </div>
    </>
  );
}

type SubFormProps = { orgField: React.ReactNode; lastResult: FormReply | null; busy: boolean };

function InviteForm({ orgField, roleOptions, lastResult, busy }: SubFormProps & { roleOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(InviteSchema, { id: "invite", lastResult, defaultValue: { role: "BUYER" } });
  return (
    <Form method="post" className="space-y-4 border-t border-stone-200 pt-4" {...getFormProps(form)}>
      <h3 className="font-semibold">{t("page.invite")}</h3>
      {orgField}
      <input type="hidden" name="intent" value="invite" />
      <FormError form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.identifier} label={t("page.identifier")} hint={t("page.inviteHint")} />
        <SelectField field={fields.role} label={t("page.role")} options={roleOptions} />
      </div>
      <SubmitButton busy={busy}>{t("page.inviteSubmit")}</SubmitButton>
    </Form>
  );
}

function AddLocationForm({ orgField, lastResult, busy }: SubFormProps) {
  const { t } = useTranslation("org");
  const [form, fields] = useHallForm(LocationSchema, { id: "location", lastResult });
  return (
    <Form method="post" className="space-y-4 border-t border-stone-200 pt-4" {...getFormProps(form)}>
      <h3 className="font-semibold">{t("page.addLocation")}</h3>
      {orgField}
      <input type="hidden" name="intent" value="addLocation" />
      <FormError form={form} />
      <LocationFields fields={fields} />
      <SubmitButton busy={busy}>{t("page.addLocation")}</SubmitButton>
    </Form>
  );
}
