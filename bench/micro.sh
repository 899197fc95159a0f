#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks (see bench/README.md): Markdown render + sanitize, and the related-articles query
# on the large corpus (and the small one, if there) that bench/run.sh generated into bench/.data, or on the data
# folders given as NEWSSITE_BENCH_DATA / NEWSSITE_BENCH_DATA_SMALL. Further arguments go to BenchmarkDotNet,
# e.g. bash bench/micro.sh --filter '*Related*' --job short
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

newest() { find bench/.data -maxdepth 1 -type d -name "articles-$1-*" 2>/dev/null | sort | tail -n 1; }
if [ -z "${NEWSSITE_BENCH_DATA:-}" ]; then
    NEWSSITE_BENCH_DATA=$(newest "${BENCH_ARTICLES:-100000}")
fi
if [ -z "${NEWSSITE_BENCH_DATA_SMALL:-}" ]; then
    NEWSSITE_BENCH_DATA_SMALL=$(newest "${BENCH_SMALL_ARTICLES:-1000}")
fi
export NEWSSITE_BENCH_DATA NEWSSITE_BENCH_DATA_SMALL

args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
exec dotnet run -c Release --project bench/NewsSite.Benchmarks -- --artifacts bench/.out/micro "${args[@]}"
