#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests.
#
# Source it and call the functions:
#
#     source scripts/lib/postgres.sh
#     pg_ensure_installed         # apt-get installs postgresql-15 only if missing
#     trap pg_stop EXIT
#     pg_start                    # sets ZT_PG_PORT, ZT_PG_DIR, ZT_PG_URL
#     psql "$ZT_PG_URL" -c 'select 1'
#     pg_stop                     # stops the cluster, removes its temp dir (safe to call twice)
#
# Or run a command against a throwaway cluster (stopped and removed afterwards,
# also on failure or Ctrl-C); the command gets ZHENGTONG_TEST_POSTGRES_URL:
#
#     scripts/lib/postgres.sh run -- bash -c 'psql "$ZHENGTONG_TEST_POSTGRES_URL"'
#     scripts/lib/postgres.sh run -- swift run zhengtong ...   # app reads the URL itself
#
# The cluster: PostgreSQL 15 run as the OS user `postgres` (it refuses to run
# as root) from a data directory in a fresh `mktemp -d` directory, listening
# on 127.0.0.1 only, on the first free port from ZT_PG_PORT_BASE (55432), its
# unix socket inside the temp directory. Role `zhengtong` (password
# `zhengtong`, LOGIN CREATEDB) owns database `zhengtong_test`. TCP connections
# from 127.0.0.1 authenticate with scram-sha-256 (password `zhengtong`); the
# unix socket (inside the temp dir, used only for setup) trusts local users.
# Durability is switched off (fsync, synchronous_commit, full_page_writes):
# it is a test database.

ZT_PG_VERSION="${ZT_PG_VERSION:-15}"
ZT_PG_BIN="${ZT_PG_BIN:-/usr/lib/postgresql/${ZT_PG_VERSION}/bin}"
ZT_PG_PORT_BASE="${ZT_PG_PORT_BASE:-55432}"
ZT_PG_USER="zhengtong"
ZT_PG_PASSWORD="zhengtong"
ZT_PG_DATABASE="zhengtong_test"
ZT_PG_DIR=""
ZT_PG_PORT=""
ZT_PG_URL=""

_pg_say() { printf '    [postgres] %s\n' "$*" >&2; }

# Runs apt-get update at most once per run, then installs the given packages.
zt_apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        _pg_say "need root to apt-get install $*"
        return 1
    fi
    if [ "${ZT_APT_UPDATED:-0}" != 1 ]; then
        _pg_say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
        ZT_APT_UPDATED=1
    fi
    _pg_say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" || return 1
}

# Installs PostgreSQL 15 only if its initdb is missing, and makes sure the
# `postgres` OS user exists.
pg_ensure_installed() {
    [ "${_ZT_PG_CHECKED:-0}" = 1 ] && return 0
    if [ -x "$ZT_PG_BIN/initdb" ]; then
        _pg_say "PostgreSQL ${ZT_PG_VERSION} found in $ZT_PG_BIN"
    else
        _pg_say "PostgreSQL ${ZT_PG_VERSION} not found: installing"
        zt_apt_install "postgresql-${ZT_PG_VERSION}" || zt_apt_install postgresql || return 1
        if [ ! -x "$ZT_PG_BIN/initdb" ]; then
            _pg_say "still no $ZT_PG_BIN/initdb after installing"
            return 1
        fi
    fi
    if ! id -u postgres >/dev/null 2>&1; then
        _pg_say "creating OS user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
            --shell /bin/bash postgres || return 1
    fi
    _ZT_PG_CHECKED=1
}

# Is something listening on 127.0.0.1:$1 ?
_pg_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# `_pg_as_postgres OUTFILE CMD...` runs CMD as the postgres OS user, from /
# (the caller's working directory may not be readable for postgres), its
# stdout and stderr to OUTFILE. The redirection is made inside the subshell,
# not on the function call, so that a trap firing meanwhile (Ctrl-C) still
# prints to the terminal.
_pg_as_postgres() {
    local out="$1"
    shift
    (cd / && exec runuser -u postgres -- "$@" >"$out" 2>&1)
}

# PIDs of processes still running from the data directory $1 (the path is
# unique to this run, so nothing else matches).
_pg_pids_of() {
    pgrep -u postgres -f -- "-D $1( |$)" 2>/dev/null || true
}

