"""The C interface of tariff.h and tariff_advice.h (tariffs, bills, ranking,
declared demand, moving load out of the peak, a tariff change's revenue) and
of config.h's tariff section (see _c_core for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_long, c_size_t, c_uint

from ._c_core import LF_SCENARIO_NAME_MAX, ConfigHead, Error, lf_date
from ._c_frame import Calendar

# tariff.h
LF_TARIFF_ID_MAX = 32
LF_TARIFF_NAME_MAX = 128
LF_TARIFF_BLOCKS_MAX = 8
LF_TOU_WINDOWS_MAX = 16
LF_TOU_SCHEDULES_MAX = 8
LF_SURCHARGES_MAX = 8
LF_PF_ENTRIES_MAX = 64
LF_TARIFF_CLASSES_MAX = 8
LF_TOU_PERIODS = 5
LF_TOU_CRITICAL = 0
LF_TOU_PEAK = 1
LF_TOU_FLAT = 2
LF_TOU_VALLEY = 3
LF_TOU_DEEP_VALLEY = 4
LF_TOU_WORKDAY = 1
LF_TOU_WEEKEND = 2
LF_TOU_HOLIDAY = 4
LF_ENERGY_SINGLE = 0
LF_ENERGY_BLOCKS = 1
LF_ENERGY_TOU = 2
LF_BASIC_BY_CAPACITY = 0
LF_BASIC_BY_DEMAND = 1
# config.h
LF_CONFIG_SHIFT_SHARES_MAX = 16
LF_CONFIG_QUANTILES_MAX = 32
LF_DECLARED_FROM_HISTORY = 0
LF_DECLARED_FROM_FORECAST = 1

# C enums: int-sized on every ABI the library builds for
lf_tou_period = c_int
lf_energy_kind = c_int
lf_basic_choice = c_int
lf_config_declared_from = c_int




class TouWindow(ctypes.Structure):
    """lf_tou_window: minutes [start, end) of a day in one TOU period."""
    _fields_ = [("start_minute", c_int), ("end_minute", c_int), ("period", lf_tou_period)]


class TouSchedule(ctypes.Structure):
    """lf_tou_schedule: the windows of the months and day kinds it applies to."""
    _fields_ = [("months", c_uint),
                ("day_kinds", c_uint),
                ("nwindows", c_size_t),
                ("windows", TouWindow * LF_TOU_WINDOWS_MAX)]


class Surcharge(ctypes.Structure):
    """lf_surcharge: a per-kWh amount outside the power-factor adjustment."""
    _fields_ = [("name", c_char * LF_TARIFF_NAME_MAX), ("rate", c_double)]


class PfEntry(ctypes.Structure):
    """lf_pf_entry: a row of a power-factor table."""
    _fields_ = [("pf", c_double), ("percent", c_double)]


class Tariff(ctypes.Structure):
    """lf_tariff: one version of a tariff, inside an lf_tariff_set."""
    _fields_ = [("id", c_char * LF_TARIFF_ID_MAX),
                ("name", c_char * LF_TARIFF_NAME_MAX),
                ("effective_from", lf_date), ("effective_to", lf_date),
                ("min_kv", c_double), ("max_kv", c_double),
                ("min_kva", c_double), ("max_kva", c_double),
                ("nclasses", c_size_t),
                ("classes", (c_char * LF_TARIFF_ID_MAX) * LF_TARIFF_CLASSES_MAX),
                ("energy", lf_energy_kind),
                ("rate", c_double),
                ("nblocks", c_size_t),
                ("block_upto_kwh", c_double * LF_TARIFF_BLOCKS_MAX),
                ("block_rate", c_double * LF_TARIFF_BLOCKS_MAX),
                ("tou_rate", c_double * LF_TOU_PERIODS),
                ("nschedules", c_size_t),
                ("schedules", TouSchedule * LF_TOU_SCHEDULES_MAX),
                ("capacity_rate", c_double),
                ("demand_rate", c_double),
                ("demand_floor_share", c_double),
                ("demand_penalty_share", c_double),
                ("demand_penalty_factor", c_double),
                ("pf_standard", c_double),
                ("npf", c_size_t),
                ("pf_table", PfEntry * LF_PF_ENTRIES_MAX),
                ("nsurcharges", c_size_t),
                ("surcharges", Surcharge * LF_SURCHARGES_MAX),
                ("line", c_int)]


class TariffSet(ctypes.Structure):
    """lf_tariff_set: tariffs read from a file (lf_tariff_set_load; _free)."""
    _fields_ = [("source", c_char * 256),
                ("n", c_size_t),
                ("tariffs", POINTER(Tariff))]


class TariffAccount(ctypes.Structure):
    """lf_tariff_account: who is billed (the by-month arrays stay the caller's)."""
    _fields_ = [("customer_class", c_char * LF_TARIFF_ID_MAX),
                ("voltage_kv", c_double),
                ("capacity_kva", c_double),
                ("basic", lf_basic_choice),
                ("declared_kw", c_double),
                ("declared_kw_by_month", POINTER(c_double)),
                ("power_factor", c_double),
                ("power_factor_by_month", POINTER(c_double))]


class IntervalLoad(ctypes.Structure):
    """lf_interval_load: kW at 15, 30 or 60 minutes from 00:00 of first."""
    _fields_ = [("first", lf_date),
                ("minutes", c_int),
                ("n", c_size_t),
                ("kw", POINTER(c_double))]


class BillMonth(ctypes.Structure):
    """lf_bill_month: one month of a bill, item by item."""
    _fields_ = [("year", c_int), ("month", c_int),
                ("days", c_int),
                ("kwh", c_double),
                ("kwh_by_period", c_double * LF_TOU_PERIODS),
                ("kwh_by_block", c_double * LF_TARIFF_BLOCKS_MAX),
                ("energy_by_period", c_double * LF_TOU_PERIODS),
                ("energy_by_block", c_double * LF_TARIFF_BLOCKS_MAX),
                ("energy_charge", c_double),
                ("max_demand_kw", c_double),
                ("billing_kw", c_double),
                ("basic_charge", c_double),
                ("excess_kw", c_double),
                ("demand_penalty", c_double),
                ("power_factor", c_double),
                ("pf_percent", c_double),
                ("pf_adjustment", c_double),
                ("surcharge", c_double * LF_SURCHARGES_MAX),
                ("surcharges", c_double),
                ("total", c_double),
                ("price_per_kwh", c_double)]


class Bill(ctypes.Structure):
    """lf_bill: a bill made by lf_bill_intervals and the like (lf_bill_free)."""
    _fields_ = [("tariff_id", c_char * LF_TARIFF_ID_MAX),
                ("nmonths", c_size_t),
                ("months", POINTER(BillMonth)),
                ("kwh", c_double), ("energy_charge", c_double), ("basic_charge", c_double),
                ("demand_penalty", c_double), ("pf_adjustment", c_double),
                ("surcharges", c_double),
                ("total", c_double)]


class TariffOption(ctypes.Structure):
    """lf_tariff_option: one ranked way of billing the account."""
    _fields_ = [("tariff_id", c_char * LF_TARIFF_ID_MAX),
                ("name", c_char * LF_TARIFF_NAME_MAX),
                ("two_part", c_int),
                ("basic", lf_basic_choice),
                ("declared_hindsight", c_int),
                ("kwh", c_double), ("energy_charge", c_double), ("basic_charge", c_double),
                ("demand_penalty", c_double), ("pf_adjustment", c_double),
                ("surcharges", c_double),
                ("total", c_double),
                ("price_per_kwh", c_double),
                ("peak_share", c_double),
                ("saving", c_double)]


class TariffRanking(ctypes.Structure):
    """lf_tariff_ranking: the options, cheapest first (lf_tariff_ranking_free)."""
    _fields_ = [("n", c_size_t),
                ("options", POINTER(TariffOption)),
                ("current", c_size_t),
                ("nmonths", c_size_t),
                ("first_year", c_int), ("first_month", c_int)]


class DeclaredDemand(ctypes.Structure):
    """lf_declared_demand: the best declared kW for a month's maximum demand."""
    _fields_ = [("declared_kw", c_double),
                ("expected_charge", c_double),
                ("penalty_probability", c_double),
                ("floor_kw", c_double), ("cap_kw", c_double),
                ("capacity_charge", c_double)]


class DeclaredMonth(ctypes.Structure):
    """lf_declared_month: a month of the declared-demand plan."""
    _fields_ = [("year", c_int), ("month", c_int),
                ("nvalues", c_size_t),
                ("max_kw_p10", c_double), ("max_kw_p50", c_double), ("max_kw_p90", c_double),
                ("best", DeclaredDemand),
                ("choice", lf_basic_choice),
                ("expected_charge", c_double),
                ("saving", c_double)]


class ShiftSaving(ctypes.Structure):
    """lf_shift_saving: what moving peak-period load to the valley saves."""
    _fields_ = [("share", c_double),
                ("max_kw", c_double),
                ("kwh_moved", c_double),
                ("bill_before", c_double), ("bill_after", c_double),
                ("saving", c_double),
                ("saving_per_mwh", c_double),
                ("max_demand_before_kw", c_double), ("max_demand_after_kw", c_double)]


class ImpactCustomer(ctypes.Structure):
    """lf_impact_customer: one customer of a tariff change (pointers the caller's)."""
    _fields_ = [("id", c_char_p),
                ("account", POINTER(TariffAccount)),
                ("load", POINTER(IntervalLoad)),
                ("tariff_id", c_char_p),
                ("new_tariff_id", c_char_p)]


class ImpactRow(ctypes.Structure):
    """lf_impact_row (and lf_impact_class): a customer, a class or the total."""
    _fields_ = [("id", c_char * 64),
                ("customer_class", c_char * LF_TARIFF_ID_MAX),
                ("ncustomers", c_size_t),
                ("kwh", c_double), ("peak_kwh", c_double),
                ("old_total", c_double), ("new_total", c_double),
                ("change", c_double),
                ("change_pct", c_double),
                ("old_price", c_double), ("new_price", c_double),
                ("kwh_share", c_double),
                ("peak_share", c_double),
                ("price_effect", c_double)]


class TariffImpact(ctypes.Structure):
    """lf_tariff_impact: a tariff change's revenue (lf_tariff_impact_free)."""
    _fields_ = [("ncustomers", c_size_t),
                ("customers", POINTER(ImpactRow)),
                ("nclasses", c_size_t),
                ("classes", POINTER(ImpactRow))]


class ConfigTariffAccount(ctypes.Structure):
    """lf_config_tariff_account: an account of the config's tariff section."""
    _fields_ = [("customer", c_char_p),
                ("customer_index", c_size_t),
                ("account", TariffAccount),
                ("current", c_char_p),
                ("current_line", c_long), ("current_col", c_long),
                ("proposed_tariff", c_char_p),
                ("proposed_line", c_long), ("proposed_col", c_long),
                ("shiftable_kw", c_double),
                ("growth", c_double),
                ("declared_from", lf_config_declared_from),
                ("forecast_file", c_char_p),
                ("forecast_scenario", c_char_p)]


class ConfigTariff(ctypes.Structure):
    """lf_config_tariff: the config's section (lf_config_tariff_section)."""
    _fields_ = [("tariffs", c_char_p),
                ("proposed", c_char_p),
                ("has_first", c_int), ("has_last", c_int),
                ("first", lf_date), ("last", lf_date),
                ("has_plan_year", c_int),
                ("plan_year", c_int),
                ("nshift_shares", c_size_t),
                ("shift_shares", c_double * LF_CONFIG_SHIFT_SHARES_MAX),
                ("accounts", POINTER(ConfigTariffAccount)),
                ("naccounts", c_size_t)]


class ConfigTariffCustomer(ctypes.Structure):
    """lf_config_tariff_customer: an account's load and its plan's inputs."""
    _fields_ = [("account", POINTER(ConfigTariffAccount)),
                ("name", c_char_p),
                ("series", IntervalLoad),
                ("billed", IntervalLoad),
                ("first", lf_date), ("last", lf_date),
                ("plan_year", c_int),
                ("scenario", c_char * LF_SCENARIO_NAME_MAX),
                ("nquantiles", c_size_t),
                ("quantile_p", c_double * LF_CONFIG_QUANTILES_MAX),
                ("month_nquantiles", c_size_t * 12),
                ("month_kw", (c_double * LF_CONFIG_QUANTILES_MAX) * 12),
                ("kw_", POINTER(c_double))]


class ConfigTariffInput(ctypes.Structure):
    """lf_config_tariff_input: the section's files read (lf_config_tariff_load;
    lf_config_tariff_free)."""
    _fields_ = [("tariffs", POINTER(TariffSet)),
                ("proposed", POINTER(TariffSet)),
                ("calendar", POINTER(Calendar)),
                ("naccounts", c_size_t),
                ("accounts", POINTER(ConfigTariffCustomer))]


MIRRORS = [
    ("lf_tou_window", TouWindow, "full"),
    ("lf_tou_schedule", TouSchedule, "full"),
    ("lf_surcharge", Surcharge, "full"),
    ("lf_pf_entry", PfEntry, "full"),
    ("lf_tariff", Tariff, "full"),
    ("lf_tariff_set", TariffSet, "full"),
    ("lf_tariff_account", TariffAccount, "full"),
    ("lf_interval_load", IntervalLoad, "full"),
    ("lf_bill_month", BillMonth, "full"),
    ("lf_bill", Bill, "full"),
    ("lf_tariff_option", TariffOption, "full"),
    ("lf_tariff_ranking", TariffRanking, "full"),
    ("lf_declared_demand", DeclaredDemand, "full"),
    ("lf_declared_month", DeclaredMonth, "full"),
    ("lf_shift_saving", ShiftSaving, "full"),
    ("lf_impact_customer", ImpactCustomer, "full"),
    ("lf_impact_row", ImpactRow, "full"),
    ("lf_tariff_impact", TariffImpact, "full"),
    ("lf_config_tariff_account", ConfigTariffAccount, "full"),
    ("lf_config_tariff", ConfigTariff, "full"),
    ("lf_config_tariff_customer", ConfigTariffCustomer, "full"),
    ("lf_config_tariff_input", ConfigTariffInput, "full"),
]
OPAQUE = []
SCALARS = {"lf_tou_period": lf_tou_period, "lf_energy_kind": lf_energy_kind,
           "lf_basic_choice": lf_basic_choice,
           "lf_config_declared_from": lf_config_declared_from}

_err = POINTER(Error)
_dbl = POINTER(c_double)
_tariff = POINTER(Tariff)
_set = POINTER(TariffSet)
_account = POINTER(TariffAccount)
_load = POINTER(IntervalLoad)
_cal = POINTER(Calendar)
_bill = POINTER(Bill)
_cfg = POINTER(ConfigHead)

FUNCTIONS = {
    # tariff.h
    "lf_tou_period_name": (c_char_p, [lf_tou_period]),
    "lf_tariff_set_load": (c_int, [c_char_p, POINTER(_set), _err]),
    "lf_tariff_set_free": (None, [_set]),
    "lf_tariff_set_find": (_tariff, [_set, c_char_p, lf_date]),
    "lf_tariff_account_init": (None, [_account]),
    "lf_tariff_eligible": (c_int, [_tariff, _account]),
    "lf_bill_intervals": (c_int, [_tariff, _account, _load, _cal, POINTER(_bill), _err]),
    "lf_bill_daily": (c_int, [_tariff, _account, lf_date, c_size_t, _dbl, _dbl, _dbl, _cal,
                              POINTER(_bill), _err]),
    "lf_tariff_period": (lf_tou_period, [_tariff, c_int, c_uint, c_int]),
    "lf_bill_free": (None, [_bill]),
    # tariff_advice.h
    "lf_tariff_set_bill": (c_int, [_set, c_char_p, _account, _load, _cal, POINTER(_bill), _err]),
    "lf_tariff_rank": (c_int, [_set, _account, c_char_p, _load, _cal,
                               POINTER(POINTER(TariffRanking)), _err]),
    "lf_tariff_ranking_free": (None, [POINTER(TariffRanking)]),
    "lf_tariff_option_bill": (c_int, [_set, _account, POINTER(TariffOption), _load, _cal,
                                      POINTER(_bill), _err]),
    "lf_demand_charge": (c_double, [_tariff, c_double, c_double]),
    "lf_declared_demand_best": (c_int, [_tariff, c_double, _dbl, _dbl, c_size_t,
                                        POINTER(DeclaredDemand), _err]),
    "lf_quantiles_to_values": (c_int, [_dbl, _dbl, c_size_t, c_size_t, _dbl, _err]),
    "lf_declared_month_plan": (c_int, [_tariff, c_double, c_int, c_int, _dbl, c_size_t,
                                       POINTER(DeclaredMonth), _err]),
    "lf_max_demand_history": (c_int, [_load, c_int, c_int, c_double, _dbl, POINTER(c_size_t),
                                      _err]),
    "lf_tou_shift_saving": (c_int, [_tariff, _account, _load, _cal, c_double, c_double,
                                    POINTER(ShiftSaving), _err]),
    "lf_tariff_set_shift_saving": (c_int, [_set, c_char_p, _account, _load, _cal, c_double,
                                           c_double, POINTER(ShiftSaving), _err]),
    "lf_tariff_change_impact": (c_int, [_set, _set, POINTER(ImpactCustomer), c_size_t, _cal,
                                        POINTER(POINTER(TariffImpact)), _err]),
    "lf_tariff_impact_free": (None, [POINTER(TariffImpact)]),
    # config.h: the section and its files
    "lf_config_tariff_section": (POINTER(ConfigTariff), [_cfg]),
    "lf_config_tariff_load": (c_int, [_cfg, POINTER(POINTER(ConfigTariffInput)), _err]),
    "lf_config_tariff_free": (None, [POINTER(ConfigTariffInput)]),
}
