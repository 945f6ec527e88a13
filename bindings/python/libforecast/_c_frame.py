"""The C interface of frame.h, calendar.h, ingest.h, project.h and
aggregate.h: daily frames, calendars, reading data, the project's frames and
monthly or yearly summaries (see _c_core for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_int64, c_long, c_size_t

from ._c_core import ConfigHead, Error, lf_date

LF_HOLIDAY_NAME_MAX = 48
LF_PERIOD_LABEL_MAX = 16

# The enums' values (tests/test_abi.py checks each against the headers).
LF_DAY_WORKING, LF_DAY_WEEKEND, LF_DAY_HOLIDAY, LF_DAY_MAKEUP_WORKDAY = 0, 1, 2, 3
LF_LAYOUT_LONG, LF_LAYOUT_WIDE = 0, 1
LF_STAMP_START, LF_STAMP_END = 0, 1
LF_DUP_MEAN, LF_DUP_FIRST, LF_DUP_LAST, LF_DUP_ERROR = 0, 1, 2, 3
LF_SERIES_LOAD, LF_SERIES_TEMPERATURE, LF_SERIES_HUMIDITY, LF_SERIES_RAIN = 0, 1, 2, 3
(LF_UNIT_DEFAULT, LF_UNIT_KW, LF_UNIT_MW, LF_UNIT_GW, LF_UNIT_KWH, LF_UNIT_MWH, LF_UNIT_CELSIUS,
 LF_UNIT_FAHRENHEIT) = range(8)
LF_PERIOD_MONTH, LF_PERIOD_YEAR, LF_PERIOD_DAY = 0, 1, 2
LF_FREQ_ANNUAL, LF_FREQ_QUARTERLY, LF_FREQ_MONTHLY = 0, 1, 2
LF_MAP_STEP, LF_MAP_LINEAR = 0, 1

lf_time = c_int64
lf_day_type = c_int
lf_layout = c_int
lf_stamp = c_int
lf_duplicates = c_int
lf_series_kind = c_int
lf_unit = c_int
lf_issue_kind = c_int
lf_period_kind = c_int
lf_frequency = c_int
lf_mapping = c_int


class Column(ctypes.Structure):
    """lf_column: a named column of ndays values."""
    _fields_ = [("name", c_char_p), ("unit", c_char_p), ("values", POINTER(c_double))]


class Frame(ctypes.Structure):
    """lf_frame: ndays consecutive days from start, ncols columns."""
    _fields_ = [("start", lf_date), ("ndays", c_size_t), ("ncols", c_size_t),
                ("capacity", c_size_t), ("cols", POINTER(Column))]


class Calendar(ctypes.Structure):
    """lf_calendar (opaque)."""


class DayInfo(ctypes.Structure):
    """lf_day_info: the type of one day and its holiday block."""
    _fields_ = [("type", lf_day_type), ("holiday", c_char * LF_HOLIDAY_NAME_MAX),
                ("block_day", c_int), ("block_length", c_int)]


class SeriesSpec(ctypes.Structure):
    """lf_series_spec: one value column of an interval file."""
    _fields_ = [("column", c_char_p), ("kind", lf_series_kind), ("unit", lf_unit),
                ("prefix", c_char_p)]


class IntervalSpec(ctypes.Structure):
    """lf_interval_spec: how to read a metered interval file."""
    _fields_ = [("path", c_char_p), ("delimiter", c_char), ("layout", lf_layout),
                ("interval_minutes", c_int),
                ("time_column", c_char_p), ("date_column", c_char_p), ("hour_column", c_char_p),
                ("hour_ending", c_int), ("stamp", lf_stamp),
                ("series", POINTER(SeriesSpec)), ("nseries", c_size_t),
                ("max_gap_intervals", c_int), ("duplicates", lf_duplicates),
                ("clock_changes", c_int), ("first", lf_date), ("last", lf_date)]


class Issue(ctypes.Structure):
    """lf_issue: one thing ingest found (a gap, a duplicate, a clock change)."""
    _fields_ = [("kind", lf_issue_kind), ("start", lf_time), ("count", c_long),
                ("line", c_long), ("series", c_char * 64)]


class IngestReport(ctypes.Structure):
    """lf_ingest_report: what ingest read and did."""
    _fields_ = [("rows", c_long), ("intervals", c_long), ("missing_values", c_long),
                ("interpolated", c_long), ("left_missing", c_long), ("duplicates", c_long),
                ("clock_forward", c_long), ("clock_back", c_long),
                ("interval_minutes", c_int),
                ("issues", POINTER(Issue)), ("nissues", c_size_t), ("capacity", c_size_t)]


class DailyWeatherSpec(ctypes.Structure):
    """lf_daily_weather_spec: how to read a daily weather file."""
    _fields_ = [("path", c_char_p), ("delimiter", c_char), ("date_column", c_char_p),
                ("tmin_column", c_char_p), ("tmax_column", c_char_p),
                ("tmean_column", c_char_p), ("humidity_column", c_char_p),
                ("rain_column", c_char_p), ("temperature_unit", lf_unit),
                ("first", lf_date), ("last", lf_date)]


class EconomySpec(ctypes.Structure):
    """lf_economy_spec: one economic indicator file."""
    _fields_ = [("path", c_char_p), ("delimiter", c_char), ("period_column", c_char_p),
                ("value_column", c_char_p), ("filter_column", c_char_p),
                ("filter_value", c_char_p), ("frequency", lf_frequency),
                ("mapping", lf_mapping), ("scale", c_double), ("name", c_char_p),
                ("unit", c_char_p)]


class IntervalSeries(ctypes.Structure):
    """lf_interval_series: one series' cleaned intervals (owned by C)."""
    _fields_ = [("first", lf_date), ("minutes", c_int), ("ndays", c_size_t), ("n", c_size_t),
                ("values", POINTER(c_double))]


