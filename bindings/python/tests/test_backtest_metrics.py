"""Accuracy measures (metrics.h) of a tiny series worked by hand: accuracy(),
mase_scale(), aggregate_periods()."""
import math

import numpy as np
import pandas as pd
import pytest

import libforecast as lf

# Five rows; the last has no actual, so four pairs.  level 0.8: alpha 0.2,
# the bounds are the 0.1 and 0.9 quantiles.
ACTUAL = [100.0, 200.0, 0.0, 50.0, np.nan]
FORECAST = [110.0, 180.0, 10.0, 54.0, 70.0]
LOWER = [90.0, 150.0, 5.0, 40.0, 60.0]
UPPER = [120.0, 190.0, 20.0, 55.0, 80.0]


def test_point_measures_by_hand():
    a = lf.accuracy(ACTUAL, FORECAST)
    # errors f - y: 10, -20, 10, 4
    assert a["n"] == 4 and a["n_mape"] == 3 and a["n_interval"] == 0
    assert a["mae"] == pytest.approx(44 / 4)
    assert a["rmse"] == pytest.approx(math.sqrt((100 + 400 + 100 + 16) / 4))
    # the zero actual has no percentage error
    assert a["mape"] == pytest.approx(100 * (10 / 100 + 20 / 200 + 4 / 50) / 3)
    assert a["smape"] == pytest.approx(200 / 4 * (10 / 210 + 20 / 380 + 10 / 10 + 4 / 104))
    assert a["bias"] == pytest.approx(4 / 4)
    assert a["bias_pct"] == pytest.approx(100 * 4 / 350)
    for k in ("mase", "pinball", "coverage", "winkler"):
        assert math.isnan(a[k]), k


def test_interval_measures_by_hand():
    a = lf.accuracy(ACTUAL, FORECAST, LOWER, UPPER, level=0.8)
    assert a["n_interval"] == 4
    # covered: rows 0 and 3; row 1 above its upper bound, row 2 below its lower
    assert a["coverage"] == pytest.approx(0.5)
    # quantile losses (lower at tau 0.1, upper at 0.9), averaged per row:
    # row 0 (0.1*10 + 0.1*20)/2, row 1 (0.1*50 + 0.9*10)/2,
    # row 2 (0.9*5 + 0.1*20)/2, row 3 (0.1*10 + 0.1*5)/2
    assert a["pinball"] == pytest.approx((1.5 + 7 + 3.25 + 0.75) / 4)
    # width, plus 2/alpha times the miss: 30, 40 + 10*10, 15 + 10*5, 15
    assert a["winkler"] == pytest.approx((30 + 140 + 65 + 15) / 4)
    assert a["winkler"] == pytest.approx(4 / 0.2 * a["pinball"])
    assert a["mae"] == pytest.approx(11)      # the point measures are unchanged


def test_a_missing_bound_leaves_the_pair_out_of_the_interval_measures_only():
    a = lf.accuracy([10.0, 20.0], [12.0, 20.0], [8.0, np.nan], [14.0, np.nan], level=0.9)
    assert (a["n"], a["n_interval"], a["coverage"]) == (2, 1, 1.0)
    assert a["mae"] == pytest.approx(1.0)


def test_mase_uses_the_scale_given():
    a = lf.accuracy(ACTUAL, FORECAST, mase_scale=2.0)
    assert a["mase"] == pytest.approx(11 / 2)
    assert math.isnan(lf.accuracy(ACTUAL, FORECAST, mase_scale=0.0)["mase"])
    assert math.isnan(lf.accuracy(ACTUAL, FORECAST, mase_scale=None)["mase"])


