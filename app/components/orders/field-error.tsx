import { useTranslation } from "react-i18next";

/** The message under a field; its id is what the field's aria-describedby names. */
export function FieldError({ id, message, params }: { id: string; message?: string | null; params?: Record<string, unknown> }) {
  const { t } = useTranslation("orders");
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {t(message, params)}
    </p>
  );
}

export function FormAlert({ message, params }: { message?: string | null; params?: Record<string, unknown> }) {
  const { t } = useTranslation("orders");
  if (!message) return null;
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {t(message, params)}
    </p>
  );
}
