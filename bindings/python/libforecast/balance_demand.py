"""A balance plan's demand from a forecast (balance.h): from lfc forecast's
files (demand_from_csv, daily_from_csv) or from a Forecast in memory
(demand_from_forecast, daily_from_forecast), as lfc plan takes it.

Each goes through the C function (so its rules and messages are those of
lfc plan), copies the C arrays into numpy, and frees the C struct before
returning: the DataFrame / Series owns its data, nothing is left to close.
The scenario read and the high label go into ``.attrs``, where balance_plan
takes them from.
"""
import ctypes

import numpy as np
import pandas as pd

from . import _inputs as I
from . import _c_balance as T
from ._balance_spec import DEMAND
from ._lib import LIB
from .dates import to_timestamp
from .errors import ArgumentError, call

__all__ = ["demand_from_csv", "daily_from_csv", "demand_from_forecast", "daily_from_forecast"]


def _read(reader, free, ctype, source, scenario, high, copy):
    out = ctypes.POINTER(ctype)()
    call(reader, source, I.c_text(scenario, "scenario"), I.c_text(high, "high"),
         ctypes.byref(out))
    try:
        return copy(out.contents)
    finally:
        free(out)


def _monthly(d):
    data = {c: _array(getattr(d, c), d.nmonths) for c in DEMAND}
    index = pd.period_range(pd.Period(year=d.year, month=d.month, freq="M"),
                            periods=d.nmonths, freq="M", name="month")
    return _attrs(pd.DataFrame(data, index=index), d)


def _daily(d):
    index = pd.date_range(to_timestamp(d.first), periods=d.ndays, freq="D", name="date")
    series = pd.Series(_array(d.peak_mw, d.ndays), index=index,
                       name=f"peak_mw_{d.high_label.decode()}")
    return _attrs(series, d)


def _forecast_ptr(forecast):
    from .forecasting import Forecast
    if not isinstance(forecast, Forecast):
        raise ArgumentError(f"forecast must be a Forecast, not {type(forecast).__name__}")
    return forecast._ptr()


def _array(ptr, n):
    return np.ctypeslib.as_array(ptr, shape=(n,)).copy() if n else np.empty(0)


def _attrs(obj, d):
    obj.attrs.update(scenario=d.scenario.decode() or None, high_label=d.high_label.decode())
    return obj


def demand_from_csv(path, scenario=None, high="p90"):
    """The monthly demand of one scenario from lfc forecast's
    forecast_monthly.csv (lf_balance_demand_from_csv): a DataFrame indexed by
    month (PeriodIndex 'M') with the columns energy_p50, energy_high (MWh),
    peak_p50, peak_high (MW), as balance_plan takes it; attrs["scenario"]
    (None without a scenario column) and attrs["high_label"].

    scenario: None for the file's first; high: the high quantile's label.
    Errors: InputError naming file:line:column (a malformed row, a missing
    column, inconsistent months), LibIOError (the file cannot be read).

    >>> import libforecast as lf
    >>> demand = lf.demand_from_csv("out/forecast_monthly.csv", "base")  # doctest: +SKIP
    >>> demand.loc["2025-07", "peak_high"]                               # doctest: +SKIP
    """
    return _read(LIB.lf_balance_demand_from_csv, LIB.lf_balance_demand_free, T.BalanceDemand,
                 I.c_path(path), scenario, high, _monthly)


def daily_from_csv(path, scenario=None, high="p90"):
    """The daily high peaks of one scenario from lfc forecast's
    forecast_daily.csv (lf_balance_daily_from_csv): a Series named
    peak_mw_<high>, indexed by consecutive days (DatetimeIndex 'date'), with
    attrs as demand_from_csv's; balance_plan's ``daily``.

    >>> daily = lf.daily_from_csv("out/forecast_daily.csv", "base")  # doctest: +SKIP
    """
    return _read(LIB.lf_balance_daily_from_csv, LIB.lf_balance_daily_free, T.BalanceDaily,
                 I.c_path(path), scenario, high, _daily)


def demand_from_forecast(forecast, scenario=None, high="p90"):
    """The monthly demand of one scenario of a Forecast, without files
    (lf_balance_demand_from_forecast): what demand_from_csv reads from the
    forecast's forecast_monthly.csv — its whole calendar months (a forecast
    starting or ending inside a month leaves that month out).

    >>> import libforecast as lf
    >>> with lf.Config("datasets/sample/project.yaml") as cfg:
    ...     run = lf.forecast_from_config(cfg)
    >>> demand = lf.demand_from_forecast(run.forecast, "base", "p90")
    >>> list(demand.columns), len(demand), str(demand.index[0])
    (['energy_p50', 'energy_high', 'peak_p50', 'peak_high'], 24, '2025-01')
    >>> plan = lf.balance_plan(demand, reserve="10%", own_mw=12000, import_mw=0,
    ...                        own_mwh=6e6, daily=lf.daily_from_forecast(run.forecast, "base"))
    >>> plan.status.iloc[0]
    'ok'
    """
    return _read(LIB.lf_balance_demand_from_forecast, LIB.lf_balance_demand_free,
                 T.BalanceDemand, _forecast_ptr(forecast), scenario, high, _monthly)


def daily_from_forecast(forecast, scenario=None, high="p90"):
    """The daily high peaks of one scenario of a Forecast, every forecast day
    (lf_balance_daily_from_forecast): balance_plan's ``daily``."""
    return _read(LIB.lf_balance_daily_from_forecast, LIB.lf_balance_daily_free, T.BalanceDaily,
                 _forecast_ptr(forecast), scenario, high, _daily)
