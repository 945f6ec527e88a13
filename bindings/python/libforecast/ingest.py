"""Reading metered load, weather and economic data into daily frames (ingest.h).

read_intervals reads a 5/15/30/60-minute file (long: a row an interval;
wide: a row a day) and aggregates each value column to days by its kind;
read_daily_weather reads a daily weather file; add_economy maps an annual,
quarterly or monthly indicator onto the days of a frame.  The C functions
apply every data rule (gaps, duplicates, clock changes, units) and count
each case in the report, a dict:

    rows, intervals, missing_values, interpolated, left_missing, duplicates,
    clock_forward, clock_back, interval_minutes   the counts of lf_ingest_report
    issues    one dict per event, in time order: kind (gap_filled, gap_left,
              duplicate, clock_forward, clock_back, incomplete_day,
              missing_value, outside_period), start (a Timestamp: the first
              interval), count, line (of the input, 0 if none), series,
              text (lf_issue_describe's line, as lfc writes ingest_report.txt)

Errors: LibIOError for a file that cannot be read; InputError with the C
message "file:line:column: ..." for a bad row; ArgumentError for a bad
argument (checked in Python before the call where Python can tell).

>>> import libforecast as lf
>>> daily, report = lf.read_intervals("datasets/sample/region_load.csv", time_column="time",
...                                   series="load_mw", last="2021-01-31")
>>> len(daily), round(daily["energy_mwh"].iloc[0], 1), report["interval_minutes"]
(31, 114390.1, 60)
>>> [i["kind"] for i in report["issues"]]
['outside_period']
"""
import ctypes
import math

import numpy as np
import pandas as pd

from . import _c_frame as C
from . import _inputs as I
from .dates import FIRST, LAST, to_timestamp
from .errors import ArgumentError, call
from .frame import Frame, _one_day, as_frame
from ._lib import LIB

__all__ = ["read_intervals", "read_interval_series", "read_daily_weather", "add_economy"]

LAYOUTS = {"long": C.LF_LAYOUT_LONG, "wide": C.LF_LAYOUT_WIDE}
STAMPS = {"start": C.LF_STAMP_START, "end": C.LF_STAMP_END}
DUPLICATES = {"mean": C.LF_DUP_MEAN, "first": C.LF_DUP_FIRST, "last": C.LF_DUP_LAST,
              "error": C.LF_DUP_ERROR}
KINDS = {"load": C.LF_SERIES_LOAD, "temperature": C.LF_SERIES_TEMPERATURE,
         "humidity": C.LF_SERIES_HUMIDITY, "rain": C.LF_SERIES_RAIN}
# The units each kind accepts, spelled as the config spells them; None is
# LF_UNIT_DEFAULT (MW for load, degC for temperature, % and mm).
UNITS = {"load": {None: C.LF_UNIT_DEFAULT, "kW": C.LF_UNIT_KW, "MW": C.LF_UNIT_MW,
                  "GW": C.LF_UNIT_GW, "kWh": C.LF_UNIT_KWH, "MWh": C.LF_UNIT_MWH},
         "temperature": {None: C.LF_UNIT_DEFAULT, "C": C.LF_UNIT_CELSIUS,
                         "F": C.LF_UNIT_FAHRENHEIT},
         "humidity": {None: C.LF_UNIT_DEFAULT},
         "rain": {None: C.LF_UNIT_DEFAULT}}
FREQUENCIES = {"annual": C.LF_FREQ_ANNUAL, "quarterly": C.LF_FREQ_QUARTERLY,
               "monthly": C.LF_FREQ_MONTHLY}
MAPPINGS = {"step": C.LF_MAP_STEP, "linear": C.LF_MAP_LINEAR}
_SERIES_KEYS = ("column", "kind", "unit", "prefix")


# ---- arguments into the C specs ----------------------------------------------------------


def _choice(value, table, what):
    if not isinstance(value, str) or value not in table:
        raise ArgumentError(f"{what} must be one of {', '.join(map(repr, table))}, "
                            f"got {value!r}")
    return table[value]


