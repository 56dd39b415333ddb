#!/usr/bin/env python3
"""Writes a month of submissions for the demo city (ops/demo/generate-org.py), as the files
`civitas codes declare` and `civitas submit materials|inspections|survey|feed` read.

  codes.json        the code registry (civitas.v1.CodeRegistry, proto JSON): 12 material
                    indicators with value kinds, ranges and assigned units, 8 checklist items,
                    2 surveys, 12 feed metrics
  materials.csv     every unit's reports for its assigned indicators for --month, some with
                    small evidence files under evidence/
  inspections.csv   one row per check, at every one of the 320 points during --month
  survey.csv        a wave of --respondents questionnaire responses during --month
  feed.csv          a year of daily values (ending with --month) for 12 metrics, city-wide,
                    and AQI and noise per sub-command
  README.md         what the files hold; every value is a SAMPLE, invented

Python 3, standard library only. The same --seed gives the same files, byte for byte.

usage: generate.py OUT_DIR [--seed N] [--month 2026-10] [--respondents 3000]
"""
import argparse
import calendar
import csv
import datetime
import hashlib
import json
import os
import random

SUBCOMMANDS = [f"sc-{i:02d}" for i in range(1, 11)]
DEPTS = [f"u-dept-{i:02d}" for i in range(1, 52)]
DISTS = [f"u-dist-{i:02d}" for i in range(1, 11)]
ZONES = [f"u-zone-{i:02d}" for i in range(1, 6)]
POINT_TYPES = ["market", "bus_stop", "community", "school_surroundings", "hospital", "park", "street", "station"]
POINTS_PER_SUBCOMMAND = 32

# code, value kind, (min, max) or None, assigned units, sample value generator (rng → value)
INDICATORS = [
    ("m-volunteer-registration-rate", "number", (0, 100), DISTS, lambda r: round(r.uniform(12, 22), 1)),
    ("m-civic-school-coverage", "number", (0, 100), DISTS + ZONES, lambda r: round(r.uniform(85, 100), 1)),
    ("m-garbage-sorting-rate", "number", (0, 100), DISTS + ["u-dept-11", "u-dept-24"], lambda r: round(r.uniform(70, 98), 1)),
    ("m-village-rules-published", "provided", None, DISTS + ZONES, lambda r: r.random() < 0.9),
    ("m-public-service-ads", "number", (0, 100000), ZONES + DISTS, lambda r: r.randint(200, 3000)),
    ("m-work-plan-filed", "provided", None, DEPTS, lambda r: r.random() < 0.95),
    ("m-issues-rectified", "number", (0, 100000), DEPTS[:41], lambda r: r.randint(0, 400)),
    ("m-publicity-events", "number", (0, 10000), DEPTS[:20], lambda r: r.randint(1, 60)),
    ("m-moral-education-hours", "number", (0, 400), ["u-dept-03", "u-dept-30"], lambda r: r.randint(20, 120)),
    ("m-good-people-list", "provided", None, ["u-dept-01", "u-dept-02"], lambda r: True),
    ("m-smoke-free-venue-rate", "number", (0, 100), ["u-dept-17", "u-dept-20"], lambda r: round(r.uniform(80, 99), 1)),
    ("m-civilized-crossing-rate", "number", (0, 100), ["u-dept-04", "u-dept-40"], lambda r: round(r.uniform(88, 99.5), 1)),
]

CHECKLIST = [
    ("clean-environment", "路面、立面整洁，无暴露垃圾"),
    ("orderly-parking", "车辆停放有序，无占道停车"),
    ("public-service-ads", "公益广告设置规范、数量达标"),
    ("queue-order", "排队有序，无插队现象"),
    ("facility-intact", "公共设施完好，无破损"),
    ("no-spitting-smoking", "无随地吐痰、室内公共场所无吸烟"),
    ("barrier-free-access", "无障碍设施畅通可用"),
    ("volunteer-post", "志愿服务站点有人值守"),
]

SURVEYS = [
    ("citizen-satisfaction", [f"q{i:02d}" for i in range(1, 11)], 60),
    ("minors-moral-education", [f"m{i:02d}" for i in range(1, 7)], 45),
]

