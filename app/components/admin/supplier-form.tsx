import { useTranslation } from "react-i18next";
import { supplierKinds } from "~/models/product-schema";
import { SelectField, TextField, type Errors } from "./form-fields";

export function SupplierFields({
  counties,
  values,
  errors,
}: {
  counties: { id: number; nameZh: string; nameEn: string }[];
  values: Record<string, string>;
  errors: Errors;
}) {
  const { t, i18n } = useTranslation("admin");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="name" label={t("suppliers.name")} required defaultValue={values.name ?? ""} errors={errors} />
      <SelectField
        name="kind"
        label={t("suppliers.kind")}
        required
        defaultValue={values.kind ?? "COOPERATIVE"}
        options={supplierKinds.map((k) => ({ value: k, label: t(`suppliers.kinds.${k}`) }))}
        errors={errors}
      />
      <SelectField
        name="countyId"
        label={t("suppliers.county")}
        required
        placeholder={t("product.choose")}
        defaultValue={values.countyId ?? ""}
        options={counties.map((c) => ({ value: c.id, label: i18n.language === "en" ? c.nameEn : c.nameZh }))}
        errors={errors}
      />
      <TextField name="contactName" label={t("suppliers.contactName")} defaultValue={values.contactName ?? ""} errors={errors} />
      <TextField name="contactPhone" label={t("suppliers.contactPhone")} type="tel" defaultValue={values.contactPhone ?? ""} errors={errors} />
    </div>
  );
}
