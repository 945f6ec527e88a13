"""Accuracy measures of any forecast (metrics.h): lf_accuracy_compute,
lf_mase_scale and lf_accuracy_aggregate over numpy arrays or pandas Series
(positional: pairs are matched by position, not by index).  The formulas are
metrics.h's; a NaN on either side leaves the pair out."""
import ctypes

import numpy as np
import pandas as pd

from . import _c_backtest as C
from . import _inputs as I
from ._backtest_result import accuracy_dict
from ._backtest_spec import AGGS, choice
from ._c_core import lf_date
from ._lib import LIB, libc_free
from .dates import to_datetime64
from .errors import ArgumentError, call
from .frame import _PANDAS_FREQ, _one_day, period_kind


def _pairs(actual, forecast):
    y = I.as_doubles(actual, "actual")
    f = I.as_doubles(forecast, "forecast", len(y), "as many as actual")
    return y, f


def accuracy(actual, forecast, lower=None, upper=None, *, level=0.95, mase_scale=float("nan")):
    """Accuracy of forecasts against actuals (lf_accuracy_compute): a dict of
    n, mae, rmse, mape, smape, mase, bias, bias_pct, pinball, coverage,
    winkler, n_mape, n_interval.

    lower/upper: the central `level` interval (both or neither; without
    them pinball, coverage and winkler are NaN).  mase_scale: MASE's
    denominator, e.g. mase_scale(train) (NaN: no MASE).  Errors: ArgumentError
    for lengths that differ, a missing bound or a level outside (0, 1);
    InputError (C's message, naming the index) for an infinite value or a
    lower bound above the upper.

    >>> import libforecast as lf
    >>> a = lf.accuracy([100, 200], [110, 190], [90, 170], [120, 195], level=0.9)
    >>> a["n"], a["mae"], round(a["mape"], 6), a["bias"], a["coverage"]
    (2, 10.0, 7.5, 0.0, 0.5)
    """
    y, f = _pairs(actual, forecast)
    lo = None if lower is None else I.as_doubles(lower, "lower", len(y), "as many as actual")
    hi = None if upper is None else I.as_doubles(upper, "upper", len(y), "as many as actual")
    out = C.Accuracy()
    call(LIB.lf_accuracy_compute, I.pointer(y), I.pointer(f), I.pointer(lo), I.pointer(hi),
         len(y), I.number(level, "level"),
         float("nan") if mase_scale is None else I.number(mase_scale, "mase_scale"),
         ctypes.byref(out))
    return accuracy_dict(out)


def mase_scale(train, season=7):
    """MASE's scale (lf_mase_scale): the in-sample MAE of the seasonal naive
    forecast on train (season 7: a week on daily data); NaN when no pair
    exists.

    >>> import libforecast as lf
    >>> lf.mase_scale([1, 2, 4, 7], season=1)
    2.0
    """
    y = I.as_doubles(train, "train")
    if isinstance(season, bool) or not isinstance(season, (int, np.integer)):
        raise ArgumentError(f"season must be an int, not {type(season).__name__}")
    out = ctypes.c_double()
    call(LIB.lf_mase_scale, I.pointer(y), len(y), int(season), ctypes.byref(out))
    return out.value


def _first_day(actual, first):
    if first is not None:
        return _one_day(first, "first")
    if isinstance(getattr(actual, "index", None), pd.DatetimeIndex) and len(actual):
        return _one_day(actual.index[0], "first")
    raise ArgumentError("give first (the day of actual[0]), or actual as a Series by day")


def aggregate_periods(actual, forecast, first=None, *, kind="month", agg="sum"):
    """Daily actuals and forecasts into complete calendar months or years
    (lf_accuracy_aggregate), for monthly or yearly accuracy: a DataFrame by
    period of actual and forecast.  Day i is first + i (first defaults to
    actual's first date when it is a Series by day); agg "sum" (energy) or
    "max" (peak).  A period is kept only when all its days lie inside and
    have both values.

    >>> import pandas as pd, libforecast as lf
    >>> days = pd.date_range("2025-01-15", "2025-03-31")
    >>> y = pd.Series(1.0, index=days)
    >>> aggregate_periods(y, y * 1.1, kind="month")
             actual  forecast
    period                   
    2025-02    28.0      30.8
    2025-03    31.0      34.1
    """
    y, f = _pairs(actual, forecast)
    start = _first_day(actual, first)
    starts = ctypes.POINTER(lf_date)()
    a, b = ctypes.POINTER(ctypes.c_double)(), ctypes.POINTER(ctypes.c_double)()
    n = ctypes.c_size_t()
    call(LIB.lf_accuracy_aggregate, start, len(y), I.pointer(y), I.pointer(f), period_kind(kind),
         choice(agg, AGGS, "agg"), ctypes.byref(starts), ctypes.byref(a), ctypes.byref(b),
         ctypes.byref(n))
    try:
        k = n.value
        days = np.ctypeslib.as_array(starts, shape=(k,)).copy() if k else np.zeros(0, np.int32)
        df = pd.DataFrame(
            {"actual": np.ctypeslib.as_array(a, shape=(k,)).copy() if k else np.zeros(0),
             "forecast": np.ctypeslib.as_array(b, shape=(k,)).copy() if k else np.zeros(0)},
            index=pd.PeriodIndex(pd.DatetimeIndex(to_datetime64(days)),
                                 freq=_PANDAS_FREQ[kind], name="period"))
    finally:
        for p in (starts, a, b):   # malloc'ed by C for the caller
            libc_free(p)
    return df
