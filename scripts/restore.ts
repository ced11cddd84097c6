/**
 * npm run restore -- <file>
 * Replaces the database (DATABASE_URL) with a backup made by `npm run backup` (or `litestream
 * restore -o`). The server and Litestream must be stopped; the backup is checked first and the
 * replaced database is kept beside it as <name>.before-restore-<time>.
 */
import { BackupError, databaseFile, restoreFrom } from "~/utils/sqlite-backup.server";

const backup = process.argv[2];
if (!backup || process.argv.length > 3) {
  console.error("Usage: npm run restore -- <backup file>   (stop the server first)");
  process.exit(1);
}
try {
  const { restored, kept } = restoreFrom(backup, databaseFile());
  console.info(`Restored ${restored} from ${backup}.${kept ? ` The previous database is kept as ${kept}.` : ""}`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
