import { useTranslation } from "react-i18next";
import { TextField, type Errors } from "~/components/admin/form-fields";

export type LocationValues = Partial<Record<"name" | "address" | "contactName" | "contactMobile", string>>;

/**
 * The four fields of one delivery location. `prefix` names them ("locations.0." on the application,
 * "" on the organisation page); `form` keeps ids unique when a page has several forms.
 */
export function LocationFields({ prefix = "", form, values = {}, errors }: { prefix?: string; form?: string; values?: LocationValues; errors?: Errors }) {
  const { t } = useTranslation("org");
  const field = (name: keyof LocationValues, label: string) => ({ form, name: `${prefix}${name}`, label: t(label), required: true, errors, defaultValue: values[name] ?? "" });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField {...field("name", "fields.locationName")} />
      <TextField {...field("contactName", "fields.locationContact")} autoComplete="name" />
      <TextField {...field("address", "fields.address")} className="sm:col-span-2" autoComplete="street-address" />
      <TextField {...field("contactMobile", "fields.locationMobile")} type="tel" inputMode="numeric" autoComplete="tel" />
    </div>
  );
}

/** An organisation's status as a small coloured label. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("org");
  const colour = status === "APPROVED" ? "bg-green-100 text-green-900" : status === "REJECTED" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${colour}`}>{t(`statuses.${status}`, { defaultValue: status })}</span>;
}
