"""Forecasts through the binding (forecasting.py): the periods are what
forecast.h says they are, read off Forecast.paths() - energy the sum of a
path's days, peak its largest day, load factor energy / (peak x 24 x days),
each measure's mean and type-7 quantiles over the paths, bit for bit - with
the normal value explained by drivers that sum to it, new connections added
as scenario.h computes them, economic scenarios, weather scenarios and
seeds; history normalized to normal weather; the CSV writers; the errors.
The sample project against lfc is in test_parity_c.py, ForecastSpec in
test_forecast_spec.py."""
import math

import numpy as np
import pandas as pd
import pytest

import libforecast as lf

from test_model import synthetic

SPEC = dict(day_of_week=True, holiday=True, calendar="CN", economy={"gdp": "level"},
            temperature={"column": "tmean_c", "hdd": [16], "cdd": [22]})
SCENARIOS = {"low": {"gdp": {"growth": [0.01]}},
             "high": {"gdp": {"values": {2024: 150, 2025: 160}}}}   # gdp ends 2023 at 130
CONNECTIONS = [
    {"name": "data centre", "start": "2024-03-01", "capacity_mw": 60, "ramp_months": 3,
     "load_factor": 0.8, "coincidence": 0.9},
    {"name": "ev hub", "start": "2024-06-01", "capacity_mw": 10, "annual_mwh": 30000},
    {"name": "closure", "start": "2024-10-01", "end": "2024-12-31", "capacity_mw": -5,
     "load_factor": 0.5},
]
FIRST = pd.Timestamp("2024-01-10")    # the day after the history
LAST = pd.Timestamp("2025-02-09")     # 13 months on: partial months and years at both ends


@pytest.fixture(scope="module")
def history():
    return synthetic(last="2024-01-09")


@pytest.fixture(scope="module")
def weather():
    return synthetic(first="2012-01-01", last="2024-01-09", seed=99)[["tmean_c"]]


@pytest.fixture(scope="module")
def models(history):
    energy = lf.fit(history, **SPEC)
    peak = lf.fit(history, target="peak_mw", **SPEC)
    return energy, peak


@pytest.fixture(scope="module")
def fc(models, history, weather):
    energy, peak = models
    return lf.forecast(energy, peak, history=history, weather=weather, months=13,
                       paths_per_weather=5, residuals="in_sample", seed=3,
                       scenarios=SCENARIOS, connections=CONNECTIONS)


def seq_sum(x, axis=-1):
    """The sum C takes: left to right (np.sum adds pairwise)."""
    return np.cumsum(x, axis=axis).take(-1, axis=axis)


def type7(x, p):
    """lf_quantile: Hyndman-Fan type 7, as C computes it."""
    x = np.sort(x)
    h = (len(x) - 1) * p
    lo = math.floor(h)
    if lo + 1 >= len(x):
        return x[-1]
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo])


def test_the_forecast_itself(fc, weather):
    assert fc.scenarios == ["low", "high"]
    assert fc.quantiles == [0.1, 0.5, 0.9]
    assert fc.weather_years == list(range(2012, 2024))
    assert fc.npaths == 12 * 5
    assert fc.residuals == "in_sample"
    s = fc.spec
    assert (s.to_dict()["first"], s.to_dict()["last"]) == (FIRST, LAST)
    assert repr(fc) == ("<Forecast 2024-01-10..2025-02-09, scenarios ['low', 'high'], "
                        "60 paths>")


@pytest.mark.parametrize("scenario", ["low", "high"])
@pytest.mark.parametrize("kind", ["month", "year", "day"])
def test_periods_are_read_off_the_paths(fc, scenario, kind):
    e = fc.paths("energy_mwh", scenario)
    pk = fc.paths("peak_mw", scenario)
    assert e.shape == pk.shape == (60, (LAST - FIRST).days + 1)
    p = fc.periods(kind, scenario)
    assert p.attrs == {"scenario": scenario, "kind": kind}
    assert p["first"].iloc[0] == FIRST and p["last"].iloc[-1] == LAST
    assert (p["days"] == [(b - a).days + 1 for a, b in zip(p["first"], p["last"])]).all()
    assert p["days"].sum() == e.shape[1]
    labels = {"month": "%Y-%m", "year": "%Y", "day": "%Y-%m-%d"}[kind]
    assert p.index.tolist() == [d.strftime(labels) for d in p["first"]]
    for label, row in p.iterrows():
        i0, i1 = (row["first"] - FIRST).days, (row["last"] - FIRST).days
        energy = seq_sum(e[:, i0:i1 + 1])
        peak = pk[:, i0:i1 + 1].max(axis=1)
        lf_ = energy / (peak * (24.0 * row["days"]))                # C's order
        for name, x in (("energy_mwh", energy), ("peak_mw", peak), ("load_factor", lf_)):
            assert row[f"{name}_mean"] == seq_sum(x) / len(x)
            for q, col in ((0.1, "p10"), (0.5, "p50"), (0.9, "p90")):
                assert row[f"{name}_{col}"] == type7(x, q)                 # bit for bit
                assert row[f"{name}_{col}"] == pytest.approx(np.quantile(x, q), rel=1e-12)
            assert row[f"{name}_p10"] <= row[f"{name}_p50"] <= row[f"{name}_p90"]
        # the normal load factor: normal energy over the normal peak's hours
        assert row["load_factor_normal"] == row["energy_mwh_normal"] / (
            row["peak_mw_normal"] * 24.0 * row["days"])
        assert FIRST <= row["normal_peak_date"] <= LAST


