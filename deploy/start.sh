#!/bin/sh
# Production start for the container and the systemd unit (README, Operations).
# With LITESTREAM_CONFIG: restore the database from its replica if the file is missing (a new machine),
# then run the hall as Litestream's child so replication starts before the first write and stops after
# the last. Without it: the hall alone. Migrations run once, before any server process starts.
set -eu
cd "$(dirname "$0")/.."

DATABASE_URL="${DATABASE_URL:-file:./data/hall.db}"
HALL_DB_PATH="$(node -p 'require("node:path").resolve(process.argv[1].replace(/^file:/, ""))' "$DATABASE_URL")"
export DATABASE_URL HALL_DB_PATH
mkdir -p "$(dirname "$HALL_DB_PATH")"

if [ -n "${LITESTREAM_CONFIG:-}" ]; then
  litestream="$(node -p 'require.resolve(`@flydotio/litestream-${process.platform}-${process.arch}/litestream`)')"
  "$litestream" restore -config "$LITESTREAM_CONFIG" -if-db-not-exists -if-replica-exists "$HALL_DB_PATH"
  # Migrate before Litestream opens the file: its first snapshot takes locks a migration would wait on.
  node scripts/migrate.js
  exec "$litestream" replicate -config "$LITESTREAM_CONFIG" -exec "node cluster.js --skip-migrations"
fi
exec node cluster.js
