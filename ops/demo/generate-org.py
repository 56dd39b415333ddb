#!/usr/bin/env python3
"""Writes the demo city's organization as the three CSV files `civitas org import` reads.

The shape follows the seed report's city: one HQ (总指挥部), 10 sub-commands (创建分指挥部)
and "51+10+5" responsible units — 51 municipal departments, 10 district governments and
5 functional zones — plus a few hundred inspection points of the kinds inspectors visit.
Names are invented samples. The output is the same for the same --seed.

usage: generate-org.py OUT_DIR [--seed N] [--points-per-subcommand N]
"""
import argparse
import csv
import os
import random

DISTRICTS = ["城东区", "城西区", "城南区", "城北区", "中心区", "江滨区", "高新区", "开发区", "湖滨区", "山前区"]
ZONES = ["高铁新城", "临港产业园", "科教园区", "文旅度假区", "综合保税区"]
DEPARTMENTS = [
    "市委宣传部", "市文明办", "市教育局", "市公安局", "市民政局", "市司法局", "市财政局", "市人社局",
    "市自然资源局", "市生态环境局", "市住建局", "市交通运输局", "市水利局", "市农业农村局", "市商务局",
    "市文化广电旅游局", "市卫生健康委", "市退役军人局", "市应急管理局", "市市场监管局", "市体育局",
    "市统计局", "市医保局", "市城管局", "市园林局", "市机关事务局", "市信访局", "市大数据局", "市政务服务局",
    "市团委", "市妇联", "市总工会", "市科协", "市残联", "市红十字会", "市工商联", "市融媒体中心",
    "市气象局", "市消防救援支队", "市交警支队", "市供电公司", "市水务集团", "市公交集团", "市邮政分公司",
    "市移动分公司", "市电信分公司", "市联通分公司", "市火车站", "市机场", "市客运中心", "市图书馆",
]
POINT_TYPES = [
    ("market", "农贸市场"), ("bus_stop", "公交站台"), ("community", "社区"), ("school_surroundings", "学校周边"),
    ("hospital", "医院"), ("park", "公园广场"), ("street", "主次干道"), ("station", "车站"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--points-per-subcommand", type=int, default=32)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    assert len(DEPARTMENTS) == 51

    subcommands = [(f"sc-{i + 1:02d}", f"第{i + 1}创建分指挥部（{d}）") for i, d in enumerate(DISTRICTS)]
    write(args.out, "subcommands.csv", ["id", "name"], subcommands)

    units = []
    # 41 departments serve in a sub-command's block; the last 10 stay HQ's own lines of work.
    for i, name in enumerate(DEPARTMENTS):
        block = subcommands[i % 10][0] if i < 41 else ""
        units.append((f"u-dept-{i + 1:02d}", name, block))
    for i, district in enumerate(DISTRICTS):
        units.append((f"u-dist-{i + 1:02d}", f"{district}人民政府", subcommands[i][0]))
    for i, zone in enumerate(ZONES):
        units.append((f"u-zone-{i + 1:02d}", f"{zone}管委会", subcommands[i][0]))
    write(args.out, "units.csv", ["id", "name", "subcommand"], units)

    points = []
    for s, (sc_id, _) in enumerate(subcommands):
        for p in range(args.points_per_subcommand):
            kind, label = POINT_TYPES[p % len(POINT_TYPES)]
            lat = 30.5 + s * 0.02 + rng.random() * 0.02
            lon = 114.2 + (p % 8) * 0.01 + rng.random() * 0.01
            points.append((
                f"pt-{s + 1:02d}-{p + 1:03d}", f"{DISTRICTS[s]}{label}{p // len(POINT_TYPES) + 1}号", sc_id, kind,
                f"{DISTRICTS[s]}{rng.choice(['人民', '解放', '建设', '和平', '文化', '中山'])}路{rng.randint(1, 300)}号",
                f"{lat:.5f}", f"{lon:.5f}",
            ))
    write(args.out, "points.csv", ["id", "name", "subcommand", "type", "address", "latitude", "longitude"], points)
    print(f"wrote {len(subcommands)} sub-commands, {len(units)} units, {len(points)} points to {args.out}")


def write(directory, name, header, rows):
    with open(os.path.join(directory, name), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


if __name__ == "__main__":
    main()
