import { expect } from "vitest";
import { confirmApproval, type AskResult } from "~/models/admin-approval.server";

/** Asks (as one administrator) and confirms (as another): the way every split duty takes effect (ADR 029). */
export async function confirmedBySecondAdmin(asked: Promise<AskResult> | AskResult, confirmerId: number) {
  const request = await asked;
  if (!request.ok) throw new Error(`the request was refused: ${request.reason}`);
  expect(await confirmApproval(request.approvalId, confirmerId)).toEqual({ ok: true });
  return request.approvalId;
}