# code, unit of measure, (min, max), daily sample generator (rng, day of year 0..364, base) → value
FEED_METRICS = [
    ("aqi", "AQI", (0, 500)),
    ("pm25", "μg/m³", (0, 1000)),
    ("noise-day", "dB(A)", (0, 150)),
    ("water-quality-good-rate", "%", (0, 100)),
    ("hotline-complaints", "count", (0, 100000)),
    ("hotline-resolved-rate", "%", (0, 100)),
    ("traffic-violations", "count", (0, 100000)),
    ("bus-on-time-rate", "%", (0, 100)),
    ("garbage-sorted-tonnes", "t", (0, 100000)),
    ("volunteer-hours", "h", (0, 10000000)),
    ("fire-incidents", "count", (0, 10000)),
    ("green-travel-share", "%", (0, 100)),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--month", default="2026-10", help="reporting month YYYY-MM (must be in the past)")
    parser.add_argument("--respondents", type=int, default=3000)
    args = parser.parse_args()
    year, month = (int(x) for x in args.month.split("-"))
    os.makedirs(os.path.join(args.out, "evidence"), exist_ok=True)
    rng = random.Random(args.seed)

    write_codes(args.out)
    counts = {
        "materials": write_materials(args.out, rng, args.month),
        "inspections": write_inspections(args.out, rng, year, month),
        "survey": write_survey(args.out, rng, year, month, args.respondents),
        "feed": write_feed(args.out, rng, year, month),
    }
    write_readme(args.out, args, counts)
    print("wrote " + ", ".join(f"{n} {k} rows" for k, n in counts.items()) + f" and codes.json to {args.out}")


def write_codes(out):
    registry = {
        "indicators": [
            dict(
                {"code": code, "method": "material", "value_kind": kind, "units": units},
                **({"has_range": True, "min": float(rng_[0]), "max": float(rng_[1])} if rng_ else {}),
            )
            for code, kind, rng_, units, _ in INDICATORS
        ],
        "surveys": [
            {"code": code, "questions": questions, "min_duration_seconds": minimum} for code, questions, minimum in SURVEYS
        ],
        "feed_metrics": [
            {"code": code, "unit": unit, "min": float(lo), "max": float(hi)} for code, unit, (lo, hi) in FEED_METRICS
        ],
        "checklist_items": [{"code": code, "description": text} for code, text in CHECKLIST],
    }
    with open(os.path.join(out, "codes.json"), "w", encoding="utf-8") as f:
        json.dump(registry, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_materials(out, rng, period):
    rows = []
    for code, kind, _, units, sample in INDICATORS:
        for unit in units:
            value = sample(rng)
            evidence = ""
            if rng.random() < 0.25:
                name = f"evidence/{unit}-{code}-{period}.txt"
                text = (f"SAMPLE evidence (invented) for {code}, unit {unit}, period {period}.\n"
                        f"样例佐证材料（虚构）：{unit} 报送 {code}，报告期 {period}。\n")
                with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                    f.write(text)
                evidence = name
            if kind == "number":
                rows.append((f"{unit}.{code}.{period}", unit, code, period, value, "", "", evidence))
            else:
                rows.append((f"{unit}.{code}.{period}", unit, code, period, "", "true" if value else "false",
                             "" if value else "尚未完成", evidence))
    write(out, "materials.csv", ["key", "unit", "indicator", "period", "value", "provided", "note", "evidence"], rows)
    return len(rows)


def write_inspections(out, rng, year, month):
    days = calendar.monthrange(year, month)[1]
    inspectors = [f"insp-{i:02d}" for i in range(1, 13)]
    rows = []
    for s, subcommand in enumerate(SUBCOMMANDS):
        for p in range(POINTS_PER_SUBCOMMAND):
            point = f"pt-{s + 1:02d}-{p + 1:03d}"
            for visit in range(1 + (rng.random() < 0.3)):
                day = rng.randint(1, days)
                when = f"{year:04d}-{month:02d}-{day:02d} {rng.randint(8, 17):02d}:{rng.choice([0, 15, 30, 45]):02d}"
                key = f"insp.{point}.{year:04d}{month:02d}{day:02d}.{visit + 1}"
                inspector = rng.choice(inspectors)
                checks = rng.sample(CHECKLIST, rng.randint(4, 6))
                photos = ";".join(hashlib.sha256(f"{key}/{i}".encode()).hexdigest() for i in range(rng.randint(0, 2)))
                lat = f"{30.5 + s * 0.02 + rng.random() * 0.02:.5f}"
                lon = f"{114.2 + (p % 8) * 0.01 + rng.random() * 0.01:.5f}"
                for i, (check, _) in enumerate(checks):
                    passed = rng.random() < 0.86
                    note = "" if passed else rng.choice(["发现问题，已现场整改", "已拍照取证", "责任单位已通知"])
                    first = i == 0
                    rows.append((key, point, inspector, when, check, "1" if passed else "0", note,
                                 photos if first else "", lat if first else "", lon if first else ""))
    write(out, "inspections.csv",
          ["key", "point", "inspector", "observed_at", "check", "passed", "note", "photo_sha256", "latitude", "longitude"], rows)
    return len(rows)


def write_survey(out, rng, year, month, respondents):
    days = calendar.monthrange(year, month)[1]
    code, questions, minimum = SURVEYS[0]
    rows = []
    for i in range(respondents):
        subcommand = SUBCOMMANDS[i % len(SUBCOMMANDS)]
        # Each block has its own mood (a SAMPLE, so the evaluation has differences to find).
        mood = 0.55 + 0.04 * (i % len(SUBCOMMANDS))
        when = datetime.datetime(year, month, rng.randint(1, days), rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))
        duration = rng.randint(minimum // 3, minimum - 1) if rng.random() < 0.02 else rng.randint(minimum, 900)
        answers = []
        for _ in questions:
            if rng.random() < 0.03:
                answers.append("")
            else:
                answers.append(str(5 if rng.random() < mood * 0.6 else 4 if rng.random() < mood else rng.randint(1, 3)))
        rows.append([code, f"r-{i + 1:05d}", subcommand, when.strftime("%Y-%m-%d %H:%M:%S"), duration] + answers)
    write(out, "survey.csv", ["survey", "respondent", "subcommand", "submitted_at", "duration_seconds"] + questions, rows)
    return len(rows)


def write_feed(out, rng, year, month):
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    first = last - datetime.timedelta(days=364)
    rows = []
    for offset in range(365):
        day = first + datetime.timedelta(days=offset)
        stamp = f"{day.isoformat()} 00:00"
        # Winter air is worse (sample).
        season = 1.35 if day.month in (12, 1, 2) else 1.15 if day.month in (11, 3) else 0.9
        city_aqi = max(15, rng.gauss(62 * season, 18))
        values = {
            "aqi": round(city_aqi),
            "pm25": round(city_aqi * 0.62 + rng.gauss(0, 4), 1),
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
        for code, _, _ in FEED_METRICS:
            rows.append((code, "city-data-platform", stamp, values[code], ""))
        for subcommand in SUBCOMMANDS:
            rows.append(("aqi", "env-monitoring", stamp, max(5, round(city_aqi + rng.gauss(0, 12))), subcommand))
            rows.append(("noise-day", "env-monitoring", stamp, round(values["noise-day"] + rng.gauss(0, 2), 1), subcommand))
    write(out, "feed.csv", ["metric", "source", "observed_at", "value", "subcommand"], rows)
    return len(rows)


def write_readme(out, args, counts):
    text = f"""# Demo submissions (SAMPLE data, invented)

Generated by `ops/demo-data/generate.py OUT_DIR --seed {args.seed} --month {args.month} --respondents {args.respondents}`.
Every value here is a **sample**: invented, seeded, and meaningless outside the demo.

| file | rows | load with |
|---|---|---|
| codes.json | {len(INDICATORS)} indicators, {len(CHECKLIST)} checklist items, {len(SURVEYS)} surveys, {len(FEED_METRICS)} feed metrics | `civitas codes declare codes.json` |
| materials.csv | {counts['materials']} | `civitas submit materials materials.csv` (evidence files under evidence/) |
| inspections.csv | {counts['inspections']} (one row per check) | `civitas submit inspections inspections.csv` |
| survey.csv | {counts['survey']} | `civitas submit survey survey.csv` (no key column: keys are derived from content) |
| feed.csv | {counts['feed']} | `civitas submit feed feed.csv` (no key column) |

Times are local (Asia/Shanghai). About 2% of survey responses are faster than the survey's
minimum duration, and about 3% of answers are left empty, so that survey integrity checks have
something to find. Sending any file twice stores nothing new (the keys repeat).
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
