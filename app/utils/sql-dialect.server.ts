import { getEnv } from "./env.server";

/**
 * The few pieces of SQL that differ between SQLite (the default) and PostgreSQL (ADR 025). Models
 * keep one copy of each statement and call these where the two engines disagree.
 */
export type Dialect = "sqlite" | "postgresql";

export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

// Read once: the process talks to one database for its whole life (app/utils/db.server.ts).
export const dialect: Dialect = dialectOf(getEnv().DATABASE_URL);
export const isPostgres = dialect === "postgresql";

/**
 * Statements for $queryRawUnsafe / $executeRawUnsafe are written with SQLite's `?` placeholders;
 * PostgreSQL numbers them ($1, $2, …). Only use on SQL text with no `?` inside string literals.
 */
export function sql(text: string): string {
  if (!isPostgres) return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The elements of a JSON array parameter (`?`) as rows of one column `value`, as text. */
export function jsonArrayElements(param: string): string {
  return isPostgres ? `json_array_elements_text(CAST(${param} AS json)) AS "value"` : `json_each(${param})`;
}

/** The elements of a JSON array of arrays (`?`) as rows of one column `value`, a JSON array each. */
export function jsonArrayRows(param: string): string {
  return isPostgres ? `json_array_elements(CAST(${param} AS json)) AS "value"` : `json_each(${param})`;
}

/** A text expression holding an ISO instant, as a value for a DateTime column. */
export function timestamp(expression: string): string {
  return isPostgres ? `CAST(${expression} AS TIMESTAMP(3))` : expression;
}

/** Beijing-time year and month of a DateTime column, as integers (ADR 009). */
export function beijingYear(column: string): string {
  return isPostgres
    ? `CAST(EXTRACT(YEAR FROM ${column} + INTERVAL '8 hours') AS INTEGER)`
    : `CAST(strftime('%Y', ${column}, '+8 hours') AS INTEGER)`;
}
export function beijingMonth(column: string): string {
  return isPostgres
    ? `CAST(EXTRACT(MONTH FROM ${column} + INTERVAL '8 hours') AS INTEGER)`
    : `CAST(strftime('%m', ${column}, '+8 hours') AS INTEGER)`;
}

/**
 * Whether a write failed on a constraint. SQLite says "UNIQUE constraint failed: Order.checkoutKey" /
 * "CHECK constraint failed: stock"; PostgreSQL names the constraint ("Order_checkoutKey_key",
 * "Product_stock_check" — the names Prisma's and ADR 025's migrations give them) or, through Prisma,
 * the fields ("Unique constraint failed on the fields: (`checkoutKey`)").
 */
export function violatesUnique(error: unknown, table: string, column: string): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? null)}`;
  const prismaUnique = (error as { code?: string }).code === "P2002" && text.includes(column) && (text.includes(table) || !/modelName/.test(text));
  return text.includes(`UNIQUE constraint failed: ${table}.${column}`) || text.includes(`${table}_${column}_key`) || prismaUnique;
}

export function violatesCheck(error: unknown, column: string): boolean {
  if (!(error instanceof Error)) return false;
  return (/CHECK constraint failed/i.test(error.message) && error.message.includes(column)) || /violates check constraint/.test(error.message) && error.message.includes(`_${column}_check`);
}

/**
 * For a batch whose every statement guards itself (a conditional decrement under CHECK, inserts keyed
 * by a unique column, no read whose answer a later statement relies on): READ COMMITTED on PostgreSQL,
 * where SERIALIZABLE (the default here, app/utils/serializable-transactions.server.ts) would refuse
 * and re-run checkouts that merely touched the same index pages. SQLite has one isolation level.
 */
// Typed as the SQLite client's options, the one client type both engines share (app/utils/db.server.ts).
export const singleStatementIsolation = (isPostgres ? { isolationLevel: "ReadCommitted" } : {}) as { isolationLevel?: "Serializable" };
