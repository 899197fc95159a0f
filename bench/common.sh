# Shared by bench/load.sh and bench/security-scan.sh (sourced, not run): publishing the app, starting it on a free
# 127.0.0.1 port with its own data folder, creating an account, stopping every process started here by PID.
# Expects $root (the repository) and $scratch (a temporary folder the caller removes) to be set.

export LC_ALL=C DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pids=()

fail() { echo "FEHLER: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

stop() {
    local pid=$1
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

stop_all() {
    local pid
    for pid in "${pids[@]}"; do stop "$pid"; done
    pids=()
}

# A port nobody listens on right now; the kernel picks it, so two runs side by side do not collide.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Installs the named apt packages whose command is missing ("command:package" pairs).
install_missing() {
    local missing=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return
    say "Installiere ${missing[*]}"
    local sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd=sudo
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

# Publishes the site (Release) into $app_dir, or with reuse=1 keeps an existing publish there.
publish_app() {
    local app_dir=$1 reuse=$2
    app_dll=$app_dir/NewsSite.Web.dll
    if [ "$reuse" = 1 ] && [ -f "$app_dll" ]; then
        say "Verwende die veröffentlichte App in ${app_dir#"$root"/}"
        return
    fi
    say "Veröffentliche die App (Release) nach ${app_dir#"$root"/}"
    dotnet publish "$root/src/NewsSite.Web" -c Release -o "$app_dir" -v quiet -nologo >"$scratch/publish.log" 2>&1 \
        || { cat "$scratch/publish.log" >&2; fail "dotnet publish src/NewsSite.Web"; }
}

# The site's settings: Production, its own data and content folders, the request log at warning level so that
# console output does not dominate under load. Extra NAME=value pairs follow (e.g. a rate limit raised for a scan).
site_env() {
    local data_dir=$1 content_dir=$2
    echo "NewsSite__DataDirectory=$data_dir"
    echo "NewsSite__ContentDirectory=$content_dir"
    echo "NewsSite__BaseUrl=$base"
    echo "ASPNETCORE_URLS=$base"
    echo "ASPNETCORE_ENVIRONMENT=Production"
    echo "Serilog__MinimumLevel__Default=Warning"
    echo "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
    echo "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning"
    local extra
    for extra in "${site_extra_env[@]}"; do echo "$extra"; done
}
site_extra_env=()

# Runs one of the app's commands (user add, generate, import) against a data folder; stdin is passed through.
app_command() {
    local data_dir=$1 content_dir=$2; shift 2
    local -a environment
    mapfile -t environment < <(site_env "$data_dir" "$content_dir")
    env "${environment[@]}" dotnet "$app_dll" "$@"
}

start_site() {
    local data_dir=$1 content_dir=$2 log=$3
    local -a environment
    mapfile -t environment < <(site_env "$data_dir" "$content_dir")
    env "${environment[@]}" dotnet "$app_dll" >"$log" 2>&1 &
    site_pid=$!
    pids+=("$site_pid")
    wait_ready "$site_pid" "$log"
}

# Until $base/ answers; stops with the server's log if the process ends or 120 s pass.
wait_ready() {
    local pid=$1 log=$2 _
    for _ in $(seq 600); do
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "der Server hat sich beendet"; }
        if curl -s -o /dev/null --max-time 2 "$base/"; then return 0; fi
        sleep 0.2
    done
    cat "$log" >&2
    fail "der Server antwortet nach 120 s nicht"
}

# An account with a random password that exists only in this run: printed nowhere, handed over on stdin.
add_account() {
    local data_dir=$1 content_dir=$2 name=$3 role=$4 password=$5
    app_command "$data_dir" "$content_dir" user add "$name" --role "$role" <<<"$password" >"$scratch/user-add.log" 2>&1 \
        || { cat "$scratch/user-add.log" >&2; fail "user add $name"; }
}

random_password() {
    python3 -c 'import secrets; print(secrets.token_urlsafe(24))'
}
