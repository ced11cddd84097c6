import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";

export type Problems = {
  /** Messages (i18n keys) by field name, e.g. a clash the database found. */
  fieldErrors?: Record<string, string[] | undefined>;
  /** One message about the whole form (shown at its top). */
  formError?: string;
  /** Fields never sent back into the form, e.g. passwords and codes. */
  hideFields?: string[];
};

/**
 * The answer to a form that cannot be accepted (ADR 031): status 400 unless told, the form's reply
 * (schema errors, or the problems a model found, plus the values typed) under `result`, and whatever
 * else the page shows beside it (`extra`, e.g. the numbers a message needs).
 */
export function refuse<Extra extends Record<string, unknown> = Record<never, never>>(
  submission: Submission<unknown>,
  problems: Problems = {},
  options: { status?: number; extra?: Extra } = {},
) {
  const fieldErrors = problems.fieldErrors
    ? Object.fromEntries(Object.entries(problems.fieldErrors).filter((entry): entry is [string, string[]] => entry[1] !== undefined))
    : undefined;
  const result = submission.reply({
    fieldErrors,
    formErrors: problems.formError ? [problems.formError] : undefined,
    hideFields: problems.hideFields,
  });
  return data({ result, ...(options.extra ?? ({} as Extra)) }, { status: options.status ?? 400 });
}
