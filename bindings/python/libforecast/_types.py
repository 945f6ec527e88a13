"""ctypes mirrors of the C structs and constants the binding uses.

Each Structure lists the fields of its C struct in the header's order with
the header's types; tests/test_abi.py compiles a C program against include/
and compares every size and offset, and the field names with the header's,
so a struct changed on one side only fails the tests rather than corrupting
memory.  Structs the binding only reads through a pointer may be mirrored as a
prefix (ConfigHead); that is said where it is done.
"""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_int32, c_size_t

# error.h
LF_OK = 0
LF_ERR_NOMEM = 1
LF_ERR_ARG = 2
LF_ERR_IO = 3
LF_ERR_PARSE = 4
LF_ERR_CONFIG = 5
LF_ERR_DATA = 6
LF_ERR_RANGE = 7
LF_ERR_NOTFOUND = 8
LF_ERR_SOLVER = 9
LF_ERROR_MESSAGE_MAX = 512

# scenario.h, balance.h, config.h
LF_SCENARIO_NAME_MAX = 32
LF_BALANCE_MAX_MONTHS = 240
LF_BALANCE_LABEL_MAX = 16
LF_PLAN_SUPPLY_COUNT = 5

lf_date = c_int32  # days since 1970-01-01 (date.h)
lf_balance_status = c_int  # a C enum: int-sized on every ABI the library builds for


class Error(ctypes.Structure):
    """lf_error: the status code and message every fallible call fills."""
    _fields_ = [("code", c_int),
                ("message", c_char * LF_ERROR_MESSAGE_MAX)]


class BalanceSpec(ctypes.Structure):
    """lf_balance_spec: the inputs of one balance plan (pointers stay the caller's)."""
    _fields_ = [("year", c_int), ("month", c_int),
                ("nmonths", c_size_t),
                ("energy_p50", POINTER(c_double)), ("energy_high", POINTER(c_double)),
                ("peak_p50", POINTER(c_double)), ("peak_high", POINTER(c_double)),
                ("own_mwh", POINTER(c_double)),
                ("purchase_mwh", POINTER(c_double)),
                ("own_mw", POINTER(c_double)),
                ("import_mw", POINTER(c_double)),
                ("outage_mw", POINTER(c_double)),
                ("reserve", c_double),
                ("daily_first", lf_date),
                ("ndays", c_size_t),
                ("daily_peak_mw", POINTER(c_double)),
                ("high_label", c_char_p),
                ("scenario", c_char_p)]


class BalanceMonth(ctypes.Structure):
    """lf_balance_month: one month of a plan's results."""
    _fields_ = [("year", c_int), ("month", c_int), ("days", c_int),
                ("energy_p50", c_double), ("energy_high", c_double),
                ("own_mwh", c_double), ("purchase_mwh", c_double), ("supply_mwh", c_double),
                ("energy_balance_p50", c_double), ("energy_balance_high", c_double),
                ("peak_p50", c_double), ("peak_high", c_double),
                ("own_mw", c_double), ("import_mw", c_double), ("outage_mw", c_double),
                ("available_mw", c_double), ("required_mw", c_double),
                ("outages_exceed_capacity", c_int),
                ("capacity_balance_mw", c_double), ("limit_mw", c_double),
                ("days_at_risk", c_double),
                ("has_worst_day", c_int),
                ("worst_day", lf_date),
                ("worst_shortfall_mw", c_double),
                ("mw_days_at_risk", c_double),
                ("status", lf_balance_status)]


class BalanceTotals(ctypes.Structure):
    """lf_balance_totals: sums and counts over a plan's horizon."""
    _fields_ = [("energy_p50", c_double), ("energy_high", c_double),
                ("own_mwh", c_double), ("purchase_mwh", c_double), ("supply_mwh", c_double),
                ("energy_balance_p50", c_double), ("energy_balance_high", c_double),
                ("energy_deficit_p50", c_double), ("energy_deficit_high", c_double),
                ("months_by_status", c_size_t * 4),
                ("energy_deficit_months", c_size_t), ("capacity_deficit_months", c_size_t),
                ("worst_capacity_month", c_size_t),
                ("worst_capacity_balance_mw", c_double),
                ("days_at_risk", c_double), ("mw_days_at_risk", c_double)]


class Balance(ctypes.Structure):
    """lf_balance: a plan made by lf_balance_run (owned by C; lf_balance_free)."""
    _fields_ = [("year", c_int), ("month", c_int),
                ("nmonths", c_size_t),
                ("reserve", c_double),
                ("has_daily", c_int),
                ("high_label", c_char * LF_BALANCE_LABEL_MAX),
                ("scenario", c_char * LF_SCENARIO_NAME_MAX),
                ("months", POINTER(BalanceMonth)),
                ("totals", BalanceTotals)]


class BalanceDemand(ctypes.Structure):
    """lf_balance_demand: monthly demand read from lfc forecast's file."""
    _fields_ = [("year", c_int), ("month", c_int),
                ("nmonths", c_size_t),
                ("energy_p50", POINTER(c_double)), ("energy_high", POINTER(c_double)),
                ("peak_p50", POINTER(c_double)), ("peak_high", POINTER(c_double)),
                ("scenario", c_char * LF_SCENARIO_NAME_MAX),
                ("high_label", c_char * LF_BALANCE_LABEL_MAX)]


class BalanceDaily(ctypes.Structure):
    """lf_balance_daily: daily high peaks read from lfc forecast's file."""
    _fields_ = [("first", lf_date),
                ("ndays", c_size_t),
                ("peak_mw", POINTER(c_double)),
                ("scenario", c_char * LF_SCENARIO_NAME_MAX),
                ("high_label", c_char * LF_BALANCE_LABEL_MAX)]


class ConfigHead(ctypes.Structure):
    """The first fields of lf_config, a PREFIX mirror: the whole struct (some
    63 kB of nested specs) is not mirrored, so a ConfigHead is only ever read
    through the pointer lf_config_load returns, never allocated or copied."""
    _fields_ = [("path", c_char_p),
                ("dir", c_char_p),
                ("name", c_char_p)]


# Every mirrored struct, with its C name: what the ABI test checks.  `prefix`
# marks a mirror of the struct's first fields only (its sizeof is not compared).
MIRRORS = [
    ("lf_error", Error, False),
    ("lf_balance_spec", BalanceSpec, False),
    ("lf_balance_month", BalanceMonth, False),
    ("lf_balance_totals", BalanceTotals, False),
    ("lf_balance", Balance, False),
    ("lf_balance_demand", BalanceDemand, False),
    ("lf_balance_daily", BalanceDaily, False),
    ("lf_config", ConfigHead, True),
]
