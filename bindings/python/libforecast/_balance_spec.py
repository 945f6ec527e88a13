"""The inputs of a balance plan into an lf_balance_spec (balance_spec.c's
counterpart): the demand's months and arrays, the supply, the daily peaks and
the labels, each checked for form (length, shape, dtype, months) here; the
values (NaN, < 0, high below P50, the daily span) are left to
lf_balance_spec_check, whose messages name the month or day."""
import datetime

import numpy as np
import pandas as pd

from . import _inputs as I
from . import _c_balance as T
from ._lib import LIB
from .dates import to_lf_date, to_month
from .errors import ArgumentError

DEMAND = ("energy_p50", "energy_high", "peak_p50", "peak_high")
SUPPLY = ("own_mwh", "purchase_mwh", "own_mw", "import_mw", "outage_mw")


def _horizon(demand, first, months):
    """The plan's months (a PeriodIndex) and the demand's four arrays over them."""
    if not hasattr(demand, "keys"):
        raise ArgumentError("demand must be a DataFrame or a mapping of the columns "
                            f"{', '.join(DEMAND)}, not {type(demand).__name__}")
    lacking = [c for c in DEMAND if c not in demand.keys()]
    if lacking:
        raise ArgumentError(f"demand lacks the column '{lacking[0]}' (it needs "
                            f"{', '.join(DEMAND)}; it has {', '.join(map(str, demand.keys()))})")
    if months is not None and (isinstance(months, (bool, np.bool_)) or not isinstance(
            months, (int, np.integer)) or not 1 <= months <= T.LF_BALANCE_MAX_MONTHS):
        raise ArgumentError(f"months must be an int, 1 .. {T.LF_BALANCE_MAX_MONTHS}, "
                            f"got {months!r}")
    idx = I.month_index(demand, "demand")
    if idx is None:
        return _by_position(demand, first, months)
    return _by_month(demand, idx, first, months)


def _by_position(demand, first, months):
    """Arrays (or a DataFrame without months) from `first`, of `months` values."""
    if first is None:
        raise ArgumentError("give first= (the plan's first month): demand has no month index")
    year, month = to_month(first, "first")
    n = len(I.as_doubles(demand[DEMAND[0]], DEMAND[0], months, "the plan's months"))
    if n == 0:
        raise ArgumentError("demand has no months (energy_p50 is empty)")
    arrays = {c: I.as_doubles(demand[c], c, n, "the plan's months") for c in DEMAND}
    return _months(year, month, n), arrays


def _by_month(demand, idx, first, months):
    """The window first .. first + months - 1 of a demand indexed by months."""
    if len(idx) == 0:
        raise ArgumentError("demand has no months (its index is empty)")
    I.consecutive(idx, "demand's index")
    year, month = to_month(first, "first") if first is not None else (idx[0].year, idx[0].month)
    off = (year - idx[0].year) * 12 + month - idx[0].month
    n = months if months is not None else len(idx) - off
    if off < 0 or n < 1 or off + n > len(idx):
        span = _months(year, month, max(n, 1))
        raise ArgumentError(f"the plan's months {span[0]} .. {span[-1]} are not all in the "
                            f"demand ({idx[0]} .. {idx[-1]})")
    # a slice of a C-contiguous column is C-contiguous: still no copy
    arrays = {c: I.as_doubles(demand[c], c)[off:off + n] for c in DEMAND}
    return _months(year, month, n), arrays


def _months(year, month, n):
    return pd.period_range(pd.Period(year=year, month=month, freq="M"), periods=n, freq="M",
                           name="month")


def _supply(value, name, months):
    if value is None:
        return None
    if np.ndim(value) == 0 and not isinstance(value, (str, bytes)):
        return np.full(len(months), I.number(value, name))
    if I.month_index(value, name) is not None:
        return I.by_month(value, name, months, missing_is_zero=(name == "outage_mw"))
    return I.as_doubles(value, name, len(months), "the plan's months")


def _daily(daily, months):
    """(first day, C-contiguous peaks) for the spec; C checks the span."""
    start = to_lf_date(datetime.date(months[0].year, months[0].month, 1))
    end = months[-1] + 1
    ndays = to_lf_date(datetime.date(end.year, end.month, 1)) - start
    idx = getattr(daily, "index", None)
    if not isinstance(idx, pd.DatetimeIndex):
        return start, I.as_doubles(daily, "daily", ndays,
                                   f"one peak a day of {months[0]} .. {months[-1]}")
    I.consecutive(idx, "daily's index", "day")
    peaks = I.as_doubles(daily, "daily")
    first = int(to_lf_date(idx[0])) if len(idx) else start
    if first > start:
        return first, peaks      # C names the days missing at the start
    cut = peaks[start - first:start - first + ndays]
    if len(cut) == 0:            # never an empty array for C: its pointer may be NULL
        raise ArgumentError(f"the daily peaks hold no day of the balance months "
                            f"({months[0]} .. {months[-1]})")
    return start, cut


def _labels(demand, daily, high_label, scenario):
    attrs = getattr(demand, "attrs", {})
    high = high_label if high_label is not None else attrs.get("high_label")
    scen = scenario if scenario is not None else attrs.get("scenario")
    d = getattr(daily, "attrs", {})
    # as lf_balance_spec_set_daily refuses peaks of another quantile or scenario
    if high and d.get("high_label") and d["high_label"].lower() != high.lower():
        raise ArgumentError(f"the daily peaks are at {d['high_label']}, the monthly demand at "
                            f"{high}: read both at one quantile")
    if scen and d.get("scenario") and d["scenario"] != scen:
        raise ArgumentError(f"the daily peaks are of scenario '{d['scenario']}', the monthly "
                            f"demand of '{scen}': read both of one scenario")
    return I.c_text(high, "high_label"), I.c_text(scen or None, "scenario")


def build_spec(demand, reserve, first, months, supply, daily, high_label, scenario):
    """(spec, keep): the lf_balance_spec of balance_plan's arguments (supply a
    dict by SUPPLY's names), and the arrays and strings it points into, to
    keep alive until lf_balance_run returns."""
    span, arrays = _horizon(demand, first, months)
    supply = {name: _supply(supply.get(name), name, span) for name in SUPPLY}
    spec = T.BalanceSpec()
    LIB.lf_balance_spec_init(spec)
    spec.year, spec.month, spec.nmonths = span[0].year, span[0].month, len(span)
    for name, arr in {**arrays, **supply}.items():
        setattr(spec, name, I.pointer(arr))
    spec.reserve = I.share(reserve, "reserve")
    if daily is not None:   # else NULL: the days at risk unknown
        spec.daily_first, peaks = _daily(daily, span)
        spec.ndays, spec.daily_peak_mw = len(peaks), I.pointer(peaks)
        arrays["daily"] = peaks
    labels = _labels(demand, daily, high_label, scenario)
    spec.high_label, spec.scenario = labels
    return spec, (arrays, supply, labels)