def test_calendar_days_and_partial_periods(fc):
    m, y = fc.monthly(), fc.yearly()
    assert m.index[0] == "2024-01" and m.index[-1] == "2025-02" and len(m) == 14
    assert (m.loc["2024-01", "days"], m.loc["2024-01", "calendar_days"]) == (22, 31)
    assert (m.loc["2024-02", "days"], m.loc["2024-02", "calendar_days"]) == (29, 29)
    assert (m.loc["2025-02", "days"], m.loc["2025-02", "calendar_days"]) == (9, 28)
    assert y.index.tolist() == ["2024", "2025"]
    assert y[["days", "calendar_days"]].values.tolist() == [[357, 366], [40, 365]]
    assert len(fc.daily()) == 397 and (fc.daily()["calendar_days"] == 1).all()
    # a month's normal energy is the sum of its days', a year's of its months'
    d = fc.daily()
    for label, row in m.iterrows():
        days = d.loc[(d["first"] >= row["first"]) & (d["first"] <= row["last"])]
        assert row["energy_mwh_normal"] == pytest.approx(days["energy_mwh_normal"].sum(),
                                                         rel=1e-12)
        assert row["connections_mwh"] == pytest.approx(days["connections_mwh"].sum(),
                                                       rel=1e-12, abs=1e-9)
    assert y["energy_mwh_normal"].sum() == pytest.approx(m["energy_mwh_normal"].sum(),
                                                         rel=1e-12)


@pytest.mark.parametrize("kind", ["month", "year", "day"])
def test_drivers_sum_to_the_normal_value(fc, kind):
    for scenario in fc.scenarios:
        p = fc.periods(kind, scenario)
        for measure, conn in (("energy_mwh", "connections_mwh"), ("peak_mw", "connections_mw")):
            d = fc.drivers(kind, scenario, measure)
            assert d.columns.tolist() == list(lf.DRIVERS) + ["connections"]
            assert d.index.equals(p.index)
            np.testing.assert_allclose(d.sum(axis=1), p[f"{measure}_normal"], rtol=1e-9)
            np.testing.assert_array_equal(d["connections"], p[conn])
    # no trend, event or recent term in these models
    d = fc.drivers("month")
    assert (d[["trend", "event", "recent"]] == 0).all().all()
    assert (d["weather"] != 0).all() and (d["economy"] != 0).all()


def ramp(day, start, months):
    if months == 0:
        return 1.0
    full = start + pd.DateOffset(months=months)
    return min(1.0, ((day - start).days + 1) / (full - start).days)


def connection_day(c, day):
    start = pd.Timestamp(c["start"])
    if day < start or ("end" in c and day > pd.Timestamp(c["end"])):
        return 0.0, 0.0
    r = ramp(day, start, c.get("ramp_months", 0))
    if "annual_mwh" in c:
        energy = c["annual_mwh"] / (366 if day.is_leap_year else 365) * r
    else:
        energy = c["capacity_mw"] * c["load_factor"] * 24 * r
    return energy, c["capacity_mw"] * c.get("coincidence", 1.0) * r


