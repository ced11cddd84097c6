import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { $ZodType, input, output } from "zod/v4/core";

/**
 * The one form pipeline (ADR 031). A form's Zod schema lives in a client-safe module; the browser
 * checks it with `useHallForm` while the person types, and the action checks the same schema with
 * `parseForm` — same rules, same messages (wording keys with their namespace, translated
 * where they are shown). The action answers with `submission.reply()` (see form.server.ts), which
 * carries the field errors, the form's own error and the values typed, so nothing typed is lost.
 */

/**
 * Reads a submitted form with a schema. Values reach the schema as the browser sent them (strings,
 * File for uploads; an empty field is ""), so each schema says for itself how it reads "" or "12.50":
 * Conform's automatic coercion is off because the hall's schemas already parse money and quantities
 * their own way (fen, never floats).
 */
export function parseForm<Schema extends $ZodType>(payload: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(payload, { schema, disableAutoCoercion: true });
}

export type FormReply = SubmissionResult<string[]>;

/**
 * A form checked in the browser (on leaving a field, then on every keystroke once it showed an error)
 * and on the server. `lastResult` is the action's reply for this form, if it was the one submitted.
 */
export function useHallForm<Schema extends $ZodType>(
  schema: Schema,
  options: { id?: string; lastResult?: FormReply | null; defaultValue?: Partial<Record<keyof input<Schema> & string, unknown>> } = {},
) {
  return useForm<input<Schema> & Record<string, unknown>, output<Schema>, string[]>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema),
  });
}
