/**
 * A real OpenID Connect provider (panva's oidc-provider) on 127.0.0.1 for the company sign-in tests:
 * discovery, authorization with PKCE, a login form of its own, token and userinfo endpoints, signed
 * ID tokens. Only the accounts and the login page are ours. Run directly it serves the e2e accounts:
 *   npx tsx tests/support/oidc-provider.ts   (OIDC_PROVIDER_PORT, HALL_URL)
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair } from "jose";
import type { Configuration } from "oidc-provider";
import { E2E_ACCOUNTS, TEST_CLIENT, type ProviderAccount } from "./oidc-settings";

export { TEST_CLIENT, type ProviderAccount };

/**
 * oidc-provider 9 warns that it prefers Node 22 (this machine runs Node 20; every flow the tests use
 * works) and that its in-memory store is for development (right for a provider that lives as long as
 * a test). Those two known lines are dropped so the test output keeps the warnings that matter.
 */
const EXPECTED_WARNINGS = ["Unsupported runtime", "in-memory adapter"];
async function withoutExpectedWarnings<T>(work: () => T | Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => (EXPECTED_WARNINGS.some((w) => String(args[0]).includes(w)) ? undefined : warn(...args));
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

export type RunningProvider = { issuer: string; server: Server; stop: () => Promise<void> };

export async function startOidcProvider(options: { port?: number; redirectUris: string[]; accounts: ProviderAccount[] }): Promise<RunningProvider> {
  // Everything that waits is done before listening: from the moment the port is open until the request
  // handler is attached below, nothing may yield, or a request arriving then (Playwright polls) hangs.
  const { default: Provider } = await withoutExpectedWarnings(() => import("oidc-provider"));
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "test" };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const issuer = `http://127.0.0.1:${address.port}`;

  const bySubject = new Map(options.accounts.map((a) => [a.subject, a]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], profile: ["name", "employee_no"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Grant: 3600, Interaction: 600, Session: 3600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = bySubject.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, name: account.name, ...(account.employeeNo ? { employee_no: account.employeeNo } : {}) };
        },
      };
    },
    // The hall is a first-party client of the company's provider: no consent screen, as at most companies.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
  };
  // Only promise callbacks from here to the handler (the constructor is synchronous): no I/O between.
  const provider = await withoutExpectedWarnings(() => new Provider(issuer, configuration));
  const oidcHandler = provider.callback();

  server.on("request", (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return void oidcHandler(req, res);
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        if (req.method === "POST" && match[2]) {
          const form = new URLSearchParams(await readBody(req));
          const account = options.accounts.find((a) => a.login === form.get("login") && a.password === form.get("password"));
          if (!account) return sendPage(res, loginPage(match[1]!, "用户名或密码错误"), 401);
          return await provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
        }
        sendPage(res, loginPage(match[1]!, null), 200);
      } catch (error) {
        sendPage(res, `<p>${escapeHtml(String(error))}</p>`, 400);
      }
    })();
  });

  return {
    issuer,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendPage(res: import("node:http").ServerResponse, body: string, status: number) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>一汽统一身份认证</title></head><body>${body}</body></html>`);
}

function loginPage(uid: string, error: string | null) {
  return `<h1>一汽统一身份认证</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>账号 <input name="login" autocomplete="username"></label>
<label>密码 <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">登录公司账号</button>
</form>`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const hall = process.env.HALL_URL ?? "http://localhost:3210";
  const running = await startOidcProvider({
    port: Number(process.env.OIDC_PROVIDER_PORT ?? 3232),
    redirectUris: [`${hall}/auth/sso/callback`],
    accounts: E2E_ACCOUNTS,
  });
  console.info(`oidc provider listening on ${running.issuer}`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