def _flag(value, what):
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"{what} must be True or False, not {value!r}")
    return int(value)


def _int(value, what):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ArgumentError(f"{what} must be an int, not {value!r}")
    return int(value)


def _delimiter(value):
    if not isinstance(value, str) or len(value) != 1 or not value.isascii() \
            or value in '"\r\n\0':
        raise ArgumentError(f"delimiter must be one ASCII character such as ',' ';' '\\t', "
                            f"got {value!r}")
    return value.encode("ascii")


def _max_gap(value):
    if value is None:
        return -1          # C: < 0 is the default (4)
    n = _int(value, "max_gap_intervals")
    if n < 0:
        raise ArgumentError(f"max_gap_intervals must be >= 0 (None: the default, 4), got {n}")
    return n


def _period(first, last):
    """first/last as C's lf_date pair; (1, 0), first > last, keeps every day."""
    if first is None and last is None:
        return 1, 0
    a = FIRST if first is None else _one_day(first, "first")
    b = LAST if last is None else _one_day(last, "last")
    if b < a:
        # C would take first > last as "every day": refuse instead of reading all
        raise ArgumentError(f"last ({to_timestamp(b).date()}) is before first "
                            f"({to_timestamp(a).date()})")
    return a, b


def _one_series(spec, k):
    """One series spec (a column name or a dict) as (kind, unit, column, prefix)."""
    if isinstance(spec, str):
        spec = {"column": spec}
    if not isinstance(spec, dict):
        raise ArgumentError(f"series {k} must be a column name or a dict with the keys "
                            f"{', '.join(_SERIES_KEYS)}, not {type(spec).__name__}")
    stray = sorted(set(spec) - set(_SERIES_KEYS))
    if stray:
        raise ArgumentError(f"series {k} has unknown keys {stray}; expected "
                            f"{', '.join(_SERIES_KEYS)}")
    kind = spec.get("kind", "load")
    _choice(kind, KINDS, f"series {k}'s kind")
    unit = spec.get("unit")
    if not isinstance(unit, (str, type(None))) or unit not in UNITS[kind]:
        raise ArgumentError(f"series {k} ({kind}) takes one of the units "
                            f"{', '.join(map(repr, UNITS[kind]))}, not {unit!r}")
    return (KINDS[kind], UNITS[kind][unit], I.c_text(spec.get("column"), f"series {k}'s column"),
            I.c_text(spec.get("prefix"), f"series {k}'s prefix"))


def _series(series, layout):
    """series as an array of lf_series_spec (ctypes keeps the strings alive)."""
    if series is None and layout == "wide":
        series = {}
    if isinstance(series, (str, dict)):
        series = [series]
    if not isinstance(series, (list, tuple)) or not series:
        raise ArgumentError("series must be a column name, a dict (column, kind, unit, "
                            "prefix) or a non-empty list of them")
    specs = [_one_series(s, k) for k, s in enumerate(series)]
    out = (C.SeriesSpec * len(specs))()
    for k, (kind, unit, column, prefix) in enumerate(specs):
        out[k].column, out[k].kind, out[k].unit, out[k].prefix = column, kind, unit, prefix
    return out


def _report(report):
    """An lf_ingest_report as a dict (see the module's doc); copies all."""
    out = {f: getattr(report, f) for f, _ in C.IngestReport._fields_
           if f not in ("issues", "nissues", "capacity")}
    buf = ctypes.create_string_buffer(256)
    issues = []
    for k in range(report.nissues):
        issue = report.issues[k]
        LIB.lf_issue_describe(ctypes.byref(issue), report.interval_minutes, buf, len(buf))
        issues.append({"kind": LIB.lf_issue_kind_name(issue.kind).decode(),
                       "start": pd.Timestamp(issue.start, unit="s"),   # lf_time: seconds
                       "count": issue.count, "line": issue.line,
                       "series": issue.series.decode("utf-8"),
                       "text": buf.value.decode("utf-8")})
    out["issues"] = issues
    return out


