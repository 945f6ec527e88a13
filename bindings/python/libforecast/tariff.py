"""Electricity tariffs, bills and tariff advice (tariff.h, tariff_advice.h;
电价, 电费, 电价选择, 需量申报): what a customer pays for its load curve under a
tariff, which tariff costs it least, what demand to declare each month, what
moving load out of the peak saves, and what a tariff change does to revenue.

TariffSet reads a tariffs file; an Account says who is billed; interval
load is a pandas Series of kW (15, 30 or 60 minutes, whole days).
tariff_advice(cfg) is `lfc tariff --config`: the same six files, byte for byte.

>>> import numpy as np, pandas as pd, libforecast as lf
>>> ts = lf.TariffSet("examples/tariffs/tariffs.yaml")
>>> load = pd.Series(np.full(31 * 96, 12000.0),                  # 12 MW flat, July 2024
...                  pd.date_range("2024-07-01", periods=31 * 96, freq="15min"))
>>> acct = lf.Account("large_industry", 10, 25000, basic="demand", declared_kw=15000)
>>> r = lf.rank_tariffs(ts, load, acct, current="large_industry_tou_1_10kv")
>>> r.options[["basic", "basic_charge", "total", "current"]].values.tolist()
[['demand', 600000.0, 7208524.2, True], ['capacity', 750000.0, 7358524.2, False]]
>>> with r.bill(1) as bill:
...     bill.months.loc["2024-07", ["kwh_peak", "kwh_critical", "max_demand_kw"]].tolist()
[2976000.0, 744000.0, 12000.0]
"""
import ctypes
import os

import numpy as np
import pandas as pd

from . import _c_tariff as T
from . import _inputs as I
from . import _tariff_out as out
from ._lib import LIB
from .config import Config
from ._tariff_advice import advise_config
from ._tariff_inputs import Account, account_of, calendar_ptr, interval_load
from ._tariff_results import Bill, Ranking, TariffImpact
from ._tariff_set import Tariff, TariffSet, int_arg
from .dates import to_date
from .errors import ArgumentError, call

__all__ = ["TariffSet", "Tariff", "Account", "Bill", "Ranking", "TariffImpact",
           "TariffAdvice", "rank_tariffs", "tariff_change_impact", "quantiles_to_values",
           "max_demand_history", "tariff_advice"]


def _tariff_set(tariffs, name="tariffs"):
    if not isinstance(tariffs, TariffSet):
        raise ArgumentError(f"{name} must be a TariffSet, not {type(tariffs).__name__}")
    return tariffs


def rank_tariffs(tariffs, load, account, *, current=None, calendar=None):
    """Every tariff of the set the account may choose, billed on the load
    (two-part ones by capacity and by demand), cheapest first, with what
    each saves against the current tariff (lf_tariff_rank); a Ranking.

    An account by demand without a declared value is billed each month at
    the least value without a penalty (declared_hindsight: a bound no
    customer reaches).  No eligible tariff, or a current one the account may
    not choose, is an ArgumentError with the C message.
    """
    ts = _tariff_set(tariffs)
    lo = interval_load(load)
    acct = account_of(account).c_struct(lo.months)
    out = ctypes.POINTER(T.TariffRanking)()
    call(LIB.lf_tariff_rank, ts._ptr(), ctypes.byref(acct[0]), I.c_text(current, "current"),
         ctypes.byref(lo.c), calendar_ptr(calendar), ctypes.byref(out))
    return Ranking(out, ts, acct, lo, calendar)