def test_connections_add_what_scenario_h_says(fc):
    d = fc.daily()
    expect = np.array([[sum(x) for x in zip(*(connection_day(c, day) for c in CONNECTIONS))]
                       for day in d["first"]])
    np.testing.assert_allclose(d["connections_mwh"], expect[:, 0], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(d["connections_mw"], expect[:, 1], rtol=1e-12, atol=1e-9)
    assert d.loc["2024-03-01", "connections_mwh"] == pytest.approx(60 * 0.8 * 24 / 92)
    assert d.loc["2024-12-31", "connections_mw"] == pytest.approx(54 + 10 - 5)
    assert d.loc["2025-01-01", "connections_mw"] == pytest.approx(54 + 10)


def test_scenarios_move_the_economy(fc, models, history, weather):
    low, high = fc.monthly("low"), fc.monthly("high")
    assert (fc.drivers("month", "high")["economy"] > fc.drivers("month", "low")["economy"]).all()
    assert (high["energy_mwh_normal"] > low["energy_mwh_normal"]).all()
    assert fc.monthly().equals(low)                                 # the first by default
    # without model error the weather paths are the same in both: only the economy
    # moves, by the same amount on every path
    f = lf.forecast(models[0], history=history, weather=weather, months=13, error="none",
                    scenarios=SCENARIOS)
    diff = f.paths("energy_mwh", "high") - f.paths("energy_mwh", "low")
    assert np.allclose(diff, diff[0], rtol=0, atol=1e-6) and (diff > 0).all()
    b = models[0].coefficients.loc["gdp", "estimate"]
    np.testing.assert_allclose(diff[0].sum(), (f.drivers("day", "high")["economy"]
                                               - f.drivers("day", "low")["economy"]).sum(),
                               rtol=1e-9)
    assert b > 0


def test_seed_and_error_kinds(models, history, weather):
    energy, peak = models
    run = dict(history=history, weather=weather, months=2, paths_per_weather=4,
               residuals="in_sample")
    a = lf.forecast(energy, peak, seed=5, **run)
    b = lf.forecast(energy, peak, seed=5, **run)
    c = lf.forecast(energy, peak, seed=6, **run)
    assert np.array_equal(a.paths(), b.paths()) and a.monthly().equals(b.monthly())
    assert not np.array_equal(a.paths(), c.paths())
    none = lf.forecast(energy, peak, error="none", **run)
    assert none.npaths == 12 and none.residuals is None
    m = none.monthly()
    # no model error: the paths are the weather years, whose mean is the normal
    np.testing.assert_allclose(m["energy_mwh_mean"], m["energy_mwh_normal"], rtol=1e-12)
    model = lf.forecast(energy, peak, error="model", seed=5, **run)
    assert model.npaths == 48 and model.residuals is None
    oos = lf.forecast(energy, peak, seed=5, **dict(run, residuals="out_of_sample"))
    assert oos.residuals == "out_of_sample"
    assert not np.array_equal(oos.paths(), a.paths())


def test_quantiles_and_their_labels(models, history, weather):
    energy, _ = models
    f = lf.forecast(energy, history=history, weather=weather, months=1, paths_per_weather=3,
                    residuals="in_sample", quantiles=[0.025, 0.5, 0.975, 0.99])
    m = f.monthly()
    cols = [c for c in m.columns if c.startswith("energy_mwh_p")]
    assert cols == ["energy_mwh_p2.5", "energy_mwh_p50", "energy_mwh_p97.5", "energy_mwh_p99"]
    assert list(m.loc[m.index[0], cols]) == sorted(m.loc[m.index[0], cols])


def test_one_model_only(models, history, weather):
    energy, peak = models
    e = lf.forecast(energy, history=history, weather=weather, months=1, error="none").monthly()
    assert e["peak_mw_normal"].isna().all() and e["load_factor_p50"].isna().all()
    assert e["normal_peak_date"].isna().all() and e["energy_mwh_normal"].notna().all()
    p = lf.forecast(None, peak, history=history, weather=weather, months=1, error="none")
    m = p.monthly()
    assert m["energy_mwh_p50"].isna().all() and m["peak_mw_p50"].notna().all()
    assert m["normal_peak_date"].notna().all()
    with pytest.raises(lf.ArgumentError, match="no energy_mwh paths"):
        p.paths("energy_mwh")
    with pytest.raises(lf.ArgumentError, match="no load_factor paths"):
        p.paths("load_factor")


def test_no_weather_terms_no_weather(history):
    m = lf.fit(history, day_of_week=True)
    f = lf.forecast(m, history=history, months=1, error="none")
    assert f.weather_years == [] and f.npaths == 1 and f.scenarios == ["base"]
    assert f.spec.to_dict()["first"] == FIRST
    # scenarios={} is the default: one "base" at each indicator's default growth
    spec = lf.ForecastSpec(scenarios=SCENARIOS, error="none").update(scenarios={})
    assert lf.forecast(m, history=history, months=1, spec=spec).scenarios == ["base"]


def test_csv_writers_are_the_periods(fc, tmp_path):
    fc.to_csv(tmp_path / "m.csv")
    fc.to_csv(tmp_path / "d.csv", "day")
    fc.drivers_to_csv(tmp_path / "dm.csv", "year")
    back = pd.read_csv(tmp_path / "m.csv", dtype={"period": str})
    assert back.columns.tolist()[:2] == ["scenario", "period"]
    for scenario in fc.scenarios:
        ours = fc.monthly(scenario)
        theirs = back[back["scenario"] == scenario].set_index("period")
        assert theirs.index.tolist() == ours.index.tolist()
        num = [c for c in ours.columns if ours[c].dtype == float]
        np.testing.assert_allclose(theirs[num], ours[num], rtol=1e-9)
        assert (pd.to_datetime(theirs["first"]) == ours["first"]).all()
    assert len(pd.read_csv(tmp_path / "d.csv")) == 2 * 397
    drv = pd.read_csv(tmp_path / "dm.csv", dtype={"period": str})
    high = drv[(drv["scenario"] == "high") & (drv["measure"] == "peak_mw")].set_index("period")
    np.testing.assert_allclose(high[list(lf.DRIVERS) + ["connections"]],
                               fc.drivers("year", "high", "peak_mw"), rtol=1e-9)
    with pytest.raises(lf.LibIOError):
        fc.to_csv(tmp_path / "missing" / "dir" / "m.csv")


def test_normalize_weather(models, history, weather):
    energy, peak = models
    n = lf.normalize_weather(energy, peak, history=history, weather=weather,
                             first="2022-01-01", last="2023-12-31")
    assert n.index.tolist() == [f"{y}-{m:02d}" for y in (2022, 2023) for m in range(1, 13)]
    actual = history.loc["2022":"2023", "energy_mwh"].resample("M").sum()
    np.testing.assert_allclose(n["actual_energy_mwh"], actual, rtol=1e-12)
    peaks = history.loc["2022":"2023", "peak_mw"].resample("M").max()
    np.testing.assert_allclose(n["actual_peak_mw"], peaks, rtol=0)
    assert (n["weather_effect_mwh"] == n["actual_energy_mwh"] - n["normalized_energy_mwh"]).all()
    assert (n["weather_effect_mw"] == n["actual_peak_mw"] - n["normalized_peak_mw"]).all()
    assert (n["days_missing"] == 0).all()
    # normalized = actual - model(actual weather) + mean over years of model(year's weather):
    # in a month the weather effect of the model is small next to the energy
    assert (n["weather_effect_mwh"].abs() < 0.05 * n["actual_energy_mwh"]).all()
    y = lf.normalize_weather(energy, None, history=history, weather=weather, kind="year",
                             first="2022-01-01", last="2023-12-31")
    assert y.index.tolist() == ["2022", "2023"]
    np.testing.assert_allclose(y["normalized_energy_mwh"],
                               n["normalized_energy_mwh"].groupby(n.index.str[:4]).sum(),
                               rtol=1e-12)
    assert y["normalized_peak_mw"].isna().all()
    gappy = history.copy()
    gappy.loc["2022-03-05", "energy_mwh"] = np.nan
    g = lf.normalize_weather(energy, history=gappy, weather=weather, first="2022-01-01",
                             last="2022-12-31")
    assert g.loc["2022-03", "days_missing"] == 1 and math.isnan(
        g.loc["2022-03", "actual_energy_mwh"])


def test_what_a_forecast_returns_outlives_it(models, history, weather):
    energy, _ = models
    f = lf.forecast(energy, history=history, weather=weather, months=1, error="none")
    m, p, spec = f.monthly(), f.paths(), f.spec
    f.close()
    f.close()
    assert m["energy_mwh_p50"].notna().all() and np.isfinite(p).all()
    assert spec.to_dict()["first"] == FIRST and repr(f) == "<Forecast (closed)>"
    for use in (lambda: f.monthly(), lambda: f.yearly(), lambda: f.daily(), lambda: f.paths(),
                lambda: f.drivers(), lambda: f.scenarios, lambda: f.npaths,
                lambda: f.weather_years, lambda: f.residuals, lambda: f.to_csv("x.csv"),
                lambda: f.drivers_to_csv("x.csv")):
        with pytest.raises(lf.ClosedError, match="this Forecast is closed"):
            use()
    with lf.forecast(energy, history=history, weather=weather, months=1, error="none") as g:
        assert not g.closed
    assert g.closed


def test_the_models_may_close_after_the_forecast(history, weather):
    energy = lf.fit(history, **SPEC)
    f = lf.forecast(energy, history=history, weather=weather, months=1, error="none")
    expect = f.monthly()
    energy.close()
    assert f.monthly().equals(expect)


# ---- errors ------------------------------------------------------------------------------

def test_forecast_errors(models, history, weather, fc):
    energy, peak = models
    with pytest.raises(lf.ArgumentError, match="needs an energy model, a peak model or both"):
        lf.forecast(history=history)
    with pytest.raises(lf.ArgumentError, match="energy must be a fitted Model or None, not str"):
        lf.forecast("energy", history=history)
    with pytest.raises(lf.ArgumentError, match="peak must be a fitted Model"):
        lf.forecast(energy, 5, history=history)
    with pytest.raises(lf.ArgumentError, match="history must be a libforecast Frame"):
        lf.forecast(energy, history=[1, 2])
    with pytest.raises(lf.ArgumentError, match="consecutive days"):
        lf.forecast(energy, history=history.drop(pd.Timestamp("2023-03-03")), weather=weather)
    with pytest.raises(lf.LibforecastError, match="tmean_c"):
        lf.forecast(energy, history=history, months=1)                  # no weather given
    with pytest.raises(lf.ArgumentError, match="months must be a positive int"):
        lf.forecast(energy, history=history, weather=weather, months=0)
    with pytest.raises(lf.ArgumentError, match="months must be a positive int"):
        lf.forecast(energy, history=history, weather=weather, months=1.5)
    with pytest.raises(lf.ArgumentError, match="first must be one date"):
        lf.forecast(energy, history=history, weather=weather, first=["2024-01-10"])
    with pytest.raises(lf.ArgumentError, match="did you mean 'paths_per_weather'"):
        lf.forecast(energy, history=history, weather=weather, path_per_weather=3)
    with pytest.raises(lf.ArgumentError,
                       match="no scenario 'base' \\(the forecast has low, high\\)"):
        fc.monthly("base")
    with pytest.raises(lf.ArgumentError, match="no scenario"):
        fc.paths("energy_mwh", "mid")
    with pytest.raises(lf.ArgumentError, match="no scenario"):
        fc.drivers("month", "mid")
    with pytest.raises(lf.ArgumentError, match="period kind 'week'"):
        fc.periods("week")
    with pytest.raises(lf.ArgumentError, match="measure 'mwh'"):
        fc.paths("mwh")
    with pytest.raises(lf.ArgumentError, match="drivers explain energy_mwh or peak_mw"):
        fc.drivers("month", measure="load_factor")
    with pytest.raises(lf.ArgumentError, match="a connection's capacity_mw must be a number"):
        lf.forecast(energy, history=history, weather=weather,
                    connections=[{"name": "x", "start": "2024-02-01", "capacity_mw": "big",
                                  "load_factor": 0.5}])
    with pytest.raises(lf.ArgumentError, match="connection 'x': give either a load factor or "
                                               "an annual energy"):
        lf.forecast(energy, history=history, weather=weather, months=1,
                    connections=[{"name": "x", "start": "2024-02-01", "capacity_mw": 5}])
    with pytest.raises(lf.ArgumentError, match="energy must be a fitted Model"):
        lf.normalize_weather("m", history=history, weather=weather)
    with pytest.raises(lf.ArgumentError, match="needs an energy model"):
        lf.normalize_weather(history=history, weather=weather)
    with pytest.raises(lf.ArgumentError, match="spec must be a ForecastSpec"):
        lf.normalize_weather(energy, history=history, weather=weather, spec={"weather": {}})


def test_forecast_from_config_errors(sample, lfc):
    import subprocess
    text = (sample / "project.yaml").read_text()
    assert "forecast:\n  months: 24\n" in text
    bad = sample / "late.yaml"
    bad.write_text(text.replace("forecast:\n  months: 24\n",
                                "forecast:\n  first: 2030-01-01\n  months: 24\n"))
    with pytest.raises(lf.InputError) as e:
        lf.forecast_from_config(lf.Config(bad))
    assert e.value.message.endswith("the forecast starts on 2030-01-01, which leaves no "
                                    "history to fit on inside the load data")
    r = subprocess.run([lfc, "forecast", "--config", str(bad), "--out", str(sample / "o"),
                        "--quiet"], capture_output=True, text=True)
    assert r.returncode == 2 and e.value.message in r.stderr      # lfc's very message
    with pytest.raises(lf.LibIOError):
        lf.forecast_from_config(sample / "no-such.yaml")
