#!/usr/bin/env bash
# Load benchmark of the published site against a static-file ceiling (see bench/README.md).
# Talks to 127.0.0.1 only. Every process it starts is stopped on exit, by PID.
set -euo pipefail

usage() {
    cat <<'EOF'
Aufruf: bash bench/run.sh [--quick] [--postgres] [--data <ordner>] [--data-small <ordner>] [--markdown <ordner>]
  --quick               kurze Messungen (3 s je Seite, 1 s Aufwärmen, Import von 1.000 Dateien)
  --postgres            dieselben Seiten ohne Cache zusätzlich auf PostgreSQL (die Bestände mit copy-to-postgres in
                        einen Wegwerfserver aus tools/test-servers.sh kopiert), mit denselben Zielen
  --data <ordner>       vorhandener Datenordner mit dem großen Bestand (sonst bench/.data/, einmal erzeugt);
                        gemessen wird an einer Kopie, der Ordner bleibt unverändert
  --data-small <ordner> vorhandener Datenordner mit dem kleinen Vergleichsbestand (1.000 Artikel), ebenso kopiert
  --markdown <ordner>   vorhandener Ordner mit Markdown-Dateien für die Importzeit (sonst erzeugt)
Umgebung: BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_SERVER_WARMUP (15; Sekunden je Serverstart), BENCH_CONNECTIONS (32),
  BENCH_THREADS (2), BENCH_TIMEOUT (10s), BENCH_PORT (5390),
  BENCH_ARTICLES (100000), BENCH_TAGS (2000), BENCH_SMALL_ARTICLES (1000), BENCH_SMALL_TAGS (2000),
  BENCH_IMPORT_FILES (10000), BENCH_IMPORT_TAGS (500), BENCH_SEED (1), BENCH_SEARCH (Suchwort; sonst aus dem Artikeltitel),
  BENCH_SEARCH_COMMON, BENCH_SEARCH_RARE (sonst das häufigste und das seltenste Wort des Suchindex),
  BENCH_LONGTAIL (2000: so viele verschiedene Artikel für „Artikel, viele verschiedene“),
  BENCH_PG_PORT (55439), BENCH_REDIS_PORT (63899): die Ports des Wegwerfservers bei --postgres
EOF
}

cd "$(dirname "$0")/.."
root=$PWD
bench=$root/bench
out=$bench/.out
export LC_ALL=C DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

