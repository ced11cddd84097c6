import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextAreaField, TextField } from "./form-fields";

type Named = { id: number; nameZh: string; nameEn: string };
export type ProductFormOptions = {
  categories: Named[];
  counties: Named[];
  suppliers: { id: number; name: string; countyId: number; status: string }[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of either product schema
type Field = FieldMetadata<any, any, string[]>;
type Name =
  | "sku"
  | "slug"
  | "nameZh"
  | "nameEn"
  | "categoryId"
  | "countyId"
  | "supplierId"
  | "township"
  | "village"
  | "spec"
  | "price"
  | "descriptionZh"
  | "descriptionEn"
  | "originStatement"
  | "featured";
/** The fields of ProductUpdateSchema or ProductCreateSchema, from useHallForm. */
export type ProductFieldset = Record<Name, Field> & { initialStock?: Field };

/** The product fields shared by the new and edit pages (useHallForm gives the values and errors). */
export function ProductFields({ options, fields }: { options: ProductFormOptions; fields: ProductFieldset }) {
  const { t, i18n } = useTranslation("admin");
  const name = (n: Named) => (i18n.language === "en" ? n.nameEn || n.nameZh : n.nameZh);
  const field = (key: Name | "initialStock", hint?: string) => ({ field: fields[key], label: t(`product.${key}`), hint });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField {...field("sku", t("product.skuHint"))} />
      <TextField {...field("slug", t("product.slugHint"))} />
      <TextField {...field("nameZh")} />
      <TextField {...field("nameEn")} />
      <SelectField
        {...field("categoryId")}
        label={t("product.category")}
        placeholder={t("product.choose")}
        options={options.categories.map((c) => ({ value: c.id, label: name(c) }))}
      />
      <SelectField
        {...field("countyId")}
        label={t("product.county")}
        placeholder={t("product.choose")}
        options={options.counties.map((c) => ({ value: c.id, label: name(c) }))}
      />
      <SupplierSelect options={options} field={fields.supplierId} countyName={name} />
      <TextField {...field("spec", t("product.specHint"))} />
      <TextField {...field("township")} />
      <TextField {...field("village")} />
      <TextField {...field("price", t("product.priceHint"))} inputMode="decimal" />
      {fields.initialStock ? <TextField {...field("initialStock")} inputMode="numeric" /> : null}
      <TextAreaField {...field("descriptionZh")} className="sm:col-span-2" />
      <TextAreaField {...field("descriptionEn")} className="sm:col-span-2" />
      <TextAreaField {...field("originStatement")} rows={2} className="sm:col-span-2" />
      <CheckboxField field={fields.featured} label={t("product.featured")} />
    </div>
  );
}

/** Suppliers grouped by county, so the one matching the product's county is easy to find. */
function SupplierSelect({ options, field, countyName }: { options: ProductFormOptions; field: Field; countyName: (n: Named) => string }) {
  const { t } = useTranslation("admin");
  const error = field.errors?.[0];
  const { key, ...props } = getSelectProps(field);
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-stone-800">
        {t("product.supplier")}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </label>
      <select
        key={key}
        {...props}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
        className="mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 aria-[invalid=true]:border-red-700"
      >
        <option value="">{t("product.choose")}</option>
        {options.counties.map((county) => {
          const suppliers = options.suppliers.filter((s) => s.countyId === county.id);
          if (suppliers.length === 0) return null;
          return (
            <optgroup key={county.id} label={countyName(county)}>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.status === "ADMITTED" ? "" : ` (${t(`product.supplierStatus.${s.status}`)})`}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      {error ? (
        <p id={field.errorId} className="mt-1 text-sm text-red-700">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
