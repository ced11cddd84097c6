/**
 * npm run backup -- <file>
 * A consistent copy of the database (DATABASE_URL) while the server runs, checked with
 * integrity_check and recorded so the dashboard and /readyz show its age. For continuous backups and
 * restoring to a given second use Litestream (README, Operations).
 */
import { backupTo } from "~/models/backup.server";
import { BackupError } from "~/utils/sqlite-backup.server";

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error("Usage: npm run backup -- <file>   (a new file, e.g. backups/hall-$(date +%F).db)");
  process.exit(1);
}
try {
  const { file, bytes } = await backupTo(target);
  console.info(`Backed up to ${file} (${(bytes / 1_048_576).toFixed(1)} MB, integrity ok).`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
