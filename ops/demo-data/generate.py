#!/usr/bin/env python3
"""Writes a month of submissions for the demo city (ops/demo/generate-org.py) that cover every
code of a framework document (default: frameworks/model-city.json), as the files
`civitas codes declare` and `civitas submit materials|inspections|survey|feed` read.

  codes.json        the framework's code registry (civitas.v1.CodeRegistry, proto JSON): every
                    indicator with its method (material ones with value kind, range and units),
                    the surveys, feed metrics and checklist items — the same codes that
                    publishing the framework declares
  materials.csv     a report from every assigned unit for every material indicator for --month,
                    some with small evidence files under evidence/
  inspections.csv   one row per check, at every one of the 320 points during --month; the checks
                    of a visit depend on the kind of point (markets get market-order, …)
  survey.csv        a wave of --respondents citizen responses and a third as many for the minors'
                    survey during --month (one column per question of either survey)
  feed.csv          a year of daily values (ending with --month) for every feed metric, city-wide,
                    and AQI and noise per sub-command; good-air days (AQI ≤ 100) are ~90% in autumn
  README.md         what the files hold; every value is a SAMPLE, invented

--plant-anomalies (default on; --no-plant-anomalies to leave them out) adds what the cross-checks
must find: one inflated material report, one evidence file reported by two units, and a batch
of straight-lining survey responses. All of them pass the submission rules.

Python 3, standard library only. The same --seed gives the same files, byte for byte.

usage: generate.py OUT_DIR [--seed N] [--month 2026-10] [--respondents 3000] [--framework FILE]
                           [--plant-anomalies | --no-plant-anomalies]
"""
import argparse
import calendar
import csv
import datetime
import hashlib
import json
import os
import random

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUBCOMMANDS = [f"sc-{i:02d}" for i in range(1, 11)]
POINT_TYPES = ["market", "bus_stop", "community", "school_surroundings", "hospital", "park", "street", "station"]
POINTS_PER_SUBCOMMAND = 32

# Checks every visit may record, and the checks that belong to a kind of point (sample).
GENERAL_CHECKS = ["clean-environment", "facility-intact", "public-service-ads", "no-spitting-smoking"]
CHECKS_BY_POINT_TYPE = {
    "market": ["market-order", "garbage-sorting", "queue-order"],
    "bus_stop": ["orderly-parking", "queue-order", "barrier-free-access"],
    "community": ["community-service", "garbage-sorting", "volunteer-post"],
    "school_surroundings": ["school-surroundings-order", "orderly-parking"],
    "hospital": ["queue-order", "barrier-free-access", "volunteer-post", "orderly-parking"],
    "park": ["garbage-sorting", "volunteer-post"],
    "street": ["orderly-parking", "barrier-free-access"],
    "station": ["station-order", "queue-order", "volunteer-post", "barrier-free-access"],
}