def _impact_customers(customers):
    """ImpactCustomer array and what it points into, from records."""
    if isinstance(customers, pd.DataFrame):
        customers = customers.to_dict("records")
    if not isinstance(customers, (list, tuple)) or not customers:
        raise ArgumentError("customers must be a non-empty list of dicts with id, account, "
                            "load, tariff_id and optionally new_tariff_id")
    arr, keep = (T.ImpactCustomer * len(customers))(), []
    for k, c in enumerate(customers):
        if not hasattr(c, "keys") or not {"id", "account", "load", "tariff_id"} <= set(c):
            raise ArgumentError(f"customers[{k}] needs id, account, load and tariff_id")
        lo = interval_load(c["load"], f"customers[{k}]['load']")
        acct, arrays = account_of(c["account"]).c_struct(lo.months)
        texts = [I.c_text(c[key], f"customers[{k}]['{key}']") if key in c else None
                 for key in ("id", "tariff_id", "new_tariff_id")]
        arr[k] = T.ImpactCustomer(texts[0], ctypes.pointer(acct), ctypes.pointer(lo.c),
                                  texts[1], texts[2])
        keep.append((lo, acct, arrays, texts))
    return arr, keep


def tariff_change_impact(old, new, customers, *, calendar=None):
    """What moving each customer from its tariff in old to its tariff in new
    does to revenue, by customer, class and in total
    (lf_tariff_change_impact); a TariffImpact.

    customers: a list of dicts (or a DataFrame of such columns) with id,
    account (an Account), load (a kW Series), tariff_id and optionally
    new_tariff_id (default: the same id in the new table).
    """
    arr, keep = _impact_customers(customers)
    out = ctypes.POINTER(T.TariffImpact)()
    call(LIB.lf_tariff_change_impact, _tariff_set(old, "old")._ptr(),
         _tariff_set(new, "new")._ptr(), arr, len(arr), calendar_ptr(calendar),
         ctypes.byref(out))
    del keep
    return TariffImpact(out)


def quantiles_to_values(p, v, n):
    """n equally likely values of a maximum demand given by quantiles (p
    increasing in (0, 1), v non-decreasing), never below 0
    (lf_quantiles_to_values): what a forecast's P10/P50/P90 become for
    Tariff.declared_demand.

    >>> import libforecast as lf
    >>> lf.quantiles_to_values([0.5], [100.0], 3).tolist()
    [100.0, 100.0, 100.0]
    """
    ps = I.as_doubles(p, "p")
    vs = I.as_doubles(v, "v", len(ps), "one per probability")
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ArgumentError(f"n must be an int >= 1, got {n!r}")
    if len(ps) == 0:
        raise ArgumentError("give at least one quantile")
    values = np.empty(int(n))
    call(LIB.lf_quantiles_to_values, I.pointer(ps), I.pointer(vs), len(ps), int(n),
         I.pointer(values))
    return values


