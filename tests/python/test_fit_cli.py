"""lfc fit end to end on the bundled sample: the coefficients of a simple degree-day
model against statsmodels OLS on a design rebuilt here from lfc ingest's daily.csv,
the decomposition, the files, and bad configs.  (No trend in the model: trend and
log GDP are nearly collinear, which would amplify daily.csv's 10-digit rounding
beyond the 1e-8 tolerance.)"""
import subprocess

import numpy as np
import pandas as pd
import pytest

sm = pytest.importorskip("statsmodels.api")

MODEL = """
model:
  target: energy_mwh
  train: {first: 2021-01-01, last: 2023-12-31}
  test: {first: 2024-01-01, last: 2024-03-31}
  features:
    day_of_week: true
    holiday: true
    temperature: {hdd: 14, cdd: 22}
    economy:
      - {column: gdp_bn_cny, transform: log}
"""


def run(lfc, *args):
    return subprocess.run([lfc, *args], capture_output=True, text=True)


def sample_config(sample_dir, tmp_path, model=MODEL):
    """The sample project with its model section replaced by `model`."""
    text = (sample_dir / "project.yaml").read_text()
    text = text[:text.index("\nmodel:")] if "\nmodel:" in text else text
    text = text.replace("path: ", f"path: {sample_dir}/")
    cfg = tmp_path / "project.yaml"
    cfg.write_text(text + model)
    return str(cfg)


def statsmodels_fit(daily):
    d = daily.loc["2021-01-01":"2023-12-31"].copy()
    X = pd.DataFrame(index=d.index)
    X["intercept"] = 1.0
    for k, name in enumerate(["tue", "wed", "thu", "fri", "sat", "sun"], start=1):
        X[f"dow_{name}"] = (d.index.dayofweek == k).astype(float)
    X["holiday"] = (d.day_type == 2).astype(float)
    X["HDD14"] = np.maximum(0, 14 - d.tmean_c)
    X["CDD22"] = np.maximum(0, d.tmean_c - 22)
    X["log(gdp_bn_cny)"] = np.log(d.gdp_bn_cny)
    ok = d.energy_mwh.notna() & X.notna().all(axis=1)
    return sm.OLS(d.energy_mwh[ok], X[ok]).fit()


def test_coefficients_match_statsmodels(lfc, sample_dir, tmp_path):
    cfg = sample_config(sample_dir, tmp_path)
    r = run(lfc, "ingest", "--config", cfg, "--out", str(tmp_path / "ingest"), "--quiet")
    assert r.returncode == 0, r.stderr
    daily = pd.read_csv(tmp_path / "ingest" / "daily.csv", parse_dates=["date"]).set_index("date")
    r = run(lfc, "fit", "--config", cfg, "--out", str(tmp_path / "fit"))
    assert r.returncode == 0, r.stderr
    assert "daily regression model of energy_mwh" in r.stdout
    assert "Regression by ols" in r.stdout
    ref = statsmodels_fit(daily)
    coef = pd.read_csv(tmp_path / "fit" / "coefficients.csv").set_index("name")
    assert list(coef.index) == list(ref.params.index)
    np.testing.assert_allclose(coef.estimate, ref.params, rtol=1e-8)
    np.testing.assert_allclose(coef.std_error, ref.bse, rtol=1e-8)
    stats = pd.read_csv(tmp_path / "fit" / "fit_stats.csv").set_index("name").value
    assert float(stats["r2"]) == pytest.approx(ref.rsquared, rel=1e-9)
    assert float(stats["aic"]) == pytest.approx(ref.aic, rel=1e-9)
    assert int(stats["nobs"]) == ref.nobs


def test_predictions_add_up_and_cover_the_test_days(lfc, sample_dir, tmp_path):
    cfg = sample_config(sample_dir, tmp_path)
    r = run(lfc, "fit", "--config", cfg, "--out", str(tmp_path), "--quiet")
    assert r.returncode == 0, r.stderr
    p = pd.read_csv(tmp_path / "predictions.csv", parse_dates=["date"])
    assert p.date.min() == pd.Timestamp("2024-01-01") and len(p) == 91
    parts = p[["base", "trend", "calendar", "weather", "economy", "event", "recent"]].sum(axis=1)
    np.testing.assert_allclose(parts, p.predicted, rtol=1e-9)
    assert ((p.lower < p.predicted) & (p.predicted < p.upper)).all()
    assert p.actual.notna().all()


def test_bad_model_config_is_located_and_writes_nothing(lfc, sample_dir, tmp_path):
    bad = MODEL.replace("hdd: 14", "hdd: warm")
    cfg = sample_config(sample_dir, tmp_path, bad)
    out = tmp_path / "never"
    r = run(lfc, "fit", "--config", cfg, "--out", str(out))
    assert r.returncode == 2
    assert "project.yaml:" in r.stderr and "'hdd'" in r.stderr, r.stderr
    assert not out.exists()


def test_unknown_target_suggests_the_column(lfc, sample_dir, tmp_path):
    cfg = sample_config(sample_dir, tmp_path, MODEL.replace("energy_mwh", "energy_mw"))
    r = run(lfc, "fit", "--config", cfg, "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert "did you mean 'energy_mwh'" in r.stderr, r.stderr
