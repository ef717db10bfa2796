#!/bin/bash
# A PostgreSQL 15 cluster for the benchmarks: Debian's package, default durability (fsync and synchronous commit
# on, unlike the test script's throwaway cluster), 256 MB shared buffers, loopback only, trust for local users.
#   benchmarks/postgres_cluster.sh start DIR PORT   → prints the DATABASE_URL
#   benchmarks/postgres_cluster.sh stop DIR
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
command -v "$BIN/initdb" >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null; }
case "$1" in
start)
    DIR="$2"; PORT="$3"
    if [ ! -d "$DIR/data" ]; then
        mkdir -p "$DIR" && chown postgres:postgres "$DIR"
        runuser -u postgres -- "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
shared_buffers = 256MB
max_connections = 100
CONF
    fi
    runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w start >/dev/null
    runuser -u postgres -- "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -qtc "SELECT 1 FROM pg_database WHERE datname = 'zhengtong'" | grep -q 1 \
        || runuser -u postgres -- "$BIN/createdb" -h "$DIR" -p "$PORT" -U postgres zhengtong
    echo "postgres://postgres@127.0.0.1:$PORT/zhengtong"
    ;;
stop)
    runuser -u postgres -- "$BIN/pg_ctl" -D "$2/data" -w stop >/dev/null
    ;;
esac
