/** Who the test identity provider (tests/support/oidc-provider.ts) knows, and the hall's client there: plain data. */

export type ProviderAccount = { login: string; password: string; subject: string; employeeNo?: string; name: string };

export const TEST_CLIENT = { id: "fupin-hall", secret: "fupin-hall-client-secret-for-tests" } as const;

/** The company people the e2e provider knows; E10005 is on the demo roster without an account yet. */
export const E2E_ACCOUNTS: ProviderAccount[] = [
  { login: "sunli", password: "company-sso-2026", subject: "faw-0005", employeeNo: "E10005", name: "孙丽" },
  { login: "stranger", password: "company-sso-2026", subject: "faw-9999", employeeNo: "E99999", name: "路人" },
];
