/** Who the test identity provider (tests/support/oidc-provider.ts) knows, and the hall's client there: plain data. */

export type ProviderAccount = { login: string; password: string; subject: string; employeeNo?: string; name: string };

export const TEST_CLIENT = { id: "fupin-hall", secret: "fupin-hall-client-secret-for-tests" } as const;

/**
 * The company people the e2e provider knows: 王强 (E10003) is a demo employee with an account, which
 * company sign-in links to (other specs only read it); "stranger" is on no roster.
 */
export const E2E_ACCOUNTS: ProviderAccount[] = [
  { login: "wangqiang", password: "company-sso-2026", subject: "faw-0003", employeeNo: "E10003", name: "王强" },
  { login: "stranger", password: "company-sso-2026", subject: "faw-9999", employeeNo: "E99999", name: "路人" },
];