# What --plant-anomalies plants (codes of the model-city sample; skipped when absent).
INFLATED = ("m-volunteer-registration-rate", "u-dist-03", 0.48)
SHARED_EVIDENCE = ("m-civilized-crossing-rate", ["u-dept-04", "u-dept-40"])
STRAIGHT_LINERS = 24


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--month", default="2026-10", help="reporting month YYYY-MM (must be in the past)")
    parser.add_argument("--respondents", type=int, default=3000)
    parser.add_argument("--framework", default=os.path.join(REPO, "frameworks", "model-city.json"))
    parser.add_argument("--plant-anomalies", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    year, month = (int(x) for x in args.month.split("-"))
    os.makedirs(os.path.join(args.out, "evidence"), exist_ok=True)
    rng = random.Random(args.seed)
    with open(args.framework, encoding="utf-8") as f:
        framework = json.load(f)
    leaves = [leaf for category in framework["categories"] for item in category["items"] for leaf in item["indicators"]]

    write_codes(args.out, framework, leaves)
    counts = {
        "materials": write_materials(args.out, rng, args.month, leaves, args.plant_anomalies),
        "inspections": write_inspections(args.out, rng, year, month, framework),
        "survey": write_survey(args.out, rng, year, month, args.respondents, framework, args.plant_anomalies),
        "feed": write_feed(args.out, rng, year, month, framework),
    }
    write_readme(args.out, args, framework, leaves, counts)
    print("wrote " + ", ".join(f"{n} {k} rows" for k, n in counts.items()) + f" and codes.json to {args.out}")


def write_codes(out, framework, leaves):
    """The registry publishing the framework declares (Framework.codeRegistry), as proto JSON."""
    indicators = []
    for leaf in leaves:
        entry = {"code": leaf["code"], "method": leaf["method"]}
        if leaf["method"] == "material":
            entry["value_kind"] = leaf["value_kind"]
            if "range" in leaf:
                entry.update({"has_range": True, "min": float(leaf["range"]["min"]), "max": float(leaf["range"]["max"])})
            entry["units"] = leaf["units"]
        indicators.append(entry)
    registry = {
        "indicators": indicators,
        "surveys": framework.get("surveys", []),
        "feed_metrics": [dict(m, min=float(m["min"]), max=float(m["max"])) for m in framework.get("feed_metrics", [])],
        "checklist_items": framework.get("checklist_items", []),
    }
    with open(os.path.join(out, "codes.json"), "w", encoding="utf-8") as f:
        json.dump(registry, f, ensure_ascii=False, indent=2)
        f.write("\n")


def sample_number(rng, leaf):
    """A plausible report for a number leaf: mostly between its floor and a little past its
    target, so the evaluation has both full and partial scores to show."""
    scoring, low, high = leaf["scoring"], leaf["range"]["min"], leaf["range"]["max"]
    if scoring["rule"] == "linear":
        floor, target = scoring["floor"], scoring["target"]
        value = floor + (target - floor) * rng.uniform(0.55, 1.12)
    elif scoring["rule"] == "threshold":
        value = scoring["target"] * rng.uniform(0.97, 1.02)
    else:
        value = rng.uniform(low, high)
    if leaf["measure"]["kind"] == "sum":  # the target is for the sum over the units
        value /= len(leaf["units"])
    value = min(high, max(low, value))
    return round(value, 3) if high <= 1 else round(value, 1) if high <= 100 else int(round(value))


def write_materials(out, rng, period, leaves, plant):
    rows = []
    shared_code, shared_units = SHARED_EVIDENCE
    shared_name = f"evidence/shared-{shared_code}-{period}.txt"
    for leaf in (leaf for leaf in leaves if leaf["method"] == "material"):
        code = leaf["code"]
        for unit in leaf["units"]:
            evidence = ""
            if plant and code == shared_code and unit in shared_units:
                # Two units hand in the very same file: the duplicate-evidence cross-check's case.
                write_text(out, shared_name, f"SAMPLE evidence (invented): one survey report for {code}, {period}.\n")
                evidence = shared_name
            elif rng.random() < 0.25:
                name = f"evidence/{unit}-{code}-{period}.txt"
                write_text(out, name, f"SAMPLE evidence (invented) for {code}, unit {unit}, period {period}.\n"
                                      f"样例佐证材料（虚构）：{unit} 报送 {code}，报告期 {period}。\n")
                evidence = name
            key = f"{unit}.{code}.{period}"
            if leaf["value_kind"] == "number":
                value = sample_number(rng, leaf)
                if plant and (code, unit) == INFLATED[:2]:
                    value = INFLATED[2]  # far above its peers, inside the declared range
                rows.append((key, unit, code, period, value, "", "", evidence))
            else:
                provided = rng.random() < 0.92
                rows.append((key, unit, code, period, "", "true" if provided else "false", "" if provided else "尚未完成", evidence))
    write(out, "materials.csv", ["key", "unit", "indicator", "period", "value", "provided", "note", "evidence"], rows)
    return len(rows)


def write_text(out, name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def write_inspections(out, rng, year, month, framework):
    declared = {item["code"] for item in framework.get("checklist_items", [])}
    days = calendar.monthrange(year, month)[1]
    inspectors = [f"insp-{i:02d}" for i in range(1, 13)]
    rows = []
    for s in range(len(SUBCOMMANDS)):
        care = rng.uniform(-0.06, 0.05)  # each block's diligence (sample)
        for p in range(POINTS_PER_SUBCOMMAND):
            point = f"pt-{s + 1:02d}-{p + 1:03d}"
            kind = POINT_TYPES[p % len(POINT_TYPES)]
            for visit in range(1 + (rng.random() < 0.3)):
                day = rng.randint(1, days)
                when = f"{year:04d}-{month:02d}-{day:02d} {rng.randint(8, 17):02d}:{rng.choice([0, 15, 30, 45]):02d}"
                key = f"insp.{point}.{year:04d}{month:02d}{day:02d}.{visit + 1}"
                inspector = rng.choice(inspectors)
                checks = [c for c in GENERAL_CHECKS + CHECKS_BY_POINT_TYPE[kind] if c in declared]
                photos = ";".join(hashlib.sha256(f"{key}/{i}".encode()).hexdigest() for i in range(rng.randint(0, 2)))
                lat = f"{30.5 + s * 0.02 + rng.random() * 0.02:.5f}"
                lon = f"{114.2 + (p % 8) * 0.01 + rng.random() * 0.01:.5f}"
                for i, check in enumerate(checks):
                    passed = rng.random() < 0.86 + care
                    note = "" if passed else rng.choice(["发现问题，已现场整改", "已拍照取证", "责任单位已通知"])
                    first = i == 0
                    rows.append((key, point, inspector, when, check, "1" if passed else "0", note,
                                 photos if first else "", lat if first else "", lon if first else ""))
    write(out, "inspections.csv",
          ["key", "point", "inspector", "observed_at", "check", "passed", "note", "photo_sha256", "latitude", "longitude"], rows)
    return len(rows)


def write_survey(out, rng, year, month, respondents, framework, plant):
    days = calendar.monthrange(year, month)[1]
    surveys = framework.get("surveys", [])
    columns = [q for survey in surveys for q in survey["questions"]]
    rows = []
    for index, survey in enumerate(surveys):
        count = respondents if index == 0 else respondents // 3
        for i in range(count):
            subcommand = SUBCOMMANDS[i % len(SUBCOMMANDS)]
            # Each block has its own mood (a SAMPLE, so the evaluation has differences to find).
            mood = 0.55 + 0.04 * (i % len(SUBCOMMANDS))
            when = datetime.datetime(year, month, rng.randint(1, days), rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))
            minimum = survey["min_duration_seconds"]
            duration = rng.randint(minimum // 3, max(minimum // 3, minimum - 1)) if rng.random() < 0.02 else rng.randint(minimum, 900)
            answers = {}
            for question in survey["questions"]:
                if rng.random() >= 0.03:  # about 3% of answers are left empty
                    answers[question] = str(5 if rng.random() < mood * 0.6 else 4 if rng.random() < mood else rng.randint(1, 3))
            respondent = f"r-{index + 1}-{i + 1:05d}"
            rows.append([survey["code"], respondent, subcommand, when.strftime("%Y-%m-%d %H:%M:%S"), duration]
                        + [answers.get(q, "") for q in columns])
    if plant and surveys:
        # A batch of straight-liners: every question answered 5, from one block on one evening.
        survey = surveys[0]
        for i in range(STRAIGHT_LINERS):
            when = datetime.datetime(year, month, min(days, 20), 21, i, 7)
            rows.append([survey["code"], f"r-batch-{i + 1:03d}", SUBCOMMANDS[6], when.strftime("%Y-%m-%d %H:%M:%S"),
                         survey["min_duration_seconds"] + 5] + ["5" if q in survey["questions"] else "" for q in columns])
    write(out, "survey.csv", ["survey", "respondent", "subcommand", "submitted_at", "duration_seconds"] + columns, rows)
    return len(rows)


def daily_values(rng, day):
    """One day's city-wide value of every known metric (samples). Autumn and winter air is worse:
    the monthly mean AQI is chosen so that about 90% of October's days are good (AQI ≤ 100)."""
    mean_aqi = {12: 84, 1: 84, 2: 80, 11: 76, 3: 74, 10: 70, 4: 68}.get(day.month, 56)
    city_aqi = max(15, rng.gauss(mean_aqi, 22))
    return {
        "aqi": round(city_aqi),
        "pm25": round(max(1, city_aqi * 0.62 + rng.gauss(0, 4)), 1),
        "noise-day": round(rng.gauss(54, 2.5), 1),
        "water-quality-good-rate": round(min(100, rng.gauss(93, 2.5)), 1),
        "hotline-complaints": max(0, round(rng.gauss(420, 60))),
        "hotline-resolved-rate": round(min(100, rng.gauss(96, 1.5)), 1),
        "traffic-violations": max(0, round(rng.gauss(800, 120))),
        "bus-on-time-rate": round(min(100, rng.gauss(91, 3)), 1),
        "garbage-sorted-tonnes": round(rng.gauss(1800, 150), 1),
        "volunteer-hours": max(0, round(rng.gauss(12000, 2500))),
        "fire-incidents": max(0, round(rng.gauss(3, 1.5))),
        "green-travel-share": round(min(100, rng.gauss(72, 3)), 1),
    }


def write_feed(out, rng, year, month, framework):
    metrics = [m["code"] for m in framework.get("feed_metrics", [])]
    unknown = set(metrics) - set(daily_values(random.Random(0), datetime.date(year, month, 1)))
    if unknown:
        raise SystemExit(f"generate.py has no sample generator for the feed metric(s) {', '.join(sorted(unknown))}")
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    first = last - datetime.timedelta(days=364)
    rows = []
    for offset in range(365):
        day = first + datetime.timedelta(days=offset)
        stamp = f"{day.isoformat()} 00:00"
        values = daily_values(rng, day)
        for code in metrics:
            rows.append((code, "city-data-platform", stamp, values[code], ""))
        for subcommand in SUBCOMMANDS:
            if "aqi" in metrics:
                rows.append(("aqi", "env-monitoring", stamp, max(5, round(values["aqi"] + rng.gauss(0, 12))), subcommand))
            if "noise-day" in metrics:
                rows.append(("noise-day", "env-monitoring", stamp, round(values["noise-day"] + rng.gauss(0, 2), 1), subcommand))
    write(out, "feed.csv", ["metric", "source", "observed_at", "value", "subcommand"], rows)
    return len(rows)


def write_readme(out, args, framework, leaves, counts):
    methods = {m: sum(1 for leaf in leaves if leaf["method"] == m) for m in ("material", "inspection", "survey", "feed")}
    anomalies = ("With --plant-anomalies (the default) the data also holds: an inflated report "
                 f"({INFLATED[0]} from {INFLATED[1]}), one evidence file reported by {' and '.join(SHARED_EVIDENCE[1])} "
                 f"for {SHARED_EVIDENCE[0]}, and {STRAIGHT_LINERS} straight-lining survey responses (r-batch-…)."
                 if args.plant_anomalies else "No anomalies were planted (--no-plant-anomalies).")
    text = f"""# Demo submissions (SAMPLE data, invented)

Generated by `ops/demo-data/generate.py OUT_DIR --seed {args.seed} --month {args.month} --respondents {args.respondents}`
for the framework `{framework['code']}` ({os.path.relpath(args.framework, REPO)}).
Every value here is a **sample**: invented, seeded, and meaningless outside the demo.

| file | rows | load with |
|---|---|---|
| codes.json | {len(leaves)} indicators ({methods['material']} material, {methods['inspection']} inspection, {methods['survey']} survey, {methods['feed']} feed), {len(framework.get('checklist_items', []))} checklist items, {len(framework.get('surveys', []))} surveys, {len(framework.get('feed_metrics', []))} feed metrics | `civitas codes declare codes.json` |
| materials.csv | {counts['materials']} | `civitas submit materials materials.csv` (evidence files under evidence/) |
| inspections.csv | {counts['inspections']} (one row per check) | `civitas submit inspections inspections.csv` |
| survey.csv | {counts['survey']} | `civitas submit survey survey.csv` (no key column: keys are derived from content) |
| feed.csv | {counts['feed']} | `civitas submit feed feed.csv` (no key column) |

Times are local (Asia/Shanghai). About 2% of survey responses are faster than the survey's
minimum duration, and about 3% of answers are left empty, so that survey integrity checks have
something to find. {anomalies} Sending any file twice stores nothing new (the keys repeat).
"""
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


def write(directory, name, header, rows):
    with open(os.path.join(directory, name), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


if __name__ == "__main__":
    main()
