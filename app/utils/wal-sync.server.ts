import { open, type FileHandle } from "node:fs/promises";

/**
 * Makes what SQLite has committed durable, off the event loop (ADR 018). The writer runs with
 * synchronous = NORMAL, so a COMMIT appends to the WAL file without waiting for the disk; `durable()`
 * then fsyncs that file in libuv's thread pool and resolves once everything committed before the
 * call is on disk. Commits that finish while an fsync runs share the next one (group commit).
 *
 * After a failed fsync the kernel may have dropped the unwritten pages, so a later fsync that
 * succeeds proves nothing: every later call fails too, and the process must restart (SQLite then
 * recovers from what the disk really holds).
 */
export function createWalSync(walPath: string) {
  let handle: Promise<FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let broken: unknown = undefined;

  const fsync = async () => {
    if (broken !== undefined) throw broken;
    try {
      handle ??= open(walPath, "r+");
      await (await handle).sync();
    } catch (error) {
      // No WAL file yet: nothing has been committed to one. (SQLite removes it only when the last
      // connection closes, and the writer stays open.)
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        handle = null;
        return;
      }
      broken = new Error(`Could not make the database's commits durable (fsync of ${walPath}): restart the server`, { cause: error });
      throw broken;
    }
  };
  const start = () => (running = fsync().finally(() => (running = null)));

  return {
    durable(): Promise<void> {
      if (!running) return start();
      // The running fsync may have started before this commit was written: wait for the next one.
      next ??= running
        .catch(() => {})
        .then(() => {
          next = null;
          return start();
        });
      return next;
    },
  };
}
