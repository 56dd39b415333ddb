#!/usr/bin/env python3
"""Checks that the demo data generator still runs and still fits the framework and the demo
organization: the same seed gives the same bytes, codes.json declares exactly the framework's
codes, every material unit exists in the organization and reports, every checklist item is
inspected, every survey question answered, every feed metric fed, and October's good-air ratio
is realistic. Exit status 0 when all hold; each failure is printed.

usage: check.py [--framework FILE]   (run from anywhere; writes only to a temporary directory)
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def run(*args):
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", default=os.path.join(REPO, "frameworks", "model-city.json"))
    args = parser.parse_args()
    failures = []
    with open(args.framework, encoding="utf-8") as f:
        framework = json.load(f)
    leaves = [leaf for c in framework["categories"] for i in c["items"] for leaf in i["indicators"]]

    with tempfile.TemporaryDirectory() as tmp:
        org, first, second = (os.path.join(tmp, name) for name in ("org", "a", "b"))
        run(os.path.join(REPO, "ops", "demo", "generate-org.py"), org)
        for out in (first, second):
            run(os.path.join(HERE, "generate.py"), out, "--seed", "1", "--framework", args.framework)
        for name in sorted(os.listdir(first)):
            path = os.path.join(first, name)
            if os.path.isfile(path) and open(path, "rb").read() != open(os.path.join(second, name), "rb").read():
                failures.append(f"{name} differs between two runs with --seed 1")

        units = {row["id"] for row in rows(os.path.join(org, "units.csv"))}
        codes = json.load(open(os.path.join(first, "codes.json"), encoding="utf-8"))
        if {entry["code"] for entry in codes["indicators"]} != {leaf["code"] for leaf in leaves}:
            failures.append("codes.json does not declare exactly the framework's indicators")
        reported = {(row["indicator"], row["unit"]) for row in rows(os.path.join(first, "materials.csv"))}
        for leaf in (leaf for leaf in leaves if leaf["method"] == "material"):
            for unit in leaf["units"]:
                if unit not in units:
                    failures.append(f"{leaf['code']}: unit {unit} is not in the demo organization")
                if (leaf["code"], unit) not in reported:
                    failures.append(f"{leaf['code']}: no report from {unit}")
        inspected = {row["check"] for row in rows(os.path.join(first, "inspections.csv"))}
        for item in framework["checklist_items"]:
            if item["code"] not in inspected:
                failures.append(f"checklist item {item['code']} is never inspected")
        answers = rows(os.path.join(first, "survey.csv"))
        for survey in framework["surveys"]:
            for question in survey["questions"]:
                if not any(r["survey"] == survey["code"] and r.get(question) for r in answers):
                    failures.append(f"survey {survey['code']}: question {question} is never answered")
        feed = rows(os.path.join(first, "feed.csv"))
        for metric in framework["feed_metrics"]:
            if not any(r["metric"] == metric["code"] for r in feed):
                failures.append(f"feed metric {metric['code']} has no values")
        october = [float(r["value"]) for r in feed if r["metric"] == "aqi" and not r["subcommand"] and r["observed_at"].startswith("2026-10")]
        ratio = sum(v <= 100 for v in october) / max(1, len(october))
        if not 0.75 <= ratio <= 1.0:
            failures.append(f"October's good-air ratio is {ratio:.2f}, not a realistic ~0.9")

    for failure in failures:
        print("FAIL:", failure)
    print("ok: the demo data fits the framework and the organization" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
