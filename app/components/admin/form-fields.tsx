import { useTranslation } from "react-i18next";

export type Errors = Record<string, string[] | undefined> | undefined;

const inputClass =
  "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 aria-[invalid=true]:border-red-700";

type FieldProps = {
  /** Makes ids unique when one page has several forms with the same field names. */
  form?: string;
  name: string;
  label: string;
  hint?: string;
  errors?: Errors;
  required?: boolean;
  className?: string;
  /** Values for the error message's placeholders, e.g. the current stock. */
  errorParams?: Record<string, string | number>;
};

function useField({ form, name, hint, errors }: FieldProps) {
  const id = form ? `${form}-${name}` : name;
  const error = errors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, error, describedBy };
}

function FieldShell({ id, label, hint, error, errorParams, required, className, children }: {
  id: string;
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
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {t(error, errorParams)}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: FieldProps & { defaultValue?: string | number; type?: string; inputMode?: "numeric" | "decimal" | "text"; autoComplete?: string },
) {
  const { id, error, describedBy } = useField(props);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} errorParams={props.errorParams} required={props.required} className={props.className}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? "off"}
        defaultValue={props.defaultValue}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: FieldProps & { defaultValue?: string; rows?: number }) {
  const { id, error, describedBy } = useField(props);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} required={props.required} className={props.className}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & { defaultValue?: string | number; options: { value: string | number; label: string }[]; placeholder?: string },
) {
  const { id, error, describedBy } = useField(props);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} required={props.required} className={props.className}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue === undefined ? "" : String(props.defaultValue)}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
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

export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <input id={name} name={name} type="checkbox" defaultChecked={defaultChecked} className="h-4 w-4 accent-brand-700" />
      <label htmlFor={name} className="text-sm font-medium text-stone-800">
        {label}
      </label>
    </div>
  );
}

/** A summary at the top of a form that failed, announced to screen readers. */
export function FormError({ message }: { message?: string | null }) {
  const { t } = useTranslation("admin");
  if (!message) return null;
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {t(message)}
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
