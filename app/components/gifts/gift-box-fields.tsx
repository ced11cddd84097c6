import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "~/components/admin/form-fields";
import { GiftBoxSchema, MAX_COMPONENTS } from "~/models/gift-schema";
import { useHallForm } from "~/utils/form";

type GiftBoxFieldset = ReturnType<typeof useHallForm<typeof GiftBoxSchema>>[1];

/** The box form's component rows to show: those given plus blanks, at least 6, never more than the maximum. */
export function componentRowsToShow(components: { sku: string; quantity: string }[]) {
  const count = Math.max(components.length, Math.min(MAX_COMPONENTS, Math.max(6, components.length + 2)));
  return Array.from({ length: count }, (_, i) => components[i] ?? { sku: "", quantity: "" });
}

/** The box's names, description, image and component rows (SKU + per-box quantity), as typed. */
export function GiftBoxFields({ fields }: { fields: GiftBoxFieldset }) {
  const { t } = useTranslation("gifts");
  const rows = fields.components.getFieldList();
  const componentsError = fields.components.errors?.[0];
  const hintId = `${fields.components.id}-hint`;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.nameZh} label={t("admin.nameZh")} />
        <TextField field={fields.nameEn} label={t("admin.nameEn")} />
      </div>
      <TextAreaField field={fields.descriptionZh} label={t("admin.descriptionZh")} rows={3} />
      <TextAreaField field={fields.descriptionEn} label={t("admin.descriptionEn")} rows={3} />
      <TextField field={fields.imageUrl} label={t("admin.imageUrl")} hint={t("admin.imageUrlHint")} />
      <fieldset className="space-y-2" aria-describedby={componentsError ? `${hintId} ${fields.components.errorId}` : hintId}>
        <legend className="text-sm font-medium text-stone-800">{t("admin.components")}</legend>
        <p id={hintId} className="text-xs text-stone-600">{t("admin.componentsHint")}</p>
        {componentsError ? <p id={fields.components.errorId} className="text-sm text-red-700">{t(componentsError)}</p> : null}
        {rows.map((row, i) => {
          const { sku, quantity } = row.getFieldset();
          return (
            <div key={row.key ?? i} className="grid grid-cols-[1fr_6rem] gap-2">
              <TextField field={sku} label={`${t("admin.sku")} ${i + 1}`} />
              <TextField field={quantity} label={t("admin.perBox")} inputMode="numeric" />
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
