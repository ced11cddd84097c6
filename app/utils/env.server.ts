import { z } from "zod";

const DEV_SESSION_SECRET = "development-only-secret-not-for-production-use";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // The address to listen on; unset means every interface.
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/).+/, "must be a SQLite file URL such as file:./data/hall.db, or a PostgreSQL URL (postgresql://…)")
      .default("file:./data/hall.db"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // How many failed sign-ins per account (and 4× that per address) within the window before refusing.
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    // Administrators must enrol a TOTP authenticator and give a code at each sign-in (ADR 027); unset = only in production.
    ADMIN_TOTP_REQUIRED: z.enum(["true", "false"]).optional(),
    // Text messages (registration codes): "local" keeps them in /admin/outbox and the log (ADR 021).
    SMS_PROVIDER: z.enum(["local"]).default("local"),
    // Registration: code requests per address per hour, and per roster person per hour (one a minute at most).
    REGISTER_CODES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    REGISTER_CODES_PER_PERSON: z.coerce.number().int().min(1).default(5),
    // Payments: with no Stripe key the built-in test provider (测试支付) takes payments.
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_/, "must be a Stripe secret key (sk_… or rk_…)").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, "must be a webhook signing secret (whsec_…)").optional(),
    // A local stand-in for Stripe's API (tests, offline demos); unset means api.stripe.com.
    STRIPE_API_HOST: z.string().min(1).optional(),
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
    // The hall's public address for links given to Stripe (e.g. behind a proxy); else the request's origin.
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    // How long an unpaid order holds its stock before it is cancelled and the stock returns.
    RESERVATION_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    // Refunds above this many fen wait for a second administrator's confirmation (ADR 029); 100000 = ¥1,000.
    REFUND_CONFIRM_ABOVE_FEN: z.coerce.number().int().min(0).default(100_000),
    // How often the hall asks the payment provider for payments and refunds it has not recorded; 0 = only from the admin page.
    RECONCILE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
    // Production takes real payments only, unless this is said out loud (demos, end-to-end tests).
    ALLOW_TEST_PAYMENTS: z.enum(["true", "false"]).default("false"),
    // Several processes on one database: cluster.js sets "false" in all but one, so each job runs once.
    BACKGROUND_JOBS: z.enum(["true", "false"]).default("true"),
    // Set when Litestream replicates the database: it then owns the WAL checkpoints (ADR 023).
    LITESTREAM_CONFIG: z.string().min(1).optional(),
    // The HTTP edge (server/, ADR 015): request body limits, enforced while the body streams.
    FORM_MAX_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(40 * 1024 * 1024),
    WEBHOOK_MAX_BYTES: z.coerce.number().int().min(1024).default(512 * 1024),
    // Slow clients: all headers within this time, the whole request within that one.
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
    // On SIGTERM/SIGINT, how long requests in flight may take to finish before the process exits anyway.
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    // Observability (ADR 016).
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    SENTRY_DSN: z.url({ protocol: /^https?$/ }).optional(),
    // Product photos: originals and their variants live on the local disk (PHOTO_DIR) or in an S3 bucket.
    PHOTO_STORE: z.enum(["disk", "s3"]).default("disk"),
    PHOTO_DIR: z.string().min(1).default("./data/photos"),
    PHOTO_MAX_MB: z.coerce.number().positive().max(100).default(15),
    S3_BUCKET: z.string().min(1).optional(),
    // An S3-compatible endpoint (MinIO, OSS, COS…); unset means AWS itself.
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Company sign-in through OpenID Connect (ADR 028): unset issuer means no SSO button and no SSO routes.
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // The ID token or userinfo claim that carries the 工号, and the scopes that release it.
    OIDC_EMPLOYEE_NO_CLAIM: z.string().min(1).default("employee_no"),
    OIDC_SCOPE: z.string().regex(/(^|\s)openid(\s|$)/, "must include openid").default("openid profile"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    // The test provider marks orders paid at a button press: never silently in production.
    if (env.NODE_ENV === "production" && !env.STRIPE_SECRET_KEY && env.ALLOW_TEST_PAYMENTS !== "true") {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message: "is required in production (or set ALLOW_TEST_PAYMENTS=true for a demo that takes no real money)",
      });
    }
    if (env.PHOTO_STORE === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when PHOTO_STORE=s3" });
    }
    if (env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET) {
      for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required for company sign-in (set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)" });
      }
    }
    // Tokens and the client secret travel to the issuer: plain HTTP only to this machine (tests, demos).
    if (env.OIDC_ISSUER && new URL(env.OIDC_ISSUER).protocol === "http:" && !isLoopback(new URL(env.OIDC_ISSUER).hostname)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "must be https:// (plain http only for 127.0.0.1 or localhost)" });
    }
    // Without the signing secret no Stripe payment could ever be confirmed.
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required when STRIPE_SECRET_KEY is set" });
    }
  });

export function isLoopback(hostname: string) {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string };

let cached: Env | undefined;

/** Reads and checks the environment once; a bad production setting stops the server with its name. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEV_SESSION_SECRET };
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
