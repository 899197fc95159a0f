#!/usr/bin/env bash
# The same site on SQLite and on PostgreSQL, measured in one run: one corpus (generated Markdown, imported into
# both), the newest article uncached and cached, and the home page uncached. Server CPU per request counts the app
# and, on PostgreSQL, every process of the database server too (its backends do the queries' work). Target of
# issue 19: uncached article on PostgreSQL at most 2× the SQLite figure; cached pages through Redis as fast as on one
# node, with and without each node's local copy in front of Redis. Report: bench/results/postgres-<time>.md.
#
#   bash bench/postgres.sh             # 1,000 articles, 10 s per page
#   bash bench/postgres.sh --quick     # 3 s per page: checks the script
#
# Environment: BENCH_PG_ARTICLES (1000), BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_CONNECTIONS (16),
# BENCH_THREADS (2). PostgreSQL and Redis come from tools/test-servers.sh on ports of their own (55439, 63899), in a
# folder under bench/.out that is removed at the end; only 127.0.0.1 is ever contacted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newssite-pgbench.XXXXXX")
# shellcheck source=common.sh
source "$bench/common.sh"

quick=0
[ "${1:-}" = "--quick" ] && quick=1
articles=${BENCH_PG_ARTICLES:-1000}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-3s}
[ "$quick" = 1 ] && duration=3s && warmup=1s
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
clock_ticks=$(getconf CLK_TCK)

export NEWSSITE_SERVERS_DIR=$root/bench/.out/pg-servers-$$ NEWSSITE_PG_PORT=55439 NEWSSITE_REDIS_PORT=63899
cleanup() {
    stop_all
    "$root/tools/test-servers.sh" stop >/dev/null 2>&1 || true
    rm -rf "$scratch"
}
trap cleanup EXIT

install_missing wrk:wrk curl:curl
mkdir -p "$root/bench/.out" "$root/bench/results"
publish_app "$root/bench/.out/app" 0
# shellcheck source=../tools/test-servers.sh
source "$root/tools/test-servers.sh" start >/dev/null || fail "PostgreSQL konnte nicht gestartet werden"
pg_connection="$NEWSSITE_TEST_POSTGRES"
postmaster=$(head -n 1 "$NEWSSITE_SERVERS_DIR/pg/postmaster.pid")
redis_pid=$(cat "$NEWSSITE_SERVERS_DIR/redis.pid")

port=$(free_port)
base="http://127.0.0.1:$port"
corpus=$scratch/corpus
sqlite_data=$scratch/sqlite-data
empty_content=$scratch/empty
mkdir -p "$empty_content" "$sqlite_data"

say "Erzeuge $articles Artikel als Markdown"
app_command "$scratch/gen-data" "$empty_content" generate --articles "$articles" --tags 200 --seed 1 --until 2025-06-01 \
    --markdown "$corpus" >"$scratch/generate.log" 2>&1 || { cat "$scratch/generate.log" >&2; fail generate; }

say "Importiere in SQLite"
app_command "$sqlite_data" "$empty_content" import "$corpus" >"$scratch/import-sqlite.log" 2>&1 \
    || { cat "$scratch/import-sqlite.log" >&2; fail "import (SQLite)"; }
say "Importiere in PostgreSQL"
site_extra_env=("ConnectionStrings__Postgres=$pg_connection")
app_command "$scratch/pg-data" "$empty_content" import "$corpus" >"$scratch/import-pg.log" 2>&1 \
    || { cat "$scratch/import-pg.log" >&2; fail "import (PostgreSQL)"; }
site_extra_env=()

# Fresh statistics now, so that autovacuum's pass over the imported tables does not run (and count) during a measurement.
psql -q -h 127.0.0.1 -p "$NEWSSITE_PG_PORT" -U postgres -d postgres -c "VACUUM ANALYZE;" >/dev/null

# The newest article of the corpus: the first teaser of the home page.
newest_article() {
    curl -s "$base/" | grep -o 'href="/artikel/[^"]*"' | head -n 1 | sed 's/^href="//; s/"$//'
}

# CPU ticks of the app, and with a postmaster PID also of every process of that PostgreSQL server, and with a
# second PID (Redis) of that process too.
cpu_ticks() {
    local total pid
    total=$(awk '{ print $14 + $15 }' "/proc/$site_pid/stat" 2>/dev/null || echo 0)
    if [ -n "${1:-}" ]; then
        for pid in "$1" $(pgrep -P "$1" || true) ${2:-}; do
            total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
        done
    fi
    echo "$total"
}

