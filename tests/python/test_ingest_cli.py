"""lfc ingest end to end, checked against pandas computing the same days from
the raw files (an independent implementation of the aggregation rules)."""
import json
import subprocess

import numpy as np
import pandas as pd
import pytest


def run(lfc, *args):
    return subprocess.run([lfc, *args], capture_output=True, text=True)


def write_config(path, text):
    path.write_text(text)
    return str(path)


def test_sample_daily_matches_pandas(lfc, sample_dir, tmp_path):
    out = tmp_path / "out"
    r = run(lfc, "ingest", "--config", str(sample_dir / "project.yaml"), "--out", str(out),
            "--quiet")
    assert r.returncode == 0, r.stderr
    daily = pd.read_csv(out / "daily.csv", parse_dates=["date"]).set_index("date")
    raw = pd.read_csv(sample_dir / "region_load.csv", parse_dates=["time"])
    raw = raw.groupby("time", as_index=False).load_mw.mean()  # duplicates: mean
    by_day = raw.groupby(raw.time.dt.normalize()).load_mw
    clean = by_day.count() == 24  # days with every hour present and no gap
    energy, peak = by_day.sum()[clean], by_day.max()[clean]
    assert clean.sum() > 1400
    np.testing.assert_allclose(daily.loc[energy.index, "energy_mwh"], energy, rtol=1e-9)
    np.testing.assert_allclose(daily.loc[peak.index, "peak_mw"], peak, rtol=1e-9)
    lf = energy / 24 / peak
    np.testing.assert_allclose(daily.loc[lf.index, "load_factor"], lf, rtol=1e-6)
    # monthly energy = sum of the days; yearly peak = max of the daily peaks
    monthly = pd.read_csv(out / "monthly.csv")
    jan = monthly[monthly.period == "2023-01"].iloc[0]
    days = daily.loc["2023-01", "energy_mwh"]
    assert jan.energy_mwh == pytest.approx(days.sum(), rel=1e-6)
    assert jan.peak_mw == pytest.approx(daily.loc["2023-01", "peak_mw"].max(), rel=1e-6)


def test_json_output_parses(lfc, sample_dir, tmp_path):
    r = run(lfc, "ingest", "--config", str(sample_dir / "project.yaml"), "--out",
            str(tmp_path), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["name"] == "Sample City"
    assert len(doc["monthly"]) == 48


def test_nsw_every_day_matches_pandas(lfc, data_dir, tmp_path):
    cfg = write_config(tmp_path / "nsw.yaml", f"""
name: NSW
load:
  path: {data_dir}/aus_elec/nsw_halfhourly.csv
  layout: long
  time_column: time
  value_column: demand_mw
  temperature_column: temperature_c
output:
  dir: {tmp_path}/out
""")
    r = run(lfc, "ingest", "--config", cfg, "--quiet")
    assert r.returncode == 0, r.stderr
    daily = pd.read_csv(tmp_path / "out" / "daily.csv", parse_dates=["date"]).set_index("date")
    raw = pd.read_csv(f"{data_dir}/aus_elec/nsw_halfhourly.csv", parse_dates=["time"])
    g = raw.groupby(raw.time.dt.normalize())
    np.testing.assert_allclose(daily.energy_mwh, g.demand_mw.sum() * 0.5, rtol=1e-9)
    np.testing.assert_allclose(daily.peak_mw, g.demand_mw.max(), rtol=1e-9)
    np.testing.assert_allclose(daily.min_mw, g.demand_mw.min(), rtol=1e-9)
    np.testing.assert_allclose(daily.tmean_c, g.temperature_c.mean(), rtol=1e-9)
    assert (daily.intervals == 48).all()


def test_bad_row_fails_cleanly_and_writes_nothing(lfc, tmp_path):
    data = tmp_path / "load.csv"
    data.write_text("time,load_mw\n2024-01-01 00:00,10\n2024-01-01 01:00,1O.5\n")
    cfg = write_config(tmp_path / "bad.yaml", f"""
name: Broken
load: {{path: {data}, layout: long, time_column: time, value_column: load_mw}}
output: {{dir: {tmp_path}/out}}
""")
    r = run(lfc, "ingest", "--config", cfg)
    assert r.returncode == 2
    assert f"{data}:3:18:" in r.stderr
    assert "'1O.5'" in r.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_config_key_is_reported_with_position(lfc, tmp_path):
    cfg = write_config(tmp_path / "typo.yaml", "name: X\nlaod:\n  path: a.csv\n")
    r = run(lfc, "ingest", "--config", cfg)
    assert r.returncode == 2
    assert "typo.yaml:2:1:" in r.stderr and "did you mean 'load'" in r.stderr


def test_usage_errors(lfc):
    assert run(lfc, "ingest").returncode == 1
    assert run(lfc, "frobnicate").returncode == 1
    r = run(lfc, "--version")
    assert r.returncode == 0 and r.stdout.startswith("lfc ")
    assert "ingest" in run(lfc, "--help").stdout
