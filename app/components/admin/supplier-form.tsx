import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { supplierKinds } from "~/models/product-schema";
import { SelectField, TextField } from "./form-fields";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of SupplierSchema, from useHallForm
type Field = FieldMetadata<any, any, string[]>;

/** The fields of SupplierSchema, shared by the new and edit forms (values and errors come with them). */
export function SupplierFields({
  counties,
  fields,
}: {
  counties: { id: number; nameZh: string; nameEn: string }[];
  fields: Record<"name" | "kind" | "countyId" | "contactName" | "contactPhone", Field>;
}) {
  const { t, i18n } = useTranslation("admin");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.name} label={t("suppliers.name")} />
      <SelectField field={fields.kind} label={t("suppliers.kind")} options={supplierKinds.map((k) => ({ value: k, label: t(`suppliers.kinds.${k}`) }))} />
      <SelectField
        field={fields.countyId}
        label={t("suppliers.county")}
        placeholder={t("product.choose")}
        options={counties.map((c) => ({ value: c.id, label: i18n.language === "en" ? c.nameEn : c.nameZh }))}
      />
      <TextField field={fields.contactName} label={t("suppliers.contactName")} />
      <TextField field={fields.contactPhone} label={t("suppliers.contactPhone")} type="tel" />
    </div>
  );
}
