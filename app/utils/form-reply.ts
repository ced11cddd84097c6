import type { FormReply } from "~/utils/form";

/**
 * The first message of a form's reply (the form's own error, else a field's): what a form made only of
 * buttons shows, since it has no fields to put messages beside (ADR 033, "buttons").
 */
export function replyMessage(reply: Pick<FormReply, "error"> | null | undefined): string | null {
  return Object.values(reply?.error ?? {}).find((messages) => messages?.length)?.[0] ?? null;
}
