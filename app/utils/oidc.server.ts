import { createCookie } from "@remix-run/node";
import * as oidc from "openid-client";
import { getEnv, isLoopback } from "./env.server";
import { logger } from "./logger.server";

/**
 * The OpenID Connect side of company sign-in (ADR 028), through openid-client: authorization code
 * flow with PKCE, state and nonce. What one sign-in must remember between the redirect to the
 * provider and its return (state, nonce, PKCE verifier, where to go after) travels in a signed,
 * HttpOnly cookie that lives ten minutes and is read once.
 */

export const SSO_CALLBACK_PATH = "/auth/sso/callback";
const FLOW_MINUTES = 10;

type Settings = { issuer: URL; clientId: string; clientSecret: string; claim: string; scope: string };

/** The provider settings, or null when this installation has no company sign-in. */
export function ssoSettings(): Settings | null {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return { issuer: new URL(env.OIDC_ISSUER), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, claim: env.OIDC_EMPLOYEE_NO_CLAIM, scope: env.OIDC_SCOPE };
}

export function ssoEnabled() {
  return ssoSettings() !== null;
}

let discovered: { key: string; config: Promise<oidc.Configuration> } | undefined;

/** The provider's metadata, discovered once per issuer and client; a failed discovery is tried again next time. */
function providerConfig(settings: Settings): Promise<oidc.Configuration> {
  const key = `${settings.issuer.href} ${settings.clientId}`;
  if (discovered?.key !== key) {
    const config = oidc.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
      // env.server.ts allows plain http only for a provider on this machine.
      execute: settings.issuer.protocol === "http:" && isLoopback(settings.issuer.hostname) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    config.catch(() => {
      if (discovered?.key === key) discovered = undefined;
    });
    discovered = { key, config };
  }
  return discovered.config;
}

type Flow = { state: string; nonce: string; verifier: string; redirectTo: string; expiresAt: number };

function flowCookie() {
  const env = getEnv();
  return createCookie("__hall_sso", {
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    sameSite: "lax",
    path: "/auth/sso",
    secure: env.NODE_ENV === "production",
    secrets: [env.SESSION_SECRET],
    maxAge: FLOW_MINUTES * 60,
  });
}

/** Where the provider sends the browser back: PUBLIC_URL when set (behind a proxy), else this request's origin. */
function callbackUrl(request: Request) {
  return new URL(SSO_CALLBACK_PATH, getEnv().PUBLIC_URL ?? new URL(request.url).origin);
}

export type SsoStart = { ok: true; url: URL; cookie: string } | { ok: false; reason: "off" | "unavailable" };

/** The provider's authorization URL for a new sign-in, and the cookie that remembers it. */
export async function beginSso(request: Request, redirectTo: string): Promise<SsoStart> {
  const settings = ssoSettings();
  if (!settings) return { ok: false, reason: "off" };
  let config: oidc.Configuration;
  try {
    config = await providerConfig(settings);
  } catch (error) {
    logger.warn({ err: describe(error) }, "company sign-in provider unreachable");
    return { ok: false, reason: "unavailable" };
  }
  const flow: Flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    redirectTo,
    expiresAt: Date.now() + FLOW_MINUTES * 60_000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request).href,
    scope: settings.scope,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url, cookie: await flowCookie().serialize(flow) };
}

export type SsoIdentityClaims = { issuer: string; subject: string; employeeNo: string };
export type SsoCallbackResult =
  | { ok: true; identity: SsoIdentityClaims; redirectTo: string }
  | { ok: false; reason: "expired" | "denied" | "failed" | "no-employee-no"; redirectTo: string };

function readFlow(value: unknown): Flow | null {
  if (typeof value !== "object" || value === null) return null;
  const flow = value as Partial<Flow>;
  const strings = [flow.state, flow.nonce, flow.verifier, flow.redirectTo].every((v) => typeof v === "string");
  return strings && typeof flow.expiresAt === "number" && flow.expiresAt > Date.now() ? (flow as Flow) : null;
}

/** The cookie header that forgets the sign-in in progress, whatever its outcome: a flow is used once. */
export function forgetSso() {
  return flowCookie().serialize("", { maxAge: 0 });
}

/**
 * Checks the provider's answer against the remembered flow (state, then the code exchanged with the
 * PKCE verifier, then the ID token's signature, issuer, audience and nonce) and reads the 工号 claim,
 * from the ID token or else from userinfo.
 */
export async function finishSso(request: Request): Promise<SsoCallbackResult> {
  const settings = ssoSettings();
  const flow = readFlow(await flowCookie().parse(request.headers.get("Cookie")));
  if (!settings || !flow) return { ok: false, reason: "expired", redirectTo: "/" };
  const { redirectTo } = flow;
  const current = callbackUrl(request);
  current.search = new URL(request.url).search;
  if (current.searchParams.get("error") === "access_denied") return { ok: false, reason: "denied", redirectTo };
  try {
    const config = await providerConfig(settings);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.verifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let employeeNo = claims[settings.claim];
    if (employeeNo === undefined) {
      employeeNo = (await oidc.fetchUserInfo(config, tokens.access_token, claims.sub))[settings.claim];
    }
    if (typeof employeeNo !== "string" || employeeNo.trim() === "") return { ok: false, reason: "no-employee-no", redirectTo };
    return { ok: true, identity: { issuer: claims.iss, subject: claims.sub, employeeNo: employeeNo.trim().toUpperCase() }, redirectTo };
  } catch (error) {
    // A refused answer (wrong state or nonce, a used or expired code) is the visitor's problem, not the hall's.
    logger.warn({ err: describe(error) }, "company sign-in refused");
    return { ok: false, reason: "failed", redirectTo };
  }
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message, code: (error as { code?: unknown }).code } : String(error);
}
