/**
 * Prisma through the SQLite driver adapter refuses a statement with more than 999 bound values
 * (P2029), so lookups by a list of keys from a file go in batches of this many.
 */
export const LOOKUP_BATCH = 500;

export function inBatches<T>(items: readonly T[], size = LOOKUP_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Lets timers and sockets run between the pages of a long job on the event loop. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
