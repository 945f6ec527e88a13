"""Seasonal decomposition of a series (stl.h): STL with one period, MSTL with
several (a week and a year of daily load), and the seasonally adjusted series.

stl(series, period, ...) is statsmodels' STL(y, period).fit() by default and
R's stats::stl with defaults="R"; mstl(series, periods, ...) is R's
forecast::mstl.  Both return a DataFrame with the series' index: trend, the
seasonal component(s) and remainder (y = trend + seasonal + remainder up to
one rounding).  Settings left at None are the C library's
(lf_stl_spec_init, lf_mstl_spec_init), filled by its rules for the series'
length (lf_stl_spec_resolve); stl's result lists them in attrs["settings"].

The series is 1-D and numeric; float64 goes to C without a copy.  Values
are checked by C: a NaN (fill the gaps first) or a series not longer than
two periods raises InputError with the C message, a bad setting (an even
window, a degree of 2) ArgumentError with the C message.

>>> import numpy as np, pandas as pd
>>> from libforecast.decompose import stl
>>> days = pd.date_range("2024-01-01", periods=140)
>>> t = np.arange(140)
>>> y = pd.Series(500 + 1.5 * t + 40 * np.sin(2 * np.pi * t / 7), index=days)
>>> d = stl(y, 7)                     # a weekly sine on a line: recovered exactly
>>> d[["trend", "seasonal"]].round(3).head(3)
            trend  seasonal
2024-01-01  500.0     0.000
2024-01-02  501.5    31.273
2024-01-03  503.0    38.997
>>> d.attrs["settings"]["trend"], d.attrs["settings"]["low_pass"]
(15, 9)
"""
import ctypes
import numbers
import warnings

import numpy as np
import pandas as pd

from . import _c_stl as S
from . import _inputs as I
from ._lib import LIB
from .errors import ArgumentError, call

__all__ = ["stl", "mstl", "stl_adjust"]

STL_DEFAULTS = ("statsmodels", "R")   # lf_stl_defaults: whose rules fill the None settings
_AUTO = ("trend", "low_pass", "seasonal_deg", "trend_deg", "low_pass_deg", "seasonal_jump",
         "trend_jump", "low_pass_jump", "inner", "outer")
_INT_MIN, _INT_MAX = -2 ** 31, 2 ** 31 - 1


def _c_int(value, what):
    """An int that fits a C int (ctypes would silently wrap a larger one)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ArgumentError(f"{what} must be an int, not {value!r}")
    if not _INT_MIN <= value <= _INT_MAX:
        raise ArgumentError(f"{what} {value} is out of range")
    return int(value)


def _window(value, what):
    """A seasonal window: an int, or "periodic" (one fixed pattern)."""
    if isinstance(value, str):
        if value != "periodic":
            raise ArgumentError(f"{what} must be an odd int >= 3 or 'periodic', not {value!r}")
        return S.LF_STL_PERIODIC
    return _c_int(value, what)


def _checked(settings, robust, defaults):
    """The given STL settings as {lf_stl_spec field: C value}, checked
    (None: left out, keeping the C default)."""
    out = {name: _c_int(value, name) for name, value in settings.items() if value is not None}
    if not isinstance(robust, (bool, np.bool_)):
        raise ArgumentError(f"robust must be True or False, not {robust!r}")
    out["robust"] = int(robust)
    if defaults is not None:
        if defaults not in STL_DEFAULTS:
            raise ArgumentError(f"defaults must be one of {', '.join(STL_DEFAULTS)}, "
                                f"not {defaults!r}")
        out["defaults"] = STL_DEFAULTS.index(defaults)
    return out


def _set(spec, values):
    for name, value in values.items():
        setattr(spec, name, value)


def _settings(spec):
    """An lf_stl_spec as a dict: "periodic" and the defaults' name spelled out."""
    out = {name: getattr(spec, name) for name, _ in S.StlSpec._fields_}
    if out["seasonal"] == S.LF_STL_PERIODIC:
        out["seasonal"] = "periodic"
    out["robust"] = bool(out["robust"])
    out["defaults"] = STL_DEFAULTS[out["defaults"]]
    return out


def _index(series, n):
    """The series' index, or positions for an array."""
    return series.index if isinstance(series, pd.Series) else pd.RangeIndex(n)


