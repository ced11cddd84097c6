import { useTranslation } from "react-i18next";
import { CheckboxField, TextField, type Errors } from "~/components/admin/form-fields";

/** The fields of a delivery address, shared by the add and edit forms; values are the text last typed. */
export function AddressFields({ values, errors, isCurrentDefault }: { values: Record<string, string>; errors: Errors; isCurrentDefault?: boolean }) {
  const { t } = useTranslation("account");
  const field = (name: string, extra: { hint?: string; autoComplete?: string } = {}) => ({
    name,
    label: t(`addresses.${name}`),
    required: true,
    defaultValue: values[name] ?? "",
    errors,
    ...extra,
  });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField {...field("recipient", { autoComplete: "name" })} />
      <TextField {...field("mobile", { autoComplete: "tel" })} type="tel" inputMode="numeric" />
      <TextField {...field("province", { hint: t("addresses.provinceHint"), autoComplete: "address-level1" })} />
      <TextField {...field("city", { hint: t("addresses.cityHint"), autoComplete: "address-level2" })} />
      <TextField {...field("district", { hint: t("addresses.districtHint"), autoComplete: "address-level3" })} />
      <TextField {...field("detail", { hint: t("addresses.detailHint"), autoComplete: "street-address" })} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        {isCurrentDefault ? (
          <p className="text-sm text-stone-700">{t("addresses.isDefaultLocked")}</p>
        ) : (
          <CheckboxField name="isDefault" label={t("addresses.isDefault")} defaultChecked={values.isDefault === "on"} />
        )}
      </div>
    </div>
  );
}
