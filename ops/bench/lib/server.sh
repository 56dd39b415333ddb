# Shared by the benchmarks: a release civitasd in a scratch directory with one tenant, its
# HQ token, the small demo organization and a code registry. Source it after setting
# `bin` (release bin path) and `work` (scratch directory).

start_server() {
  "$bin/civitasd" --data "$work/data" --port 0 --log-level warning "$@" >"$work/out" 2>"$work/log" &
  server=$!
  for _ in $(seq 1 150); do
    grep -q "ready on" "$work/out" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.2
  done
  address=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/out" | head -1)
  export CIVITAS_SERVER=$address CIVITAS_CA=$work/data/tls/ca.pem
}

stop_server() {
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
}

# Peak resident set of the server so far, in MB (VmHWM).
server_peak_rss_mb() {
  awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"
}

make_bench_tenant() {
  CIVITAS_TOKEN_FILE=$work/data/operator.token "$bin/civitas-admin" tenant create bench-city --name "Benchmark city" >/dev/null
  CIVITAS_TOKEN_FILE=$work/data/operator.token "$bin/civitas-admin" credential issue --tenant bench-city --role hq 2>/dev/null >"$work/hq.token"
  export CIVITAS_TOKEN_FILE=$work/hq.token
  python3 ops/demo/generate-org.py "$work/org" >/dev/null
  for kind in subcommands units points; do "$bin/civitas" org import "$work/org/$kind.csv" >/dev/null; done
  cat >"$work/codes.json" <<'JSON'
{
  "indicators": [
    {"code": "m-rate", "method": "material", "value_kind": "number", "has_range": true, "min": 0, "max": 100,
     "units": ["u-dept-01", "u-dept-02", "u-dept-03", "u-dept-04", "u-dept-05", "u-dist-01", "u-dist-02", "u-dist-03"]}
  ],
  "surveys": [{"code": "s-wave", "questions": ["q1","q2","q3","q4","q5","q6","q7","q8","q9","q10"], "min_duration_seconds": 60}],
  "feed_metrics": [{"code": "aqi", "unit": "AQI", "min": 0, "max": 500}],
  "checklist_items": [{"code": "c-clean", "description": "clean"}]
}
JSON
  "$bin/civitas" codes declare "$work/codes.json" >/dev/null
}