def stl(series, period, *, seasonal=None, trend=None, low_pass=None, seasonal_deg=None,
        trend_deg=None, low_pass_deg=None, seasonal_jump=None, trend_jump=None,
        low_pass_jump=None, robust=False, inner=None, outer=None, defaults=None):
    """STL decomposition of series with one period (lf_stl): a DataFrame
    with the series' index and the columns trend, seasonal, remainder, and
    weight (the last round's robustness weights) for a robust fit.

    period: the cycle's length in steps (7 for a week of days), >= 2.
    seasonal: the seasonal window, odd >= 3, or "periodic" (one fixed
        pattern, R's s.window="periodic"); None is 7.
    trend, low_pass: odd windows >= 3; *_deg: loess degree 0 or 1;
        *_jump: evaluate every k-th point (>= 1); inner, outer: iterations.
        None: filled by the rules of `defaults` for this series.
    robust: robust iteration defaults (an explicit outer > 0 is robust too).
    defaults: whose rules fill the None settings: "statsmodels" (None:
        STL(y, period, seasonal).fit()) or "R" (stl(ts(y, frequency=period),
        s.window=seasonal)).
    attrs["settings"]: every setting as used (lf_stl_spec_resolve).

    >>> import numpy as np
    >>> from libforecast.decompose import stl
    >>> y = 100 + np.tile([5.0, 1, 0, -1, -2, -3, 0], 6) + 0.1 * np.arange(42)
    >>> d = stl(y, 7, robust=True)
    >>> list(d.columns), d.attrs["settings"]["outer"]
    (['trend', 'seasonal', 'remainder', 'weight'], 15)
    """
    y = I.as_doubles(series, "series")
    n = len(y)
    period = _c_int(period, "period")
    values = _checked(dict(
        trend=trend, low_pass=low_pass, seasonal_deg=seasonal_deg, trend_deg=trend_deg,
        low_pass_deg=low_pass_deg, seasonal_jump=seasonal_jump, trend_jump=trend_jump,
        low_pass_jump=low_pass_jump, inner=inner, outer=outer), robust, defaults)
    if seasonal is not None:
        values["seasonal"] = _window(seasonal, "seasonal")
    spec = S.StlSpec()
    LIB.lf_stl_spec_init(ctypes.byref(spec), period)
    _set(spec, values)
    used = S.StlSpec()
    call(LIB.lf_stl_spec_resolve, ctypes.byref(spec), n, ctypes.byref(used))
    seasonal_, trend_, remainder, weight = (np.empty(n) for _ in range(4))
    call(LIB.lf_stl, ctypes.byref(spec), I.pointer(y), n, I.pointer(seasonal_),
         I.pointer(trend_), I.pointer(remainder), I.pointer(weight))
    df = pd.DataFrame({"trend": trend_, "seasonal": seasonal_, "remainder": remainder},
                      index=_index(series, n))
    if used.outer > 0:
        df["weight"] = weight
    df.attrs["settings"] = _settings(used)
    return df


def _periods(periods):
    """periods as a list of C ints (one int: one period)."""
    if isinstance(periods, numbers.Integral) and not isinstance(periods, (bool, np.bool_)):
        periods = [periods]
    if isinstance(periods, (str, bytes)) or not hasattr(periods, "__iter__"):
        raise ArgumentError(f"periods must be an int or a list of ints, not {periods!r}")
    return [_c_int(p, "a period") for p in periods]


def _mstl_windows(seasonal, k):
    """The seasonal windows, one a period (None: R's 7 + 4 i, left to C);
    one value is every period's."""
    if seasonal is None:
        return None
    if isinstance(seasonal, (str, numbers.Number)) or not hasattr(seasonal, "__iter__"):
        seasonal = [seasonal] * k
    seasonal = list(seasonal)
    if len(seasonal) != k:
        raise ArgumentError(f"seasonal has {len(seasonal)} windows; expected {k} (one a period)")
    return [_window(w, f"seasonal[{i}]") for i, w in enumerate(seasonal)]


