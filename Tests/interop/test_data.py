"""The data services with other data, through the real processes."""
import json
import os
import signal
import subprocess

from conftest import BIN, ROOT, Stack
from load import drive

SEED_DATA = os.path.join(ROOT, "Services", "StatisticsService", "Resources", "industry-structure.json")


def modified_dataset(folder):
    """The seed's dataset with a fourth region and other years (2000 and 2015)."""
    data = json.load(open(SEED_DATA))
    data["regions"].append({"code": "14150", "name": "相模原市", "nameEn": "Sagamihara City", "kind": "municipality"})
    values = []
    for v in data["values"]:
        values.append(dict(v, year={1990: 2000, 2010: 2015}[v["year"]]))
    for year, shares in ((2000, ("1.00", "40.00", "59.00")), (2015, ("0.50", "30.00", "69.50"))):
        for sector, value in zip(("primary", "secondary", "tertiary"), shares):
            values.append({"region": "14150", "year": year, "sector": sector, "value": float(value)})
    data["values"] = values
    path = os.path.join(folder, "modified.json")
    json.dump(data, open(path, "w"), ensure_ascii=False)
    return path


def test_report_follows_other_data(tmp_path):
    folder = str(tmp_path)
    stack = Stack()
    try:
        stack.start("statistics", "--data", modified_dataset(folder))
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        content = stack.call("report.compose")["result"]["content"]
        assert "| 相模原市 平成12年 | 相模原市 平成27年 | 相模原市 増減率 |" in content
        # 1.00 → 0.50 is ▲50.0 %; 40.00 → 30.00 is ▲25.0 %; 59.00 → 69.50 is 17.8 %.
        assert "| 第一次産業 | 2.39 | 1.18 | ▲50.6% | 0.06 | 0.08 | 33.3% | 0.14 | 0.10 | ▲28.6% | 1.00 | 0.50 | ▲50.0% |" in content
        assert "| 第二次産業 |" in content and "| 40.00 | 30.00 | ▲25.0% |" in content
        assert "| 59.00 | 69.50 | 17.8% |" in content
        assert "平成2年" not in content
        facts = stack.call("statistics.facts", {"sectors": ["secondary"]})["result"]["sectors"][0]
        assert facts["largestFallInPoints"]["regionName"] == "川崎市"
        assert facts["largestFallInPercent"]["regionName"] == "横浜市"
    finally:
        stack.close()


def write_csv(folder, rows):
    meta = json.load(open(SEED_DATA))
    meta.pop("values")
    json.dump(meta, open(os.path.join(folder, "seed.meta.json"), "w"), ensure_ascii=False)
    with open(os.path.join(folder, "seed.csv"), "w") as f:
        f.write("region,year,sector,value\n" + "".join(f"{r},{y},{s},{v}\n" for r, y, s, v in rows))
    return os.path.join(folder, "seed.csv")


def seed_rows(kawasaki_secondary_2010="29.19", kawasaki_tertiary_2010="70.73"):
    data = json.load(open(SEED_DATA))
    rows = []
    for v in data["values"]:
        value = f"{v['value']:.2f}"
        if v["region"] == "14130" and v["year"] == 2010 and v["sector"] == "secondary":
            value = kawasaki_secondary_2010
        if v["region"] == "14130" and v["year"] == 2010 and v["sector"] == "tertiary":
            value = kawasaki_tertiary_2010
        rows.append((v["region"], v["year"], v["sector"], value))
    return rows


def test_reload_under_load_loses_nothing_and_bad_data_is_refused(tmp_path):
    folder = str(tmp_path)
    path = write_csv(folder, seed_rows())
    stack = Stack()
    try:
        service = stack.start("statistics", "--data", path)
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        reloads = []

        def progress(done):
            if done in (100, 200, 300):
                # Kawasaki 2010: secondary 29.19 → 30.19, tertiary 70.73 → 69.73 (still sums to 100).
                write_csv(folder, seed_rows("30.19", "69.73") if done != 200 else seed_rows("29.19", "70.73"))
                service.p.send_signal(signal.SIGHUP)
                reloads.append(done)

        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 500, 8, on_progress=progress)
        assert reloads == [100, 200, 300]
        assert failures == [] and len(results) == 500
        outcome = stack.call("statistics.reload")["result"]
        assert outcome["reloaded"] is True
        table = stack.call("statistics.industryStructure", {"regions": ["川崎市"], "sectors": ["secondary"]})["result"]
        assert table["rows"][0]["values"] == [53.33, 30.19]
        assert table["rows"][0]["change"]["ratePercent"] == -43.4

        # A bad file: the reload is refused with the place, and the old data stays in service.
        with open(path, "a") as f:
            f.write("14130,2010,fishing,1.00\n")
        refused = stack.call("statistics.reload")
        assert refused["error"]["code"] == -32003
        assert refused["error"]["data"]["detail"] == 'seed.csv:20:12: unknown sector "fishing" (not in the dataset\'s sectors)'
        service.p.send_signal(signal.SIGHUP)
        service.wait_for(r"reload failed")
        again = stack.call("statistics.industryStructure", {"regions": ["川崎市"], "sectors": ["secondary"]})["result"]
        assert again["rows"][0]["values"] == [53.33, 30.19]
    finally:
        stack.close()


def test_a_bad_file_stops_the_service_at_start_with_the_place(tmp_path):
    folder = str(tmp_path)
    path = write_csv(folder, seed_rows("abc"))
    out = subprocess.run([os.path.join(BIN, "statistics-service"), "--data", path, "--connect", "tcp://127.0.0.1:1"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 65
    assert 'seed.csv:11:22: not a number: "abc"' in out.stderr
