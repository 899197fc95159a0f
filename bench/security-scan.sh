#!/usr/bin/env bash
# Security scanners against a local instance: sqlmap on the search, an article address and a tag page's page
# number; wapiti on the whole site, anonymous and logged in (see bench/README.md and docs/security.md).
# Talks to 127.0.0.1 only. Every process it starts is stopped on exit, by PID.
set -euo pipefail

usage() {
    cat <<'EOF'
Aufruf: bash bench/security-scan.sh [--quick] [--sqlmap-time <s>] [--wapiti-time <s>] [--role admin|editor]
                                    [--with-rate-limits] [--reuse-app] [--only sqlmap|wapiti]
  --quick             sqlmap mit --level 1 --risk 1, kurze Zeitgrenzen (60 s je sqlmap-Ziel, 120 s je wapiti-Lauf)
  --sqlmap-time <s>   Zeitgrenze je sqlmap-Ziel (600)
  --wapiti-time <s>   Zeitgrenze je wapiti-Lauf, --max-scan-time (600)
  --role <rolle>      Rolle des Kontos für den angemeldeten wapiti-Lauf (editor); admin prüft auch die
                      Kontenverwaltung, ohne deren Formulare „Passwort setzen“ und „Löschen“
  --with-rate-limits  die Anfragegrenzen für Suche und Anmeldung nicht anheben (die Scanner sehen dann 429)
  --reuse-app         die schon nach bench/.out/app veröffentlichte App verwenden
  --only <scanner>    nur sqlmap oder nur wapiti
Berichte: bench/.out/scan-<zeit>/ (nicht im Repository).
EOF
}

cd "$(dirname "$0")/.."
root=$PWD
bench=$root/bench

quick=0
sqlmap_time=600
wapiti_time=600
role=editor
rate_limits=0
reuse=0
only=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1; sqlmap_time=60; wapiti_time=120 ;;
        --sqlmap-time) sqlmap_time=${2:?--sqlmap-time braucht Sekunden}; shift ;;
        --wapiti-time) wapiti_time=${2:?--wapiti-time braucht Sekunden}; shift ;;
        --role) role=${2:?--role braucht admin oder editor}; shift ;;
        --with-rate-limits) rate_limits=1 ;;
        --reuse-app) reuse=1 ;;
        --only) only=${2:?--only braucht sqlmap oder wapiti}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Unbekannte Option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
