#!/usr/bin/env python3
"""The plain-SQL baseline of ops/bench/evaluate: computes every leaf value `v` of a framework
for the city and every sub-command straight from a tenant's SQLite file with the sqlite3
command line, following DOMAIN §3.1 and §5 independently of the Swift engine.

One statement per channel (each table is scanned once, as a careful analyst would write it);
only the few hundred aggregate rows they return are combined here in Python. Prints the
sqlite3 wall time and writes {scope: {leaf: v or null}} as JSON.

usage: evaluate_baseline.py DB FRAMEWORK.json PERIOD(YYYY-MM) CUTOFF OUT.json
Assumes a fixed-offset zone for local days (Asia/Shanghai, +08:00, has no DST).
"""
import calendar
import csv
import datetime
import io
import json
import subprocess
import sys
import time

ZONES = {"Asia/Shanghai": 8}


def period_bounds(period, offset_hours):
    year, month = map(int, period.split("-"))
    tz = datetime.timezone(datetime.timedelta(hours=offset_hours))
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    last = calendar.monthrange(year, month)[1]
    end = datetime.datetime(year, month, last, tzinfo=tz) + datetime.timedelta(days=1)
    return int(start.timestamp() * 1000), int(end.timestamp() * 1000)


def leaves(framework):
    for category in framework["categories"]:
        for item in category["items"]:
            for leaf in item["indicators"]:
                yield leaf


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def statements(framework, start, end, cutoff, offset_ms):
    window = f"BETWEEN {start} AND {end - 1}"
    out = {}
    out["material"] = f"""
SELECT m.indicator, m.unit_id, IFNULL(u.subcommand_id, ''), m.value, m.provided FROM (
  SELECT indicator, unit_id, value, provided,
         ROW_NUMBER() OVER (PARTITION BY unit_id, indicator ORDER BY period_end DESC, sequence DESC) AS rn
  FROM material_report WHERE period_start >= {start} AND period_end <= {end} AND sequence <= {cutoff}
) m LEFT JOIN unit u ON u.id = m.unit_id WHERE m.rn = 1;"""
    out["inspection"] = f"""
SELECT c.check_code, IFNULL(p.subcommand_id, ''), SUM(c.passed), COUNT(*)
FROM inspection_record r JOIN inspection_check c ON c.sequence = r.sequence
LEFT JOIN inspection_point p ON p.id = r.point_id
WHERE r.observed_at {window} AND r.sequence <= {cutoff}
GROUP BY c.check_code, p.subcommand_id;"""
    # Surveys: the earliest response per (survey, respondent) by submitted time then
    # sequence, and neither too fast nor straight-lined (≥ 5 answers, all equal).
    minimum = " ".join(f"WHEN {quote(s['code'])} THEN {int(s.get('min_duration_seconds', 0))}" for s in framework["surveys"])
    answered = "(length(answers) - length(replace(answers, '=', '')))"
    same = " OR ".join(f"(length(answers) - length(replace(answers, '={d}', ''))) / 2 = {answered}" for d in range(1, 6))
    questions = sorted({(leaf["measure"]["survey"], leaf["measure"]["question"]) for leaf in leaves(framework) if leaf["method"] == "survey"})
    # Each referenced answer is extracted once per valid response (a MATERIALIZED CTE: SQLite
    # would otherwise re-evaluate the string functions inside every aggregate below).
    extract, columns = [], []
    for index, (survey, question) in enumerate(questions):
        pattern = f";{question}="
        position = f"instr(';' || answers, {quote(pattern)})"
        extract.append(
            f"CASE WHEN survey = {quote(survey)} AND {position} > 0 "
            f"THEN CAST(substr(';' || answers, {position} + {len(pattern)}, 1) AS INTEGER) END AS a{index}"
        )
        columns += [f"COUNT(a{index})", f"TOTAL(a{index})"] + [f"SUM(a{index} >= {k})" for k in range(1, 6)]
    out["survey"] = f"""
WITH valid AS MATERIALIZED (
  SELECT subcommand_id, {", ".join(extract)} FROM (
    SELECT survey, subcommand_id, answers, duration_seconds,
           ROW_NUMBER() OVER (PARTITION BY survey, respondent ORDER BY submitted_at, sequence) AS rn
    FROM survey_response WHERE submitted_at {window} AND sequence <= {cutoff}
  ) WHERE rn = 1 AND duration_seconds >= (CASE survey {minimum} ELSE 0 END)
    AND NOT ({answered} >= 5 AND ({same}))
)
SELECT IFNULL(subcommand_id, ''), {", ".join(columns)} FROM valid GROUP BY subcommand_id;"""
    out["feed"] = f"""
SELECT metric, IFNULL(subcommand_id, ''), (observed_at + {offset_ms}) / 86400000 AS day, COUNT(*), SUM(value)
FROM feed_point WHERE observed_at {window} AND sequence <= {cutoff}
GROUP BY metric, subcommand_id, day;"""
    out["feed_last"] = f"""
SELECT metric, IFNULL(subcommand_id, ''), value, observed_at, sequence FROM (
  SELECT metric, subcommand_id, value, observed_at, sequence,
         ROW_NUMBER() OVER (PARTITION BY metric, subcommand_id ORDER BY observed_at DESC, sequence DESC) AS rn
  FROM feed_point WHERE observed_at {window} AND sequence <= {cutoff}
) WHERE rn = 1;"""
    return out, questions


