"""The C interface of balance.h: the monthly energy balance plan (see _c_core
for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_size_t

from ._c_core import LF_SCENARIO_NAME_MAX, ConfigHead, Error, lf_date
from ._c_forecast import Forecast

# balance.h, config.h
LF_BALANCE_MAX_MONTHS = 240
LF_BALANCE_LABEL_MAX = 16
LF_PLAN_SUPPLY_COUNT = 5

lf_balance_status = c_int  # a C enum: int-sized on every ABI the library builds for


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


MIRRORS = [
    ("lf_balance_spec", BalanceSpec, "full"),
    ("lf_balance_month", BalanceMonth, "full"),
    ("lf_balance_totals", BalanceTotals, "full"),
    ("lf_balance", Balance, "full"),
    ("lf_balance_demand", BalanceDemand, "full"),
    ("lf_balance_daily", BalanceDaily, "full"),
]
OPAQUE = []
SCALARS = {"lf_balance_status": lf_balance_status}

_err = POINTER(Error)
_dbl = POINTER(c_double)

FUNCTIONS = {
    "lf_balance_spec_init": (None, [POINTER(BalanceSpec)]),
    "lf_balance_status_name": (c_char_p, [lf_balance_status]),
    "lf_balance_run": (c_int, [POINTER(BalanceSpec), POINTER(POINTER(Balance)), _err]),
    "lf_balance_free": (None, [POINTER(Balance)]),
    "lf_balance_daily_limits": (c_int, [POINTER(Balance), lf_date, c_size_t, _dbl, _err]),
    "lf_balance_write_csv": (c_int, [c_char_p, POINTER(Balance), _err]),
    "lf_balance_write_json": (c_int, [c_char_p, POINTER(Balance), _err]),
    "lf_balance_demand_from_csv": (c_int, [c_char_p, c_char_p, c_char_p,
                                           POINTER(POINTER(BalanceDemand)), _err]),
    "lf_balance_demand_free": (None, [POINTER(BalanceDemand)]),
    "lf_balance_daily_from_csv": (c_int, [c_char_p, c_char_p, c_char_p,
                                          POINTER(POINTER(BalanceDaily)), _err]),
    "lf_balance_daily_free": (None, [POINTER(BalanceDaily)]),
    "lf_balance_demand_from_forecast": (c_int, [POINTER(Forecast), c_char_p, c_char_p,
                                                POINTER(POINTER(BalanceDemand)), _err]),
    "lf_balance_daily_from_forecast": (c_int, [POINTER(Forecast), c_char_p, c_char_p,
                                               POINTER(POINTER(BalanceDaily)), _err]),
    "lf_config_plan_supply": (c_int, [POINTER(ConfigHead), c_int, c_int, c_size_t,
                                      POINTER(POINTER(c_double)), _err]),
}
