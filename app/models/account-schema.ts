import { z } from "zod";

/**
 * Form schemas for employees' accounts and address books, shared by server and browser. Messages are
 * i18n keys in the "account" namespace; pages translate them with t().
 */

/**
 * 工号: 4–10 letters or digits, stored in capitals (typed e10001 → E10001). Never 11 characters, so an
 * employee number can never be mistaken for a mainland mobile number when signing in.
 */
export const EMPLOYEE_NO_PATTERN = /^[0-9A-Z]{4,10}$/;
/** A mainland mobile number: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const MAX_ADDRESSES = 20;

const required = (max: number) =>
  z.string("account:errors.required").trim().min(1, "account:errors.required").max(max, "account:errors.tooLong");

export const employeeNoField = z
  .string("account:errors.required")
  .trim()
  .toUpperCase()
  .min(1, "account:errors.required")
  .regex(EMPLOYEE_NO_PATTERN, "account:errors.employeeNo");

/** Spaces and hyphens people type inside a number (138 0001 0001) are dropped before checking. */
export const mobileField = z
  .string("account:errors.required")
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().min(1, "account:errors.required").regex(MOBILE_PATTERN, "account:errors.mobile"));

export const nameField = required(50);

export const passwordField = z
  .string("account:errors.required")
  .min(1, "account:errors.required")
  .min(PASSWORD_MIN, "account:errors.passwordShort")
  .max(PASSWORD_MAX, "account:errors.tooLong");

/** Signing in: 工号, mobile or an administrator's username, and the password. */
export const LoginSchema = z.object({
  username: z.string("common:errors.required").trim().min(1, "common:errors.required").max(100, "common:errors.tooLong"),
  password: z.string("common:errors.required").min(1, "common:errors.required").max(PASSWORD_MAX, "common:errors.tooLong"),
  redirectTo: z.string().optional(),
});

/** What an administrator fills in to create an employee; registration adds a confirmation. */
export const EmployeeSchema = z.object({
  employeeNo: employeeNoField,
  name: nameField,
  mobile: mobileField,
  password: passwordField,
});
export type EmployeeInput = z.infer<typeof EmployeeSchema>;

/** Registration, step 1: who the person says they are, checked against the roster. */
export const RequestCodeSchema = z.object({ employeeNo: employeeNoField, name: nameField });
export type RequestCodeInput = z.infer<typeof RequestCodeSchema>;

/** Registration, step 2: the one-time code sent to the roster's mobile, and a password. */
export const RegisterSchema = z
  .object({
    employeeNo: employeeNoField,
    code: z.string("account:errors.required").trim().regex(/^\d{6}$/, "account:errors.code"),
    password: passwordField,
    confirmPassword: z.string("account:errors.required"),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "account:errors.passwordMismatch" });
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const ProfileSchema = z.object({ name: nameField, mobile: mobileField });
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string("account:errors.required").min(1, "account:errors.required").max(PASSWORD_MAX, "account:errors.tooLong"),
    newPassword: passwordField,
    confirmPassword: z.string("account:errors.required"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "account:errors.passwordMismatch" });

export const PasswordResetSchema = z.object({ password: passwordField });

export const AddressSchema = z.object({
  recipient: required(50),
  mobile: mobileField,
  province: required(20),
  city: required(30),
  district: required(30),
  detail: required(120),
  // A checkbox: present ("on") when ticked.
  isDefault: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type AddressInput = z.infer<typeof AddressSchema>;

/** The buttons beside a saved address (delete, make default): which address. */
export const AddressActionSchema = z.object({ intent: z.enum(["delete", "setDefault"]), addressId: z.string() });

export type FieldErrors = Record<string, string[] | undefined>;

/** The one-line address a delivery order copies (吉林省长春市朝阳区 红旗街 88 号). */
export function formatAddress(a: { province: string; city: string; district: string; detail: string }) {
  // Municipalities repeat the province as the city (北京市北京市); write it once.
  const city = a.city === a.province ? "" : a.city;
  return `${a.province}${city}${a.district} ${a.detail}`;
}
