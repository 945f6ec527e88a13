"""The days of a peak-shift schedule from pandas: the demand's consecutive
days, and each per-day input (limit, window) aligned on them by date.

Alignment is by date, never by position: a Series of days that misses one
of the demand's days, or a Series of months that misses one of its months,
is an ArgumentError naming it, so no value is ever taken for another day.
"""
import numpy as np
import pandas as pd

from . import _inputs as I
from .dates import to_lf_date, to_month
from .errors import ArgumentError


def daily_index(obj, name):
    """The DatetimeIndex of a Series of days, checked: no missing date, no
    time of day, no duplicate; in order and without gaps."""
    idx = getattr(obj, "index", None)
    if not isinstance(idx, pd.DatetimeIndex):
        raise ArgumentError(f"{name} must be a pandas Series indexed by days (a "
                            f"DatetimeIndex), not {type(obj).__name__}"
                            f"{' indexed by ' + type(idx).__name__ if idx is not None else ''}")
    if idx.hasnans:
        raise ArgumentError(f"{name}'s index has a missing date (NaT)")
    if len(idx) and not (idx == idx.normalize()).all():
        bad = idx[idx != idx.normalize()][0]
        raise ArgumentError(f"{name} must hold one value a day at 00:00; {bad} has a time "
                            "of day (resample intraday data to daily values first)")
    if idx.has_duplicates:
        raise ArgumentError(f"{name}'s index names {idx[idx.duplicated()][0].date()} twice")
    return idx


def demand_days(demand, name="demand"):
    """(first lf_date, DatetimeIndex, float64 array) of a daily Series (the
    demand of a schedule), its days consecutive."""
    if isinstance(demand, pd.DataFrame):
        raise ArgumentError(f"{name} must be one Series of daily values, not a DataFrame: "
                            "pick its column, e.g. df['peak_mw_p90']")
    idx = daily_index(demand, name)
    if len(idx) == 0:
        raise ArgumentError(f"{name} has no days")
    I.consecutive(idx, f"{name}'s index", "day")
    return int(to_lf_date(idx[0])), idx, I.as_doubles(demand, name)


def _by_day(series, name, days):
    idx = daily_index(series, name)
    values = pd.Series(I.as_doubles(series, name), index=to_lf_date(idx))
    wanted = to_lf_date(days)
    have = np.isin(wanted, values.index.to_numpy())
    if not have.all():
        raise ArgumentError(f"{name} has no value for {days[~have][0].date()}, a day of the "
                            f"demand ({days[0].date()} .. {days[-1].date()})")
    return np.ascontiguousarray(values.reindex(wanted).to_numpy(), dtype=np.float64)


def _by_month(series, name, days):
    months = I.month_index(series, name)
    values = pd.Series(I.as_doubles(series, name), index=months)
    day_months = days.to_period("M")
    have = day_months.isin(months)
    if not have.all():
        raise ArgumentError(f"{name} has no value for {day_months[~have][0]}, a month of the "
                            f"demand ({days[0].date()} .. {days[-1].date()})")
    return np.ascontiguousarray(values.reindex(day_months).to_numpy(), dtype=np.float64)


def _months_of_mapping(mapping, name):
    keys = [pd.Period(year=y, month=m, freq="M") for y, m in
            (to_month(k, f"{name}'s month {k!r}") for k in mapping)]
    values = [I.number(mapping[k], f"{name}'s {k}") for k in mapping]
    return pd.Series(values, index=pd.PeriodIndex(keys, freq="M"), dtype=np.float64)


def per_day(value, name, days):
    """value over the demand's days, as a C-contiguous float64 array: a number
    (every day), a Series of days (aligned by date; others ignored), a Series
    of months or a {"2025-07": 9300, ...} mapping (each day its month's),
    or an array of one value a day."""
    if isinstance(value, dict):
        value = _months_of_mapping(value, name)
    if isinstance(value, pd.Series) and isinstance(value.index, pd.PeriodIndex):
        return _by_month(value, name, days)
    if isinstance(value, pd.Series) and isinstance(value.index, pd.DatetimeIndex):
        return _by_day(value, name, days)
    if isinstance(value, pd.Series) and not isinstance(value.index, pd.RangeIndex):
        raise ArgumentError(f"{name} must be indexed by days (DatetimeIndex) or months "
                            f"(PeriodIndex), not {type(value.index).__name__}")
    if np.ndim(value) == 0:
        return np.full(len(days), I.number(value, name))
    return I.as_doubles(value, name, len(days), "one a day of the demand")