quick=0
postgres=0
data=""
data_small=""
markdown=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --postgres) postgres=1 ;;
        --data) data=$(realpath "${2:?--data braucht einen Ordner}"); shift ;;
        --data-small) data_small=$(realpath "${2:?--data-small braucht einen Ordner}"); shift ;;
        --markdown) markdown=$(realpath "${2:?--markdown braucht einen Ordner}"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Unbekannte Option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

if [ "$quick" = 1 ]; then
    duration=${BENCH_DURATION:-3s}; warmup=${BENCH_WARMUP:-1s}; import_files=${BENCH_IMPORT_FILES:-1000}
    server_warmup=${BENCH_SERVER_WARMUP:-3}
else
    duration=${BENCH_DURATION:-10s}; warmup=${BENCH_WARMUP:-3s}; import_files=${BENCH_IMPORT_FILES:-10000}
    server_warmup=${BENCH_SERVER_WARMUP:-15}
fi
longtail_count=${BENCH_LONGTAIL:-2000}
connections=${BENCH_CONNECTIONS:-32}
timeout=${BENCH_TIMEOUT:-10s}
threads=${BENCH_THREADS:-2}
port=${BENCH_PORT:-5390}
articles=${BENCH_ARTICLES:-100000}
tags=${BENCH_TAGS:-2000}
small_articles=${BENCH_SMALL_ARTICLES:-1000}
small_tags=${BENCH_SMALL_TAGS:-2000}
import_tags=${BENCH_IMPORT_TAGS:-500}
seed=${BENCH_SEED:-1}
page_size=${NewsSite__PageSize:-10}
base=http://127.0.0.1:$port
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- processes: started here, stopped here, by PID
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newssite-bench.XXXXXX")
# shellcheck source=common.sh
. "$root/bench/common.sh"   # pids, stop, fail, say

# Copies of the corpora the sites run on (the app writes its -wal and -shm, migrations could write more): on the
# disk of bench/.out, not in a possibly memory-backed /tmp.
copies=$out/run-data-$$
cleanup() {
    stop_all
    if [ "$postgres" = 1 ]; then "$root/tools/test-servers.sh" stop >/dev/null 2>&1 || true; fi
    # The servers' logs outlive the run (bench/.out/logs/), for a server that ended during a measurement.
    rm -rf "$out/logs" && mkdir -p "$out/logs" && cp "$scratch"/*.log "$out/logs/" 2>/dev/null || true
    rm -rf "$scratch" "$copies"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The site's settings for every run: its own data folder, an empty content folder (so a first start imports
# nothing), request logging at warning level so that console output does not dominate the measurement.
mkdir -p "$scratch/empty-content"
site_postgres=""
site_env() {
    local data_dir=$1
    echo "NewsSite__DataDirectory=$data_dir"
    # With --postgres, the database the site (or command) works on; its data folder then holds only keys and pictures.
    [ -n "$site_postgres" ] && echo "ConnectionStrings__Postgres=$site_postgres"
    echo "NewsSite__ContentDirectory=$scratch/empty-content"
    echo "NewsSite__BaseUrl=$base"
    echo "ASPNETCORE_URLS=$base"
    echo "ASPNETCORE_ENVIRONMENT=Production"
    # wrk is one client address: with the default 60 searches a minute, and 2 at once per address and on the site,
    # the search rows would measure the rate limiter.
    echo "NewsSite__SearchRequestsPerMinute=1000000"
    echo "NewsSite__SearchesAtOncePerAddress=1000"
    echo "NewsSite__SearchesAtOnce=1000"
    echo "Serilog__MinimumLevel__Default=Warning"
    echo "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
    echo "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning"
}

app_dll=$out/app/NewsSite.Web.dll
ceiling_dll=$out/static-ceiling/StaticCeiling.dll

# A command of the app (generate, import). An app without the command would start the web server instead: it is
# given our port, and if that port answers the command does not exist.
app_command() {
    local data_dir=$1 log=$2; shift 2
    local -a environment
    mapfile -t environment < <(site_env "$data_dir")
    env "${environment[@]}" dotnet "$app_dll" "$@" >"$log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    while kill -0 "$pid" 2>/dev/null; do
        if curl -s -o /dev/null --max-time 1 "$base/"; then
            stop "$pid"
            echo "Die App kennt den Befehl „$1“ nicht (sie startete stattdessen den Webserver)." >>"$log"
            return 3
        fi
        sleep 0.1
    done
    local status=0
    wait "$pid" || status=$?
    return "$status"
}

start_site() {
    local data_dir=$1 cache=$2 log=$3
    local -a environment
    mapfile -t environment < <(site_env "$data_dir")
    env "${environment[@]}" "NewsSite__OutputCacheEnabled=$cache" dotnet "$app_dll" >"$log" 2>&1 &
    site_pid=$!
    pids+=("$site_pid")
    wait_ready "$site_pid" "$log"
}

start_ceiling() {
    local folder=$1 log=$2
    dotnet "$ceiling_dll" "$folder" --urls "$base" >"$log" 2>&1 &
    site_pid=$!
    pids+=("$site_pid")
    wait_ready "$site_pid" "$log"
}

# ---------------------------------------------------------------- measurements
rows=()   # label|path|rps|p50|p99|cpu µs per request|note|connections|load
clock_ticks=$(getconf CLK_TCK)
# CPU time of the server process (user + system) in clock ticks: per request, a figure that other load on a shared
# machine disturbs far less than requests/s.
# On PostgreSQL the database server's processes are counted too (its backends do the queries' work): the postmaster
# and all its children, as bench/postgres.sh does.
site_postmaster=""
cpu_ticks() {
    local total pid
    total=$(awk '{ print $14 + $15 }' "/proc/$site_pid/stat" 2>/dev/null || echo 0)
    if [ -n "$site_postmaster" ]; then
        for pid in "$site_postmaster" $(pgrep -P "$site_postmaster" || true); do
            total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
        done
    fi
    echo "$total"
}
# Until the server has been (nearly) idle for a second: requests of the warm-up that wrk gave up on go on running
# in the server (a search for a common word for most of a second), and their CPU time must not count for the next
# measurement. At most 60 s.
wait_idle() {
    local before after _
    for _ in $(seq 60); do
        before=$(cpu_ticks); sleep 1; after=$(cpu_ticks)
        [ $((after - before)) -le $((clock_ticks / 10)) ] && return 0
    done
    echo "Warnung: der Server kommt nicht zur Ruhe" >&2
}
# Right after a start the JIT is still compiling (tiered compilation); on a busy shared machine its background
# thread lags for a minute and more. So every page of the run is requested in turn for $server_warmup seconds first.
warm_server() {
    local until=$(( $(date +%s) + server_warmup )) path
    while [ "$(date +%s)" -lt "$until" ]; do
        for path in "$@"; do
            wrk -t1 -c2 -d1s --timeout "$timeout" "$base$path" >/dev/null
        done
    done
    wait_idle
}
# measure <label> <path> [connections] [lua script for the paths]: one row. With a script, <path> is only shown
# and checked; the script chooses the paths (wrk-longtail.lua).
measure() {
    local label=$1 path=$2 url=$base$2 conns=${3:-$connections} script=${4:-$bench/wrk-report.lua}
    local code wrk_threads=$threads shown=$2
    [ "$script" = "$bench/wrk-report.lua" ] || shown="zufällig einer von $longtail_n (/artikel/…)"
    if ! kill -0 "$site_pid" 2>/dev/null; then
        rows+=("$label|$shown|0|–|–|–|nicht gemessen: der Server lief nicht mehr (Log in bench/.out/logs/)|$conns|–")
        echo "Warnung: $label nicht gemessen, der Server lief nicht mehr" >&2
        return 0
    fi
    [ "$conns" -lt "$wrk_threads" ] && wrk_threads=$conns
    # The previous row's abandoned requests first; a server still busy with them would fail the check below.
    wait_idle
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$url") || code="keine Antwort in 30 s"
    [ "$code" = 200 ] || echo "Warnung: $url antwortet mit $code" >&2
    wrk -t"$wrk_threads" -c"$conns" -d"$warmup" --timeout "$timeout" -s "$script" "$url" >/dev/null
    wait_idle
    local result ticks_before ticks_after load
    load=$(cut -d' ' -f1 /proc/loadavg)
    ticks_before=$(cpu_ticks)
    result=$(wrk -t"$wrk_threads" -c"$conns" -d"$duration" --timeout "$timeout" --latency -s "$script" "$url" | grep '^BENCH ')
    ticks_after=$(cpu_ticks)
    local died=""
    kill -0 "$site_pid" 2>/dev/null || died="der Server endete während der Messung (Log in bench/.out/logs/)"
    local rps p50 p99 errors timeouts status note=""
    rps=$(field rps "$result"); p50=$(field p50 "$result"); p99=$(field p99 "$result")
    errors=$(field errors "$result"); timeouts=$(field timeouts "$result"); status=$(field status "$result")
    local cpu_us requests
    requests=$(field requests "$result")
    if [ "$requests" -gt 0 ]; then
        cpu_us=$(calc "($ticks_after - $ticks_before) * 1000000 / $clock_ticks / $requests" | awk '{ printf "%.0f", $1 }')
    else
        # Nothing finished within the period: wrk has no latencies, and 0 ms must not pass for a result.
        cpu_us="–"; p50="–"; p99="–"; note="keine Anfrage in $duration fertig"
    fi
    [ "$code" = 200 ] || note="${note:+$note, }Prüfabruf: HTTP $code"
    if [ -n "$died" ]; then cpu_us="–"; note="${note:+$note, }$died"; fi
    [ "$errors" = 0 ] || note="${note:+$note, }$errors Socketfehler"
    [ "$timeouts" = 0 ] || note="${note:+$note, }$timeouts Anfragen über $timeout (nicht in p50/p99)"
    [ "$status" = 0 ] || note="${note:+$note, }$status Antworten nicht 2xx/3xx"
    # Requests still running when wrk stops cost CPU in the window but are not counted: a rough figure when few
    # requests finished per connection.
    if [ "$requests" -gt 0 ] && [ "$requests" -lt $((20 * conns)) ]; then
        note="${note:+$note, }CPU-Wert grob: nur $requests Anfragen bei $conns Verbindungen"
    fi
    rows+=("$label|$shown|$rps|$p50|$p99|$cpu_us|$note|$conns|$load")
    printf '   %-50s %9s/s  p50 %8s ms  p99 %8s ms  CPU %7s µs  c%-3s Last %5s  %s\n' \
        "$label" "$rps" "$p50" "$p99" "$cpu_us" "$conns" "$load" "$note" >&2
}
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }
row_field() { # row_field <label> <n>: the n-th field of the row with that label
    local row
    for row in "${rows[@]}"; do
        if [ "${row%%|*}" = "$1" ]; then cut -d'|' -f"$2" <<<"$row"; return; fi
    done
}
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
# a / b with two decimals, or "–" where either is no number or b is 0 (awk would stop on a division by zero).
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.2f", a / b; else printf "–" }'; }

# ---------------------------------------------------------------- tools and builds
install_missing() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    command -v curl >/dev/null || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] && return
    say "Installiere ${missing[*]}"
    local sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd=sudo
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null; }
}
install_missing

say "Veröffentliche die App und die statische Vergleichsseite (Release)"
dotnet publish src/NewsSite.Web -c Release -o "$out/app" -v quiet -nologo >"$scratch/publish.log" 2>&1 \
    || { cat "$scratch/publish.log" >&2; fail "dotnet publish src/NewsSite.Web"; }
dotnet publish bench/StaticCeiling -c Release -o "$out/static-ceiling" -v quiet -nologo >"$scratch/publish-ceiling.log" 2>&1 \
    || { cat "$scratch/publish-ceiling.log" >&2; fail "dotnet publish bench/StaticCeiling"; }

if curl -s -o /dev/null --max-time 1 "$base/"; then
    fail "auf $base antwortet schon ein Server; bitte BENCH_PORT ändern"
fi

# ---------------------------------------------------------------- data: generated once into bench/.data, reused
# Generates into a temporary folder first, so that an interrupted run leaves no half-filled corpus behind. Sets
# $generated rather than printing it: a command substitution's subshell would not stop its generator on exit.
generated_data() {
    local count=$1 tag_count=$2
    local folder=$bench/.data/articles-$count-tags-$tag_count-seed-$seed
    generated=""
    if [ ! -f "$folder/newssite.db" ]; then
        say "Erzeuge $count Artikel mit $tag_count Themen in $folder (einmalig)"
        rm -rf "$folder.partial" && mkdir -p "$folder.partial"
        if ! app_command "$folder.partial" "$scratch/generate-$count.log" \
            generate --articles "$count" --tags "$tag_count" --data "$folder.partial" --seed "$seed"; then
            cat "$scratch/generate-$count.log" >&2
            rm -rf "$folder.partial"
            return 1
        fi
        rm -rf "$folder" && mv "$folder.partial" "$folder"
    fi
    generated=$folder
}

if [ -z "$data" ]; then
    generated_data "$articles" "$tags" \
        || fail "kein großer Bestand: der Befehl generate fehlt oder scheiterte; einen fertigen Datenordner mit --data angeben"
    data=$generated
fi
[ -f "$data/newssite.db" ] || fail "$data/newssite.db gibt es nicht"
if [ -z "$data_small" ]; then
    if generated_data "$small_articles" "$small_tags"; then
        data_small=$generated
    else
        echo "Warnung: kein kleiner Vergleichsbestand; der Vergleich mit $small_articles Artikeln entfällt" >&2
    fi
fi

# The sites run on copies, so the corpus itself (given with --data or generated once) stays as it was: the site
# writes its -wal and -shm next to the database and would migrate an older schema in place.
copy_corpus() {
    local from=$1 to=$2 file
    rm -rf "$to" && mkdir -p "$to"
    for file in newssite.db newssite.db-wal; do
        [ -f "$from/$file" ] && cp --reflink=auto "$from/$file" "$to/$file"
    done
    [ -f "$to/newssite.db" ] || fail "$from/newssite.db gibt es nicht"
}
data_origin=$data
say "Kopiere den Bestand $data nach ${copies#"$root"/}"
copy_corpus "$data" "$copies/large"
data=$copies/large
if [ -n "$data_small" ]; then
    data_small_origin=$data_small
    copy_corpus "$data_small" "$copies/small"
    data_small=$copies/small
fi

# ---------------------------------------------------------------- what to request, read from the database
now=$(date -u +%Y-%m-%dT%H:%M:%S.0000000Z)
visible="a.is_draft = 0 AND a.trashed_at IS NULL AND a.published_at <= '$now'"
query() { sqlite3 -readonly -batch -noheader "$1/newssite.db" "$2"; }
count_published() { query "$1" "SELECT count(*) FROM articles a WHERE $visible;"; }

# The tag with the most published articles, and its last page: the deepest OFFSET a reader can ask for.
deep_tag() {
    local folder=$1 line
    line=$(query "$folder" "SELECT t.slug || ' ' || count(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id
        JOIN articles a ON a.id = at.article_id WHERE $visible GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT 1;")
    [ -n "$line" ] || fail "$folder enthält keine Themen mit veröffentlichten Artikeln"
    local slug=${line% *} n=${line#* }
    echo "/thema/$slug?seite=$(( (n + page_size - 1) / page_size ))|$slug|$n"
}

total_articles=$(count_published "$data")
[ "$total_articles" -gt 0 ] || fail "$data enthält keine veröffentlichten Artikel"
IFS='|' read -r tag_path tag_slug tag_count <<<"$(deep_tag "$data")"

# The newest article carrying the biggest tag: a front-page story whose related articles are the costliest to find.
read -r article_slug article_title < <(query "$data" "SELECT a.slug || ' ' || a.title FROM articles a
    JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id
    WHERE t.slug = '$tag_slug' AND $visible ORDER BY a.published_at DESC, a.id DESC LIMIT 1;") \
    || fail "kein veröffentlichter Artikel mit dem Thema $tag_slug"
article_path=/artikel/$article_slug

# A realistic query: the longest plain word of that article's title.
search_word=${BENCH_SEARCH:-$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[A-Za-z]+$/ && length($i) > length(best)) best = $i }
    END { print tolower(best) }' <<<"$article_title")}
search_word=${search_word:-nachrichten}
search_hits=$(query "$data" "SELECT count(*) FROM article_search s JOIN articles a ON a.id = s.rowid
    WHERE article_search MATCH '\"$search_word\"*' AND $visible;")
search_path="/suche?q=$search_word"

# The most common word of the search index and a rare one (at least three characters, not only digits): the search
# at its costliest and at its cheapest. fts5vocab counts documents per indexed term.
vocab() { query "$data" "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, article_search, row);
    SELECT term FROM temp.v WHERE length(term) >= 3 AND term GLOB '*[^0-9]*' ORDER BY $1 LIMIT 1;"; }
hits() { query "$data" "SELECT count(*) FROM article_search s JOIN articles a ON a.id = s.rowid
    WHERE article_search MATCH '\"$1\"*' AND $visible;"; }
common_word=${BENCH_SEARCH_COMMON:-$(vocab "doc DESC, cnt DESC, term")}
rare_word=${BENCH_SEARCH_RARE:-$(vocab "doc ASC, cnt ASC, term")}
common_hits=$(hits "$common_word")
rare_hits=$(hits "$rare_word")

# The first page of the biggest tag (beside its last), and the author with the most published articles.
tag_first_path=/thema/$tag_slug
read -r author_slug author_count < <(query "$data" "SELECT au.slug || ' ' || count(*) FROM authors au
    JOIN articles a ON a.author_id = au.id WHERE $visible GROUP BY au.id ORDER BY count(*) DESC, au.id LIMIT 1;") \
    || fail "kein Autor mit veröffentlichten Artikeln"
author_path=/autor/$author_slug

# The long tail: that many different published articles, spread over the whole corpus in a fixed order.
longtail_file=$scratch/longtail-paths.txt
query "$data" "SELECT '/artikel/' || a.slug FROM articles a WHERE $visible
    ORDER BY (a.id * 7919) % 100003, a.id LIMIT $longtail_count;" >"$longtail_file"
longtail_n=$(wc -l <"$longtail_file")
[ "$longtail_n" -gt 0 ] || fail "keine Artikel für die lange Liste"
export BENCH_PATHS=$longtail_file BENCH_REPORT_LUA=$bench/wrk-report.lua

if [ -n "$data_small" ]; then
    small_total=$(count_published "$data_small")
    IFS='|' read -r small_tag_path _ small_tag_count <<<"$(deep_tag "$data_small")"
fi

# ---------------------------------------------------------------- PostgreSQL (--postgres): the same corpora, copied
# A throwaway server from tools/test-servers.sh on ports of its own, one database per corpus, filled by the site's own
# copy-to-postgres (which checks every table against the SQLite copy). The URLs above were read from SQLite: the
# copy holds the same articles, slugs and search terms.
if [ "$postgres" = 1 ]; then
    [ -x "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/initdb" ] && command -v redis-server >/dev/null \
        || fail "--postgres braucht PostgreSQL und Redis aus Debian (apt-get install postgresql redis-server)"
    export NEWSSITE_SERVERS_DIR=$out/pg-servers-$$ NEWSSITE_PG_PORT=${BENCH_PG_PORT:-55439} NEWSSITE_REDIS_PORT=${BENCH_REDIS_PORT:-63899}
    # shellcheck source=../tools/test-servers.sh
    source "$root/tools/test-servers.sh" start >/dev/null || fail "PostgreSQL konnte nicht gestartet werden"
    pg_postmaster=$(head -n 1 "$NEWSSITE_SERVERS_DIR/pg/postmaster.pid")
    pg_of() { echo "Host=127.0.0.1;Port=$NEWSSITE_PG_PORT;Username=postgres;Database=$1"; }
    pg_sql() { psql -q -h 127.0.0.1 -p "$NEWSSITE_PG_PORT" -U postgres -d "$1" -c "$2" >/dev/null; }
    copy_to_postgres() {
        local folder=$1 database=$2 t0
        pg_sql postgres "CREATE DATABASE $database;"
        site_postgres=$(pg_of "$database")
        t0=$(date +%s)
        app_command "$copies/$database-command" "$scratch/copy-$database.log" copy-to-postgres --data "$folder" \
            || { cat "$scratch/copy-$database.log" >&2; fail "copy-to-postgres in $database"; }
        site_postgres=""
        # Fresh statistics, so that autovacuum's pass over the copied tables does not run (and count) in a measurement.
        pg_sql "$database" "VACUUM ANALYZE;"
        say "  $database: $(( $(date +%s) - t0 )) s (copy-to-postgres und VACUUM ANALYZE)"
    }
    say "Kopiere die Bestände nach PostgreSQL $(psql --version | awk '{ print $3 }') (127.0.0.1:$NEWSSITE_PG_PORT)"
    copy_to_postgres "$data" bench_large
    pg_large=$(pg_of bench_large)
    pg_small=""
    if [ -n "$data_small" ]; then
        copy_to_postgres "$data_small" bench_small
        pg_small=$(pg_of bench_small)
    fi
    pg_bytes=$(psql -At -h 127.0.0.1 -p "$NEWSSITE_PG_PORT" -U postgres -d postgres -c "SELECT pg_database_size('bench_large');")
fi

# ---------------------------------------------------------------- runs
say "Bestand: $total_articles veröffentlichte Artikel in $data_origin (gemessen an einer Kopie)"
say "Messung: wrk -t$threads -c$connections -d$duration (vorher $warmup Aufwärmen je Seite)"

say "Website mit Ausgabe-Cache"
start_site "$data" true "$scratch/site-cached.log"
warm_server "$article_path" / "$tag_path" /rss.xml "$search_path"
mkdir -p "$scratch/static"
curl -s --fail --max-time 30 -o "$scratch/static/artikel.html" "$base$article_path" \
    || fail "$base$article_path liefert keine Seite"
measure "Artikel (Cache)" "$article_path"
measure "Startseite (Cache)" "/"
measure "Thema, letzte Seite (Cache)" "$tag_path"
measure "RSS (Cache)" "/rss.xml"
measure "Suche (Cache)" "$search_path"
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$site_pid/status")
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$site_pid/status")
db_bytes=$(stat -c %s "$data/newssite.db")
wal_bytes=$(stat -c %s "$data/newssite.db-wal" 2>/dev/null || echo 0)
stop "$site_pid"

say "Statische Decke: dieselbe Artikelseite als Datei über Kestrel"
start_ceiling "$scratch/static" "$scratch/ceiling.log"
warm_server /artikel.html
measure "Statische Datei (Decke)" "/artikel.html"
stop "$site_pid"

# The pages without the output cache, on one database: <label prefix> <data folder> <small data folder or "">
# [<PostgreSQL connection of the small corpus>]. Labels carry the prefix ("" on SQLite, "PostgreSQL: "), so that the
# targets below find each database's rows.
uncached_rows() {
    local prefix=$1 large=$2 small=$3 small_connection=${4:-} log_name=${1%%:*}
    say "${prefix}Website ohne Ausgabe-Cache"
    start_site "$large" false "$scratch/site-uncached${log_name:+-$log_name}.log"
    warm_server "$article_path" "$(head -n 1 "$longtail_file")" / "$tag_first_path" "$tag_path" "$author_path" /rss.xml \
        "$search_path" "/suche?q=$rare_word"
    measure "${prefix}Artikel (ohne Cache)" "$article_path"
    measure "${prefix}Artikel, viele verschiedene (ohne Cache)" "$(head -n 1 "$longtail_file")" "$connections" "$bench/wrk-longtail.lua"
    measure "${prefix}Startseite (ohne Cache)" "/"
    measure "${prefix}Thema, erste Seite (ohne Cache)" "$tag_first_path"
    measure "${prefix}Thema, letzte Seite (ohne Cache)" "$tag_path"
    measure "${prefix}Autor (ohne Cache)" "$author_path"
    measure "${prefix}RSS (ohne Cache)" "/rss.xml"
    measure "${prefix}Suche (ohne Cache)" "$search_path"
    measure "${prefix}Suche, seltenes Wort (ohne Cache)" "/suche?q=$rare_word"
    measure "${prefix}Suche, seltenes Wort, 1 Verbindung (ohne Cache)" "/suche?q=$rare_word" 1
    # Last: at 32 connections every request of this row waits longer than the window, and the abandoned ones keep
    # the server busy for a while afterwards.
    measure "${prefix}Suche, häufiges Wort, 1 Verbindung (ohne Cache)" "/suche?q=$common_word" 1
    measure "${prefix}Suche, häufiges Wort (ohne Cache)" "/suche?q=$common_word"
    stop "$site_pid"

    if [ -n "$small" ]; then
        [ -n "$small_connection" ] && site_postgres=$small_connection
        say "${prefix}Vergleichsbestand ($small_total Artikel) ohne Ausgabe-Cache"
        start_site "$small" false "$scratch/site-small${log_name:+-$log_name}.log"
        warm_server / "$small_tag_path"
        measure "${prefix}Startseite, klein (ohne Cache)" "/"
        measure "${prefix}Thema, letzte Seite, klein (ohne Cache)" "$small_tag_path"
        stop "$site_pid"
    fi
}
uncached_rows "" "$data" "$data_small"

if [ "$postgres" = 1 ]; then
    # The PostgreSQL sites get empty data folders (keys and pictures only): their articles are in the databases.
    mkdir -p "$copies/pg-large-site" "$copies/pg-small-site"
    site_postmaster=$pg_postmaster site_postgres=$pg_large
    uncached_rows "PostgreSQL: " "$copies/pg-large-site" "${data_small:+$copies/pg-small-site}" "$pg_small"
    site_postmaster="" site_postgres=""
fi

# ---------------------------------------------------------------- import of Markdown files into an empty database
import_seconds=""
import_note=""
if [ -z "$markdown" ]; then
    markdown=$bench/.data/markdown-$import_files-tags-$import_tags-seed-$seed
    if [ ! -d "$markdown" ]; then
        say "Erzeuge $import_files Markdown-Dateien in $markdown (einmalig)"
        rm -rf "$markdown.partial" && mkdir -p "$markdown.partial"
        if app_command "$scratch/generate-markdown-data" "$scratch/generate-markdown.log" \
            generate --articles "$import_files" --tags "$import_tags" --markdown "$markdown.partial" --seed "$seed"; then
            mv "$markdown.partial" "$markdown"
        else
            rm -rf "$markdown.partial"
            import_note="keine Markdown-Dateien: der Befehl generate fehlt oder scheiterte"
        fi
    fi
fi
if [ -z "$import_note" ]; then
    import_count=$(find "$markdown" -name '*.md' | wc -l)
    say "Importiere $import_count Markdown-Dateien in eine leere Datenbank"
    # On the same disk as the corpus, not in a possibly memory-backed /tmp.
    import_data=$out/import-data
    rm -rf "$import_data" && mkdir -p "$import_data"
    t0=$(date +%s.%N)
    import_status=0
    app_command "$import_data" "$scratch/import.log" import "$markdown" || import_status=$?
    t1=$(date +%s.%N)
    import_seconds=$(calc "$t1 - $t0")
    imported=$(query "$import_data" "SELECT count(*) FROM articles;")
    [ "$import_status" = 0 ] || import_note="Import endete mit Status $import_status: $(tail -n 1 "$scratch/import.log")"
    rm -rf "$import_data"
fi

# ---------------------------------------------------------------- report
ceiling=$(row_field "Statische Datei (Decke)" 3)
ceiling_cpu=$(row_field "Statische Datei (Decke)" 6)
cpu_ratio() { ratio_of "$1" "$ceiling_cpu"; }
# A target on CPU per request: at most <factor> times the static file's. Prints the table row.
cpu_target() {
    local label=$1 factor=$2 cpu r limit
    cpu=$(row_field "$label" 6); r=$(cpu_ratio "$cpu")
    limit=$(calc "$factor * $ceiling_cpu" | awk '{ printf "%.0f", $1 }')
    if [ "$r" = "–" ]; then
        echo "| ${label%% (*} ≤ ${factor}× CPU je Anfrage der statischen Datei | nicht gemessen ($cpu) | VERFEHLT |"
    elif awk -v r="$r" -v f="$factor" 'BEGIN { exit !(r <= f) }'; then
        echo "| ${label%% (*} ≤ ${factor}× CPU je Anfrage der statischen Datei | $cpu µs = ${r}× ($ceiling_cpu µs) | erfüllt |"
    else
        echo "| ${label%% (*} ≤ ${factor}× CPU je Anfrage der statischen Datei | $cpu µs = ${r}× ($ceiling_cpu µs) | VERFEHLT: $((cpu - limit)) µs über ${limit} µs, Faktor $(ratio_of "$cpu" "$limit") zu teuer |"
    fi
}
# A target on the median latency with one connection (the request's own time, no queueing): p50 ≤ <ms>.
p50_target() {
    local label=$1 limit=$2 what=$3 p50
    p50=$(row_field "$label" 4)
    if [ "$p50" = "–" ] || [ -z "$p50" ]; then
        echo "| $what: p50 ≤ $limit ms (1 Verbindung) | nicht gemessen; $(row_field "$label" 7) | VERFEHLT |"
    elif awk -v a="$p50" -v b="$limit" 'BEGIN { exit !(a <= b) }'; then
        echo "| $what: p50 ≤ $limit ms (1 Verbindung) | $(printf '%.2f' "$p50") ms | erfüllt |"
    else
        echo "| $what: p50 ≤ $limit ms (1 Verbindung) | $(printf '%.2f' "$p50") ms | VERFEHLT: $(calc "$p50 - $limit" | awk '{ printf "%.2f", $1 }') ms darüber, Faktor $(ratio_of "$p50" "$limit") zu langsam |"
    fi
}
ratio() { calc "$1 * 100 / $ceiling" | awk '{ printf "%.0f %%", $1 }'; }
check() { if awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "erfüllt"; else echo "VERFEHLT"; fi; }
ms() { if [ "$1" = "–" ]; then echo "–"; else echo "$1 ms"; fi; }
mb() { awk "BEGIN { printf \"%.1f MiB\", $1 / 1048576 }"; }

# The targets that hold for each database (CPU against the static file, search latency, the cost of 100× the
# articles), for the rows with that label prefix.
database_targets() {
    local prefix=$1 label pair large small factor cpu_factor
    cpu_target "${prefix}Artikel (ohne Cache)" 2
    cpu_target "${prefix}Artikel, viele verschiedene (ohne Cache)" 2
    for label in "Startseite (ohne Cache)" "Thema, erste Seite (ohne Cache)" "Thema, letzte Seite (ohne Cache)" \
                 "Autor (ohne Cache)" "RSS (ohne Cache)"; do
        cpu_target "$prefix$label" 3
    done
    p50_target "${prefix}Suche, häufiges Wort, 1 Verbindung (ohne Cache)" 5 "${prefix}Suche nach dem häufigsten Wort „$common_word“ ($common_hits Treffer)"
    p50_target "${prefix}Suche, seltenes Wort, 1 Verbindung (ohne Cache)" 1 "${prefix}Suche nach dem seltensten Wort „$rare_word“ ($rare_hits Treffer)"
    echo "| (${prefix}Suche unter Last, $connections Verbindungen: CPU je Anfrage) | „$common_word“ $(row_field "${prefix}Suche, häufiges Wort (ohne Cache)" 6) µs; „$rare_word“ $(row_field "${prefix}Suche, seltenes Wort (ohne Cache)" 6) µs | |"
    if [ -n "$data_small" ]; then
        for pair in "Startseite (ohne Cache)|Startseite, klein (ohne Cache)" \
                    "Thema, letzte Seite (ohne Cache)|Thema, letzte Seite, klein (ohne Cache)"; do
            large=$(row_field "$prefix${pair%%|*}" 3); small=$(row_field "$prefix${pair#*|}" 3)
            factor=$(ratio_of "$small" "$large")
            cpu_factor=$(ratio_of "$(row_field "$prefix${pair%%|*}" 6)" "$(row_field "$prefix${pair#*|}" 6)")
            echo "| $prefix${pair%% (*} bei $total_articles höchstens 2× so teuer wie bei $small_total Artikeln (Anfragen/s klein ÷ groß; CPU je Anfrage groß ÷ klein) | ${factor}×; CPU ${cpu_factor}× | $(check "$factor <= 2") |"
        done
    else
        echo "| ${prefix}Startseite und Thema höchstens 2× so teuer wie bei 1.000 Artikeln | nicht gemessen (kein kleiner Bestand) | |"
    fi
}

# With --postgres: each page without the cache on both databases, side by side.
database_comparison() {
    local row label sqlite_cpu pg_cpu
    echo "## PostgreSQL neben SQLite (ohne Cache, derselbe Lauf)"
    echo
    echo "CPU je Anfrage auf PostgreSQL: App und alle Prozesse des Datenbankservers zusammen."
    echo
    echo "| Seite | Verb. | SQLite Anfragen/s | PostgreSQL Anfragen/s | SQLite p50 | PostgreSQL p50 | SQLite CPU | PostgreSQL CPU | PostgreSQL ÷ SQLite (CPU) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in "${rows[@]}"; do
        label=${row%%|*}
        [[ $label == *"(ohne Cache)" && $label != PostgreSQL:* ]] || continue
        sqlite_cpu=$(row_field "$label" 6); pg_cpu=$(row_field "PostgreSQL: $label" 6)
        echo "| ${label% (ohne Cache)} | $(row_field "$label" 8) | $(printf '%.0f' "$(row_field "$label" 3)") | $(printf '%.0f' "$(row_field "PostgreSQL: $label" 3)") | $(ms "$(row_field "$label" 4)") | $(ms "$(row_field "PostgreSQL: $label" 4)") | $sqlite_cpu µs | $pg_cpu µs | $(ratio_of "$pg_cpu" "$sqlite_cpu")× |"
    done
    echo
}

elapsed=$(( $(date +%s) - started ))
stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$bench/results"
report=$bench/results/$stamp.md
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ram=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
wrk_version=$(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }' || true)

{
    title_suffix=""
    [ "$quick" = 1 ] && title_suffix=" (--quick, kurze Messungen)"
    echo "# NewsSite-Benchmark $stamp$title_suffix"
    echo
    echo "Rechner: $(nproc) Kerne, $cpu, $ram RAM; dotnet $(dotnet --version); $wrk_version."
    echo "Bestand: $total_articles veröffentlichte Artikel ($data_origin; gemessen an einer Kopie)."
    if [ "$postgres" = 1 ]; then
        echo "PostgreSQL $(psql --version | awk '{ print $3 }'): ein Wegwerfserver auf 127.0.0.1 (tools/test-servers.sh, fsync aus), dieselben Bestände mit copy-to-postgres kopiert; CPU je Anfrage zählt dort App und Datenbankserver zusammen."
    fi
    echo "Last (loadavg 1/5/15 min): vorher $load_before, nachher $(cut -d' ' -f1-3 /proc/loadavg) — andere Prozesse auf dem Rechner verfälschen Anfragen/s und Latenz; CPU je Anfrage ist robuster."
    echo "Messung: wrk -t$threads -c$connections -d$duration --timeout $timeout --latency je Seite nach $warmup Aufwärmen; wrk läuft auf demselben Rechner."
    echo "Jeder Server wird nach dem Start $server_warmup s lang mit allen Seiten seines Laufs aufgewärmt (JIT), vor jeder Messung wartet das Skript, bis er ruht."
    echo "Artikel: $article_path; Thema: $tag_slug ($tag_count Artikel; erste und letzte Seite); Autor: $author_slug ($author_count Artikel)."
    echo "Suche: „$search_word“ aus dem Artikeltitel ($search_hits Treffer); häufigstes Wort des Suchindex „$common_word“ ($common_hits Treffer); seltenstes „$rare_word“ ($rare_hits Treffer)."
    echo "Artikel, viele verschiedene: jede Anfrage ein zufälliger aus $longtail_n veröffentlichten Artikeln (bench/wrk-longtail.lua)."
    echo
    echo "CPU ÷ Decke: CPU je Anfrage geteilt durch die der statischen Datei in diesem Lauf. Last: loadavg (1 min) zu Beginn der Messung."
    echo
    echo "| Seite | Pfad | Verb. | Anfragen/s | p50 | p99 | Anteil an der Decke | CPU je Anfrage | CPU ÷ Decke | Last | Hinweis |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    for row in "${rows[@]}"; do
        IFS='|' read -r label path rps p50 p99 cpu_us note conns load <<<"$row"
        echo "| $label | \`$path\` | $conns | $(printf '%.0f' "$rps") | $(ms "$p50") | $(ms "$p99") | $(ratio "$rps") | $cpu_us µs | $(cpu_ratio "$cpu_us")× | $load | $note |"
    done
    echo
    echo "| Weitere Größe | Wert |"
    echo "|---|---|"
    if [ -n "$import_seconds" ]; then
        echo "| Import von $import_count Markdown-Dateien in eine leere Datenbank | $(printf '%.1f' "$import_seconds") s ($imported Artikel gespeichert)${import_note:+; $import_note} |"
    else
        echo "| Import | nicht gemessen: $import_note |"
    fi
    echo "| Arbeitsspeicher der App (mit Cache) nach ihren Messungen, VmRSS | $(mb $((rss_kb * 1024))) (Höchststand VmHWM $(mb $((hwm_kb * 1024)))) |"
    echo "| Datenbank newssite.db + -wal | $(mb $((db_bytes + wal_bytes))) ($db_bytes + $wal_bytes Bytes) |"
    [ "$postgres" = 1 ] && echo "| PostgreSQL-Datenbank des großen Bestands (pg_database_size nach VACUUM ANALYZE) | $(mb "$pg_bytes") |"
    echo "| Dauer dieses Laufs | $elapsed s |"
    echo
    [ "$postgres" = 1 ] && database_comparison
    echo "## Ziele"
    echo
    echo "| Ziel | gemessen | |"
    echo "|---|---|---|"
    cached=$(row_field "Artikel (Cache)" 3)
    uncached=$(row_field "Artikel (ohne Cache)" 3)
    cached_factor=$(ratio_of "$cached" "$ceiling")
    if [ "$(check "$cached >= 0.9 * $ceiling")" = erfüllt ]; then
        echo "| Artikel aus dem Cache: Anfragen/s ≥ 0,9× der statischen Datei | ${cached_factor}× ($(printf '%.0f' "$cached") ÷ $(printf '%.0f' "$ceiling")) | erfüllt |"
    else
        echo "| Artikel aus dem Cache: Anfragen/s ≥ 0,9× der statischen Datei | ${cached_factor}× ($(printf '%.0f' "$cached") ÷ $(printf '%.0f' "$ceiling")) | VERFEHLT: $(calc "0.9 * $ceiling - $cached" | awk '{ printf "%.0f", $1 }') Anfragen/s zu wenig |"
    fi
    database_targets ""
    echo "| Artikel ohne Cache ≥ 50 % der Decke | $(ratio "$uncached") | $(check "$uncached >= 0.5 * $ceiling") |"
    for label in "Artikel (Cache)" "Artikel (ohne Cache)"; do
        p99=$(row_field "$label" 5)
        note=$(row_field "$label" 7)
        if [[ $note == *"Anfragen über"* || $note == *"keine Anfrage"* || $note == *Socketfehler* || $note == *HTTP* ]]; then
            echo "| p99 < 5 ms bei $connections Verbindungen: $label | $(ms "$p99"); $(row_field "$label" 7) | VERFEHLT |"
        else
            echo "| p99 < 5 ms bei $connections Verbindungen: $label | $p99 ms | $(check "$p99 < 5") |"
        fi
    done
    [ "$postgres" = 1 ] && database_targets "PostgreSQL: "
    if [ -n "$import_seconds" ]; then
        echo "| Import von 10.000 Dateien < 30 s | $(printf '%.1f' "$import_seconds") s für $import_count | $( [ "$import_count" -ge 10000 ] && check "$import_seconds < 30" || echo "nur $import_count Dateien") |"
    fi
    echo "| Arbeitsspeicher < 250 MB (hier MiB) | $(mb $((rss_kb * 1024))) | $(check "$rss_kb * 1024 < 250 * 1048576") |"
    echo "| Verwandte Artikel < 1 ms bei 100.000 Artikeln | bench/micro.sh | |"
} >"$report"

echo
cat "$report"
echo
echo "Gespeichert in ${report#"$root"/}"