def _read(fn, spec):
    """fn(spec, &frame, &report): the new owned Frame and the report as a dict;
    the C report is always freed."""
    out = ctypes.POINTER(C.Frame)()
    report = C.IngestReport()
    LIB.lf_ingest_report_init(ctypes.byref(report))
    try:
        call(fn, ctypes.byref(spec), ctypes.byref(out), ctypes.byref(report))
        frame = Frame._owned(out)
        return frame, _report(report)
    finally:
        LIB.lf_ingest_report_free(ctypes.byref(report))


# ---- the readers -------------------------------------------------------------------------


def read_intervals(path, *, series=None, layout="long", interval_minutes=0, time_column=None,
                   date_column=None, hour_column=None, hour_ending=False, stamp="start",
                   max_gap_intervals=None, duplicates="mean", clock_changes=False, first=None,
                   last=None, delimiter=","):
    """Read an interval file into a daily frame (lf_ingest_intervals):
    (Frame, report).

    series: the value columns, each a column name (a load in MW) or a dict
        {"column", "kind": "load" | "temperature" | "humidity" | "rain"
        (default "load"), "unit", "prefix" (put before the output names)};
        one or a list.  unit: None (the default: MW, degC, %, mm), "kW",
        "MW", "GW", or energy per interval "kWh", "MWh" for a load; "C" or
        "F" for a temperature.  A wide file holds exactly one series, its
        column ignored (None: a load in MW).
    layout: "long" (a row an interval: time_column, or date_column +
        hour_column with hours 0..23, or 1..24 with hour_ending=True) or
        "wide" (a row a day: date_column and 24, 48, 96 or 288 interval
        columns).
    interval_minutes: 5, 15, 30 or 60; 0 (C's default) infers it.
    stamp: "start" or "end": what a long file's time_column marks.
    max_gap_intervals: the longest run of missing intervals filled by
        linear interpolation; None is the library's default, 4 (C: any
        value < 0); 0 never interpolates.  Longer runs leave their days NaN.
    duplicates: "mean" (C's default), "first", "last" or "error".
    clock_changes: a missing or repeated whole clock hour starting between
        00:00 and 03:00 is a daylight-saving change (23- or 25-hour day).
    first, last: keep only these days (dates; None: unbounded; both None,
        C's first > last: every day).
    delimiter: the field separator (C's default ',').

    Each load series gives the daily columns energy_mwh, peak_mw, min_mw,
    mean_mw, load_factor, peak_hour, intervals, interpolated; a temperature
    tmin_c, tmax_c, tmean_c; humidity humidity_pct; rain rain_mm.  A day
    with an interval still missing, or only partly covered, is NaN.

    >>> import libforecast as lf
    >>> f, r = lf.read_intervals("datasets/sample/customers/C003.csv", layout="wide",
    ...                          date_column="date", series={"unit": "kW", "prefix": "C003_"})
    >>> f.columns[:3], r["interval_minutes"], r["rows"] == len(f)
    (['C003_energy_mwh', 'C003_peak_mw', 'C003_min_mw'], 15, True)
    """
    spec = _interval_spec(path, series, layout, interval_minutes, time_column, date_column,
                          hour_column, hour_ending, stamp, max_gap_intervals, duplicates,
                          clock_changes, first, last, delimiter)
    return _read(LIB.lf_ingest_intervals, spec)


