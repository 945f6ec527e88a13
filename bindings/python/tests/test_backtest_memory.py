"""Thousands of small backtests, selections and accuracy calls do not grow
the process (half closed, half left to the collector).

The bound, as in test_memory.py: a backtest of 3 models x 5 origins x 28
days holds some 25 kB of C memory (7.7 kB of notes, 10 kB of forecasts, 5.6
kB of accuracy), so 2000 leaked grow the RSS by about 48 MB (measured with
the free disabled); 2000 selections (scores, CV backtest of 3 x 2 x 14 days,
fitted model) by 27 MB.  8 MB tells a leak from allocator and pandas noise
(under 0.2 MB here)."""
import numpy as np
import pandas as pd

import libforecast as lf
from rss import BOUND_MB, N, grows

DAYS = pd.date_range("2024-01-01", periods=200)
DATA = pd.DataFrame({"energy_mwh": 1000 + 300 * (DAYS.dayofweek < 5) + np.arange(200.0)},
                    index=DAYS)
CAL = lf.Calendar(2024, 2034)
CANDIDATES = {"week": lf.ModelSpec(kind="snaive", season_lag=7),
              "weekdays": lf.ModelSpec(day_of_week=True, month=False, holiday=False),
              "year": lf.ModelSpec(kind="snaive", season_lag=364)}     # fails: notes kept


def test_backtests_do_not_leak():
    state = {"k": 0}

    def once():
        b = lf.backtest(DATA, CANDIDATES, calendar=CAL, origins=5, horizon=28)
        b.accuracy()
        b.forecasts
        b.timing
        state["k"] += 1
        if state["k"] % 2:
            b.close()

    growth, before = grows(once)
    print(f"backtests: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_selections_do_not_leak():
    state = {"k": 0}

    def once():
        s = lf.select(DATA, CANDIDATES, calendar=CAL, cv={"origins": 2, "horizon": 14,
                                                          "step": 14})
        m = s.model
        m.info
        s.backtest.accuracy()
        state["k"] += 1
        if state["k"] % 2:
            s.close()
        del m

    growth, before = grows(once)
    print(f"selections: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_accuracy_and_aggregation_do_not_leak():
    # 20 years: lf_accuracy_aggregate's three arrays of 240 months, 5.8 kB a call
    y = pd.Series(np.arange(7305.0), index=pd.date_range("2001-01-01", periods=7305))

    def once():
        lf.accuracy(y, y * 1.01, y * 0.9, y * 1.1)
        lf.mase_scale(y)
        lf.aggregate_periods(y, y * 1.01)

    growth, before = grows(once)
    print(f"accuracy: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB
