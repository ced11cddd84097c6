import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextAreaField, TextField, type Errors } from "./form-fields";

type Named = { id: number; nameZh: string; nameEn: string };
export type ProductFormOptions = {
  categories: Named[];
  counties: Named[];
  suppliers: { id: number; name: string; countyId: number; status: string }[];
};

/** The product fields shared by the new and edit pages; values are the text the form last held. */
export function ProductFields({
  options,
  values,
  errors,
  withInitialStock,
}: {
  options: ProductFormOptions;
  values: Record<string, string>;
  errors: Errors;
  withInitialStock?: boolean;
}) {
  const { t, i18n } = useTranslation("admin");
  const name = (n: Named) => (i18n.language === "en" ? n.nameEn || n.nameZh : n.nameZh);
  const field = (key: string, extra: { required?: boolean; hint?: string } = {}) => ({
    name: key,
    label: t(`product.${key}`),
    defaultValue: values[key] ?? "",
    errors,
    ...extra,
  });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField {...field("sku", { required: true, hint: t("product.skuHint") })} />
      <TextField {...field("slug", { required: true, hint: t("product.slugHint") })} />
      <TextField {...field("nameZh", { required: true })} />
      <TextField {...field("nameEn")} />
      <SelectField
        {...field("categoryId", { required: true })}
        label={t("product.category")}
        placeholder={t("product.choose")}
        options={options.categories.map((c) => ({ value: c.id, label: name(c) }))}
      />
      <SelectField
        {...field("countyId", { required: true })}
        label={t("product.county")}
        placeholder={t("product.choose")}
        options={options.counties.map((c) => ({ value: c.id, label: name(c) }))}
      />
      <SupplierSelect options={options} values={values} errors={errors} countyName={name} />
      <TextField {...field("spec", { required: true, hint: t("product.specHint") })} />
      <TextField {...field("township")} />
      <TextField {...field("village")} />
      <TextField {...field("price", { required: true, hint: t("product.priceHint") })} inputMode="decimal" />
      {withInitialStock ? <TextField {...field("initialStock", { required: true })} inputMode="numeric" /> : null}
      <TextAreaField {...field("descriptionZh")} className="sm:col-span-2" />
      <TextAreaField {...field("descriptionEn")} className="sm:col-span-2" />
      <TextAreaField {...field("originStatement")} rows={2} className="sm:col-span-2" />
      <CheckboxField name="featured" label={t("product.featured")} defaultChecked={values.featured === "on"} />
    </div>
  );
}

/** Suppliers grouped by county, so the one matching the product's county is easy to find. */
function SupplierSelect({
  options,
  values,
  errors,
  countyName,
}: {
  options: ProductFormOptions;
  values: Record<string, string>;
  errors: Errors;
  countyName: (n: Named) => string;
}) {
  const { t } = useTranslation("admin");
  const error = errors?.supplierId?.[0];
  return (
    <div>
      <label htmlFor="supplierId" className="block text-sm font-medium text-stone-800">
        {t("product.supplier")}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </label>
      <select
        id="supplierId"
        name="supplierId"
        required
        defaultValue={values.supplierId ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "supplierId-error" : undefined}
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
        <p id="supplierId-error" className="mt-1 text-sm text-red-700">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
