-- wrk's done hook: one machine-readable line for bench/run.sh and bench/load.sh (latency in microseconds from wrk, printed in ms).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50=%.3f p90=%.3f p99=%.3f requests=%d errors=%d timeouts=%d status=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(90) / 1000,
    latency:percentile(99) / 1000,
    summary.requests,
    e.connect + e.read + e.write,
    e.timeout,
    e.status))
end
