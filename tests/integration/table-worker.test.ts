import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parseOrderFile } from "~/models/org-order-lines.server";
import { tableWorkerThreads } from "~/utils/uploaded-table.server";

// On this (the main) thread the table reader is replaced by one that fails: the worker threads load
// the real module themselves, so these files can only be read if the reading happens off this thread.
vi.mock("~/utils/table-file.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/utils/table-file.server")>();
  const onMainThread = () => {
    throw new Error("an uploaded table was read on the main thread");
  };
  return { ...real, readTableFile: onMainThread, csvRows: onMainThread };
});

describe("uploaded tables are read in worker threads", () => {
  it("reads a large order file while this thread's event loop keeps turning", async () => {
    const lines = ["sku,quantity", ...Array.from({ length: 500 }, (_, i) => `SKU-${i},${i + 1}`)].join("\n");
    const bytes = new TextEncoder().encode(`${lines}\n${",\n".repeat(200_000)}`); // blank lines: read, then dropped
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const parsed = await parseOrderFile("order.csv", bytes);
    ticking = false;
    expect(parsed.ok && parsed.rows.length).toBe(500);
    expect(tableWorkerThreads()).toBeGreaterThan(0);
    // The loop went round again and again while the file was read elsewhere.
    expect(ticks).toBeGreaterThan(50);
  });

  it("parses at a lower CPU priority than the thread that serves shoppers", async () => {
    await parseOrderFile("order.csv", new TextEncoder().encode("sku,quantity\nSKU-1,1\n"));
    // Linux keeps a nice value per thread (field 19 of /proc/<pid>/task/<tid>/stat).
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
    const nice = readdirSync("/proc/self/task").map(niceOf);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(nice.filter((n) => n === 10).length).toBeGreaterThanOrEqual(1);
  });
});
