#!/usr/bin/env bash
# Bounded load test: wrk on an article, the home page and the RSS feed while an editor publishes and edits an
# article every second; then checks that nothing was lost (see bench/README.md). Talks to 127.0.0.1 only. Every
# process it starts is stopped on exit, by PID.
set -euo pipefail

usage() {
    cat <<'EOF'
Aufruf: bash bench/load.sh [--quick] [--duration <s>] [--connections <n>] [--data <ordner>] [--reuse-app]
  --duration <s>      Dauer der Last in Sekunden (60)
  --connections <n>   offene Verbindungen insgesamt, auf die drei Seiten verteilt (64)
  --quick             10 s statt 60 s: prüft das Skript
  --data <ordner>     Datenordner (mit newssite.db), der kopiert und belastet wird; sonst 1.000 erzeugte Artikel
                      in bench/.data/ (einmal erzeugt, wie bei bench/run.sh)
  --reuse-app         die schon nach bench/.out/app veröffentlichte App verwenden
Umgebung: LOAD_TIMEOUT (10s, wrk: langsamere Antworten zählen als Fehler), LOAD_ARTICLES (1000), LOAD_TAGS (2000), LOAD_SEED (1)
EOF
}

cd "$(dirname "$0")/.."
root=$PWD
bench=$root/bench

duration=60
connections=64
data=""
reuse=0
while [ $# -gt 0 ]; do
    case $1 in
        --quick) duration=10 ;;
        --duration) duration=${2:?--duration braucht Sekunden}; duration=${duration%s}; shift ;;
        --connections) connections=${2:?--connections braucht eine Zahl}; shift ;;
        --data) data=$(realpath "${2:?--data braucht einen Ordner}"); shift ;;
        --reuse-app) reuse=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Unbekannte Option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
