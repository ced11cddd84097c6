import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/admin/form-fields";
import type { LocationInput } from "~/models/organisation-schema";

/** The four fields of one delivery location, from the form's schema (a LocationSchema or one row of an application). */
export type LocationFieldset = { [K in keyof LocationInput]: FieldMetadata<string | undefined, Record<string, unknown>, string[]> };

/** The four fields of one delivery location (the application's rows, the organisation page's new location). */
export function LocationFields({ fields }: { fields: LocationFieldset }) {
  // Every location needs all four (extra blank rows of an application are simply left out).
  const { t } = useTranslation("org");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.name} required label={t("fields.locationName")} />
      <TextField field={fields.contactName} required label={t("fields.locationContact")} autoComplete="name" />
      <TextField field={fields.address} required label={t("fields.address")} className="sm:col-span-2" autoComplete="street-address" />
      <TextField field={fields.contactMobile} required label={t("fields.locationMobile")} type="tel" inputMode="numeric" autoComplete="tel" />
    </div>
  );
}

/** An organisation's status as a small coloured label. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("org");
  const colour = status === "APPROVED" ? "bg-green-100 text-green-900" : status === "REJECTED" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${colour}`}>{t(`statuses.${status}`, { defaultValue: status })}</span>;
}
