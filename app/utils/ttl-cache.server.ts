/**
 * A small in-process cache for figures that may lag the database by a few seconds (counts, filter
 * menus). Each process keeps its own; entries expire after `ttlMs`; the oldest go first past `max`.
 * A failed load is not kept; it removes only its own entry, never a newer load that replaced it.
 */
export function createTtlCache<T>({ ttlMs, max }: { ttlMs: number; max: number }) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at <= ttlMs) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { at: Date.now(), value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
