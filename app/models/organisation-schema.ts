import { z } from "zod";
import { employeeNoField, MOBILE_PATTERN } from "./account-schema";

/**
 * Form schemas for organisation accounts (食堂, 工会/福利, 部门), shared by server and browser. Messages
 * are i18n keys in the "org" namespace.
 */

export const organisationKinds = ["CANTEEN", "WELFARE", "DEPARTMENT"] as const;
export const organisationStatuses = ["PENDING", "APPROVED", "REJECTED"] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];
export const memberRoles = ["BUYER", "APPROVER", "ORG_ADMIN"] as const;
export type MemberRole = (typeof memberRoles)[number];
export const MAX_LOCATIONS = 50;

/** GB 32100-2015: the 31 characters a 统一社会信用代码 may use (no I, O, S, V, Z). */
const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "characters" | "checkCharacter";

/** The check character for the first 17 characters of a code (already upper case and in the alphabet). */
export function creditCodeCheckCharacter(first17: string) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** What is wrong with a 统一社会信用代码, or null if it is valid. Expects upper case. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "characters";
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : "checkCharacter";
}

/** Spaces people paste inside a code are dropped and letters upper-cased before checking. */
export const creditCodeField = z
  .string("org:errors.required")
  .transform((s) => s.replace(/\s/g, "").toUpperCase())
  .superRefine((code, ctx) => {
    if (code.length === 0) return void ctx.addIssue({ code: "custom", message: "org:errors.required" });
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: `org:errors.creditCode.${problem}` });
  });

const text = (max: number) => z.string("org:errors.required").trim().min(1, "org:errors.required").max(max, "org:errors.tooLong");
const mobile = z
  .string("org:errors.required")
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().min(1, "org:errors.required").regex(MOBILE_PATTERN, "org:errors.mobile"));

export const LocationSchema = z.object({
  name: text(50),
  address: text(200),
  contactName: text(50),
  contactMobile: mobile,
});
export type LocationInput = z.infer<typeof LocationSchema>;

type LocationRow = Record<keyof LocationInput, string>;
const blankRow = (row: LocationRow) => Object.values(row).every((v) => v.trim() === "");
const typed = z.string().default("");

/**
 * The application's location rows ("locations[0].name" …). Extra rows left blank are ignored; the first
 * is always checked, so an empty form says what is missing. Each row's errors keep the row's index as
 * typed, so they land on the row the person sees.
 */
const locationRowsField = z
  // One row past the most allowed is enough to say "too many", however large an index is posted.
  .preprocess(
    (rows: Partial<LocationRow>[]) => (Array.isArray(rows) ? rows.slice(0, MAX_LOCATIONS + 1) : rows),
    z.array(z.object({ name: typed, address: typed, contactName: typed, contactMobile: typed }).default({ name: "", address: "", contactName: "", contactMobile: "" })),
  )
  .default([])
  .superRefine((rows, ctx) => {
    const kept = rows.filter((row, i) => i === 0 || !blankRow(row));
    if (kept.length === 0) return void ctx.addIssue({ code: "custom", message: "org:errors.required" });
    if (kept.length > MAX_LOCATIONS) return void ctx.addIssue({ code: "custom", message: "org:errors.tooMany" });
    rows.forEach((row, i) => {
      if (i > 0 && blankRow(row)) return;
      const checked = LocationSchema.safeParse(row);
      if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [i, ...issue.path] });
    });
  })
  .transform((rows): LocationInput[] => rows.filter((row, i) => i === 0 || !blankRow(row)).map((row) => LocationSchema.parse(row)));

export const ApplicationSchema = z.object({
  name: text(100),
  kind: z.enum(organisationKinds, "org:errors.kind"),
  creditCode: creditCodeField,
  contactName: text(50),
  contactMobile: mobile,
  locations: locationRowsField,
});
export type ApplicationInput = z.infer<typeof ApplicationSchema>;

/** 工号 (4–10 letters or digits, any case) or an 11-digit mobile number. */
export const InviteSchema = z.object({
  identifier: z
    .string("org:errors.required")
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, "org:errors.required")
        .refine((s) => MOBILE_PATTERN.test(s) || employeeNoField.safeParse(s).success, "org:errors.identifier"),
    ),
  role: z.enum(memberRoles, "org:errors.role"),
});
export type InviteInput = z.infer<typeof InviteSchema>;

const idField = z.coerce.number("org:errors.required").int("org:errors.required").positive("org:errors.required");

export const RoleChangeSchema = z.object({
  memberId: idField,
  role: z.enum(memberRoles, "org:errors.role"),
});
/** Buttons on the organisation page that carry only an id. */
export const MemberIdSchema = z.object({ memberId: idField });
export const LocationIdSchema = z.object({ locationId: idField });

export const ReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), reason: z.string().trim().max(500, "org:errors.tooLong").default("") }),
  z.object({ intent: z.literal("reject"), reason: text(500) }),
]);
export type ReviewInput = z.infer<typeof ReviewSchema>;

