"""Fits and forecasts do not grow the process: 10,000 fit + forecast rounds on
a small frame (half the models and forecasts closed, half left to the
collector), then 1,000 rounds through the DataFrame path reading every
product (predictions, coefficients, periods, drivers, paths, simulations,
specs with connections).

The bound is test_memory.py's 8 MB.  What a leak costs, measured by
running these loops on a scratch copy of the binding with one free left
out: the models never freed (lf_model_free skipped) +300 MB over the first
loop (15 kB a model, two a round); the forecasts never freed +3.7 GB (375 kB
each: the extended frames, paths and periods); the predictions never freed
(lf_prediction_free skipped) +22 MB over the second loop (11 kB each, two a
round).  Without a leak both loops grow the RSS by 0.1-0.2 MB after their
warm-up.
"""
import itertools
import time

import numpy as np
import pandas as pd

import libforecast as lf
from rss import BOUND_MB, grows


def counted(once):
    """once(i) as a function of no argument, i counting its calls (the loops
    close odd rounds' objects and leave even rounds' to the collector)."""
    calls = itertools.count()
    return lambda: once(next(calls))


def small_frame(days=120, seed=1):
    idx = pd.date_range("2024-01-01", periods=days)
    rng = np.random.default_rng(seed)
    weekday = (idx.dayofweek < 5).astype(float)
    energy = 1000 + 80 * weekday + rng.normal(0, 10, days)
    return pd.DataFrame({"energy_mwh": energy, "peak_mw": energy / 20 + rng.normal(0, 1, days),
                         "gdp": 100 + np.arange(days) * 0.01}, index=idx)


def test_10000_fits_and_forecasts_do_not_leak():
    frame = lf.Frame.from_pandas(small_frame())
    cal = lf.Calendar(2024, 2025)
    spec = lf.ModelSpec(day_of_week=True)
    peak_spec = spec.copy(target="peak_mw")
    fspec = lf.ForecastSpec(paths_per_weather=6, residuals="in_sample", block_days=7,
                            first="2024-04-30", last="2024-05-30")

    def once(i):
        energy = lf.fit(frame, spec, calendar=cal)
        peak = lf.fit(frame, peak_spec, calendar=cal)
        f = lf.forecast(energy, peak, history=frame, spec=fspec, seed=i)
        f.paths("peak_mw")
        energy.info
        if i % 2:
            f.close()                 # the other half: freed by the collector
            energy.close()
            peak.close()

    t = time.time()
    growth, before = grows(counted(once), 10000)
    print(f"10,000 fits + forecasts: RSS {before:.1f} MB, +{growth:.2f} MB "
          f"in {time.time() - t:.1f} s")
    assert growth < BOUND_MB


def test_1000_rounds_through_dataframes_do_not_leak():
    df = small_frame()
    connections = [{"name": "a", "start": "2024-05-05", "capacity_mw": 5, "load_factor": 0.5,
                    "ramp_months": 1}]

    def once(i):
        m = lf.fit(df, day_of_week=True, economy={"gdp": "level"}, calendar="CN")
        m.predict(df)                                   # every day, twice
        m.predict(df, level=0.8)
        m.coefficients
        m.fit_stats
        m.fitted
        m.simulate(df, "2024-04-01", "2024-04-29", npaths=5, seed=i)
        spec = lf.ForecastSpec(paths_per_weather=3, residuals="in_sample", block_days=7,
                               connections=connections,
                               scenarios={"low": {"gdp": {"growth": [0.01]}},
                                          "high": {"gdp": {"values": {2024: 110.0}}}})
        f = lf.forecast(m, history=df, months=1, spec=spec)
        f.monthly("high")
        f.drivers("day", "low")
        f.paths()
        f.spec.to_dict()
        m.spec.to_dict()
        if i % 2:
            f.close()
            m.close()

    t = time.time()
    growth, before = grows(counted(once), 1000, warm=20)
    print(f"1,000 rounds through DataFrames: RSS {before:.1f} MB, +{growth:.2f} MB "
          f"in {time.time() - t:.1f} s")
    assert growth < BOUND_MB
