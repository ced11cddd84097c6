import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import type { SkuPreview } from "~/models/sku-lookup.server";
import { useLocalize, useLocalizeSpec } from "~/utils/localize";

type Field = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

type Props = {
  index: number;
  organisationId: number;
  /** The row's fields of the grid's form ("lines[i].sku", "lines[i].quantity"). */
  fields: { sku: Field; quantity: Field };
  errorId?: string;
  problemText?: string | null;
};

/**
 * One line of the quick-order grid. As the buyer types a SKU (or changes the quantity) the server says
 * what it is and what this organisation pays for it, under the line, before review.
 */
export function GridRow({ index: i, organisationId, fields, errorId, problemText }: Props) {
  const { t } = useTranslation("org");
  const localize = useLocalize();
  const localizeSpec = useLocalizeSpec();
  const fetcher = useFetcher<SkuPreview>();
  const skuRef = useRef<HTMLInputElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const load = fetcher.load;

  const lookUp = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const sku = skuRef.current?.value.trim() ?? "";
      if (!sku) return;
      const query = new URLSearchParams({ org: String(organisationId), sku, quantity: quantityRef.current?.value.trim() ?? "" });
      load(`/org/sku?${query.toString()}`);
    }, delay);
  };

  // Lines loaded from a draft, a saved list or a past order are described at once.
  useEffect(() => {
    if (fields.sku.initialValue) lookUp(0);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per mounted row; typing triggers the rest
  }, []);

  const preview = skuRef.current?.value.trim() ? fetcher.data : undefined;
  const previewId = `row-${i}-preview`;
  const describedBy = [errorId, preview ? previewId : null].filter(Boolean).join(" ") || undefined;
  // The row's problems are the order's own check (with the row's number and values), not the schema's.
  const { key: skuKey, ...skuProps } = getInputProps(fields.sku, { type: "text" });
  const { key: quantityKey, ...quantityProps } = getInputProps(fields.quantity, { type: "text" });
  return (
    <tr className="align-top">
      <td className="py-1 pr-2 text-stone-600">{i + 1}</td>
      <td className="py-1 pr-2">
        <label htmlFor={fields.sku.id} className="sr-only">{t("order.skuOfRow", { row: i + 1 })}</label>
        <input
          key={skuKey}
          {...skuProps}
          ref={skuRef}
          autoComplete="off"
          onChange={() => lookUp(250)}
          aria-invalid={problemText ? true : undefined}
          aria-describedby={describedBy}
          className="w-full min-w-0 rounded border border-stone-400 px-2 py-1 font-mono aria-[invalid=true]:border-red-700"
        />
        {problemText ? <p id={errorId} className="mt-1 text-xs text-red-700">{problemText}</p> : null}
        {preview ? (
          <p id={previewId} className="mt-1 text-xs text-stone-700" data-testid="sku-preview" aria-live="polite">
            {preview.found ? (
              <>
                <span className="font-medium text-stone-900">{localize(preview.nameZh, preview.nameEn)}</span> · {localizeSpec(preview.spec)} ·{" "}
                <Money fen={preview.unitPriceFen} className="font-medium text-brand-800" /> · {t("order.preview.casePack", { n: preview.casePack })} ·{" "}
                {preview.onSale ? t("order.preview.stock", { n: preview.stock }) : t("order.preview.notOnSale")}
              </>
            ) : (
              <span className="text-amber-900">{t("order.preview.unknown")}</span>
            )}
          </p>
        ) : null}
      </td>
      <td className="py-1 pr-2">
        <label htmlFor={fields.quantity.id} className="sr-only">{t("order.quantityOfRow", { row: i + 1 })}</label>
        <input
          key={quantityKey}
          {...quantityProps}
          ref={quantityRef}
          inputMode="numeric"
          autoComplete="off"
          onChange={() => lookUp(400)}
          aria-invalid={problemText ? true : undefined}
          aria-describedby={errorId}
          className="w-full min-w-0 rounded border border-stone-400 px-2 py-1 aria-[invalid=true]:border-red-700"
        />
      </td>
    </tr>
  );
}
