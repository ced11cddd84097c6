import { createRequire } from "node:module";
import pino, { type LoggerOptions } from "pino";
import { getEnv } from "./env.server";
import { requestContext } from "./request-context.server";

// What a log line must never carry, wherever a caller puts it.
// (`code` only at the top: an error's own `err.code`, e.g. SQLITE_BUSY, is what an operator needs.)
const REDACTED_PATHS = [
  "password",
  "*.password",
  "code",
  "address",
  "*.address",
  "addressText",
  "*.addressText",
  "cookie",
  "*.cookie",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

function prettyInDevelopment(): LoggerOptions["transport"] {
  if (getEnv().NODE_ENV !== "development") return undefined;
  try {
    // pino-pretty is a development dependency: a production install without it logs JSON.
    createRequire(import.meta.url).resolve("pino-pretty");
    return { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } };
  } catch {
    return undefined;
  }
}

/**
 * The hall's one logger: JSON lines in production (one per request from pino-http, see server/), pretty
 * in development, silent in tests unless LOG_LEVEL says otherwise. Lines written while a request is
 * served carry its id and the signed-in user's id.
 */
export const logger = pino({
  level: getEnv().LOG_LEVEL ?? (getEnv().NODE_ENV === "test" ? "silent" : "info"),
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  transport: prettyInDevelopment(),
  mixin() {
    const context = requestContext.getStore();
    return context ? { reqId: context.requestId, userId: context.userId } : {};
  },
});