class Project(ctypes.Structure):
    """lf_project: the frames a config names, read by lf_project_load."""
    _fields_ = [("daily", POINTER(Frame)), ("weather", POINTER(Frame)),
                ("calendar", POINTER(Calendar)),
                ("load_report", IngestReport), ("weather_report", IngestReport),
                ("ncustomers", c_size_t), ("customers", POINTER(POINTER(Frame))),
                ("customer_reports", POINTER(IngestReport))]


class PeriodSummary(ctypes.Structure):
    """lf_period_summary: one month's or year's energy, peak and load factor."""
    _fields_ = [("year", c_int), ("month", c_int), ("first", lf_date), ("last", lf_date),
                ("days", c_int), ("days_missing", c_int),
                ("energy_mwh", c_double), ("peak_mw", c_double), ("min_mw", c_double),
                ("load_factor", c_double), ("tmean_c", c_double), ("peak_date", lf_date)]


MIRRORS = [
    ("lf_column", Column, "full"),
    ("lf_frame", Frame, "full"),
    ("lf_day_info", DayInfo, "full"),
    ("lf_series_spec", SeriesSpec, "full"),
    ("lf_interval_spec", IntervalSpec, "full"),
    ("lf_issue", Issue, "full"),
    ("lf_ingest_report", IngestReport, "full"),
    ("lf_daily_weather_spec", DailyWeatherSpec, "full"),
    ("lf_economy_spec", EconomySpec, "full"),
    ("lf_interval_series", IntervalSeries, "full"),
    ("lf_project", Project, "full"),
    ("lf_period_summary", PeriodSummary, "full"),
]
OPAQUE = [("lf_calendar", Calendar)]
SCALARS = {"lf_time": lf_time, "lf_day_type": lf_day_type, "lf_layout": lf_layout,
           "lf_stamp": lf_stamp, "lf_duplicates": lf_duplicates,
           "lf_series_kind": lf_series_kind, "lf_unit": lf_unit,
           "lf_issue_kind": lf_issue_kind, "lf_period_kind": lf_period_kind,
           "lf_frequency": lf_frequency, "lf_mapping": lf_mapping}

_err = POINTER(Error)
_frame = POINTER(Frame)
_cal = POINTER(Calendar)
_report = POINTER(IngestReport)

FUNCTIONS = {
    # frame.h
    "lf_frame_new": (_frame, [lf_date, c_size_t, _err]),
    "lf_frame_free": (None, [_frame]),
    "lf_frame_add_column": (POINTER(c_double), [_frame, c_char_p, c_char_p, _err]),
    "lf_frame_write_csv": (c_int, [_frame, c_char_p, _err]),
    # calendar.h
    "lf_calendar_new": (_cal, [c_int, c_int, _err]),
    "lf_calendar_free": (None, [_cal]),
    "lf_calendar_first_year": (c_int, [_cal]),
    "lf_calendar_last_year": (c_int, [_cal]),
    "lf_calendar_add_builtin": (c_int, [_cal, c_char_p, _err]),
    "lf_calendar_add_holiday": (c_int, [_cal, lf_date, c_char_p, _err]),
    "lf_calendar_add_workday": (c_int, [_cal, lf_date, c_char_p, _err]),
    "lf_calendar_load_csv": (c_int, [_cal, c_char_p, _err]),
    "lf_calendar_day": (c_int, [_cal, lf_date, POINTER(DayInfo), _err]),
    "lf_calendar_annotate": (c_int, [_cal, _frame, _err]),
    # config.h
    "lf_config_build_calendar": (c_int, [POINTER(ConfigHead), c_int, c_int, POINTER(_cal),
                                         _err]),
    # ingest.h
    "lf_ingest_report_init": (None, [_report]),
    "lf_ingest_report_free": (None, [_report]),
    "lf_issue_kind_name": (c_char_p, [lf_issue_kind]),
    "lf_issue_describe": (None, [POINTER(Issue), c_int, c_char_p, c_size_t]),
    "lf_ingest_intervals": (c_int, [POINTER(IntervalSpec), POINTER(_frame), _report, _err]),
    "lf_ingest_interval_series": (c_int, [POINTER(IntervalSpec), c_size_t,
                                          POINTER(IntervalSeries), _report, _err]),
    "lf_interval_series_free": (None, [POINTER(IntervalSeries)]),
    "lf_ingest_daily_weather": (c_int, [POINTER(DailyWeatherSpec), POINTER(_frame), _report,
                                        _err]),
    "lf_ingest_economy": (c_int, [POINTER(EconomySpec), _frame, _err]),
    # project.h
    "lf_project_load": (c_int, [POINTER(ConfigHead), POINTER(POINTER(Project)), _err]),
    "lf_project_free": (None, [POINTER(Project)]),
    # aggregate.h
    "lf_summarize": (c_int, [_frame, lf_period_kind, c_char_p, POINTER(POINTER(PeriodSummary)),
                             POINTER(c_size_t), _err]),
}