def mstl(series, periods, *, seasonal=None, iterations=None, trend=None, low_pass=None,
         seasonal_deg=None, trend_deg=None, low_pass_deg=None, seasonal_jump=None,
         trend_jump=None, low_pass_jump=None, robust=False, inner=None, outer=None,
         defaults=None):
    """MSTL decomposition with several periods (lf_mstl, R's forecast::mstl):
    a DataFrame with the series' index and the columns trend,
    seasonal_<period> for each period kept, remainder.

    periods: 1 to 4 periods, ascending (7, 365).  A period with 2 p >= n
        (fewer than two cycles) is dropped with a warning, as R does: no
        column; attrs["periods"] lists those kept, attrs["dropped"] the others.
    seasonal: the seasonal windows: None (R's 11, 15, 19, 23), one int or
        "periodic" for all, or a list with one a period.
    iterations: rounds over the periods (None: 2).
    The other settings are stl()'s, for every STL fit; defaults None is "R".

    >>> import numpy as np
    >>> from libforecast.decompose import mstl
    >>> t = np.arange(3 * 365)
    >>> y = 1000 + 30 * np.sin(2 * np.pi * t / 7) + 200 * np.cos(2 * np.pi * t / 365)
    >>> d = mstl(y, [7, 365])
    >>> list(d.columns)
    ['trend', 'seasonal_7', 'seasonal_365', 'remainder']
    >>> d[["seasonal_7", "seasonal_365"]].std().round(0).tolist()     # 30 / sqrt(2), 200 / sqrt(2)
    [21.0, 141.0]
    """
    y = I.as_doubles(series, "series")
    n = len(y)
    periods = _periods(periods)
    k = len(periods)
    windows = _mstl_windows(seasonal, k)
    if iterations is not None:
        iterations = _c_int(iterations, "iterations")
    values = _checked(dict(
        trend=trend, low_pass=low_pass, seasonal_deg=seasonal_deg, trend_deg=trend_deg,
        low_pass_deg=low_pass_deg, seasonal_jump=seasonal_jump, trend_jump=trend_jump,
        low_pass_jump=low_pass_jump, inner=inner, outer=outer), robust, defaults)
    spec = S.MstlSpec()
    # C reads at most LF_MSTL_MAX_PERIODS and keeps k for its check to refuse
    LIB.lf_mstl_spec_init(ctypes.byref(spec), k, (ctypes.c_int * max(k, 1))(*periods))
    for i, w in enumerate((windows or [])[:S.LF_MSTL_MAX_PERIODS]):
        spec.seasonal[i] = w
    if iterations is not None:
        spec.iterations = iterations
    _set(spec.stl, values)
    seasonals = np.empty((max(k, 1), n))
    trend_, remainder = np.empty(n), np.empty(n)
    nused = ctypes.c_int()
    call(LIB.lf_mstl, ctypes.byref(spec), I.pointer(y), n, I.pointer(seasonals),
         I.pointer(trend_), I.pointer(remainder), ctypes.byref(nused))
    kept, dropped = periods[:nused.value], periods[nused.value:]
    if dropped:
        warnings.warn(f"mstl: period(s) {dropped} dropped: the series ({n} values) has fewer "
                      f"than two of their cycles", UserWarning, stacklevel=2)
    columns = {"trend": trend_}
    columns.update({f"seasonal_{p}": seasonals[i] for i, p in enumerate(kept)})
    columns["remainder"] = remainder
    df = pd.DataFrame(columns, index=_index(series, n))
    df.attrs["periods"], df.attrs["dropped"] = kept, dropped
    return df


def _seasonal_rows(components, series, n):
    """The seasonal components as C's rows (k x n): a DataFrame's columns
    named seasonal*, or one Series or array."""
    if isinstance(components, (pd.Series, pd.DataFrame)) and isinstance(series, pd.Series) \
            and not components.index.equals(series.index):
        raise ArgumentError("components must have the series' index")
    if isinstance(components, pd.DataFrame):
        names = [c for c in components.columns if str(c).startswith("seasonal")]
        if not names:
            raise ArgumentError(f"components has no seasonal column (seasonal, seasonal_7, "
                                f"...): {list(components.columns)}")
        rows = [I.as_doubles(components[c], f"components['{c}']", n) for c in names]
    else:
        rows = [I.as_doubles(components, "components", n)]
    return np.ascontiguousarray(np.vstack(rows))


def stl_adjust(series, components):
    """The seasonally adjusted series (lf_stl_adjust): series minus the
    seasonal components, i.e. trend + remainder, as a Series named adjusted
    with the series' index.

    components: stl()'s or mstl()'s DataFrame (its seasonal columns are
    subtracted), or one seasonal component (a Series or an array) of the
    series' length; pandas components must have the series' index.

    >>> import numpy as np, pandas as pd
    >>> from libforecast.decompose import stl, stl_adjust
    >>> y = pd.Series(100 + np.tile([5.0, 1, 0, -1, -2, -3, 0], 4))
    >>> stl_adjust(y, stl(y, 7)).round(6).unique()
    array([100.])
    """
    y = I.as_doubles(series, "series")
    n = len(y)
    rows = _seasonal_rows(components, series, n)
    adjusted = np.empty(n)
    call(LIB.lf_stl_adjust, I.pointer(y), n, I.pointer(rows), rows.shape[0],
         I.pointer(adjusted))
    return pd.Series(adjusted, index=_index(series, n), name="adjusted")
