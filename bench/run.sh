#!/usr/bin/env bash
# Load benchmark of the published site against a static-file ceiling (see bench/README.md).
# Talks to 127.0.0.1 only. Every process it starts is stopped on exit, by PID.
set -euo pipefail

usage() {
    cat <<'EOF'
Aufruf: bash bench/run.sh [--quick] [--data <ordner>] [--data-small <ordner>] [--markdown <ordner>]
  --quick               kurze Messungen (3 s je Seite, 1 s Aufwärmen, Import von 1.000 Dateien)
  --data <ordner>       vorhandener Datenordner mit dem großen Bestand (sonst bench/.data/, einmal erzeugt)
  --data-small <ordner> vorhandener Datenordner mit dem kleinen Vergleichsbestand (1.000 Artikel)
  --markdown <ordner>   vorhandener Ordner mit Markdown-Dateien für die Importzeit (sonst erzeugt)
Umgebung: BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_TIMEOUT (10s), BENCH_PORT (5390),
  BENCH_ARTICLES (100000), BENCH_TAGS (2000), BENCH_SMALL_ARTICLES (1000), BENCH_SMALL_TAGS (2000),
  BENCH_IMPORT_FILES (10000), BENCH_IMPORT_TAGS (500), BENCH_SEED (1), BENCH_SEARCH (Suchwort; sonst aus dem Artikeltitel)
EOF
}

cd "$(dirname "$0")/.."
root=$PWD
bench=$root/bench
out=$bench/.out
export LC_ALL=C DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

quick=0
data=""
data_small=""
markdown=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
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
else
    duration=${BENCH_DURATION:-10s}; warmup=${BENCH_WARMUP:-3s}; import_files=${BENCH_IMPORT_FILES:-10000}
fi
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

