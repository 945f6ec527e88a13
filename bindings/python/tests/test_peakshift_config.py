"""Config-driven peak-shift: peakshift_from_config writes lfc peakshift's
files byte for byte (peakshift.json but for the solver's seconds), with the
sample config and with a variant using a tiers file, a daily limit file, a
profile and settings; peakshift_inputs gives the same schedule through
peakshift()'s keywords."""
import json
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf

FILES = ["peakshift_calls.csv", "peakshift_days.csv", "peakshift_customers.csv"]


@pytest.fixture(scope="module")
def project(sample, forecast_dir, tmp_path_factory):
    """The sample with lfc forecast's daily file where its peakshift section
    reads it (out/forecast_daily.csv)."""
    d = tmp_path_factory.mktemp("ps") / "sample"
    shutil.copytree(sample, d)
    (d / "out").mkdir()
    shutil.copy(forecast_dir / "forecast_daily.csv", d / "out" / "forecast_daily.csv")
    return d


def lfc_peakshift(lfc, config, out):
    r = subprocess.run([lfc, "peakshift", "--config", str(config), "--out", str(out),
                        "--quiet"], capture_output=True, text=True)
    assert r.returncode in (0, 3), r.stderr
    return r


def without_seconds(text):
    return re.sub(r'"seconds": [^,]+,', '"seconds": S,', text)


def assert_same_files(c_dir, py_dir):
    for name in FILES:
        assert (py_dir / name).read_bytes() == (c_dir / name).read_bytes(), name
    c, p = ((d / "peakshift.json").read_text() for d in (c_dir, py_dir))
    assert without_seconds(p) == without_seconds(c)
    assert json.loads(c)["totals"] == json.loads(p)["totals"]


def run_python(config, out):
    out.mkdir()
    with lf.Config(config) as cfg, lf.peakshift_from_config(cfg) as s:
        s.to_csv(out)
        s.to_json(out / "peakshift.json")
        return s.status, s.totals, s.scenario


def test_the_sample_schedule_is_lfc_s(lfc, project, tmp_path):
    lfc_peakshift(lfc, project / "project.yaml", tmp_path / "c")
    status, totals, scenario = run_python(project / "project.yaml", tmp_path / "py")
    assert_same_files(tmp_path / "c", tmp_path / "py")
    # the sample is short on the six hottest days of early August, all covered
    assert (status, scenario, totals["unmet_mw_days"]) == ("heuristic", "base", 0)
    days = pd.read_csv(tmp_path / "py" / "peakshift_days.csv")
    assert (days["deficit_mw"] > 0).sum() == 6


VARIANT = """
peakshift:
  portfolio: portfolio.yaml
  tiers: tiers.csv
  first: 2025-08-04
  last: 2025-08-06
  demand: {file: out/forecast_daily.csv, column: peak_mw_p90, scenario: high}
  limit_mw: {file: limit.csv, column: mw}
  profile: {file: profile.csv, column: mw}
  method: exact
  fair: false
  seconds_per_stage: 30
"""


@pytest.fixture(scope="module")
def variant(project):
    """The sample's config with another peakshift section, solved exactly
    (GLPK proves it in milliseconds): tiers from a file (C001 and C004 moved
    to the last tier), a daily limit file tight enough to leave MW unmet on
    the high scenario's hottest day, a profile for two of the three days."""
    text = (project / "project.yaml").read_text()
    text = re.sub(r"\npeakshift:\n(  .*\n)+", VARIANT, text)
    (project / "variant.yaml").write_text(text)
    (project / "tiers.csv").write_text("id,tier\nC001,priority\nC004,priority\n")
    days = pd.date_range("2025-08-01", "2025-08-10")
    pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "mw": 9400.0}).to_csv(
        project / "limit.csv", index=False)
    rows = []
    for day in ("2025-08-04", "2025-08-05"):
        for h in range(24):
            rows.append((day, f"{h:02d}:00", 9600.0 if 13 <= h < 16 else 8000.0))
    pd.DataFrame(rows, columns=["date", "time", "mw"]).to_csv(project / "profile.csv",
                                                              index=False)
    return project / "variant.yaml"


def test_a_variant_with_tiers_file_limit_file_profile_and_settings(lfc, variant, tmp_path):
    r = lfc_peakshift(lfc, variant, tmp_path / "c")
    assert r.returncode == 3                 # MW unmet: lfc exits 3, files written
    with lf.Config(variant) as cfg, lf.peakshift_from_config(cfg) as s:
        (tmp_path / "py").mkdir()
        s.to_csv(tmp_path / "py")
        s.to_json(tmp_path / "py" / "peakshift.json")
        assert s.scenario == "high" and s.profile_days == 2
        assert s.tiers_report == {"applied": 2, "changed": 2, "not_in_file": 38,
                                  "not_in_portfolio": 0}
        assert not s.feasible
        d = s.days
        assert s.status == "optimal"
        assert d.loc["2025-08-04", ["window_hours", "window_start"]].tolist() == [3.0, 13.0]
        assert d.loc["2025-08-06", "window_hours"] == 4.0
        assert s.customers.loc[["C001", "C004"], "tier"].tolist() == ["priority", "priority"]
        with pytest.raises(lf.InfeasiblePlanError):
            s.raise_if_unmet()
    assert_same_files(tmp_path / "c", tmp_path / "py")


def test_inputs_through_the_keywords_give_the_same_schedule(lfc, variant, project, tmp_path):
    for n, config in enumerate([project / "project.yaml", variant]):
        lfc_peakshift(lfc, config, tmp_path / f"c{n}")
        with lf.Config(config) as cfg:
            inputs = lf.peakshift_inputs(cfg)
        with inputs.portfolio, lf.peakshift(**inputs.arguments()) as s:
            (tmp_path / f"py{n}").mkdir()
            s.to_csv(tmp_path / f"py{n}")
            s.to_json(tmp_path / f"py{n}" / "peakshift.json")
        assert_same_files(tmp_path / f"c{n}", tmp_path / f"py{n}")
    assert inputs.settings == {"method": "exact", "spread_rest_days": True, "fair": False,
                               "seconds_per_stage": 30.0, "exact_max_calls": 200}
    assert list(inputs.days.columns) == ["peak_mw", "limit_mw", "window_hours", "window_start"]
    assert inputs.days["limit_mw"].eq(9400).all() and len(inputs.days) == 3


def test_the_config_s_defaults_are_the_keyword_defaults(project):
    with lf.Config(project / "project.yaml") as cfg:
        inputs = lf.peakshift_inputs(cfg)
    inputs.portfolio.close()
    assert inputs.settings == lf.peakshift_defaults()


def test_what_if_a_lower_limit(project):
    with lf.Config(project / "project.yaml") as cfg:
        inputs = lf.peakshift_inputs(cfg)
    args = inputs.arguments()
    base = lf.peakshift(**args)
    lower = lf.peakshift(**{**args, "limit": args["limit"] - 50})
    assert lower.days["deficit_mw"].sum() > base.days["deficit_mw"].sum()
    np.testing.assert_array_equal(lower.days["limit_mw"], base.days["limit_mw"] - 50)