[[ $role = admin || $role = editor ]] || { echo "--role: admin oder editor" >&2; exit 2; }
[[ -z $only || $only = sqlmap || $only = wapiti ]] || { echo "--only: sqlmap oder wapiti" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/newssite-scan.XXXXXX")
# shellcheck source=bench/common.sh
source "$bench/common.sh"
cleanup() { stop_all; rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing sqlmap:sqlmap wapiti:wapiti curl:curl python3:python3
out=$bench/.out/scan-$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$out"
port=$(free_port)
base=http://127.0.0.1:$port
publish_app "$bench/.out/app" "$reuse"

# The scanners send thousands of searches and logins from one address; with the site's per-address limits they
# would mostly see 429 and test the limiter instead of the page behind it. Unknown keys are ignored by older builds.
if [ "$rate_limits" = 0 ]; then
    site_extra_env=(NewsSite__SearchRequestsPerMinute=1000000 NewsSite__LoginRequestsPerMinute=1000000
        NewsSite__SearchesAtOncePerAddress=1000 NewsSite__SearchesAtOnce=1000)
fi

say "Starte die Website auf $base (Production, Inhalt: content/)"
start_site "$scratch/data" "$root/content" "$out/site.log"
account=scan-$role
password=$(random_password)
add_account "$scratch/data" "$root/content" "$account" "$role" "$password"

db=$scratch/data/newssite.db
now=$(date -u +%Y-%m-%dT%H:%M:%S.0000000Z)
visible="a.is_draft = 0 AND a.trashed_at IS NULL AND a.published_at <= '$now'"
article_slug=$(sqlite3 -readonly -batch -noheader "$db" "SELECT slug FROM articles a WHERE $visible ORDER BY published_at DESC LIMIT 1;")
tag_slug=$(sqlite3 -readonly -batch -noheader "$db" "SELECT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.id
    JOIN articles a ON a.id = at.article_id WHERE $visible GROUP BY t.id ORDER BY count(*) DESC LIMIT 1;")
[ -n "$article_slug" ] && [ -n "$tag_slug" ] || fail "kein veröffentlichter Artikel mit Thema in content/"
curl -s -D "$out/headers-home.txt" -o /dev/null "$base/"
curl -s -D "$out/headers-admin-login.txt" -o /dev/null "$base/admin/anmelden"

{
    echo "Ziel: $base (Production), Bestand: content/ ($(sqlite3 -readonly "$db" 'SELECT count(*) FROM articles;') Artikel)"
    echo "Commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo ' (mit Änderungen)')"
    echo "sqlmap $(sqlmap --version 2>/dev/null | head -n 1), $(wapiti --version 2>/dev/null | tail -n 1)"
    echo "Anfragegrenzen: $([ "$rate_limits" = 1 ] && echo 'wie konfiguriert' || echo 'für den Scan angehoben')"
} >"$out/summary.txt"

# ---------------------------------------------------------------- sqlmap
sqlmap_target() {
    local name=$1 url=$2; shift 2
    local level=3 risk=2 status=0
    [ "$quick" = 1 ] && { level=1; risk=1; }
    say "sqlmap: $name ($url), höchstens $sqlmap_time s"
    timeout --signal=INT --kill-after=10 "$sqlmap_time" \
        sqlmap -u "$url" "$@" --batch --level "$level" --risk "$risk" --threads 2 --timeout 15 --retries 1 \
        --output-dir "$out/sqlmap" --flush-session --disable-coloring --answers="custom injection marker=Y" \
        </dev/null >"$out/sqlmap-$name.log" 2>&1 || status=$?
    local verdict
    if grep -q "identified the following injection point" "$out/sqlmap-$name.log"; then
        verdict="INJIZIERBAR (siehe sqlmap-$name.log)"
    elif grep -q "do not appear to be injectable\|does not seem to be injectable" "$out/sqlmap-$name.log" && [ "$status" != 124 ]; then
        verdict="nicht injizierbar (--level $level --risk $risk, fertig)"
    elif [ "$status" = 124 ]; then
        verdict="keine Injektion gefunden, aber nach $sqlmap_time s abgebrochen (unvollständig)"
    else
        verdict="unklar, Status $status (siehe sqlmap-$name.log)"
    fi
    echo "sqlmap $name: $verdict" | tee -a "$out/summary.txt" >&2
}

if [ "$only" != wapiti ]; then
    sqlmap_target suche "$base/suche?q=wahl" -p q
    sqlmap_target artikel "$base/artikel/$article_slug*"
    sqlmap_target thema-seite "$base/thema/$tag_slug?seite=1" -p seite
fi

# ---------------------------------------------------------------- wapiti
# Modules: every injection and header check wapiti has that needs no outside server. ssrf and xxe would need
# wapiti's public endpoint (also pointed at a closed local port below), nikto/wapp/buster fetch or guess lists.
modules=xss,permanentxss,csrf,redirect,http_headers,csp,cookieflags,crlf,exec,file,sql,blindsql,methods,backup,htaccess,shellshock
# wapiti 3.0.4 (Debian 12) builds its -x patterns as "...\\Z(?ms)", which Python 3.11 refuses ("global flags not at
# the start"): any -x stops it. Run its entry point with that one function corrected; without -x the logged-in scan
# would submit the logout form and go on as a stranger.
wapiti_patched='
import re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda pattern: re.compile(
    "(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
'
wapiti_run() {
    local name=$1; shift
    say "wapiti: $name, höchstens $wapiti_time s"
    local status=0
    # Debian's wapiti asks for brotli ("gzip, deflate, br") without python3-brotli to decode it: the site's
    # compressed pages would reach it as noise with no links to crawl. And it fetches its Wappalyzer database from
    # the web when loading modules: a proxy on a closed local port keeps every request but the site's on this host.
    # wapiti checks --max-scan-time between requests only, and then still writes its report: a hard limit on top.
    http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 no_proxy=127.0.0.1 \
    timeout --signal=INT --kill-after=30 "$(( wapiti_time * 2 + 120 ))" \
    /usr/bin/python3 -c "$wapiti_patched" -u "$base/" --scope folder -m "$modules" -d 6 --max-links-per-page 40 --max-files-per-dir 30 \
        --max-scan-time "$wapiti_time" --max-attack-time "$(( wapiti_time / 4 ))" -t 15 \
        --endpoint "http://127.0.0.1:9/" --no-bugreport --flush-session \
        --store-session "$out/wapiti-session-$name" --store-config "$out/wapiti-config" \
        -x "$base/admin/abmelden" -x "$base/admin/abmelden?*" \
        -H "Accept-Encoding: gzip, deflate" -f json -o "$out/wapiti-$name.json" -v 1 "$@" </dev/null >"$out/wapiti-$name.log" 2>&1 || status=$?
    [ "$status" = 0 ] || echo "wapiti $name endete mit Status $status (siehe wapiti-$name.log)" | tee -a "$out/summary.txt" >&2
    grep -h "Wapiti found" "$out/wapiti-$name.log" | sed "s/^\[\*\] /wapiti $name: /" | tee -a "$out/summary.txt" >&2 || true
    python3 - "$out/wapiti-$name.json" "$name" <<'EOF' | tee -a "$out/summary.txt" >&2
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except (OSError, ValueError) as e:
    print(f"wapiti {sys.argv[2]}: kein Bericht ({e})")
    sys.exit(0)
total = sum(len(v) for section in ("vulnerabilities", "anomalies") for v in report.get(section, {}).values())
print(f"wapiti {sys.argv[2]}: {total} Funde (Schwachstellen und Anomalien)")
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, findings in sorted(report.get(section, {}).items()):
        if not findings:
            continue
        print(f"  {section} / {category}: {len(findings)}")
        seen = set()
        for f in findings:
            key = (f.get("info"), f.get("path"), f.get("parameter"))
            if key in seen:
                continue
            seen.add(key)
            param = f" [{f['parameter']}]" if f.get("parameter") else ""
            print(f"    {f.get('method', '')} {f.get('path', '')}{param}: {f.get('info', '').splitlines()[0] if f.get('info') else ''}")
EOF
}

if [ "$only" != sqlmap ]; then
    wapiti_run anonym
    python3 "$bench/editor.py" cookie --base "$base" --name "$account" --out "$out/cookies.json" <<<"$password" >"$out/login.log" 2>&1 \
        || { cat "$out/login.log" >&2; fail "Anmeldung für den angemeldeten wapiti-Lauf"; }
    # An admin's account list has a "set password" and a "remove" form for every account, the scanner's own
    # included: wapiti submits them with valid tokens and its own values, which ends its session (as it should).
    admin_only=()
    [ "$role" = admin ] && admin_only=(-x "$base/admin/konten?handler=Password*" -x "$base/admin/konten?handler=Remove*")
    wapiti_run angemeldet -c "$out/cookies.json" -s "$base/admin" -s "$base/admin/artikel/neu" "${admin_only[@]}"
    # The session must have lasted the scan, or the admin forms were not attacked.
    if curl -s -o /dev/null -w '%{http_code}' -H @"$out/cookies.json.header" "$base/admin" | grep -q '^200$'; then
        echo "wapiti angemeldet: die Sitzung war am Ende noch gültig" | tee -a "$out/summary.txt" >&2
    else
        echo "wapiti angemeldet: die Sitzung war am Ende NICHT mehr gültig (Teile des Admin-Bereichs evtl. ungeprüft)" | tee -a "$out/summary.txt" >&2
    fi
fi

errors=$(grep -cE '^\[[0-9:]+ (ERR|FTL)\]' "$out/site.log" || true)
echo "Fehlerzeilen (ERR/FTL) im Protokoll der Website: $errors" >>"$out/summary.txt"
stop "$site_pid"
echo
cat "$out/summary.txt"
echo
echo "Berichte in ${out#"$root"/}"
