"""lfc backtest end to end on the bundled sample: the regression's forecast at
each origin against statsmodels OLS refitted on that origin's training days,
seasonal naive against the data itself, the pooled MAPE against the forecasts
file, the automatic choice, and bad configs."""
import json
import subprocess

import numpy as np
import pandas as pd
import pytest

from test_fit_cli import run, sample_config

sm = pytest.importorskip("statsmodels.api")

MODELS = """
model:
  target: energy_mwh
  features:
    day_of_week: true
    holiday: true
    temperature: {hdd: 14, cdd: 22}
candidates:
  - {name: reg}
  - {name: naive, kind: snaive}
backtest: {origins: 2, horizon: 30, step: 45, first: 2022-01-01, last: 2024-06-30}
"""


def backtest(lfc, sample_dir, tmp_path, models=MODELS, *extra):
    cfg = sample_config(sample_dir, tmp_path, models)
    out = tmp_path / "bt"
    r = run(lfc, "backtest", "--config", cfg, "--out", str(out), *extra)
    return r, out, cfg


def daily_frame(lfc, cfg, tmp_path):
    r = run(lfc, "ingest", "--config", cfg, "--out", str(tmp_path / "ingest"), "--quiet")
    assert r.returncode == 0, r.stderr
    return pd.read_csv(tmp_path / "ingest" / "daily.csv",
                       parse_dates=["date"]).set_index("date")


def design(d):
    X = pd.DataFrame(index=d.index)
    X["intercept"] = 1.0
    for k in range(1, 7):
        X[f"dow{k}"] = (d.index.dayofweek == k).astype(float)
    X["holiday"] = (d.day_type == 2).astype(float)
    X["HDD14"] = np.maximum(0, 14 - d.tmean_c)
    X["CDD22"] = np.maximum(0, d.tmean_c - 22)
    return X


def test_forecasts_match_references_at_every_origin(lfc, sample_dir, tmp_path):
    r, out, cfg = backtest(lfc, sample_dir, tmp_path)
    assert r.returncode == 0, r.stderr
    fc = pd.read_csv(out / "backtest_forecasts.csv", parse_dates=["origin", "date"])
    daily = daily_frame(lfc, cfg, tmp_path)
    # origins back from the last day: 2024-06-01 and 45 days earlier
    assert sorted(fc.origin.unique()) == [pd.Timestamp("2024-04-17"),
                                          pd.Timestamp("2024-06-01")]
    X = design(daily)
    for origin in fc.origin.unique():
        train = daily.loc["2022-01-01":origin - pd.Timedelta(days=1)]
        ok = train.energy_mwh.notna()
        ols = sm.OLS(train.energy_mwh[ok], X.loc[train.index][ok]).fit()
        reg = fc[(fc.model == "reg") & (fc.origin == origin)].set_index("date")
        want = ols.predict(X.loc[reg.index])
        np.testing.assert_allclose(reg.forecast, want, rtol=1e-7)
        naive = fc[(fc.model == "naive") & (fc.origin == origin)].set_index("date")
        for day, value in naive.forecast.items():
            k = (day - origin).days // 7 + 1  # whole weeks back to before the origin
            assert value == pytest.approx(daily.energy_mwh[day - pd.Timedelta(days=7 * k)])


def test_pooled_accuracy_is_recomputable_from_the_forecasts(lfc, sample_dir, tmp_path):
    r, out, _ = backtest(lfc, sample_dir, tmp_path)
    assert r.returncode == 0, r.stderr
    fc = pd.read_csv(out / "backtest_forecasts.csv")
    acc = pd.read_csv(out / "backtest_accuracy.csv")
    for model in ["reg", "naive"]:
        f = fc[fc.model == model]
        mape = 100 * np.mean(np.abs(f.forecast - f.actual) / f.actual)
        inside = ((f.lower <= f.actual) & (f.actual <= f.upper)).mean()
        row = acc[(acc.model == model) & (acc.origin == "all") & (acc.scale == "daily")]
        assert row.mape.iloc[0] == pytest.approx(mape, rel=1e-8)
        assert row.coverage.iloc[0] == pytest.approx(inside)
        assert row.n.iloc[0] == 60
    # complete months: none in 04-17..05-16, June 2024 in 06-01..06-30
    monthly = acc[(acc.model == "reg") & (acc.origin == "all") & (acc.scale == "monthly")]
    assert monthly.n.iloc[0] == 1
    june = fc[(fc.model == "reg") & fc.date.str.startswith("2024-06")]
    assert monthly.bias.iloc[0] == pytest.approx(june.forecast.sum() - june.actual.sum())
    timing = pd.read_csv(out / "backtest_timing.csv")
    assert (timing.status == "ok").all()


def test_automatic_choice_and_selection_table(lfc, sample_dir, tmp_path):
    models = MODELS + "selection: {by: cv, origins: 2, horizon: 28, step: 28}\n"
    r, out, _ = backtest(lfc, sample_dir, tmp_path, models, "--format", "json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    names = [m["name"] for m in summary["models"]]
    assert names == ["reg", "naive", "auto"]
    assert summary["selection"]["chosen"] == "reg"
    sel = pd.read_csv(out / "selection.csv")
    assert list(sel.candidate) == ["reg", "naive"]
    assert list(sel.chosen) == [1, 0]
    assert sel.score[0] < sel.score[1]
    timing = pd.read_csv(out / "backtest_timing.csv")
    notes = timing[timing.model == "auto"].note
    assert all(n.startswith("chose reg (mape ") for n in notes)
    fc = pd.read_csv(out / "backtest_forecasts.csv")
    np.testing.assert_array_equal(fc[fc.model == "auto"].forecast.values,
                                  fc[fc.model == "reg"].forecast.values)


@pytest.mark.parametrize("models,message", [
    (MODELS.replace("  - {name: naive, kind: snaive}\n", "")
     + "selection: {by: aicc}\n", "'selection' needs at least two 'candidates'"),
    ("\nbacktest: {horizon: 30}\n", "lfc backtest needs 'candidates' or a 'model' section"),
    (MODELS.replace("step: 45", "step: 45000"), "'step' in 'backtest' must be"),
    (MODELS.replace("origins: 2", "origins: 40"), "too short for 40 origins"),
])
def test_bad_configs_exit_2_with_a_message(lfc, sample_dir, tmp_path, models, message):
    r, out, _ = backtest(lfc, sample_dir, tmp_path, models)
    assert r.returncode == 2
    assert message in r.stderr
    assert not (out / "backtest_forecasts.csv").exists()
