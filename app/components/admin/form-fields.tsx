import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

export type Errors = Record<string, string[] | undefined> | undefined;
/** A field of a form made with useHallForm (app/utils/form.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any form's schema
type AnyField = FieldMetadata<any, any, string[]>;

const inputClass =
  "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 aria-[invalid=true]:border-red-700";

type FieldProps = {
  /** The field from useHallForm: its name, id, errors, value typed and constraints. */
  field?: AnyField;
  /** Makes ids unique when one page has several forms with the same field names. */
  form?: string;
  name?: string;
  label: string;
  hint?: string;
  errors?: Errors;
  required?: boolean;
  className?: string;
  /** Values for the error message's placeholders, e.g. the current stock. */
  errorParams?: Record<string, string | number>;
};

function useField({ field, form, name: plainName, hint, errors, required }: FieldProps) {
  const name = field?.name ?? plainName ?? "";
  const id = field ? field.id : form ? `${form}-${name}` : name;
  const error = field ? field.errors?.[0] : errors?.[name]?.[0];
  const errorId = field ? field.errorId : `${id}-error`;
  const describedBy = [hint ? `${id}-hint` : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return {
    id,
    name,
    error,
    errorId,
    describedBy,
    required: required ?? field?.required,
    defaultValue: field?.initialValue,
    formId: field?.formId,
  };
}

function FieldShell({ id, errorId, label, hint, error, errorParams, required, className, children }: {
  id: string;
  errorId: string;
  errorParams?: Record<string, string | number>;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation("admin");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {t(error, errorParams)}
        </p>
      ) : null}
    </div>
  );
}

/** What the person typed last time (a reply's values), when the form gave it back. */
function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function TextField(
  props: FieldProps & { defaultValue?: string | number; type?: string; inputMode?: "numeric" | "decimal" | "text"; autoComplete?: string },
) {
  const f = useField(props);
  return (
    <FieldShell id={f.id} errorId={f.errorId} label={props.label} hint={props.hint} error={f.error} errorParams={props.errorParams} required={f.required} className={props.className}>
      <input
        key={props.field?.key}
        id={f.id}
        name={f.name}
        form={f.formId}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? "off"}
        defaultValue={textOf(f.defaultValue) ?? props.defaultValue}
        required={f.required}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: FieldProps & { defaultValue?: string; rows?: number }) {
  const f = useField(props);
  return (
    <FieldShell id={f.id} errorId={f.errorId} label={props.label} hint={props.hint} error={f.error} errorParams={props.errorParams} required={f.required} className={props.className}>
      <textarea
        key={props.field?.key}
        id={f.id}
        name={f.name}
        form={f.formId}
        rows={props.rows ?? 4}
        defaultValue={textOf(f.defaultValue) ?? props.defaultValue}
        required={f.required}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & { defaultValue?: string | number; options: { value: string | number; label: string }[]; placeholder?: string },
) {
  const f = useField(props);
  const value = textOf(f.defaultValue) ?? props.defaultValue;
  return (
    <FieldShell id={f.id} errorId={f.errorId} label={props.label} hint={props.hint} error={f.error} errorParams={props.errorParams} required={f.required} className={props.className}>
      <select
        key={props.field?.key}
        id={f.id}
        name={f.name}
        form={f.formId}
        defaultValue={value === undefined ? "" : String(value)}
        required={f.required}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
        className={inputClass}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ field, name: plainName, label, defaultChecked }: { field?: AnyField; name?: string; label: string; defaultChecked?: boolean }) {
  const name = field?.name ?? plainName ?? "";
  const id = field?.id ?? name;
  const checked = field && field.initialValue !== undefined ? field.initialValue === "on" : defaultChecked;
  return (
    <div className="flex items-center gap-2">
      <input key={field?.key} id={id} name={name} form={field?.formId} type="checkbox" defaultChecked={checked} className="h-4 w-4 accent-brand-700" />
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
    </div>
  );
}

/**
 * A summary at the top of a form that failed, announced to screen readers: the form's own error, or,
 * when the server sent back field errors only, a line saying to look at the fields.
 */
export function FormError({ message, form, params }: { message?: string | null; form?: Pick<FormMetadata, "errors" | "status" | "allErrors">; params?: Record<string, string | number> }) {
  const { t } = useTranslation("admin");
  const shown = message ?? form?.errors?.[0] ?? (form?.status === "error" && Object.keys(form.allErrors).length > 0 ? "common:form.hasErrors" : null);
  if (!shown) return null;
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {t(shown, params)}
    </p>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
      {children}
    </p>
  );
}

export function SubmitButton({ children, busy, busyLabel, name, value, variant = "primary" }: {
  children: React.ReactNode;
  busy?: boolean;
  busyLabel?: string;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-stone-400 bg-white text-stone-900 hover:bg-stone-100",
    danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
  }[variant];
  return (
    <button type="submit" name={name} value={value} disabled={busy} className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${styles}`}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
