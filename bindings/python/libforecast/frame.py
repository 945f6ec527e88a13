"""Daily frames (frame.h): consecutive days x named float64 columns, the
library's one table type, and their monthly or yearly summaries (aggregate.h).

A Frame is one of three things, all used the same way:

* made from a pandas DataFrame (Frame.from_pandas, or any function taking a
  frame given a DataFrame): the C struct points into the DataFrame's own
  float64 columns, **no copy**; the Frame keeps the arrays alive (also after
  ``del df``), and C only reads them;
* made by C (read by ingest, Frame.copy(), ...): owned, freed by close(), a
  ``with`` block or garbage collection;
* a view of a frame another object owns (a Project's): it keeps that owner
  alive, frees nothing, and is closed when its owner is.

Reading a Frame back (to_pandas, frame["col"]) copies, so what Python holds
stays valid after close().

>>> import pandas as pd
>>> import libforecast as lf
>>> days = pd.date_range("2025-01-01", "2025-02-01")
>>> df = pd.DataFrame({"energy_mwh": 240.0, "peak_mw": 12.0}, index=days)
>>> df.loc["2025-01-15", "peak_mw"] = 15.0
>>> f = lf.Frame.from_pandas(df, units={"energy_mwh": "MWh", "peak_mw": "MW"})
>>> len(f), f.columns, str(f.end.date())
(32, ['energy_mwh', 'peak_mw'], '2025-02-01')
>>> f.summarize("month")[["days", "days_missing", "energy_mwh", "peak_mw", "load_factor"]]
         days  days_missing  energy_mwh  peak_mw  load_factor
period                                                       
2025-01    31             0      7440.0     15.0     0.666667
2025-02    28            27         NaN     12.0          NaN
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_frame as C
from . import _inputs as I
from ._c_core import LF_ERR_NOMEM, Error
from ._handle import Handle, keep_alive
from ._lib import LIB, libc_free
from .dates import to_datetime64, to_lf_date, to_timestamp
from .errors import ArgumentError, call, check

__all__ = ["Frame", "as_frame", "PERIOD_KINDS"]

PERIOD_KINDS = {"month": C.LF_PERIOD_MONTH, "year": C.LF_PERIOD_YEAR, "day": C.LF_PERIOD_DAY}
_PANDAS_FREQ = {"month": "M", "year": "A", "day": "D"}


def period_kind(kind):
    """"month" | "year" | "day" as lf_period_kind."""
    if not isinstance(kind, str) or kind not in PERIOD_KINDS:
        raise ArgumentError(f"period kind {kind!r} is not one of {', '.join(PERIOD_KINDS)}")
    return PERIOD_KINDS[kind]


def _one_day(value, what):
    """One date as an lf_date (an int is a day number already); a list or an
    array of dates is refused."""
    day = to_lf_date(value)
    if np.ndim(day) != 0:
        raise ArgumentError(f"{what} must be one date, not {type(value).__name__}")
    return int(day)


def _first_day(index, what):
    """The first day of a daily DatetimeIndex (or daily PeriodIndex), checked:
    dates at midnight, one day apart, in order, no NaT (a gap would shift
    every later row)."""
    if isinstance(index, pd.PeriodIndex):
        if index.freqstr != "D":
            raise ArgumentError(f"{what}'s index must be daily periods, not {index.freqstr}")
        index = index.to_timestamp()
    if not isinstance(index, pd.DatetimeIndex):
        raise ArgumentError(f"{what} must have a DatetimeIndex of days, not "
                            f"{type(index).__name__}")
    if len(index) == 0:
        raise ArgumentError(f"{what} has no rows")
    if index.hasnans:
        raise ArgumentError(f"{what}'s index has a missing date (NaT)")
    wall = index.tz_localize(None) if index.tz is not None else index
    if not (wall == wall.normalize()).all():
        raise ArgumentError(f"{what}'s index has times of day: a frame has one row a day "
                            "(resample to daily first)")
    I.consecutive(index, what, unit="day")
    return int(to_lf_date(index[:1])[0])


def _names_and_units(df, units):
    names = [c if isinstance(c, str) else str(c) for c in df.columns]
    if len(set(names)) != len(names):
        raise ArgumentError(f"the frame names a column twice: {names}")
    if "" in names:
        raise ArgumentError("the frame has a column without a name")
    # Units passed here must name columns (a typo would be lost); the units in
    # df.attrs are pandas metadata that selections and renames carry along
    # unchanged, so those of columns no longer there are just left out.
    stray = sorted(set(units or {}) - set(names))
    if stray:
        raise ArgumentError(f"units are given for {stray}, which are not columns of the frame")
    carried = {k: v for k, v in df.attrs.get("units", {}).items() if k in names}
    return names, dict(carried, **(units or {}))


def _frame_new(start, ndays):
    """lf_frame_new, which returns NULL (not a status) on error: an owned Frame."""
    err = Error()
    ptr = LIB.lf_frame_new(start, ndays, err)
    if not ptr:
        check(err.code or LF_ERR_NOMEM, err)
    return Frame._owned(ptr)


class Frame(Handle):
    """A daily frame: len(frame) days from .start, named float64 columns.

    Make one with Frame.from_pandas(df); ingest functions and Project return
    them too.  Columns read back as copies (frame["col"], to_pandas()).

    >>> import pandas as pd, libforecast as lf
    >>> f = lf.Frame.from_pandas(pd.DataFrame({"peak_mw": [1.0, 2.0]},
    ...                          index=pd.date_range("2025-03-01", periods=2)))
    >>> f["peak_mw"].tolist(), "peak_mw" in f, f.units
    ([1.0, 2.0], True, {'peak_mw': ''})
    """

    def __init__(self, ptr, free, keep=None):
        super().__init__(ptr, free)
        self._keep = keep   # for a frame over pandas: what the C struct points into

    def _init_view(self):
        self._keep = None

    @classmethod
    def _owned(cls, ptr):
        """A frame C made; freed by lf_frame_free."""
        return cls(ptr, LIB.lf_frame_free)

    @classmethod
    def _view(cls, ptr, owner):
        """A frame owner holds; kept alive by this view, never freed here."""
        return cls.view(ptr, owner)

    @classmethod
    def from_pandas(cls, df, units=None):
        """A frame over df's columns, without copying float64 columns.

        df: a DataFrame with a DatetimeIndex of consecutive days (midnight,
        in order, no gap; a daily PeriodIndex too); a Series is taken as a
        one-column frame.  Every column must be numeric: float64 columns
        are shared, not copied (C only reads them); ints, float32 and
        nullable dtypes are converted (a copy), and so are the strided
        columns of a DataFrame made from one 2-D array (df.copy() lays them
        out contiguously); booleans, strings and dates are refused.
        Missing = NaN.  units: {column: unit} ("MWh", "MW",
        "degC", "1"), else df.attrs["units"], else "".

        >>> import pandas as pd, libforecast as lf
        >>> df = pd.DataFrame({"energy_mwh": [24.0, 26.0]},
        ...                   index=pd.date_range("2025-01-01", periods=2))
        >>> f = lf.Frame.from_pandas(df, units={"energy_mwh": "MWh"})
        >>> f.start.date(), f.units
        (datetime.date(2025, 1, 1), {'energy_mwh': 'MWh'})
        """
        if isinstance(df, pd.Series):
            df = df.to_frame(name=df.name if df.name is not None else "value")
        if not isinstance(df, pd.DataFrame):
            raise ArgumentError(f"a frame is made from a pandas DataFrame, not "
                                f"{type(df).__name__}")
        start = _first_day(df.index, "the frame")
        names, units = _names_and_units(df, units)
        arrays = [I.as_doubles(df.iloc[:, k], f"column '{names[k]}'", len(df))
                  for k in range(len(names))]
        cols = (C.Column * max(1, len(arrays)))()
        texts = []
        for k, (name, arr) in enumerate(zip(names, arrays)):
            texts += [I.c_text(name, "a column name"), I.c_text(units.get(name, ""), "a unit")]
            cols[k] = C.Column(texts[-2], texts[-1], I.pointer(arr))
        struct = C.Frame(start, len(df), len(arrays), len(arrays), cols)
        keep = [struct, cols, arrays, texts, df]
        return cls(ctypes.pointer(struct), keep_alive(keep), keep)

    def _c(self):
        return self._ptr().contents

    def __len__(self):
        return self._c().ndays

    @property
    def start(self):
        """The first day (a Timestamp)."""
        return to_timestamp(self._c().start)

    @property
    def end(self):
        """The last day (a Timestamp)."""
        c = self._c()
        return to_timestamp(c.start + c.ndays - 1)

    @property
    def index(self):
        """The days, a DatetimeIndex named "date"."""
        return pd.date_range(self.start, periods=len(self), freq="D", name="date")

    @property
    def columns(self):
        """The column names, in order."""
        c = self._c()
        return [c.cols[k].name.decode("utf-8") for k in range(c.ncols)]

    @property
    def units(self):
        """{column: unit}."""
        c = self._c()
        return {c.cols[k].name.decode("utf-8"): (c.cols[k].unit or b"").decode("utf-8")
                for k in range(c.ncols)}

    def _values(self, k):
        c = self._c()
        return np.ctypeslib.as_array(c.cols[k].values, shape=(c.ndays,)).copy()

    def __getitem__(self, name):
        """One column as a Series by day (a copy); KeyError naming the columns."""
        names = self.columns
        if name not in names:
            raise KeyError(f"the frame has no column '{name}' (it has {', '.join(names)})")
        return pd.Series(self._values(names.index(name)), index=self.index, name=name)

    def __contains__(self, name):
        return name in self.columns

    def to_pandas(self):
        """A DataFrame (a copy) by day; .attrs["units"] holds the units."""
        names = self.columns
        df = pd.DataFrame({n: self._values(k) for k, n in enumerate(names)}, index=self.index)
        df.attrs["units"] = self.units
        return df

    def copy(self):
        """An owned copy in C memory (lf_frame_new + lf_frame_add_column): what
        the functions that add columns work on, never the DataFrame's arrays.

        >>> import pandas as pd, libforecast as lf
        >>> f = lf.Frame.from_pandas(pd.Series([1.0, 2.0], name="x",
        ...                          index=pd.date_range("2025-03-01", periods=2)))
        >>> g = f.copy(); f.close()
        >>> g["x"].tolist(), g.start.date()
        ([1.0, 2.0], datetime.date(2025, 3, 1))
        """
        c = self._c()
        out = _frame_new(c.start, c.ndays)
        for k in range(c.ncols):
            col = c.cols[k]
            err = Error()
            values = LIB.lf_frame_add_column(out._ptr(), col.name, col.unit, err)
            if not values:
                out.close()
                check(err.code or LF_ERR_NOMEM, err)
            ctypes.memmove(values, col.values, c.ndays * ctypes.sizeof(ctypes.c_double))
        return out

    def to_csv(self, path):
        """Write "date,<col>,..." with lf_frame_write_csv (complete or not at all)."""
        call(LIB.lf_frame_write_csv, self._ptr(), I.c_path(path))

    def summarize(self, kind="month", prefix=""):
        """Energy, peak, minimum, load factor and mean temperature by month,
        year or day (lf_summarize) of the load columns prefix + energy_mwh,
        peak_mw (required) and min_mw, and tmean_c: a DataFrame indexed by
        period (a PeriodIndex), with the columns of lfc ingest's monthly.csv.

        As in C: energy_mwh is NaN unless every day of the period has it
        (days_missing counts those without, and the days outside the frame);
        peak_mw is the largest daily peak present; load_factor = energy /
        (peak x 24 x days).  InputError when the columns are missing.

        >>> import pandas as pd, libforecast as lf
        >>> df = pd.DataFrame({"energy_mwh": 24.0, "peak_mw": 2.0},
        ...                   index=pd.date_range("2025-01-01", "2025-12-31"))
        >>> lf.Frame.from_pandas(df).summarize("year")[["energy_mwh", "load_factor"]]
                energy_mwh  load_factor
        period                         
        2025        8760.0          0.5
        """
        out = ctypes.POINTER(C.PeriodSummary)()
        n = ctypes.c_size_t()
        call(LIB.lf_summarize, self._ptr(), period_kind(kind), I.c_text(prefix, "prefix"),
             ctypes.byref(out), ctypes.byref(n))
        try:
            # copies: out[k] alone would point into the array freed below
            rows = [C.PeriodSummary.from_buffer_copy(out[k]) for k in range(n.value)]
        finally:
            libc_free(out)
        index = pd.DatetimeIndex(to_datetime64(np.array([r.first for r in rows], np.int32)))
        df = pd.DataFrame({
            "days": [r.days for r in rows],
            "days_missing": [r.days_missing for r in rows],
            "energy_mwh": [r.energy_mwh for r in rows],
            "peak_mw": [r.peak_mw for r in rows],
            # peak_date is valid only where there is a peak
            "peak_date": [to_timestamp(r.peak_date) if r.peak_mw == r.peak_mw else pd.NaT
                          for r in rows],
            "min_mw": [r.min_mw for r in rows],
            "load_factor": [r.load_factor for r in rows],
            "tmean_c": [r.tmean_c for r in rows]},
            index=index.to_period(_PANDAS_FREQ[kind]))
        df.index.name = "period"
        return df

    def __repr__(self):
        if self.closed:
            return "<Frame (closed)>"
        return (f"<Frame {len(self)} days {self.start.date()}..{self.end.date()}, "
                f"{len(self.columns)} columns>")


def as_frame(value, what="the frame"):
    """A Frame for a Frame (itself, checked open) or a DataFrame (a view over
    its columns): how the functions taking a frame take either.

    >>> import pandas as pd, libforecast as lf
    >>> lf.as_frame(pd.DataFrame({"x": [1.0]}, index=pd.date_range("2025-01-01", periods=1)))
    <Frame 1 days 2025-01-01..2025-01-01, 1 columns>
    """
    if isinstance(value, Frame):
        value._ptr()
        return value
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return Frame.from_pandas(value)
    raise ArgumentError(f"{what} must be a libforecast Frame or a pandas DataFrame, not "
                        f"{type(value).__name__}")
