#!/bin/bash
# Backup, verify and restore at city scale (issue 16): times `zhengtong backup`, `backup verify` and `restore` on a
# copy of the seeded city (`zhengtong seed --units 375 --users 8165 --documents 200000 --seed 1`) on SQLite and, when a
# PostgreSQL URL is given, on PostgreSQL. Prints one line per step: what, wall seconds, peak KB, and the backup's size.
#   benchmarks/backup_city.sh BINARY SQLITE_CITY_FILE WORKDIR [POSTGRES_URL]
# WORKDIR needs room for four copies of the database. The city file itself is only read.
set -euo pipefail
BIN="$(realpath "$1")"; CITY="$2"; WORK="$3"; PG="${4:-}"
mkdir -p "$WORK"
measure() { # measure LABEL COMMAND...: wall time and peak memory of one command
  local label="$1"; shift
  /usr/bin/time -f "$label	%e s	%M KB" "$@" >"$WORK/last.log" 2>"$WORK/time.log" || { cat "$WORK/last.log" "$WORK/time.log" >&2; exit 1; }
  tail -1 "$WORK/time.log"
}
rm -rf "$WORK/sqlite" && mkdir -p "$WORK/sqlite/data"
cp "$CITY" "$WORK/sqlite/data/zhengtong.sqlite"
echo "sqlite city: $(du -h "$WORK/sqlite/data/zhengtong.sqlite" | cut -f1)"
export ZHENGTONG_DATA_DIR="$WORK/sqlite/data"
measure "sqlite backup (VACUUM INTO + row counts)" "$BIN" backup --to "$WORK/sqlite/backups"
BACKUP="$(ls -d "$WORK"/sqlite/backups/zhengtong-* | head -1)"
echo "sqlite backup size: $(du -sh "$BACKUP" | cut -f1)"
measure "sqlite backup verify (hash, copy to scratch, counts, audit chain)" "$BIN" backup verify "$BACKUP"
export ZHENGTONG_DATA_DIR="$WORK/sqlite/restored"
measure "sqlite restore into an empty data directory (hash, copy, counts)" "$BIN" restore "$BACKUP"
unset ZHENGTONG_DATA_DIR
rm -rf "$WORK/sqlite"
if [ -n "$PG" ]; then
  export DATABASE_URL="$PG"
  rm -rf "$WORK/pg" && mkdir -p "$WORK/pg"
  measure "postgresql backup (pg_dump --format=custom + row counts)" "$BIN" backup --to "$WORK/pg/backups"
  BACKUP="$(ls -d "$WORK"/pg/backups/zhengtong-* | head -1)"
  echo "postgresql backup size: $(du -sh "$BACKUP" | cut -f1)"
  measure "postgresql backup verify (pg_restore into a scratch database, counts, audit chain)" "$BIN" backup verify "$BACKUP"
  rm -rf "$WORK/pg"
fi
