import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "./env.server";

/**
 * Secrets of the administrators' second factor at rest (ADR 027). Keys are derived from SESSION_SECRET
 * with HKDF, so a copy of the database alone gives neither the TOTP secrets nor a way to test guesses
 * of recovery codes. Imports are relative: prisma/demo/load.ts seeds the demo administrator with it.
 */
function derivedKey(purpose: string, sessionSecret = getEnv().SESSION_SECRET): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionSecret, "", `fupin-hall admin second factor: ${purpose}`, 32));
}

const VERSION = "v1";

/**
 * AES-256-GCM, bound to the user's id: a sealed secret copied onto another account does not open.
 * sessionSecret: the server's, when sealing for a server with other settings (tests).
 */
export function sealTotpSecret(userId: number, secret: string, sessionSecret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("totp secret", sessionSecret), iv);
  cipher.setAAD(Buffer.from(`user:${userId}`));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The base32 secret, or an error naming the likely cause (SESSION_SECRET changed since enrolment). */
export function openTotpSecret(userId: number, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !data) throw new Error(`User ${userId}: the stored TOTP secret is not in a known format`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey("totp secret"), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`user:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      `User ${userId}: the TOTP secret cannot be opened (was SESSION_SECRET changed?); reset it with npm run create-admin -- --username <name> --reset-second-factor`,
    );
  }
}

/** Recovery codes as typed: spaces, dashes and case do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

export function hashRecoveryCode(code: string): string {
  return createHmac("sha256", derivedKey("recovery code")).update(normaliseRecoveryCode(code)).digest("base64url");
}

/** Twelve hex digits (48 bits) shown as xxxx-xxxx-xxxx. */
export function newRecoveryCode(): string {
  return (randomBytes(6).toString("hex").match(/.{4}/g) ?? []).join("-");
}