cleanup() {
    stop_all
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The site's settings for every run: its own data folder, an empty content folder (so a first start imports
# nothing), request logging at warning level so that console output does not dominate the measurement.
mkdir -p "$scratch/empty-content"
site_env() {
    local data_dir=$1
    echo "NewsSite__DataDirectory=$data_dir"
    echo "NewsSite__ContentDirectory=$scratch/empty-content"
    echo "NewsSite__BaseUrl=$base"
    echo "ASPNETCORE_URLS=$base"
    echo "ASPNETCORE_ENVIRONMENT=Production"
    # wrk is one client address: with the default 60 searches a minute the search rows would measure the rate limiter.
    echo "NewsSite__SearchRequestsPerMinute=1000000"
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
rows=()   # label|path|rps|p50|p99|cpu µs per request|note
clock_ticks=$(getconf CLK_TCK)
# CPU time of the server process (user + system) in clock ticks: per request, a figure that other load on a shared
# machine disturbs far less than requests/s.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$site_pid/stat"; }
measure() {
    local label=$1 path=$2 url=$base$2
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$url")
    [ "$code" = 200 ] || echo "Warnung: $url antwortet mit $code" >&2
    wrk -t"$threads" -c"$connections" -d"$warmup" --timeout "$timeout" "$url" >/dev/null
    local result ticks_before ticks_after
    ticks_before=$(cpu_ticks)
    result=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency -s "$bench/wrk-report.lua" "$url" | grep '^BENCH ')
    ticks_after=$(cpu_ticks)
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
    [ "$code" = 200 ] || note="HTTP $code"
    [ "$errors" = 0 ] || note="${note:+$note, }$errors Socketfehler"
    [ "$timeouts" = 0 ] || note="${note:+$note, }$timeouts Anfragen über $timeout (nicht in p50/p99)"
    [ "$status" = 0 ] || note="${note:+$note, }$status Antworten nicht 2xx/3xx"
    rows+=("$label|$path|$rps|$p50|$p99|$cpu_us|$note")
    printf '   %-40s %9s/s  p50 %8s ms  p99 %8s ms  CPU %6s µs  %s\n' "$label" "$rps" "$p50" "$p99" "$cpu_us" "$note" >&2
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

if [ -n "$data_small" ]; then
    small_total=$(count_published "$data_small")
    IFS='|' read -r small_tag_path _ small_tag_count <<<"$(deep_tag "$data_small")"
fi

# ---------------------------------------------------------------- runs
say "Bestand: $total_articles veröffentlichte Artikel in $data"
say "Messung: wrk -t$threads -c$connections -d$duration (vorher $warmup Aufwärmen je Seite)"

say "Website mit Ausgabe-Cache"
start_site "$data" true "$scratch/site-cached.log"
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
measure "Statische Datei (Decke)" "/artikel.html"
stop "$site_pid"

say "Website ohne Ausgabe-Cache"
start_site "$data" false "$scratch/site-uncached.log"
measure "Artikel (ohne Cache)" "$article_path"
measure "Startseite (ohne Cache)" "/"
measure "Thema, letzte Seite (ohne Cache)" "$tag_path"
measure "RSS (ohne Cache)" "/rss.xml"
measure "Suche (ohne Cache)" "$search_path"
stop "$site_pid"

if [ -n "$data_small" ]; then
    say "Vergleichsbestand ($small_total Artikel) ohne Ausgabe-Cache"
    start_site "$data_small" false "$scratch/site-small.log"
    measure "Startseite, klein (ohne Cache)" "/"
    measure "Thema, letzte Seite, klein (ohne Cache)" "$small_tag_path"
    stop "$site_pid"
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
ratio() { calc "$1 * 100 / $ceiling" | awk '{ printf "%.0f %%", $1 }'; }
check() { if awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "erfüllt"; else echo "VERFEHLT"; fi; }
ms() { if [ "$1" = "–" ]; then echo "–"; else echo "$1 ms"; fi; }
mb() { awk "BEGIN { printf \"%.1f MiB\", $1 / 1048576 }"; }

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
    echo "Bestand: $total_articles veröffentlichte Artikel ($data)."
    echo "Last (loadavg 1/5/15 min): vorher $load_before, nachher $(cut -d' ' -f1-3 /proc/loadavg) — andere Prozesse auf dem Rechner verfälschen Anfragen/s und Latenz; CPU je Anfrage ist robuster."
    echo "Messung: wrk -t$threads -c$connections -d$duration --timeout $timeout --latency je Seite nach $warmup Aufwärmen; wrk läuft auf demselben Rechner."
    echo "Artikel: $article_path; Thema: $tag_slug ($tag_count Artikel, letzte Seite); Suche: „$search_word“ ($search_hits Treffer)."
    echo
    echo "| Seite | Pfad | Anfragen/s | p50 | p99 | Anteil an der Decke | CPU je Anfrage | Hinweis |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    for row in "${rows[@]}"; do
        IFS='|' read -r label path rps p50 p99 cpu_us note <<<"$row"
        echo "| $label | \`$path\` | $(printf '%.0f' "$rps") | $(ms "$p50") | $(ms "$p99") | $(ratio "$rps") | $cpu_us µs | $note |"
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
    echo "| Dauer dieses Laufs | $elapsed s |"
    echo
    echo "## Ziele"
    echo
    echo "| Ziel | gemessen | |"
    echo "|---|---|---|"
    cached=$(row_field "Artikel (Cache)" 3)
    uncached=$(row_field "Artikel (ohne Cache)" 3)
    echo "| Artikel aus dem Cache ≥ 90 % der Decke | $(ratio "$cached") | $(check "$cached >= 0.9 * $ceiling") |"
    echo "| Artikel ohne Cache ≥ 50 % der Decke | $(ratio "$uncached") | $(check "$uncached >= 0.5 * $ceiling") |"
    for label in "Artikel (Cache)" "Artikel (ohne Cache)"; do
        p99=$(row_field "$label" 5)
        if [ -n "$(row_field "$label" 7)" ]; then
            echo "| p99 < 5 ms bei $connections Verbindungen: $label | $(ms "$p99"); $(row_field "$label" 7) | VERFEHLT |"
        else
            echo "| p99 < 5 ms bei $connections Verbindungen: $label | $p99 ms | $(check "$p99 < 5") |"
        fi
    done
    if [ -n "$data_small" ]; then
        for pair in "Startseite (ohne Cache)|Startseite, klein (ohne Cache)" \
                    "Thema, letzte Seite (ohne Cache)|Thema, letzte Seite, klein (ohne Cache)"; do
            large=$(row_field "${pair%%|*}" 3); small=$(row_field "${pair#*|}" 3)
            factor=$(ratio_of "$small" "$large")
            cpu_factor=$(ratio_of "$(row_field "${pair%%|*}" 6)" "$(row_field "${pair#*|}" 6)")
            echo "| ${pair%% (*} bei $total_articles höchstens 2× so teuer wie bei $small_total Artikeln (Anfragen/s klein ÷ groß; CPU je Anfrage groß ÷ klein) | ${factor}×; CPU ${cpu_factor}× | $(check "$factor <= 2") |"
        done
    else
        echo "| Startseite und Thema höchstens 2× so teuer wie bei 1.000 Artikeln | nicht gemessen (kein kleiner Bestand) | |"
    fi
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