def _interval_spec(path, series, layout, interval_minutes, time_column, date_column, hour_column,
                   hour_ending, stamp, max_gap_intervals, duplicates, clock_changes, first, last,
                   delimiter):
    """An lf_interval_spec of read_intervals' arguments, checked; its series
    array is kept alive by the struct's _keep attribute."""
    _choice(layout, LAYOUTS, "layout")
    keep = _series(series, layout)
    a, b = _period(first, last)
    spec = C.IntervalSpec(
        path=I.c_path(path), delimiter=_delimiter(delimiter), layout=LAYOUTS[layout],
        interval_minutes=_int(interval_minutes, "interval_minutes"),
        time_column=I.c_text(time_column, "time_column"),
        date_column=I.c_text(date_column, "date_column"),
        hour_column=I.c_text(hour_column, "hour_column"),
        hour_ending=_flag(hour_ending, "hour_ending"), stamp=_choice(stamp, STAMPS, "stamp"),
        series=keep, nseries=len(keep),
        max_gap_intervals=_max_gap(max_gap_intervals),
        duplicates=_choice(duplicates, DUPLICATES, "duplicates"),
        clock_changes=_flag(clock_changes, "clock_changes"), first=a, last=b)
    spec._keep = keep
    return spec


def read_interval_series(path, *, series=None, which=0, layout="long", interval_minutes=0,
                         time_column=None, date_column=None, hour_column=None,
                         hour_ending=False, stamp="start", max_gap_intervals=None,
                         duplicates="mean", clock_changes=False, first=None, last=None,
                         delimiter=","):
    """The cleaned intervals of one series of an interval file
    (lf_ingest_interval_series), not summed to days: what a tariff bill
    needs.  The arguments are read_intervals'; which: the index of the
    series in `series` to return.  Returns (Series, report): the values in
    the library's units (a load in MW, whatever the file's unit) on the
    interval grid of whole days, indexed by each interval's start; NaN where
    an interval has no value (a gap too long to fill, a skipped DST hour,
    before the first or after the last reading).

    >>> import libforecast as lf
    >>> mw, r = lf.read_interval_series("datasets/sample/customers/C003.csv", layout="wide",
    ...                                 date_column="date", series={"unit": "kW"})
    >>> str(mw.index[1]), r["interval_minutes"], len(mw) == 96 * r["rows"]
    ('2023-01-01 00:15:00', 15, True)
    """
    spec = _interval_spec(path, series, layout, interval_minutes, time_column, date_column,
                          hour_column, hour_ending, stamp, max_gap_intervals, duplicates,
                          clock_changes, first, last, delimiter)
    k = _int(which, "which")
    if not 0 <= k < spec.nseries:
        raise ArgumentError(f"which={k}: the spec has {spec.nseries} series")
    out = C.IntervalSeries()
    report = C.IngestReport()
    LIB.lf_ingest_report_init(ctypes.byref(report))
    try:
        call(LIB.lf_ingest_interval_series, ctypes.byref(spec), k, ctypes.byref(out),
             ctypes.byref(report))
        try:   # read everything first: the free zeroes the struct
            values = np.ctypeslib.as_array(out.values, shape=(out.n,)).copy()
            first, minutes = out.first, out.minutes
        finally:
            LIB.lf_interval_series_free(ctypes.byref(out))
        index = pd.date_range(to_timestamp(first), periods=len(values), freq=f"{minutes}min",
                              name="time")
        return pd.Series(values, index=index, name=_series_name(spec.series[k])), \
            _report(report)
    finally:
        LIB.lf_ingest_report_free(ctypes.byref(report))


def _series_name(s):
    """What the series is called: its prefix and column, or its kind."""
    name = (s.column or b"").decode("utf-8") or ("load_mw", "temperature_c", "humidity_pct",
                                                  "rain_mm")[s.kind]
    return (s.prefix or b"").decode("utf-8") + name


