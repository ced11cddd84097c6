import { useTranslation } from "react-i18next";
import { CheckboxField, TextField } from "~/components/admin/form-fields";
import type { AddressSchema } from "~/models/account-schema";
import type { useHallForm } from "~/utils/form";

type AddressFormFields = ReturnType<typeof useHallForm<typeof AddressSchema>>[1];

/** The fields of a delivery address, shared by the add and edit forms (AddressSchema). */
export function AddressFields({ fields, isCurrentDefault }: { fields: AddressFormFields; isCurrentDefault?: boolean }) {
  const { t } = useTranslation("account");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.recipient} label={t("addresses.recipient")} autoComplete="name" />
      <TextField field={fields.mobile} label={t("addresses.mobile")} autoComplete="tel" type="tel" inputMode="numeric" />
      <TextField field={fields.province} label={t("addresses.province")} hint={t("addresses.provinceHint")} autoComplete="address-level1" />
      <TextField field={fields.city} label={t("addresses.city")} hint={t("addresses.cityHint")} autoComplete="address-level2" />
      <TextField field={fields.district} label={t("addresses.district")} hint={t("addresses.districtHint")} autoComplete="address-level3" />
      <TextField field={fields.detail} label={t("addresses.detail")} hint={t("addresses.detailHint")} autoComplete="street-address" className="sm:col-span-2" />
      <div className="sm:col-span-2">
        {isCurrentDefault ? (
          <p className="text-sm text-stone-700">{t("addresses.isDefaultLocked")}</p>
        ) : (
          <CheckboxField field={fields.isDefault} label={t("addresses.isDefault")} />
        )}
      </div>
    </div>
  );
}
