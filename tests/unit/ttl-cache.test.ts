import { afterEach, describe, expect, it, vi } from "vitest";
import { createTtlCache } from "~/utils/ttl-cache.server";

afterEach(() => vi.useRealTimers());

describe("the per-process TTL cache", () => {
  it("keeps a newer good entry when an older load it replaced fails afterwards", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cache = createTtlCache<number>({ ttlMs: 1_000, max: 10 });
    let failOld!: (error: Error) => void;
    const old = cache.get("k", () => new Promise<number>((_, reject) => (failOld = reject)));
    vi.setSystemTime(2_000); // the slow load has expired: the next request loads again
    await expect(cache.get("k", async () => 42)).resolves.toBe(42);
    failOld(new Error("database busy"));
    await expect(old).rejects.toThrow("database busy");

    vi.setSystemTime(2_500);
    const reload = vi.fn(async () => 0);
    await expect(cache.get("k", reload)).resolves.toBe(42);
    expect(reload).not.toHaveBeenCalled();
  });

  it("forgets a failed load, so the next request tries again", async () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000, max: 10 });
    await expect(cache.get("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(cache.get("k", async () => 7)).resolves.toBe(7);
  });
});
