"""Generates a synthetic industry-structure dataset the size of every municipality in Japan:
1,750 regions × 40 years × 20 sectors (total, 3 parts, 16 sub-sectors) ≈ 1.4 M cells, as
NAME.csv (long format) and NAME.meta.json. Shares are whole units of 0.01 that add up exactly.

  python3 Tests/bench/generate_statistics.py /tmp/big   # writes /tmp/big/japan.csv + japan.meta.json
"""
import json
import os
import random
import sys

REGIONS, YEARS, FIRST_YEAR = 1750, 40, 1981
SUBS = {"primary": ["agriculture", "forestry", "fishing", "mining"],
        "secondary": ["manufacturing", "construction", "utilities", "chemicals", "machinery", "food"],
        "tertiary": ["retail", "finance", "realestate", "transport", "services", "government"]}


def main(folder):
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(42)
    sectors = [{"code": "total", "name": "全産業", "parent": None}]
    for part, subs in SUBS.items():
        sectors.append({"code": part, "name": part, "parent": "total"})
        sectors += [{"code": s, "name": s, "parent": part} for s in subs]
    leaves = [s for subs in SUBS.values() for s in subs]
    regions = [{"code": f"{10000 + i:05d}", "name": f"市{i}", "kind": "municipality"} for i in range(REGIONS)]
    meta = {"dataset": "japan", "measure": "synthetic", "unit": "%", "decimals": 2, "source": "generated",
            "regions": regions, "sectors": sectors}
    with open(os.path.join(folder, "japan.meta.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False)
    with open(os.path.join(folder, "japan.csv"), "w") as f:
        f.write("region,year,sector,value\n")
        for region in regions:
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                weights = [rng.random() + 0.01 for _ in leaves]
                units = [int(w / sum(weights) * 10000) for w in weights]
                units[0] += 10000 - sum(units)
                value = dict(zip(leaves, units))
                for part, subs in SUBS.items():
                    value[part] = sum(value[s] for s in subs)
                for code, u in value.items():
                    f.write(f"{region['code']},{year},{code},{u // 100}.{u % 100:02d}\n")
    print(f"wrote {REGIONS * YEARS * (len(sectors) - 1)} values to {folder}/japan.csv")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/keihin-big")