def run_sqlite(db, sql_by_name):
    script = "".join(f".print @@{name}\n{sql}\n" for name, sql in sql_by_name.items())
    started = time.monotonic()
    result = subprocess.run(["sqlite3", "-readonly", "-csv", db], input=script, capture_output=True, text=True, check=True)
    seconds = time.monotonic() - started
    sections, current = {}, None
    for row in csv.reader(io.StringIO(result.stdout)):
        if len(row) == 1 and row[0].startswith("@@"):
            current = row[0][2:]
            sections[current] = []
        elif row:
            sections[current].append(row)
    return seconds, sections


def meets(op, value, bound):
    return {">=": value >= bound, "<=": value <= bound, ">": value > bound, "<": value < bound}[op]


def leaf_values(framework, sections, questions, units_by_id, subcommands):
    scopes = ["city"] + [f"subcommand:{s}" for s in subcommands]
    material = {}
    for indicator, unit, sub, value, provided in sections.get("material", []):
        material[(indicator, unit)] = (sub, float(value) if value != "" else None, provided == "1")
    inspection = {}
    for check, sub, passed, total in sections.get("inspection", []):
        inspection[(check, sub)] = (int(passed), int(total))
    survey = {}
    for row in sections.get("survey", []):
        sub, numbers = row[0], [int(float(x or 0)) for x in row[1:]]
        for index, key in enumerate(questions):
            survey[(key, sub)] = numbers[index * 7:(index + 1) * 7]
    feed_days, feed_last = {}, {}
    for metric, sub, day, count, total in sections.get("feed", []):
        feed_days.setdefault((metric, sub), {})[int(day)] = (int(count), float(total))
    for metric, sub, value, observed, sequence in sections.get("feed_last", []):
        feed_last[(metric, sub)] = (int(observed), int(sequence), float(value))

    def in_scope(sub, scope):
        return scope == "city" or scope == f"subcommand:{sub}"

    result = {scope: {} for scope in scopes}
    for leaf in leaves(framework):
        measure, method = leaf["measure"], leaf["method"]
        for scope in scopes:
            if method == "material":
                units = [u for u in leaf["units"] if in_scope(units_by_id.get(u, ""), scope)]
                if not units:
                    continue
                reported = [material[(leaf["code"], u)] for u in units if (leaf["code"], u) in material]
                kind = measure["kind"]
                if kind in ("all", "share"):
                    samples = len(reported)
                    provided = sum(1 for _, _, p in reported if p)
                    v = None if samples == 0 else (provided / len(units) if kind == "share" else (1.0 if provided == len(units) else 0.0))
                else:
                    numbers = [value for _, value, _ in reported if value is not None]
                    samples = len(numbers)
                    v = None if not numbers else {"sum": sum(numbers), "mean": sum(numbers) / len(numbers), "min": min(numbers), "max": max(numbers)}[kind]
            elif method == "inspection":
                passed = sum(p for (check, sub), (p, t) in inspection.items() if check == measure["check"] and in_scope(sub, scope))
                samples = sum(t for (check, sub), (p, t) in inspection.items() if check == measure["check"] and in_scope(sub, scope))
                v = passed / samples if samples else None
            elif method == "survey":
                key = (measure["survey"], measure["question"])
                rows = [numbers for (k, sub), numbers in survey.items() if k == key and in_scope(sub, scope)]
                samples = sum(r[0] for r in rows)
                if samples == 0:
                    v = None
                elif measure["kind"] == "satisfied_rate":
                    v = sum(r[1 + measure["satisfied_at"]] for r in rows) / samples
                else:
                    v = (sum(r[1] for r in rows) / samples - 1) / 4
            else:
                if scope != "city" and not leaf.get("per_block"):
                    continue
                buckets = [days for (metric, sub), days in feed_days.items() if metric == measure["metric"] and in_scope(sub, scope)]
                kind = measure["kind"]
                if kind == "ratio_days":
                    merged = {}
                    for days in buckets:
                        for day, (count, total) in days.items():
                            c, t = merged.get(day, (0, 0.0))
                            merged[day] = (c + count, t + total)
                    samples = len(merged)
                    condition = measure["condition"]
                    good = sum(1 for count, total in merged.values() if meets(condition["op"], total / count, condition["value"]))
                    v = good / samples if samples else None
                else:
                    count = sum(c for days in buckets for c, _ in days.values())
                    total = sum(t for days in buckets for _, t in days.values())
                    samples = count
                    if count == 0:
                        v = None
                    elif kind == "sum":
                        v = total
                    elif kind == "mean":
                        v = total / count
                    else:
                        lasts = [last for (metric, sub), last in feed_last.items() if metric == measure["metric"] and in_scope(sub, scope)]
                        v = max(lasts)[2]
            if v is not None and samples < leaf.get("min_samples", 0):
                v = None
            result[scope][leaf["code"]] = v
    return result


def main():
    db, framework_path, period, cutoff, out = sys.argv[1:6]
    framework = json.load(open(framework_path, encoding="utf-8"))
    offset = ZONES[framework.get("time_zone", "Asia/Shanghai")]
    start, end = period_bounds(period, offset)
    sql, questions = statements(framework, start, end, int(cutoff), offset * 3600 * 1000)
    sql["units"] = "SELECT id, IFNULL(subcommand_id, '') FROM unit;"
    sql["subcommands"] = "SELECT id FROM subcommand WHERE active = 1 ORDER BY id;"
    seconds, sections = run_sqlite(db, sql)
    units = {unit: sub for unit, sub in sections.get("units", [])}
    subcommands = [row[0] for row in sections.get("subcommands", [])]
    values = leaf_values(framework, sections, [tuple(q) for q in questions], units, subcommands)
    json.dump(values, open(out, "w"), indent=1, sort_keys=True)
    print(f"{seconds:.3f}")


if __name__ == "__main__":
    main()
