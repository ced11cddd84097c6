// What the benchmark scripts do over HTTP as a visitor would: wait for the hall, sign in.

export async function waitFor(url: string) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** Signs in through the login form (and the administrators' second step); returns the session cookie. */
export { signInOverHttp as signIn } from "../../tests/support/totp";
