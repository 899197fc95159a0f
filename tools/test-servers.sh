#!/usr/bin/env bash
# Starts (or stops) the throwaway PostgreSQL and Redis that the tests on PostgreSQL + Redis use: local processes on
# 127.0.0.1 with data folders under $NEWSSITE_SERVERS_DIR (default /tmp/newssite-servers), on ports of their own so
# that a server the machine already runs is left alone. Nothing here is kept: `stop` deletes the folders.
#
#   source tools/test-servers.sh start   # starts both and exports NEWSSITE_TEST_POSTGRES and NEWSSITE_TEST_REDIS
#   tools/test-servers.sh stop
#
# PostgreSQL refuses to run as root, so as root it runs as Debian's postgres system user (runuser).
set -uo pipefail

servers_dir="${NEWSSITE_SERVERS_DIR:-/tmp/newssite-servers}"
pg_port="${NEWSSITE_PG_PORT:-54329}"
redis_port="${NEWSSITE_REDIS_PORT:-63799}"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

as_pg_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_servers() {
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || ! command -v redis-server >/dev/null; then
        echo "PostgreSQL or Redis is not installed (apt-get install postgresql redis-server)" >&2
        return 1
    fi

    mkdir -p "$servers_dir"
    chmod 755 "$servers_dir"
    local pg_data="$servers_dir/pg"
    if ! as_pg_user "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
        rm -rf "$pg_data"
        mkdir -p "$pg_data" "$servers_dir/pglog"
        [ "$(id -u)" = 0 ] && chown postgres "$pg_data" "$servers_dir/pglog"
        # trust on loopback only: a throwaway server for tests, never reachable from elsewhere.
        as_pg_user "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$servers_dir/initdb.log" 2>&1 \
            || { cat "$servers_dir/initdb.log" >&2; return 1; }
        # Durability is not what tests need; speed is. max_connections: every test's pool and the parallel test classes.
        as_pg_user "$pg_bin/pg_ctl" -D "$pg_data" -l "$servers_dir/pglog/postgres.log" -w -t 60 start \
            -o "-h 127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
            >/dev/null || { cat "$servers_dir/pglog/postgres.log" >&2; return 1; }
    fi

    if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
        mkdir -p "$servers_dir/redis"
        redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$servers_dir/redis" --save '' --appendonly no \
            --daemonize yes --pidfile "$servers_dir/redis.pid" --logfile "$servers_dir/redis.log" || return 1
        for _ in $(seq 1 50); do
            redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
            sleep 0.1
        done
    fi

    export NEWSSITE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    export NEWSSITE_TEST_REDIS="127.0.0.1:$redis_port"
    echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

stop_servers() {
    if [ -n "$pg_bin" ] && [ -d "$servers_dir/pg" ]; then
        as_pg_user "$pg_bin/pg_ctl" -D "$servers_dir/pg" -m immediate -w stop >/dev/null 2>&1
    fi
    if [ -f "$servers_dir/redis.pid" ]; then
        kill "$(cat "$servers_dir/redis.pid")" 2>/dev/null
    fi
    rm -rf "$servers_dir"
}

case "${1:-}" in
    start) start_servers ;;
    stop) stop_servers ;;
    *) echo "usage: source tools/test-servers.sh start | tools/test-servers.sh stop" >&2; false ;;
esac
