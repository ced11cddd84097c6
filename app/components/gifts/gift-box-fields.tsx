import { useTranslation } from "react-i18next";
import { TextAreaField, TextField, type Errors } from "~/components/admin/form-fields";
import { MAX_COMPONENTS } from "~/models/gift-schema";

/** The box's names, description, image and component rows (SKU + per-box quantity), as typed. */
export function GiftBoxFields({ values, errors, components }: { values: Record<string, string>; errors: Errors; components: { sku: string; quantity: string }[] }) {
  const { t } = useTranslation("gifts");
  // Filled rows plus blanks up to 6, never more than the maximum.
  const rows = [...components, ...Array.from({ length: Math.max(0, Math.min(MAX_COMPONENTS, Math.max(6, components.length + 2)) - components.length) }, () => ({ sku: "", quantity: "" }))];
  const componentsError = errors?.components?.[0];
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="nameZh" label={t("admin.nameZh")} required defaultValue={values.nameZh ?? ""} errors={errors} />
        <TextField name="nameEn" label={t("admin.nameEn")} defaultValue={values.nameEn ?? ""} errors={errors} />
      </div>
      <TextAreaField name="descriptionZh" label={t("admin.descriptionZh")} rows={3} defaultValue={values.descriptionZh ?? ""} errors={errors} />
      <TextAreaField name="descriptionEn" label={t("admin.descriptionEn")} rows={3} defaultValue={values.descriptionEn ?? ""} errors={errors} />
      <TextField name="imageUrl" label={t("admin.imageUrl")} hint={t("admin.imageUrlHint")} defaultValue={values.imageUrl ?? ""} errors={errors} />
      <fieldset className="space-y-2" aria-describedby={componentsError ? "components-hint components-error" : "components-hint"}>
        <legend className="text-sm font-medium text-stone-800">{t("admin.components")}</legend>
        <p id="components-hint" className="text-xs text-stone-600">{t("admin.componentsHint")}</p>
        {componentsError ? <p id="components-error" className="text-sm text-red-700">{t(componentsError)}</p> : null}
        {rows.map((row, i) => (
          <div key={i} className="grid grid-cols-[1fr_6rem] gap-2">
            <TextField name={`component.sku.${i}`} label={`${t("admin.sku")} ${i + 1}`} defaultValue={row.sku} errors={errors} />
            <TextField name={`component.quantity.${i}`} label={t("admin.perBox")} inputMode="numeric" defaultValue={row.quantity} errors={errors} />
          </div>
        ))}
      </fieldset>
    </div>
  );
}
