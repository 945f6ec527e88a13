"""The C interface of peakshift.h (the demand-response portfolio and the
peak-shift schedule) and of config.h's peakshift section (see _c_core for
what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_size_t, c_uint, c_void_p

from ._c_core import LF_SCENARIO_NAME_MAX, ConfigHead, Error, lf_date

# peakshift.h
LF_DR_SHIFT = 0
LF_DR_AVOID_PEAK = 1
LF_DR_REST_DAY = 2
LF_DR_INTERRUPT = 3
LF_DR_KINDS = 4
LF_DR_ID_MAX = 32
LF_DR_NAME_MAX = 128
LF_TIER_MAX = 16
LF_PEAKSHIFT_AUTO = 0
LF_PEAKSHIFT_EXACT = 1
LF_PEAKSHIFT_GREEDY = 2
LF_PEAKSHIFT_OPTIMAL = 0
LF_PEAKSHIFT_TIME_LIMIT = 1
LF_PEAKSHIFT_HEURISTIC = 2

# C enums: int-sized on every ABI the library builds for
lf_dr_kind = c_int
lf_peakshift_method = c_int
lf_peakshift_status = c_int
lf_config_limit_kind = c_int


class DrMeasure(ctypes.Structure):
    """lf_dr_measure: one measure a customer agreed to (shift, avoid_peak, ...)."""
    _fields_ = [("kind", lf_dr_kind),
                ("mw", c_double),
                ("notice_days", c_int),
                ("max_per_week", c_int),
                ("max_per_month", c_int),
                ("min_gap_days", c_int),
                ("weekdays", c_uint),
                ("cost_per_mwh", c_double),
                ("cost_per_event", c_double)]


class DrCustomer(ctypes.Structure):
    """lf_dr_customer: a customer of the portfolio, copied in by lf_portfolio_add."""
    _fields_ = [("id", c_char * LF_DR_ID_MAX),
                ("name", c_char * LF_DR_NAME_MAX),
                ("industry", c_char * LF_DR_NAME_MAX),
                ("voltage_kv", c_double),
                ("contract_mw", c_double),
                ("peak_mw", c_double),
                ("is_protected", c_int),
                ("tier", c_int),
                ("nmeasures", c_size_t),
                ("measures", DrMeasure * LF_DR_KINDS),
                ("line", c_int)]


class Portfolio(ctypes.Structure):
    """lf_portfolio: owned by C (lf_portfolio_new / _load; lf_portfolio_free)."""
    _fields_ = [("source", c_char * 256),
                ("ntiers", c_size_t),
                ("tiers", (c_char * LF_DR_NAME_MAX) * LF_TIER_MAX),
                ("window_hours", c_double),
                ("n", c_size_t),
                ("customers", POINTER(DrCustomer))]


class TiersReport(ctypes.Structure):
    """lf_tiers_report: what lf_portfolio_apply_tiers did."""
    _fields_ = [("applied", c_size_t), ("changed", c_size_t),
                ("not_in_file", c_size_t), ("not_in_portfolio", c_size_t)]


class PeakshiftSpec(ctypes.Structure):
    """lf_peakshift_spec: the days of a schedule (pointers stay the caller's)."""
    _fields_ = [("first", lf_date), ("last", lf_date),
                ("peak_mw", POINTER(c_double)),
                ("limit_mw", POINTER(c_double)),
                ("window_hours", POINTER(c_double)),
                ("window_start", POINTER(c_double)),
                ("spread_rest_days", c_int),
                ("fair", c_int),
                ("seconds_per_stage", c_double),
                ("method", lf_peakshift_method),
                ("exact_max_calls", c_size_t)]


class PeakshiftCall(ctypes.Structure):
    """lf_peakshift_call: one call of a customer's measure on a day."""
    _fields_ = [("date", lf_date),
                ("customer", c_size_t),
                ("kind", lf_dr_kind),
                ("mw", c_double),
                ("mwh", c_double),
                ("cost", c_double)]


class PeakshiftDay(ctypes.Structure):
    """lf_peakshift_day: one scheduled day."""
    _fields_ = [("date", lf_date),
                ("peak_mw", c_double), ("limit_mw", c_double), ("window_hours", c_double),
                ("window_start", c_double),
                ("deficit_mw", c_double),
                ("shed_mw", c_double),
                ("residual_peak_mw", c_double),
                ("unmet_mw", c_double),
                ("ncalls", c_size_t)]


class PeakshiftCustomer(ctypes.Structure):
    """lf_peakshift_customer: one portfolio customer's part of the schedule."""
    _fields_ = [("calls", c_size_t),
                ("calls_by_kind", c_size_t * LF_DR_KINDS),
                ("mw_days", c_double),
                ("mwh", c_double),
                ("cost", c_double),
                ("share_of_relief", c_double),
                ("share_of_peak", c_double)]


class Peakshift(ctypes.Structure):
    """lf_peakshift: a schedule made by lf_peakshift_run (lf_peakshift_free)."""
    _fields_ = [("status", lf_peakshift_status),
                ("ndays", c_size_t),
                ("days", POINTER(PeakshiftDay)),
                ("ncalls", c_size_t),
                ("calls", POINTER(PeakshiftCall)),
                ("ncustomers", c_size_t),
                ("customers", POINTER(PeakshiftCustomer)),
                ("total_cost", c_double), ("unmet_mw_days", c_double),
                ("shed_mw_days", c_double),
                ("rest_days_by_weekday", c_size_t * 7),
                ("seconds", c_double)]


class ConfigPeakshift(ctypes.Structure):
    """lf_config_peakshift: the config's section, read through the pointer
    lf_config_peakshift_section returns.  limit_months (lf_config_month_limit
    *) is a void pointer: the binding never reads it, lf_config_peakshift_load
    does."""
    _fields_ = [("portfolio", c_char_p),
                ("tiers", c_char_p),
                ("has_first", c_int), ("has_last", c_int),
                ("first", lf_date), ("last", lf_date),
                ("demand_file", c_char_p),
                ("demand_column", c_char_p),
                ("demand_scenario", c_char_p),
                ("limit_kind", lf_config_limit_kind),
                ("limit_mw", c_double),
                ("limit_months", c_void_p),
                ("nlimit_months", c_size_t),
                ("limit_file", c_char_p),
                ("limit_column", c_char_p),
                ("limit_line", ctypes.c_long), ("limit_col", ctypes.c_long),
                ("profile_file", c_char_p),
                ("profile_column", c_char_p),
                ("spec", PeakshiftSpec)]


class ConfigPeakshiftInput(ctypes.Structure):
    """lf_config_peakshift_input: the section's days read from its files
    (lf_config_peakshift_load; lf_config_peakshift_free)."""
    _fields_ = [("spec", PeakshiftSpec),
                ("ndays", c_size_t),
                ("peak_mw", POINTER(c_double)),
                ("limit_mw", POINTER(c_double)),
                ("window_hours", POINTER(c_double)),
                ("window_start", POINTER(c_double)),
                ("profile_days", c_size_t),
                ("scenario", c_char * LF_SCENARIO_NAME_MAX)]


MIRRORS = [
    ("lf_dr_measure", DrMeasure, "full"),
    ("lf_dr_customer", DrCustomer, "full"),
    ("lf_portfolio", Portfolio, "full"),
    ("lf_tiers_report", TiersReport, "full"),
    ("lf_peakshift_spec", PeakshiftSpec, "full"),
    ("lf_peakshift_call", PeakshiftCall, "full"),
    ("lf_peakshift_day", PeakshiftDay, "full"),
    ("lf_peakshift_customer", PeakshiftCustomer, "full"),
    ("lf_peakshift", Peakshift, "full"),
    ("lf_config_peakshift", ConfigPeakshift, "full"),
    ("lf_config_peakshift_input", ConfigPeakshiftInput, "full"),
]
OPAQUE = []
SCALARS = {"lf_dr_kind": lf_dr_kind, "lf_peakshift_method": lf_peakshift_method,
           "lf_peakshift_status": lf_peakshift_status,
           "lf_config_limit_kind": lf_config_limit_kind}

_err = POINTER(Error)
_dbl = POINTER(c_double)
_portfolio = POINTER(Portfolio)
_schedule = POINTER(Peakshift)
_cfg = POINTER(ConfigHead)

FUNCTIONS = {
    # peakshift.h: the portfolio
    "lf_dr_kind_name": (c_char_p, [lf_dr_kind]),
    "lf_portfolio_new": (_portfolio, [_err]),
    "lf_portfolio_free": (None, [_portfolio]),
    "lf_portfolio_add": (c_int, [_portfolio, POINTER(DrCustomer), _err]),
    "lf_portfolio_check": (c_int, [_portfolio, _err]),
    "lf_portfolio_load": (c_int, [c_char_p, POINTER(_portfolio), _err]),
    "lf_portfolio_apply_tiers": (c_int, [_portfolio, c_char_p, POINTER(TiersReport), _err]),
    # the schedule
    "lf_peakshift_method_name": (c_char_p, [lf_peakshift_method]),
    "lf_peakshift_method_parse": (c_int, [c_char_p]),
    "lf_peakshift_spec_init": (None, [POINTER(PeakshiftSpec)]),
    "lf_peakshift_window": (c_double, [_dbl, c_size_t, c_double, _dbl, _dbl]),
    "lf_peakshift_status_name": (c_char_p, [lf_peakshift_status]),
    "lf_peakshift_run": (c_int, [POINTER(PeakshiftSpec), _portfolio, POINTER(_schedule), _err]),
    "lf_peakshift_free": (None, [_schedule]),
    "lf_peakshift_write_calls": (c_int, [c_char_p, _schedule, _portfolio, _err]),
    "lf_peakshift_write_days": (c_int, [c_char_p, _schedule, _err]),
    "lf_peakshift_write_customers": (c_int, [c_char_p, _schedule, _portfolio, _err]),
    "lf_peakshift_write_json": (c_int, [c_char_p, _schedule, _portfolio, _err]),
    # config.h: the section and its files
    "lf_config_peakshift_section": (POINTER(ConfigPeakshift), [_cfg]),
    "lf_config_peakshift_load": (c_int, [_cfg, _portfolio, POINTER(POINTER(ConfigPeakshiftInput)),
                                         _err]),
    "lf_config_peakshift_free": (None, [POINTER(ConfigPeakshiftInput)]),
}