[[ $duration =~ ^[0-9]+$ && $duration -ge 2 ]] || { echo "--duration: ganze Sekunden, mindestens 2" >&2; exit 2; }
[[ $connections =~ ^[0-9]+$ && $connections -ge 3 ]] || { echo "--connections: mindestens 3" >&2; exit 2; }
timeout=${LOAD_TIMEOUT:-10s}
articles=${LOAD_ARTICLES:-1000}
tags=${LOAD_TAGS:-2000}
seed=${LOAD_SEED:-1}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/newssite-load.XXXXXX")
# shellcheck source=bench/common.sh
source "$bench/common.sh"
cleanup() { stop_all; rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
install_missing wrk:wrk sqlite3:sqlite3 curl:curl python3:python3
port=$(free_port)
base=http://127.0.0.1:$port
publish_app "$bench/.out/app" "$reuse"
mkdir -p "$scratch/empty-content"

# ---------------------------------------------------------------- data: a copy, since the editor writes into it
if [ -z "$data" ]; then
    data=$bench/.data/articles-$articles-tags-$tags-seed-$seed
    if [ ! -f "$data/newssite.db" ]; then
        say "Erzeuge $articles Artikel mit $tags Themen in ${data#"$root"/} (einmalig)"
        rm -rf "$data.partial" && mkdir -p "$data.partial"
        app_command "$data.partial" "$scratch/empty-content" generate --articles "$articles" --tags "$tags" \
            --data "$data.partial" --seed "$seed" >"$scratch/generate.log" 2>&1 \
            || { cat "$scratch/generate.log" >&2; rm -rf "$data.partial"; fail "generate"; }
        mv "$data.partial" "$data"
    fi
fi
[ -f "$data/newssite.db" ] || fail "$data/newssite.db gibt es nicht"
say "Kopiere ${data#"$root"/}"
# The SQLite backup API, not cp: a consistent copy even of a database some other process has open.
mkdir -p "$scratch/data"
sqlite3 "$data/newssite.db" ".backup '$scratch/data/newssite.db'" || fail "Kopie von $data/newssite.db"
[ -d "$data/images" ] && cp -a "$data/images" "$scratch/data/"
db=$scratch/data/newssite.db

editor=lasttest
password=$(random_password)
add_account "$scratch/data" "$scratch/empty-content" "$editor" editor "$password"

# The article under load is the one the editor edits: the newest published one, the home page's lead story.
now=$(date -u +%Y-%m-%dT%H:%M:%S.0000000Z)
read -r article_id article_slug < <(sqlite3 -readonly -batch -noheader -separator ' ' "$db" \
    "SELECT id, slug FROM articles WHERE is_draft = 0 AND trashed_at IS NULL AND published_at <= '$now'
     ORDER BY published_at DESC, id DESC LIMIT 1;") || fail "kein veröffentlichter Artikel in $data"
revisions_before=$(sqlite3 -readonly -batch -noheader "$db" "SELECT count(*) FROM revisions;")
articles_before=$(sqlite3 -readonly -batch -noheader "$db" "SELECT count(*) FROM articles;")

say "Starte die Website auf $base (Production, Ausgabe-Cache an)"
start_site "$scratch/data" "$scratch/empty-content" "$scratch/site.log"

labels=("Artikel" "Startseite" "RSS")
paths=("/artikel/$article_slug" "/" "/rss.xml")
# The connections split as evenly as they go: 64 → 22, 21, 21.
per_url=()
for i in "${!paths[@]}"; do per_url+=($(( connections / 3 + (i < connections % 3 ? 1 : 0) ))); done
for path in "${paths[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$base$path")
    [ "$code" = 200 ] || fail "$base$path antwortet mit $code"
done

# ---------------------------------------------------------------- load and editor side by side
run=$(date +%H%M%S)
say "Last: wrk -t1 -c${per_url[0]}/${per_url[1]}/${per_url[2]} -d${duration}s --timeout $timeout, dazu ein Redakteur im Sekundentakt (Lauf $run)"
wrk_pids=()
for i in "${!paths[@]}"; do
    wrk -t1 -c"${per_url[$i]}" -d"${duration}s" --timeout "$timeout" --latency -s "$bench/wrk-report.lua" "$base${paths[$i]}" \
        >"$scratch/wrk-$i.txt" 2>&1 &
    wrk_pids+=($!); pids+=($!)
done
python3 "$bench/editor.py" loop --base "$base" --name "$editor" --article "$article_id" --db "$db" \
    --duration "$duration" --run "$run" --out "$scratch/editor.json" <<<"$password" >"$scratch/editor.log" 2>&1 &
editor_pid=$!; pids+=("$editor_pid")
site_cpu_before=$(awk '{ print $14 + $15 }' "/proc/$site_pid/stat")

wrk_failed=0
for pid in "${wrk_pids[@]}"; do wait "$pid" || wrk_failed=1; done
editor_status=0
wait "$editor_pid" || editor_status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
site_cpu_after=$(awk '{ print $14 + $15 }' "/proc/$site_pid/stat")
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$site_pid/status")
kill -0 "$site_pid" 2>/dev/null || fail "die Website ist während der Last abgestürzt"

# ---------------------------------------------------------------- figures and verdict
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }
problems=()
rows=()
total_requests=0
for i in "${!paths[@]}"; do
    line=$(grep '^BENCH ' "$scratch/wrk-$i.txt" || true)
    if [ -z "$line" ]; then
        cat "$scratch/wrk-$i.txt" >&2
        problems+=("wrk auf ${paths[$i]} lieferte kein Ergebnis")
        continue
    fi
    requests=$(field requests "$line"); errors=$(field errors "$line")
    timeouts=$(field timeouts "$line"); status=$(field status "$line")
    total_requests=$((total_requests + requests))
    [ "$errors" = 0 ] || problems+=("${labels[$i]}: $errors Socketfehler")
    [ "$timeouts" = 0 ] || problems+=("${labels[$i]}: $timeouts Anfragen über $timeout")
    [ "$status" = 0 ] || problems+=("${labels[$i]}: $status Antworten nicht 2xx/3xx")
    rows+=("${labels[$i]}|${paths[$i]}|$(field rps "$line")|$(field p50 "$line")|$(field p90 "$line")|$(field p99 "$line")|$requests|$errors|$timeouts|$status")
done
[ "$wrk_failed" = 0 ] || problems+=("ein wrk-Prozess endete mit einem Fehler")

editor_summary() {
    python3 - "$scratch/editor.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
edits, created = r["edits"], r["created"]
print(f"edits={len(edits)} edits_ok={sum(e['ok'] for e in edits)} created={len(created)} "
      f"created_ok={sum(c['ok'] for c in created)} markers={r.get('revisions_with_marker', 0)} "
      f"last_visible={r.get('last_edit_visible', False)}")
for line in r["failures"] + r.get("lost", []):
    print("PROBLEM " + line)
EOF
}
if [ -f "$scratch/editor.json" ]; then
    summary=$(editor_summary)
    first=$(head -n 1 <<<"$summary")
    while IFS= read -r line; do problems+=("Redakteur: ${line#PROBLEM }"); done < <(grep '^PROBLEM ' <<<"$summary" || true)
