import { z } from "zod";

/**
 * The administrator's second factor (ADR 027): the one code field of sign-in and enrolment, shared by
 * server and browser. A code is 6 digits or a recovery code typed with spaces or dashes, so the schema
 * only bounds it; whether it is right is the model's answer ("secondFactor:invalid"). `intent` names the
 * step the page showed (verify or enrol), checked against the step the sign-in is at.
 */
export const SecondFactorCodeSchema = z.object({
  intent: z.enum(["verify", "enrol"]).optional(),
  code: z.string("common:errors.required").trim().min(1, "common:errors.required").max(40, "secondFactor:invalid"),
});
