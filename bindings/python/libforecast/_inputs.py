"""Python values into what the C functions take, checked before any call.

Arrays reach C without a copy when they already are 1-D C-contiguous float64
(numpy arrays, float64 pandas columns); anything else numeric (int, float32,
a strided slice, a nullable pandas dtype, a list) is converted by
np.ascontiguousarray / to_numpy, which copies.  Booleans, strings, dates and
complex numbers are refused, as are arrays of another shape or length: an
ArgumentError naming the argument, never a crash in C.  Values (NaN, < 0) are
left to the C checks, whose messages name the month or day.
"""
import ctypes
import os

import numpy as np
import pandas as pd

from .dates import to_lf_date
from .errors import ArgumentError

_NUMERIC = "fiu"


def c_text(value, what):
    """A str as NUL-terminated UTF-8 for a const char * (None stays NULL)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArgumentError(f"{what} must be a string, not {type(value).__name__}")
    if "\0" in value:
        raise ArgumentError(f"{what} contains a NUL character")
    return value.encode("utf-8")


def c_path(path, what="path"):
    """A str or os.PathLike as the bytes of a file name."""
    try:
        raw = os.fsencode(os.fspath(path))
    except TypeError:
        raise ArgumentError(f"{what} must be a str or os.PathLike, not "
                            f"{type(path).__name__}") from None
    if b"\0" in raw:
        raise ArgumentError(f"{what} contains a NUL character")
    return raw


def _numpy_of(value, name):
    if isinstance(value, (pd.Series, pd.Index)):
        if value.dtype.kind not in _NUMERIC:
            raise ArgumentError(f"{name} must hold numbers, not dtype {value.dtype}")
        if value.dtype == np.float64:
            return value.to_numpy()          # a view of the column, no copy
        return value.to_numpy(dtype=np.float64, na_value=np.nan)
    arr = np.asarray(value)
    if arr.dtype.kind == "O":
        try:
            return arr.astype(np.float64)    # None becomes NaN, for C to name
        except (TypeError, ValueError):
            raise ArgumentError(f"{name} must hold numbers") from None
    if arr.dtype.kind not in _NUMERIC:
        raise ArgumentError(f"{name} must hold numbers, not dtype {arr.dtype}")
    return arr


def as_doubles(value, name, n=None, unit="values"):
    """value as a 1-D C-contiguous float64 array of n elements (any length
    when n is None); no copy when it already is one.

    >>> as_doubles([1, 2], "own_mw", 2)
    array([1., 2.])
    """
    arr = _numpy_of(value, name)
    if arr.ndim != 1:
        raise ArgumentError(f"{name} must be one-dimensional (one value a month or day), "
                            f"got shape {arr.shape}")
    if n is not None and arr.shape[0] != n:
        raise ArgumentError(f"{name} has {arr.shape[0]} values; expected {n} ({unit})")
    return np.ascontiguousarray(arr, dtype=np.float64)


def month_index(obj, name):
    """The monthly PeriodIndex of a Series or DataFrame indexed by months
    (PeriodIndex, or DatetimeIndex: any day names its month), else None."""
    idx = getattr(obj, "index", None)
    if isinstance(idx, pd.DatetimeIndex):
        if idx.hasnans:
            raise ArgumentError(f"{name}'s index has a missing date (NaT)")
        idx = idx.to_period("M")
    elif isinstance(idx, pd.PeriodIndex):
        if idx.freqstr != "M":
            raise ArgumentError(f"{name}'s index must be monthly periods, not {idx.freqstr}")
    else:
        return None
    if idx.has_duplicates:
        raise ArgumentError(f"{name}'s index names {idx[idx.duplicated()][0]} twice")
    return idx


def consecutive(idx, name, unit="month"):
    """ArgumentError unless idx (periods or dates) has one step a unit, in order."""
    steps = np.diff(idx.asi8 if isinstance(idx, pd.PeriodIndex) else to_lf_date(idx))
    bad = np.flatnonzero(steps != 1)
    if bad.size:
        k = bad[0]
        raise ArgumentError(f"{name} must have consecutive {unit}s in order: "
                            f"{str(idx[k + 1])[:10]} follows {str(idx[k])[:10]}")


def by_month(series, name, months, missing_is_zero):
    """series (indexed by months) at the plan's months, as an array; months
    beyond the plan are left out, a plan month without a figure is an error
    (0 when missing_is_zero, as the config reads outages)."""
    idx = month_index(series, name)
    values = pd.Series(_numpy_of(series, name), index=idx)
    have = months.isin(idx)
    if not have.all() and not missing_is_zero:
        raise ArgumentError(f"{name} has no figure for {months[~have][0]}, a month of the "
                            f"plan ({months[0]} .. {months[-1]})")
    return np.ascontiguousarray(values.reindex(months, fill_value=0.0).to_numpy(),
                                dtype=np.float64)


def share(value, name):
    """A share such as a reserve margin: 0.12, or the strings "12%" / "0.12";
    None is NaN (unset, for C to say so)."""
    if value is None:
        return float("nan")
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise ArgumentError(f"{name} '{value}' is not a share (0.12) or a percentage "
                                f"('12%')") from None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise ArgumentError(f"{name} must be a number (0.12) or a percentage ('12%'), not "
                            f"{type(value).__name__}")
    return float(value)


def number(value, name):
    """A plain number (not a bool) as a float."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise ArgumentError(f"{name} must be a number, not {type(value).__name__}")
    return float(value)


def pointer(arr):
    """A double * into a C-contiguous float64 array (None: NULL); the array
    must outlive the C call."""
    return None if arr is None else arr.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
