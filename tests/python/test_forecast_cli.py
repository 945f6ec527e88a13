"""lfc forecast end to end: the whole pipeline against a statsmodels OLS refit
(a forecast whose only weather year is the forecast year itself must equal
the regression's prediction with actual weather), the arithmetic of the
products on the bundled sample (months sum to years, load factor, drivers,
new connections by hand), reproducibility by seed, and bad configs."""
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from test_backtest_cli import daily_frame, design
from test_fit_cli import run, sample_config

sm = pytest.importorskip("statsmodels.api")

EXPOST = """
model:
  target: energy_mwh
  features:
    day_of_week: true
    holiday: true
    temperature: {hdd: 14, cdd: 22}
forecast:
  first: 2024-07-01
  last: 2024-12-31
  weather: {years: {first: 2024, last: 2024}}
  error: {kind: none}
  normalize: {first: 2023-01-01, last: 2023-12-31}
"""


def forecast(lfc, cfg, out, *extra):
    return run(lfc, "forecast", "--config", cfg, "--out", str(out), *extra)


def test_single_actual_weather_year_equals_the_regression(lfc, sample_dir, tmp_path):
    cfg = sample_config(sample_dir, tmp_path, EXPOST)
    r = forecast(lfc, cfg, tmp_path / "fc", "--quiet")
    assert r.returncode == 0, r.stderr
    daily = daily_frame(lfc, cfg, tmp_path)
    X = design(daily)
    fc_days = pd.read_csv(tmp_path / "fc" / "forecast_daily.csv", parse_dates=["period"])
    months = pd.read_csv(tmp_path / "fc" / "forecast_monthly.csv")
    for target in ["energy_mwh", "peak_mw"]:
        train = daily.loc["2021-01-01":"2024-06-30"]
        ok = train[target].notna()
        ols = sm.OLS(train[target][ok], X.loc[train.index][ok]).fit()
        want = ols.predict(X.loc["2024-07-01":"2024-12-31"])
        got = fc_days.set_index("period")[f"{target}_normal"]
        np.testing.assert_allclose(got.values, want.values, rtol=1e-7)
        if target == "energy_mwh":  # a month is the sum of its days
            by_month = want.groupby(want.index.month).sum()
            np.testing.assert_allclose(months.energy_mwh_normal, by_month.values, rtol=1e-9)
        else:  # a month's peak is its largest day
            by_month = want.groupby(want.index.month).max()
            np.testing.assert_allclose(months.peak_mw_normal, by_month.values, rtol=1e-9)
    # one path: every quantile is that path
    np.testing.assert_allclose(months.energy_mwh_p10, months.energy_mwh_normal, rtol=1e-12)
    np.testing.assert_allclose(months.energy_mwh_p90, months.energy_mwh_normal, rtol=1e-12)


def test_normalized_history_with_its_own_weather_is_the_actual(lfc, sample_dir, tmp_path):
    cfg = sample_config(sample_dir, tmp_path, EXPOST.replace(
        "first: 2024, last: 2024", "first: 2023, last: 2023"))
    r = forecast(lfc, cfg, tmp_path / "fc", "--quiet")
    assert r.returncode == 0, r.stderr
    norm = pd.read_csv(tmp_path / "fc" / "normalized_monthly.csv")
    complete = norm[norm.days_missing == 0]
    assert len(complete) >= 10
    # normal weather = 2023's own weather, so nothing changes
    np.testing.assert_allclose(complete.normalized_energy_mwh, complete.actual_energy_mwh,
                               rtol=1e-9)
    np.testing.assert_allclose(norm.normalized_peak_mw, norm.actual_peak_mw, rtol=1e-9)


def sample_run(lfc, sample_dir, tmp_path, *extra):
    out = tmp_path / "sample"
    r = forecast(lfc, str(sample_dir / "project.yaml"), out, "--quiet", *extra)
    assert r.returncode == 0, r.stderr
    return out


def connection_energy(day):
    """The sample's three new connections on one day, by the formulas of scenario.h."""
    def ramp(start, months, d):
        if d < start:
            return 0.0
        if months == 0:
            return 1.0
        y, m = divmod(start.month - 1 + months, 12)
        full = date(start.year + y, m + 1, start.day)
        return min(1.0, ((d - start).days + 1) / (full - start).days)
    days_in_year = 366 if day.year % 4 == 0 else 365
    return (60 * 0.85 * 24 * ramp(date(2025, 3, 1), 9, day)
            + 52560 / days_in_year * ramp(date(2025, 6, 1), 12, day)
            - 35 * 0.7 * 24 * ramp(date(2025, 10, 1), 0, day))