def read_daily_weather(path, *, date_column, tmin_column=None, tmax_column=None,
                       tmean_column=None, humidity_column=None, rain_column=None, unit=None,
                       first=None, last=None, delimiter=","):
    """Read a daily weather file (lf_ingest_daily_weather): (Frame, report).

    The columns given become tmin_c, tmax_c, tmean_c, humidity_pct, rain_mm;
    without tmean_column, tmean_c = (tmin + tmax) / 2 (give both then).
    unit: the temperatures' unit, "C" or "F" (None, C's default: degC).
    first, last: keep only these days (None: unbounded).  Days absent
    inside the file's range are NaN and reported as gap_left; a date given
    twice is an InputError naming both lines.

    >>> import libforecast as lf
    >>> w, r = lf.read_daily_weather("datasets/sample/weather_daily.csv", date_column="date",
    ...                              tmin_column="tmin_c", tmax_column="tmax_c",
    ...                              first="2024-01-01")
    >>> w.columns, str(w.start.date()), r["rows"]
    (['tmin_c', 'tmax_c', 'tmean_c'], '2024-01-01', 366)
    """
    units = {None: C.LF_UNIT_DEFAULT, "C": C.LF_UNIT_CELSIUS, "F": C.LF_UNIT_FAHRENHEIT}
    if unit not in units:
        raise ArgumentError(f"unit must be 'C', 'F' or None, not {unit!r}")
    a, b = _period(first, last)
    text = {k: I.c_text(v, k) for k, v in [
        ("date_column", date_column), ("tmin_column", tmin_column),
        ("tmax_column", tmax_column), ("tmean_column", tmean_column),
        ("humidity_column", humidity_column), ("rain_column", rain_column)]}
    spec = C.DailyWeatherSpec(path=I.c_path(path), delimiter=_delimiter(delimiter),
                              temperature_unit=units[unit], first=a, last=b, **text)
    return _read(LIB.lf_ingest_daily_weather, spec)


def add_economy(frame, path, *, period_column, value_column, name, frequency, mapping="step",
                scale=1.0, unit=None, filter_column=None, filter_value=None, delimiter=","):
    """A new Frame: a copy of frame (a Frame or a DataFrame) with an economic
    indicator as the column name (lf_ingest_economy).  frame is not changed:
    C appends a column (which may move the columns), so it works on an owned
    copy, never on a DataFrame's memory.

    period_column: labels "2015" (frequency "annual"), "2015Q1" / "2015-Q1"
        ("quarterly") or "2015-03" ("monthly").
    mapping: "step" (C's default: each day its period's value) or "linear"
        (between the periods' mid-points; the step value beyond the ends).
    scale: multiplies the values (C reads 0 as 1, so 0 is refused here).
    unit: the column's unit text (None: "").
    filter_column, filter_value: keep only the rows where the column holds
        the value (a file of several series, e.g. country = China).
    Days outside the file's periods stay NaN (never extrapolated).

    >>> import pandas as pd, libforecast as lf
    >>> days = pd.DataFrame({"peak_mw": 1.0}, index=pd.date_range("2025-12-31", periods=2))
    >>> f = lf.add_economy(days, "datasets/sample/economy.csv", period_column="year",
    ...                    value_column="gdp_bn_cny", name="gdp", frequency="annual", unit="bn")
    >>> f["gdp"].tolist(), f.columns, f.units["gdp"]
    ([1116.1, nan], ['peak_mw', 'gdp'], 'bn')
    """
    if (filter_column is None) != (filter_value is None):
        raise ArgumentError("filter_column and filter_value go together")
    scale = I.number(scale, "scale")
    if scale == 0 or not math.isfinite(scale):
        raise ArgumentError(f"scale must be a finite non-zero number, got {scale}")
    spec = C.EconomySpec(
        path=I.c_path(path), delimiter=_delimiter(delimiter),
        period_column=I.c_text(period_column, "period_column"),
        value_column=I.c_text(value_column, "value_column"),
        filter_column=I.c_text(filter_column, "filter_column"),
        filter_value=I.c_text(filter_value, "filter_value"),
        frequency=_choice(frequency, FREQUENCIES, "frequency"),
        mapping=_choice(mapping, MAPPINGS, "mapping"), scale=scale,
        name=I.c_text(name, "name"), unit=I.c_text(unit, "unit"))
    out = as_frame(frame).copy()
    try:
        call(LIB.lf_ingest_economy, ctypes.byref(spec), out._ptr())
    except BaseException:
        out.close()
        raise
    return out
