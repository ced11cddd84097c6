import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "~/utils/env.server";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(values: Record<string, string | undefined>) {
  process.env = { ...saved, ...values };
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  return getEnv;
}

describe("configuration", () => {
  it("gives development safe defaults", () => {
    const env = withEnv({ NODE_ENV: "development", PORT: undefined, DATABASE_URL: undefined, SESSION_SECRET: undefined })();
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/hall.db");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("stops production without a session secret, naming the setting", () => {
    expect(withEnv({ NODE_ENV: "production", SESSION_SECRET: undefined })).toThrow(/SESSION_SECRET: is required in production/);
  });

  it("names each malformed setting", () => {
    const get = withEnv({ NODE_ENV: "production", SESSION_SECRET: "short", PORT: "eighty", DATABASE_URL: "mysql://x" });
    expect(get).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(get).toThrow(/PORT:/);
    expect(get).toThrow(/DATABASE_URL: must be a SQLite file URL/);
  });

  it("reads the reservation and reconciliation periods from the schema, with defaults, and names a bad one", () => {
    expect(withEnv({ RESERVATION_MINUTES: undefined, RECONCILE_MINUTES: undefined })()).toMatchObject({ RESERVATION_MINUTES: 30, RECONCILE_MINUTES: 10 });
    expect(withEnv({ RESERVATION_MINUTES: "45", RECONCILE_MINUTES: "0" })()).toMatchObject({ RESERVATION_MINUTES: 45, RECONCILE_MINUTES: 0 });
    expect(withEnv({ RESERVATION_MINUTES: "half an hour" })).toThrow(/RESERVATION_MINUTES:/);
    expect(withEnv({ RECONCILE_MINUTES: "-5" })).toThrow(/RECONCILE_MINUTES:/);
  });

  it("refuses to take test payments in production unless told to", () => {
    expect(withEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), STRIPE_SECRET_KEY: undefined, ALLOW_TEST_PAYMENTS: undefined })).toThrow(
      /STRIPE_SECRET_KEY: is required in production/,
    );
    expect(withEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), ALLOW_TEST_PAYMENTS: "true" })().ALLOW_TEST_PAYMENTS).toBe("true");
  });

  it("accepts a complete production configuration", () => {
    const env = withEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      PORT: "8080",
      DATABASE_URL: "file:/var/lib/hall/hall.db",
      STRIPE_SECRET_KEY: "sk_live_example",
      STRIPE_WEBHOOK_SECRET: "whsec_example",
    })();
    expect(env).toMatchObject({ PORT: 8080, DATABASE_URL: "file:/var/lib/hall/hall.db" });
  });

  it("takes company sign-in settings all together or not at all, over https unless the provider is on this machine", () => {
    const sso = { OIDC_ISSUER: "https://sso.faw.example/realms/staff", OIDC_CLIENT_ID: "fupin-hall", OIDC_CLIENT_SECRET: "s3cret" };
    expect(withEnv({ OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined })().OIDC_ISSUER).toBeUndefined();
    expect(withEnv({ ...sso, OIDC_EMPLOYEE_NO_CLAIM: undefined, OIDC_SCOPE: undefined })()).toMatchObject({ OIDC_EMPLOYEE_NO_CLAIM: "employee_no", OIDC_SCOPE: "openid profile" });
    expect(withEnv({ ...sso, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET: is required for company sign-in/);
    expect(withEnv({ OIDC_ISSUER: undefined, OIDC_CLIENT_ID: "fupin-hall", OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_ISSUER: is required/);
    expect(withEnv({ ...sso, OIDC_ISSUER: "http://sso.faw.example" })).toThrow(/OIDC_ISSUER: must be https/);
    expect(withEnv({ ...sso, OIDC_ISSUER: "http://127.0.0.1:3232" })().OIDC_ISSUER).toBe("http://127.0.0.1:3232");
    expect(withEnv({ ...sso, OIDC_SCOPE: "profile email" })).toThrow(/OIDC_SCOPE: must include openid/);
  });
});