def test_sample_products_add_up(lfc, sample_dir, tmp_path):
    out = sample_run(lfc, sample_dir, tmp_path)
    months = pd.read_csv(out / "forecast_monthly.csv")
    years = pd.read_csv(out / "forecast_yearly.csv")
    days = pd.read_csv(out / "forecast_daily.csv", parse_dates=["period"])
    assert list(months.scenario.unique()) == ["low", "base", "high"]
    assert len(months) == 3 * 24 and len(years) == 3 * 2
    for s, m in months.groupby("scenario", sort=False):
        d = days[days.scenario == s]
        by_month = d.groupby(d.period.dt.to_period("M")).energy_mwh_normal.sum()
        np.testing.assert_allclose(m.energy_mwh_normal, by_month.values, rtol=1e-9)
        y = years[years.scenario == s]
        np.testing.assert_allclose(y.energy_mwh_normal,
                                   m.groupby(m.period.str[:4]).energy_mwh_normal.sum(), rtol=1e-9)
    for table in (months, years):
        assert (table.energy_mwh_p10 <= table.energy_mwh_p50).all()
        assert (table.energy_mwh_p50 <= table.energy_mwh_p90).all()
        assert (table.peak_mw_p10 <= table.peak_mw_p90).all()
        lf = table.energy_mwh_normal / (table.peak_mw_normal * 24 * table.days)
        np.testing.assert_allclose(table.load_factor_normal, lf, rtol=1e-9)
    # stronger growth, more energy, every month of the second year
    y2 = months[months.period.str.startswith("2026")].pivot(index="period", columns="scenario",
                                                            values="energy_mwh_normal")
    assert (y2.low < y2.base).all() and (y2.base < y2.high).all()
    # new connections, by hand
    for _, row in months[months.scenario == "base"].iterrows():
        first, last = date.fromisoformat(row["first"]), date.fromisoformat(row["last"])
        want = sum(connection_energy(date.fromordinal(k))
                   for k in range(first.toordinal(), last.toordinal() + 1))
        assert row.connections_mwh == pytest.approx(want, rel=1e-9, abs=1e-6)


def test_drivers_explain_the_normal_forecast(lfc, sample_dir, tmp_path):
    out = sample_run(lfc, sample_dir, tmp_path)
    drivers = pd.read_csv(out / "forecast_drivers_monthly.csv")
    parts = ["base", "trend", "calendar", "weather", "economy", "event", "recent",
             "connections"]
    np.testing.assert_allclose(drivers[parts].sum(axis=1), drivers.total, rtol=1e-9)
    months = pd.read_csv(out / "forecast_monthly.csv")
    energy = drivers[drivers.measure == "energy_mwh"]
    np.testing.assert_allclose(energy.total.values, months.energy_mwh_normal.values, rtol=1e-9)
    # scenarios differ only by the economy
    e = energy.set_index(["period", "scenario"])
    for col in ["base", "calendar", "weather", "connections"]:
        wide = e[col].unstack()
        np.testing.assert_allclose(wide.low, wide.high, rtol=1e-9)
    doc = json.loads((out / "forecast.json").read_text())
    first = doc["scenarios"][0]["monthly"][0]
    assert first["energy_mwh"]["normal"] == pytest.approx(months.energy_mwh_normal[0])
    assert doc["weather"]["years"] == list(range(2005, 2025))
    # The bootstrap drew from rolling-origin errors (auto: the history is long enough).
    assert doc["residuals"]["kind"] == "out_of_sample"
    assert doc["residuals"]["origins"] >= 1


def test_same_seed_same_numbers_other_seed_other_draws(lfc, sample_dir, tmp_path):
    a = sample_run(lfc, sample_dir, tmp_path / "a")
    b = sample_run(lfc, sample_dir, tmp_path / "b")
    assert (a / "forecast_monthly.csv").read_bytes() == (b / "forecast_monthly.csv").read_bytes()
    text = (sample_dir / "project.yaml").read_text().replace("seed: 1}", "seed: 2}")
    text = text.replace("path: ", f"path: {sample_dir}/")
    cfg = tmp_path / "seed2.yaml"
    cfg.write_text(text)
    r = forecast(lfc, str(cfg), tmp_path / "c", "--quiet")
    assert r.returncode == 0, r.stderr
    m1 = pd.read_csv(a / "forecast_monthly.csv")
    m2 = pd.read_csv(tmp_path / "c" / "forecast_monthly.csv")
    np.testing.assert_allclose(m1.energy_mwh_normal, m2.energy_mwh_normal, rtol=1e-12)
    assert not np.allclose(m1.energy_mwh_p10, m2.energy_mwh_p10, rtol=1e-9)


@pytest.mark.parametrize("section, line, column, words", [
    ("forecast: {months: 12, wether: {}}\n", 1, 24, "unknown key 'wether'"),
    ("forecast:\n  new_connections:\n    - {name: A, start: 2025-01-01, capacity_mw: 5, "
     "load_factor: 0.5, annual_mwh: 100}\n", 3, 7, "not both"),
    ("forecast:\n  scenarios:\n    - name: low\n      economy: {gdp: {growth: 5 %}}\n",
     4, 31, "growth rate"),
    ("forecast: {quantiles: [0.9, 0.1]}\n", 1, 29, "increase"),
    ("forecast: {error: {residuals: outofsample}}\n", 1, 31,
     "must be one of auto, in_sample, out_of_sample"),
])
def test_bad_forecast_sections_fail_cleanly(lfc, sample_dir, tmp_path, section, line, column,
                                            words):
    model = EXPOST[:EXPOST.index("forecast:")] + section
    cfg = sample_config(sample_dir, tmp_path, model)
    text = open(cfg).read()
    offset = text[:text.index("\nforecast:")].count("\n") + 1  # lines before the section
    out = tmp_path / "fc"
    r = forecast(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert f"project.yaml:{offset + line}:{column}: " in r.stderr, r.stderr
    assert words in r.stderr, r.stderr
    assert not out.exists() or not any(out.iterdir())
