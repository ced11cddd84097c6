// Worker-thread entry (piscina): reads an uploaded table off the event loop. See uploaded-table.server.ts.
import { readTableFile, type TableLimits } from "../utils/table-file.server";

export default function readInWorker({ fileName, bytes, limits }: { fileName: string; bytes: Uint8Array; limits: TableLimits }) {
  return readTableFile(fileName, bytes, limits);
}