def max_demand_history(load, year, month, growth=0.0):
    """The maximum demand of month (1..12) of year as seen in earlier years
    of interval load: the month's largest interval in each year the load
    covers the whole month, times (1 + growth) ^ (year - that year)
    (lf_max_demand_history); an array (empty when no year covers it).

    >>> import pandas as pd, libforecast as lf
    >>> load = pd.Series(100.0, pd.date_range("2023-07-01", "2024-07-31 23:00", freq="h"))
    >>> lf.max_demand_history(load, 2025, 7, growth=0.05).tolist()
    [110.25, 105.0]
    """
    lo = interval_load(load)
    years = to_date(lo.first + len(lo.kw) // (1440 // lo.c.minutes)).year - \
        to_date(lo.first).year + 1
    values, n = np.empty(years), ctypes.c_size_t()
    call(LIB.lf_max_demand_history, ctypes.byref(lo.c), int_arg(year, "year"),
         int_arg(month, "month"),
         I.number(growth, "growth"), I.pointer(values), ctypes.byref(n))
    return values[:n.value].copy()


# ---- the advice of a config ---------------------------------------------------------------


class TariffAdvice:
    """`lfc tariff --config`'s advice (tariff_advice()), held in Python (no C
    memory): DataFrames shaped as its CSV files, and write() for the files.

    ranking    tariff_ranking.csv: each account's options, cheapest first
    bills      tariff_bills.csv (and a role column: current, best)
    declared   tariff_declared.csv: each plan month of each two-part tariff
    declared_totals  each plan's months_planned, saving, current_declared_charge
    shift      tariff_shift.csv: savings of moving peak load, by share
    change     tariff_change.csv (None without a proposed table)
    accounts   each account's settings and billed days
    """

    def __init__(self, head, accounts, change):
        self._head, self._accounts, self._change = head, accounts, change

    @staticmethod
    def _frame(rows, columns):
        return pd.DataFrame(rows, columns=[c for c, _ in columns])

    @property
    def ranking(self):
        return self._frame(out.ranking_rows(self._accounts), out.KEY_RANKING + out.RANKING)

    @property
    def bills(self):
        cols = out.KEY_BILL[:1] + [("role", out.TEXT)] + out.KEY_BILL[1:] + out.BILL
        return self._frame(out.bill_rows(self._accounts), cols)

    @property
    def declared(self):
        return self._frame(out.declared_rows(self._accounts), out.KEY_DECLARED + out.DECLARED)

    @property
    def declared_totals(self):
        rows = [{"customer": a["head"]["customer"], "tariff_id": p["tariff_id"],
                 "months_planned": p["months_planned"], "saving": p["saving"],
                 "current_declared_charge": p["current_declared_charge"]}
                for a in self._accounts for p in a["plans"]]
        return pd.DataFrame(rows, columns=["customer", "tariff_id", "months_planned", "saving",
                                           "current_declared_charge"])

    @property
    def shift(self):
        return self._frame(out.shift_rows(self._accounts), out.KEY_SHIFT + out.SHIFT)

    @property
    def change(self):
        if self._change is None:
            return None
        return self._frame(out.change_rows(self._change), out.CHANGE)

    @property
    def driver(self):
        """The class driving most of the change in the average price (None
        without a proposed table)."""
        return None if self._change is None else self._change["driver"]

    @property
    def accounts(self):
        return pd.DataFrame([a["head"] for a in self._accounts]).set_index("customer")

    def to_json(self, path):
        """Write tariff.json (atomically)."""
        path = os.fsdecode(I.c_path(path))
        out.write_set(os.path.dirname(path) or ".",
                      {os.path.basename(path): out.json_text(self._head, self._accounts,
                                                             self._change)})

    def write(self, directory):
        """Write lfc tariff's files into directory, all or none: the four CSV
        files, tariff.json and tariff_change.csv with a proposed table
        (without one, a tariff_change.csv of an earlier run is removed)."""
        directory = os.fsdecode(I.c_path(directory, "directory"))
        texts = out.csv_texts(self._accounts, self._change)
        texts[out.FILES[4]] = out.json_text(self._head, self._accounts, self._change)
        texts = {name: texts[name] for name in out.FILES if name in texts}
        stale = () if self._change is not None else (out.FILES[5],)
        out.write_set(directory, texts, stale)

    def __repr__(self):
        return (f"<TariffAdvice {self._head['project']}: {len(self._accounts)} accounts"
                f"{', with a tariff change' if self._change else ''}>")


def tariff_advice(cfg):
    """The tariff advice of cfg's tariff section, as `lfc tariff --config`
    makes it: ranking, bills of the current and best options, declared-demand
    plans, peak-shift savings, and with 'proposed' the revenue change;
    write(dir) writes lfc's files byte for byte.  Errors are lfc's messages
    (prefixed "customer ID: " for one account's).

    >>> import libforecast as lf
    >>> with lf.Config("datasets/sample/project.yaml") as cfg:
    ...     advice = lf.tariff_advice(cfg)
    >>> advice.ranking.groupby("customer").size().to_dict()
    {'C001': 2, 'C002': 2, 'C003': 1}
    >>> advice.driver
    'large_industry'
    """
    if not isinstance(cfg, Config):
        raise ArgumentError(f"cfg must be a Config, not {type(cfg).__name__}")
    return TariffAdvice(*advise_config(cfg))
