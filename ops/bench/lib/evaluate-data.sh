# Shared by ops/bench/evaluate and ops/bench/crosscheck: the month of data both measure.
# Source it after ops/bench/lib/server.sh, with `bin` (release bin path) and `work`
# (scratch directory) set. It sets `framework` and `period`; load_evaluate_data sets `db`,
# `records` and `cutoff`.
framework=frameworks/model-city.json
period=2026-10

# load_evaluate_data NAME RESPONDENTS
# Generates about 1,000,000 records for one month (the demo city, the sample model-city
# framework, data from ops/demo-data/generate.py with its planted anomalies, plus hourly
# feeds and daily inspection rounds), loads them through the real client over TLS into
# tenant bench-city, and stops the server. Progress goes to stderr, prefixed with NAME.
load_evaluate_data() {
  local name=$1 respondents=$2
  echo "$name: generating the month's data" >&2
  python3 ops/demo/generate-org.py "$work/org" >/dev/null
  python3 ops/demo-data/generate.py "$work/demo" --seed 11 --month "$period" --respondents "$respondents" >/dev/null
  python3 - "$framework" "$work/demo" <<'PY'
# More of what a month brings: hourly readings of every feed metric per sub-command, and a
# daily round of three checks at every inspection point.
import csv, json, random, sys
framework, out = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
rng = random.Random(5)
subcommands = [f"sc-{i:02d}" for i in range(1, 11)]
with open(f"{out}/feed-hourly.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["metric", "source", "observed_at", "value", "subcommand"])
    for metric in framework["feed_metrics"]:
        low, high = metric["min"], metric["max"]
        span = min(high - low, 200.0)
        for sub in subcommands:
            for day in range(1, 32):
                for hour in range(24):
                    value = round(low + rng.random() * span * 0.6, 1)
                    w.writerow([metric["code"], f"sensor-{sub}", f"2026-10-{day:02d} {hour:02d}:15", value, sub])
checks = [c["code"] for c in framework["checklist_items"]]
points = [row["id"] for row in csv.DictReader(open(f"{out}/../org/points.csv", encoding="utf-8"))]
with open(f"{out}/inspections-daily.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["key", "point", "inspector", "observed_at", "check", "passed", "note", "photo_sha256", "latitude", "longitude"])
    for point in points:
        for day in range(1, 32):
            key = f"round.{point}.{day:02d}"
            inspector, at = f"insp-{rng.randint(1, 20):02d}", f"2026-10-{day:02d} 09:{rng.randint(0, 59):02d}"
            for check in rng.sample(checks, 3):
                w.writerow([key, point, inspector, at, check, int(rng.random() < 0.88), "", "", "", ""])
PY
  echo "$name: loading the tenant through civitas submit (TLS)" >&2
  start_server
  CIVITAS_TOKEN_FILE=$work/data/operator.token "$bin/civitas-admin" tenant create bench-city --name "Benchmark city" >/dev/null
  CIVITAS_TOKEN_FILE=$work/data/operator.token "$bin/civitas-admin" credential issue --tenant bench-city --role hq 2>/dev/null >"$work/hq.token"
  export CIVITAS_TOKEN_FILE=$work/hq.token
  for kind in subcommands units points; do "$bin/civitas" org import "$work/org/$kind.csv" >/dev/null; done
  "$bin/civitas" framework publish "$framework" >/dev/null
  for file in materials inspections inspections-daily survey feed feed-hourly; do
    channel=${file%%-*}
    "$bin/civitas" submit "$channel" "$work/demo/$file.csv" --batch-size 2000 >"$work/submit.out" 2>"$work/submit.err" || { cat "$work/submit.err" >&2; exit 1; }
    echo "  $file: $(tail -1 "$work/submit.out")" >&2
  done
  stop_server
  db=$work/data/tenants/bench-city.sqlite
  records=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM material_report) + (SELECT count(*) FROM inspection_record) + (SELECT count(*) FROM survey_response) + (SELECT count(*) FROM feed_point)")
  cutoff=$(sqlite3 "$db" "SELECT last FROM sequence_counter")
}