else
    cat "$scratch/editor.log" >&2
    first=""
    problems+=("die Redakteurs-Schleife lieferte kein Ergebnis (Status $editor_status)")
fi
[ "$editor_status" = 0 ] || [ ${#problems[@]} -gt 0 ] || problems+=("die Redakteurs-Schleife endete mit Status $editor_status")
revisions_after=$(sqlite3 -readonly -batch -noheader "$db" "SELECT count(*) FROM revisions;")
articles_after=$(sqlite3 -readonly -batch -noheader "$db" "SELECT count(*) FROM articles;")
errors_logged=$(grep -cE '^\[[0-9:]+ (ERR|FTL)\]' "$scratch/site.log" || true)
[ "$errors_logged" = 0 ] || problems+=("das Protokoll der Website enthält $errors_logged Fehlerzeilen")

verdict=PASS
[ ${#problems[@]} -eq 0 ] || verdict=FAIL
stop "$site_pid"

stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$bench/results"
report=$bench/results/load-$stamp.md
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ram=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
clock_ticks=$(getconf CLK_TCK)
{
    echo "# NewsSite-Lasttest $stamp$([ "$duration" -lt 60 ] && echo " (${duration} s)")"
    echo
    echo "Rechner: $(nproc) Kerne, $cpu, $ram RAM; dotnet $(dotnet --version); $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')."
    echo "Bestand: $articles_before Artikel (Kopie von ${data#"$root"/}); belastet: Artikel $article_id (/artikel/$article_slug)."
    echo "Last (loadavg 1/5/15 min): vorher $load_before, nachher $load_after. wrk, Redakteur und Website teilen sich die Kerne."
    echo "Messung: je Seite ein wrk -t1 -d${duration}s --timeout $timeout --latency, alle drei gleichzeitig mit zusammen $connections Verbindungen (${per_url[0]}/${per_url[1]}/${per_url[2]});"
    echo "dazu meldet sich ein Redakteur über das Anmeldeformular an und speichert im Sekundentakt abwechselnd eine Bearbeitung"
    echo "dieses Artikels und einen neuen Artikel (Formular mit Antiforgery-Token, „Veröffentlichen“)."
    echo
    echo "| Seite | Pfad | Anfragen/s | p50 | p90 | p99 | Anfragen | Socketfehler | über $timeout | nicht 2xx/3xx |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in "${rows[@]}"; do
        IFS='|' read -r label path rps p50 p90 p99 requests errors timeouts status <<<"$row"
        echo "| $label | \`$path\` | $(printf '%.0f' "$rps") | $p50 ms | $p90 ms | $p99 ms | $requests | $errors | $timeouts | $status |"
    done
    echo
    echo "| Redakteur und Datenbank | Wert |"
    echo "|---|---|"
    if [ -n "$first" ]; then
        echo "| Bearbeitungen gespeichert (302 des Formulars) / versucht | $(field edits_ok "$first") / $(field edits "$first") |"
        echo "| Neue Artikel veröffentlicht / versucht | $(field created_ok "$first") / $(field created "$first") |"
        echo "| Versionen mit einer Marke dieses Laufs in der Datenbank | $(field markers "$first") |"
        echo "| Artikelseite zeigt danach die letzte Bearbeitung | $(field last_visible "$first") |"
    fi
    echo "| Versionen vorher → nachher | $revisions_before → $revisions_after |"
    echo "| Artikel vorher → nachher | $articles_before → $articles_after |"
    echo "| CPU der Website während der Last | $(awk -v t="$((site_cpu_after - site_cpu_before))" -v c="$clock_ticks" -v d="$duration" 'BEGIN { printf "%.0f s in %d s (%.0f %% eines Kerns)", t / c, d, t / c / d * 100 }') |"
    echo "| Arbeitsspeicher der Website danach (VmRSS) | $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f MiB", k / 1024 }') |"
    echo "| Fehlerzeilen im Protokoll der Website | $errors_logged |"
    echo "| Dauer dieses Laufs | $(( $(date +%s) - started )) s |"
    echo
    if [ "$verdict" = PASS ]; then
        echo "**PASS**: keine Fehlantwort, kein Socketfehler, jede Speicherung bestätigt und als Version vorhanden, jeder neue Artikel erreichbar, die Artikelseite zeigt die letzte Bearbeitung."
    else
        echo "**FAIL**:"
        echo
        for p in "${problems[@]}"; do echo "- $p"; done
    fi
} >"$report"

echo
cat "$report"
echo
echo "Gespeichert in ${report#"$root"/}"
echo "$verdict"
[ "$verdict" = PASS ]