rows=()
measure() {
    local label=$1 path=$2 server=$3 url=$base$2 other=${4:-}
    wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null
    local before after out requests rps
    before=$(cpu_ticks "$server" "$other")
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" "$url")
    after=$(cpu_ticks "$server" "$other")
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    rps=$(echo "$out" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
    local errors
    errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' || true)
    local cpu_us=$(( (after - before) * 1000000 / clock_ticks / requests ))
    rows+=("$label|$path|$rps|$cpu_us|${errors:-–}")
    printf '   %-45s %8s/s  CPU %6s µs  %s\n' "$label" "$rps" "$cpu_us" "${errors}" >&2
}

run_site() {
    local name=$1 data=$2 cache=$3 server=$4
    site_extra_env=("NewsSite__OutputCacheEnabled=$cache")
    [ "$name" = PostgreSQL ] && site_extra_env+=("ConnectionStrings__Postgres=$pg_connection")
    start_site "$data" "$empty_content" "$scratch/site-$name-$cache.log"
    sleep 2
    local article
    article=$(newest_article)
    [ -n "$article" ] || fail "kein Artikel auf der Startseite ($name)"
    if [ "$cache" = false ]; then
        measure "$name: Artikel ohne Cache" "$article" "$server"
        measure "$name: Startseite ohne Cache" "/" "$server"
    else
        measure "$name: Artikel aus dem Cache" "$article" "$server"
    fi
    stop "$site_pid"
    site_extra_env=()
}

# The cached article on PostgreSQL with the page cache in Redis (decision 0026): with this node's copy in front of
# Redis (the default, 32 MB) and without it (every hit one round trip). CPU counts the Redis server too.
run_redis_site() {
    local local_mb=$1
    site_extra_env=("ConnectionStrings__Postgres=$pg_connection" "ConnectionStrings__Redis=$NEWSSITE_TEST_REDIS"
        "NewsSite__LocalPageCacheMegabytes=$local_mb" "NewsSite__RedisKeyPrefix=bench-$local_mb")
    start_site "$scratch/pg-data" "$empty_content" "$scratch/site-redis-$local_mb.log"
    sleep 2
    local article
    article=$(newest_article)
    [ -n "$article" ] || fail "kein Artikel auf der Startseite (Redis)"
    measure "PostgreSQL + Redis, lokale Kopie $local_mb MB: Artikel aus dem Cache" "$article" "$postmaster" "$redis_pid"
    stop "$site_pid"
    site_extra_env=()
}

say "Messe ($duration je Seite, $connections Verbindungen)"
run_site SQLite "$sqlite_data" false ""
run_site PostgreSQL "$scratch/pg-data" false "$postmaster"
run_site SQLite "$sqlite_data" true ""
run_site PostgreSQL "$scratch/pg-data" true "$postmaster"
run_redis_site 32
run_redis_site 0

field() { printf '%s\n' "${rows[@]}" | awk -F'|' -v l="$1" '$1 == l { print $'"$2"' }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
sqlite_article=$(field "SQLite: Artikel ohne Cache" 4)
pg_article=$(field "PostgreSQL: Artikel ohne Cache" 4)
article_ratio=$(ratio "$pg_article" "$sqlite_article")
verdict=$(awk -v r="$article_ratio" 'BEGIN { print (r != "–" && r <= 2.0) ? "erfüllt" : "VERFEHLT" }')

report=$root/bench/results/postgres-$(date -u +%Y-%m-%d-%H%M%S).md
{
    echo "# SQLite und PostgreSQL im selben Lauf ($(date -u '+%Y-%m-%d %H:%M') UTC)"
    echo
    echo "$articles Artikel (generate --seed 1, als Markdown importiert in beide), $connections Verbindungen, $duration je Seite,"
    echo "$(nproc) Kerne, PostgreSQL $(psql --version | awk '{ print $3 }') lokal (fsync aus: ein Wegwerfserver), Release-Build."
    echo "CPU je Anfrage: App-Prozess, bei PostgreSQL zusammen mit allen Prozessen des Datenbankservers."
    echo
    echo "| Messung | Pfad | Anfragen/s | CPU je Anfrage | Hinweis |"
    echo "|---|---|---|---|---|"
    for row in "${rows[@]}"; do
        IFS='|' read -r label path rps cpu note <<<"$row"
        echo "| $label | \`$path\` | $rps | $cpu µs | $note |"
    done
    echo
    echo "| Ziel | Gemessen | Ergebnis |"
    echo "|---|---|---|"
    echo "| Artikel ohne Cache auf PostgreSQL ≤ 2× CPU je Anfrage von SQLite | $pg_article µs ÷ $sqlite_article µs = ${article_ratio}× | $verdict |"
    echo "| Artikel aus dem Cache: gleich schnell (beide aus dem Speicher des Knotens) | SQLite $(field "SQLite: Artikel aus dem Cache" 3)/s, PostgreSQL $(field "PostgreSQL: Artikel aus dem Cache" 3)/s | – |"
    redis_local=$(field "PostgreSQL + Redis, lokale Kopie 32 MB: Artikel aus dem Cache" 3)
    redis_only=$(field "PostgreSQL + Redis, lokale Kopie 0 MB: Artikel aus dem Cache" 3)
    echo "| Cache in Redis so schnell wie auf einem Knoten (SQLite, Speicher) | mit lokaler Kopie $redis_local/s ($(ratio "$redis_local" "$(field "SQLite: Artikel aus dem Cache" 3)")×), nur Redis $redis_only/s ($(ratio "$redis_only" "$(field "SQLite: Artikel aus dem Cache" 3)")×) | – |"
} >"$report"
cat "$report"
say "Bericht: ${report#"$root"/}"
