"""Dates as libforecast counts them: lf_date, int32 days since 1970-01-01.

to_lf_date turns a date of any common form (datetime.date or datetime, numpy
datetime64, pandas Timestamp, a string as the C parser reads it) into a day
number, or an array of them (numpy, pandas, lists) into an int32 array; the
to_* functions go back, vectorised for arrays.  Supported years: 1..9999, as
in C (date.h).

>>> import datetime, numpy as np
>>> from libforecast.dates import to_lf_date, to_date, to_datetime64
>>> to_lf_date(datetime.date(2025, 1, 1))
20089
>>> to_lf_date("2025/1/2"), to_date(20089)
(20090, datetime.date(2025, 1, 1))
>>> to_datetime64(np.array([0, 20089], dtype=np.int32))
array(['1970-01-01', '2025-01-01'], dtype='datetime64[D]')
"""
import ctypes
import datetime

import numpy as np
import pandas as pd

from . import _c_core as T
from ._lib import LIB
from .errors import ArgumentError, LibforecastError, call

__all__ = ["to_lf_date", "to_date", "to_datetime64", "to_timestamp", "to_month"]

FIRST = -719162   # 0001-01-01
LAST = 2932896    # 9999-12-31
_EPOCH = datetime.date(1970, 1, 1)


def _parse(text):
    out = T.lf_date()
    try:
        call(LIB.lf_date_parse, text.encode("utf-8"), ctypes.byref(out))
    except LibforecastError as e:
        raise ArgumentError(e.message) from None
    return out.value


def _wall_clock(value):
    """A time-zone-aware Timestamp or DatetimeIndex on its own wall clock (the
    library does no time zone arithmetic: 00:30 in Shanghai is that day)."""
    if getattr(value, "tz", None) is not None:
        return value.tz_localize(None)
    return value


def _checked(days, what):
    days = np.asarray(days, dtype=np.int64)
    bad = (days < FIRST) | (days > LAST)
    if bad.any():
        raise ArgumentError(f"{what} {np.asarray(days)[bad].flat[0]} (days since 1970-01-01) "
                            "is outside the years 1..9999")
    return days


def _scalar(value):
    if isinstance(value, str):
        return _parse(value)
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise ArgumentError("a date is missing (NaT)")
    if isinstance(value, pd.Timestamp):
        value = _wall_clock(value).to_datetime64()
    if isinstance(value, np.datetime64):
        return int(_checked(value.astype("datetime64[D]").astype(np.int64), "the date"))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return (value - _EPOCH).days
    raise ArgumentError(f"a date is a datetime.date, numpy.datetime64, pandas.Timestamp or "
                        f"'YYYY-MM-DD' string, not {type(value).__name__}")


def to_lf_date(value):
    """Day number(s) of value: an int for one date, an int32 array for many.

    A time-zone-aware Timestamp counts on its own wall clock (00:30 in
    Shanghai is that day, as the library does no time zone arithmetic).
    Arrays of datetime64 (any unit, truncated to the day), DatetimeIndex,
    Series of dates, and lists of dates or strings are converted element by
    element; an integer array is taken as day numbers already.  A missing date
    (NaT) or a year outside 1..9999 raises ArgumentError.

    >>> import pandas as pd
    >>> to_lf_date(pd.Timestamp("1969-12-31 23:00"))
    -1
    >>> to_lf_date(pd.date_range("2024-02-28", periods=3)).tolist()
    [19781, 19782, 19783]
    """
    if isinstance(value, (str, datetime.date, np.datetime64, pd.Timestamp)):
        return _scalar(value)
    if isinstance(value, pd.Series) and isinstance(value.dtype, pd.DatetimeTZDtype):
        value = pd.DatetimeIndex(value)
    if isinstance(value, (pd.Series, pd.Index)):
        value = _wall_clock(value).to_numpy()
    arr = np.asarray(value)
    if arr.dtype.kind == "M":
        if np.isnat(arr).any():
            raise ArgumentError("a date is missing (NaT)")
        days = arr.astype("datetime64[D]").astype(np.int64)
    elif arr.dtype.kind in "iu":
        days = arr
    elif arr.dtype.kind in "OU":
        days = np.array([_scalar(v) for v in arr.ravel()], dtype=np.int64).reshape(arr.shape)
    else:
        raise ArgumentError(f"dates cannot be made of an array of dtype {arr.dtype}")
    return _checked(days, "the date").astype(np.int32)


def to_date(day):
    """datetime.date of a day number.

    >>> to_date(-1)
    datetime.date(1969, 12, 31)
    """
    return _EPOCH + datetime.timedelta(days=int(_checked(day, "the day")))


def to_datetime64(days):
    """numpy datetime64[D] of a day number, or an array of them.

    >>> to_datetime64(1)
    numpy.datetime64('1970-01-02')
    """
    arr = _checked(days, "the day")
    out = arr.astype("datetime64[D]")
    return out[()] if out.ndim == 0 else out


def to_timestamp(days):
    """pandas Timestamp of a day number, or a DatetimeIndex of an array of them.
    pandas (1.x) Timestamps hold nanoseconds, so the years 1678..2261 only:
    ArgumentError outside them (to_date and to_datetime64 cover 1..9999).

    >>> to_timestamp([0, 31])
    DatetimeIndex(['1970-01-01', '1970-02-01'], dtype='datetime64[ns]', freq=None)
    """
    out = to_datetime64(days)
    try:
        return pd.DatetimeIndex(out) if isinstance(out, np.ndarray) else pd.Timestamp(out)
    except pd.errors.OutOfBoundsDatetime:
        raise ArgumentError(f"a pandas Timestamp holds {pd.Timestamp.min.date()} .. "
                            f"{pd.Timestamp.max.date()}; use to_datetime64 for days outside "
                            "them") from None


def to_month(value, what="the month"):
    """(year, month) of a month given as 'YYYY-MM', a pandas Period, any date
    of the month (as to_lf_date takes it) or a (year, month) pair.

    >>> to_month("2025-07"), to_month(pd.Period("2025-07", "M")), to_month((2025, 7))
    ((2025, 7), (2025, 7), (2025, 7))
    """
    if isinstance(value, tuple) and len(value) == 2:
        year, month = (int(v) for v in value)
    elif isinstance(value, pd.Period):
        year, month = value.year, value.month
    elif isinstance(value, str) and len(value) == 7 and value[4] == "-":
        try:
            year, month = int(value[:4]), int(value[5:])
        except ValueError:
            raise ArgumentError(f"{what} '{value}' is not a month (YYYY-MM)") from None
    else:
        d = to_date(_scalar(value))
        year, month = d.year, d.month
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise ArgumentError(f"{what} {year:04d}-{month:02d} is not a month (YYYY-MM)")
    return year, month
