import { closeSync, mkdirSync, openSync } from "node:fs";
import { generateTOTP } from "@epic-web/totp";
import { DEMO_ADMIN } from "../../prisma/demo/catalogue";

/** The demo administrator's authenticator key, as the README states it (ADR 027). */
export const DEMO_TOTP_SECRET = DEMO_ADMIN.totpSecret;
const PERIOD = 30;

const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** What an authenticator app shows right now for the secret (RFC 6238: SHA-1, 6 digits, 30 s). */
export async function totpCode(secret: string = DEMO_TOTP_SECRET): Promise<string> {
  return (await generateTOTP({ secret, period: PERIOD, digits: 6, algorithm: "SHA-1" })).otp;
}

/**
 * A code no other sign-in of this run has used: the hall refuses a code twice (replay), and test
 * workers in parallel processes sign in as the same administrator. Each 30-second step is claimed by
 * creating a file exclusively; when this step is taken, the next one is waited for.
 */
export async function unusedTotpCode(secret: string = DEMO_TOTP_SECRET, dir = "tests/.tmp/totp-steps"): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const step = currentStep();
    try {
      closeSync(openSync(`${dir}/${secret}-${step}`, "wx"));
      const code = await totpCode(secret);
      if (currentStep() === step) return code;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await new Promise((resolve) => setTimeout(resolve, (step + 1) * PERIOD * 1000 - Date.now() + 50));
    }
  }
}

/**
 * Signs in over HTTP as a browser without scripts would: the password, then (for an enrolled
 * administrator) a code from the secret. Returns the Cookie header of the signed-in session.
 */
export async function signInOverHttp(base: string, username: string, password: string, redirectTo = "/", secret: string = DEMO_TOTP_SECRET) {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const headers = { Origin: base, "Content-Type": "application/x-www-form-urlencoded" };
  let res = await fetch(`${base}/login`, { method: "POST", headers, body: form({ username, password, redirectTo }), redirect: "manual" });
  let cookie = cookieOf(res);
  const next = res.headers.get("location") ?? "";
  if (res.status === 302 && next.startsWith("/login/second-factor")) {
    const body = form({ intent: "verify", code: await unusedTotpCode(secret) });
    res = await fetch(`${base}${next}`, { method: "POST", headers: { ...headers, Cookie: cookie }, body, redirect: "manual" });
    cookie = cookieOf(res);
  }
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return cookie;
}
