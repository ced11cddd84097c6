// Worker-thread entry (piscina): reads an uploaded table off the event loop. See uploaded-table.server.ts.
import { setPriority } from "node:os";
import { readTableFile, type TableLimits } from "../utils/table-file.server";

// On Linux the nice value belongs to the thread: this one yields the CPU to the event loop that serves
// shoppers. On two cores a parse at normal priority doubled the product list's p95 (ADR 017).
try {
  setPriority(10);
} catch {
  // Not allowed here: parse at normal priority.
}

export default function readInWorker({ fileName, bytes, limits }: { fileName: string; bytes: Uint8Array; limits: TableLimits }) {
  return readTableFile(fileName, bytes, limits);
}