def test_mase_scale_by_hand():
    assert lf.mase_scale([1, 2, 4, 7, 11], season=1) == pytest.approx(2.5)
    assert lf.mase_scale([1, 2, 4, 7, 11], season=2) == pytest.approx((3 + 5 + 7) / 3)
    assert lf.mase_scale([1, np.nan, 4, 7], season=1) == pytest.approx(3)
    assert math.isnan(lf.mase_scale([1.0, 2.0], season=7))
    # the default: a week on daily data
    assert lf.mase_scale(np.arange(21.0)) == pytest.approx(7)


def test_inputs_any_numbers_pandas_positional():
    y = pd.Series(ACTUAL, index=list("abcde"))
    f = pd.Series(FORECAST, index=list("edcba"))       # by position, not by label
    got = pd.Series(lf.accuracy(y, f))
    assert got.equals(pd.Series(lf.accuracy(np.array(ACTUAL), np.array(FORECAST, np.float32))))
    assert lf.accuracy([], [])["n"] == 0 and math.isnan(lf.accuracy([], [])["mae"])


@pytest.mark.parametrize("args,kwargs,error,text", [
    (([1.0, 2.0], [1.0]), {}, lf.ArgumentError, "forecast has 1 values; expected 2"),
    (([1.0], [1.0], [0.0, 1.0], [2.0]), {}, lf.ArgumentError, "lower has 2 values"),
    (([1.0], [1.0], [0.0]), {}, lf.ArgumentError, "interval bounds come in pairs"),
    (([1.0], [1.0], [0.0], [2.0]), {"level": 1.5}, lf.ArgumentError,
     "interval level must be between 0 and 1"),
    (([1.0], [1.0], [3.0], [2.0]), {}, lf.InputError,
     "interval lower bound 3 is above the upper bound 2 at index 0"),
    (([1.0, np.inf], [1.0, 1.0]), {}, lf.InputError, "actual is infinite at index 1"),
    ((["a"], [1.0]), {}, lf.ArgumentError, "actual must hold numbers"),
    (([[1.0]], [1.0]), {}, lf.ArgumentError, "actual must be one-dimensional"),
    (([1.0], [1.0]), {"level": "high"}, lf.ArgumentError, "level must be a number"),
])
def test_errors(args, kwargs, error, text):
    with pytest.raises(error, match=text):
        lf.accuracy(*args, **kwargs)


def test_mase_scale_errors():
    with pytest.raises(lf.ArgumentError, match="season must be at least 1|season"):
        lf.mase_scale([1.0, 2.0], season=0)
    with pytest.raises(lf.ArgumentError, match="season must be an int"):
        lf.mase_scale([1.0, 2.0], season=1.5)


def test_aggregate_periods_keeps_complete_months():
    days = pd.date_range("2025-01-15", "2025-04-30")
    y = pd.Series(np.arange(len(days), dtype=float), index=days)
    f = y + 1
    f["2025-03-10"] = np.nan           # March incomplete: left out
    m = lf.aggregate_periods(y, f)
    assert [str(p) for p in m.index] == ["2025-02", "2025-04"]
    feb = y["2025-02"]
    assert m.loc["2025-02", "actual"] == feb.sum()
    assert m.loc["2025-02", "forecast"] == feb.sum() + 28
    peak = lf.aggregate_periods(y.to_numpy(), f.to_numpy(), "2025-01-15", agg="max")
    assert peak.loc["2025-04", "actual"] == y["2025-04"].max()
    assert len(lf.aggregate_periods(y, y, kind="year")) == 0   # no whole year
    assert lf.aggregate_periods([], [], "2025-01-01").empty


def test_aggregate_periods_errors():
    with pytest.raises(lf.ArgumentError, match="give first"):
        lf.aggregate_periods([1.0], [1.0])
    with pytest.raises(lf.ArgumentError, match="agg 'mean' is not one of sum, max"):
        lf.aggregate_periods([1.0], [1.0], "2025-01-01", agg="mean")
    with pytest.raises(lf.ArgumentError, match="period kind"):
        lf.aggregate_periods([1.0], [1.0], "2025-01-01", kind="week")