# Starts the throwaway cluster. Sets (does not export) ZT_PG_DIR, ZT_PG_PORT,
# ZT_PG_URL.
pg_start() {
    if [ -n "$ZT_PG_DIR" ]; then
        _pg_say "already started ($ZT_PG_URL)"
        return 0
    fi
    pg_ensure_installed || return 1
    ZT_PG_DIR="$(mktemp -d /tmp/zhengtong-pg.XXXXXXXX)" || return 1
    chmod 700 "$ZT_PG_DIR"
    mkdir -p "$ZT_PG_DIR/data" "$ZT_PG_DIR/sock"
    chown -R postgres:postgres "$ZT_PG_DIR" || return 1
    _pg_say "data directory $ZT_PG_DIR/data"

    local pwfile="$ZT_PG_DIR/pw"
    printf '%s\n' "$ZT_PG_PASSWORD" >"$pwfile"
    chown postgres:postgres "$pwfile"
    chmod 600 "$pwfile"
    # The bootstrap superuser `postgres` gets a password too, though nothing
    # uses it over TCP: only `local` (the socket in the 700 temp dir) trusts.
    if ! _pg_as_postgres "$ZT_PG_DIR/initdb.log" "$ZT_PG_BIN/initdb" -D "$ZT_PG_DIR/data" \
        -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync; then
        _pg_say "initdb failed:"
        sed 's/^/      /' "$ZT_PG_DIR/initdb.log" >&2
        return 1
    fi
    rm -f "$pwfile"

    # Only loopback TCP (IPv4) and the private socket.
    cat >"$ZT_PG_DIR/data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
EOF
    cat >>"$ZT_PG_DIR/data/postgresql.conf" <<EOF

# --- zhengtong test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$ZT_PG_DIR/sock'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
log_min_messages = warning
include_if_exists = 'zhengtong_port.conf'
EOF
    chown postgres:postgres "$ZT_PG_DIR/data/pg_hba.conf" "$ZT_PG_DIR/data/postgresql.conf"

    # First free port from the base; if the start fails (another process took
    # the port meanwhile), try the next one.
    local port="$ZT_PG_PORT_BASE" tries=0 started=0
    while [ "$tries" -lt 50 ]; do
        if _pg_port_in_use "$port"; then
            port=$((port + 1)); tries=$((tries + 1)); continue
        fi
        printf "port = %s\n" "$port" >"$ZT_PG_DIR/data/zhengtong_port.conf"
        chown postgres:postgres "$ZT_PG_DIR/data/zhengtong_port.conf"
        _pg_say "starting on 127.0.0.1:$port"
        if _pg_as_postgres /dev/null "$ZT_PG_BIN/pg_ctl" -D "$ZT_PG_DIR/data" \
            -l "$ZT_PG_DIR/server.log" -w -t 60 start; then
            started=1
            break
        fi
        _pg_say "start on port $port failed:"
        tail -n 5 "$ZT_PG_DIR/server.log" 2>/dev/null | sed 's/^/      /' >&2
        port=$((port + 1)); tries=$((tries + 1))
    done
    if [ "$started" != 1 ]; then
        _pg_say "could not start PostgreSQL"
        return 1
    fi
    ZT_PG_PORT="$port"

    if ! "$ZT_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$ZT_PG_PORT" -t 30; then
        _pg_say "server not ready on 127.0.0.1:$ZT_PG_PORT"
        return 1
    fi

    _pg_say "creating role $ZT_PG_USER and database $ZT_PG_DATABASE"
    if ! _pg_as_postgres "$ZT_PG_DIR/setup.log" "$ZT_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$ZT_PG_DIR/sock" -p "$ZT_PG_PORT" -U postgres -d postgres <<EOF
CREATE ROLE "$ZT_PG_USER" LOGIN CREATEDB PASSWORD '$ZT_PG_PASSWORD';
CREATE DATABASE "$ZT_PG_DATABASE" OWNER "$ZT_PG_USER" ENCODING 'UTF8' TEMPLATE template0;
\\connect "$ZT_PG_DATABASE"
ALTER SCHEMA public OWNER TO "$ZT_PG_USER";
EOF
    then
        _pg_say "setup failed:"
        sed 's/^/      /' "$ZT_PG_DIR/setup.log" >&2
        return 1
    fi

    ZT_PG_URL="postgres://$ZT_PG_USER:$ZT_PG_PASSWORD@127.0.0.1:$ZT_PG_PORT/$ZT_PG_DATABASE"
    _pg_say "ready: $ZT_PG_URL"
}

# Stops the cluster and removes its temp directory. Safe to call more than
# once, and when pg_start failed half-way.
pg_stop() {
    local dir="$ZT_PG_DIR"
    [ -n "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        _pg_say "stopping (port ${ZT_PG_PORT:-?})"
        if ! _pg_as_postgres /dev/null "$ZT_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop; then
            _pg_as_postgres /dev/null "$ZT_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 15 stop || true
        fi
    fi
    # A postmaster may still be coming up (interrupted during `pg_ctl start`,
    # before it wrote postmaster.pid) or may not have stopped: end it.
    local pids i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        pids="$(_pg_pids_of "$dir/data")"
        [ -n "$pids" ] || break
        if [ "$i" -lt 10 ]; then
            # shellcheck disable=SC2086 # one pid per word
            kill -QUIT $pids 2>/dev/null || true # immediate shutdown
            sleep 0.3
        else
            # shellcheck disable=SC2086
            kill -KILL $pids 2>/dev/null || true
        fi
    done
    case "$dir" in
        /tmp/zhengtong-pg.*) rm -rf -- "$dir" ;;
    esac
    ZT_PG_DIR=""
    ZT_PG_PORT=""
    ZT_PG_URL=""
    _pg_say "stopped, removed $dir"
}

# Run directly: `postgres.sh run -- CMD ARGS...`
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    if [ "${1:-}" != run ]; then
        echo "usage: $0 run -- COMMAND [ARGS...]" >&2
        echo "  starts a throwaway PostgreSQL ${ZT_PG_VERSION}, runs COMMAND with" >&2
        echo "  ZHENGTONG_TEST_POSTGRES_URL set, then stops it and removes its files" >&2
        exit 2
    fi
    shift
    [ "${1:-}" = -- ] && shift
    [ "$#" -gt 0 ] || { echo "$0 run: no command" >&2; exit 2; }
    trap pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    pg_start
    rc=0
    ZHENGTONG_TEST_POSTGRES_URL="$ZT_PG_URL" "$@" || rc=$?
    exit "$rc"
fi
