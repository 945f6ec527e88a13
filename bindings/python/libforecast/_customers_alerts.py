"""Usage alerts (customer_segment.h, lf_usage_alerts) on a CustomerSet or on
monthly energy in pandas: a Series (one customer) or a DataFrame (months x
customers).  For pandas input the binding builds an lf_customer_set of its
own in Python memory (ids and energy only: what the alerts read) and never
hands it to lf_customer_set_free.
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_customers as T
from . import _customers_spec as S
from . import _inputs as I
from ._customers_cmem import struct_array
from ._customers_set import CustomerSet, align, text
from ._lib import LIB, libc_free
from .dates import to_datetime64, to_lf_date, to_month
from .errors import ArgumentError, call

ALERT_COLUMNS = ["month", "actual_kwh", "expected_kwh", "change_kwh", "change_pct", "z",
                 "direction"]


def alerts_frame(alerts, n, ids, names=None):
    """n lf_usage_alert (ranked) as a DataFrame indexed by rank (1..n): id,
    (name,) month (a Period), actual_kwh, expected_kwh, change_kwh,
    change_pct, z, direction ("up" / "down", as the C writer says it)."""
    a = struct_array(alerts, n, T.UsageAlert)
    who = a["customer"].astype(np.intp)
    data = {"id": np.asarray(ids, dtype=object)[who] if n else []}
    if names is not None:
        data["name"] = np.asarray(names, dtype=object)[who] if n else []
    days = to_datetime64(a["month"].astype(np.int64)).astype("datetime64[ns]")
    data["month"] = pd.DatetimeIndex(days).to_period("M")
    for col, field in (("actual_kwh", "actual"), ("expected_kwh", "expected"),
                       ("change_kwh", "change"), ("change_pct", "change_pct"), ("z", "z")):
        data[col] = a[field].copy()
    data["direction"] = np.where(a["change"] < 0, "down", "up").astype(object)
    return pd.DataFrame(data, index=pd.RangeIndex(1, n + 1, name="rank"))


def _frame_of(energy):
    """A Series becomes a one-column DataFrame (its name, else 'series')."""
    if isinstance(energy, pd.Series):
        return energy.to_frame(energy.name if energy.name is not None else "series")
    if isinstance(energy, pd.DataFrame):
        return energy
    raise ArgumentError("energy must be a CustomerSet, a Series or a DataFrame indexed by "
                        f"months, not {type(energy).__name__}")


def _c_id(label):
    """A label as an lf_customer id (for the C messages only): cut to fit."""
    raw = str(label).encode("utf-8")[:T.LF_CUSTOMER_ID_MAX - 1]
    return raw.decode("utf-8", "ignore").encode("utf-8")


def _built_set(frame):
    """(lf_customer_set, months, ids, what it points into) of a DataFrame of
    monthly energy, months x customers."""
    months = I.month_index(frame, "energy")
    if months is None:
        raise ArgumentError("energy must be indexed by months (a monthly PeriodIndex or a "
                            "DatetimeIndex)")
    I.consecutive(months, "energy's index")
    if frame.columns.has_duplicates:
        raise ArgumentError(f"energy names customer "
                            f"'{frame.columns[frame.columns.duplicated()][0]}' twice")
    n, nmonths = frame.shape[1], len(months)
    rows = [I.as_doubles(frame[c], f"energy[{c!r}]") for c in frame.columns]
    values = np.ascontiguousarray(np.vstack(rows) if rows else np.empty((0, nmonths)))
    customers = (T.Customer * max(n, 1))()
    for k, label in enumerate(frame.columns):
        customers[k].id = _c_id(label)
    cset = T.CustomerSet(n=n, customers=customers, nmonths=nmonths,
                         energy_kwh=I.pointer(values.ravel()) if values.size else None)
    if nmonths:
        cset.first_month = to_lf_date(months[0].start_time.date())
    return cset, months, list(frame.columns), (customers, values)


def _through(through, months, position):
    """through_months: the months up to and including ``through``."""
    if through is None:
        return 0
    year, month = to_month(through, "through")
    p = pd.Period(year=year, month=month, freq="M")
    if p not in months:
        raise ArgumentError(f"through {p} is outside the months ({months[0]} .. "
                            f"{months[-1]})" if len(months) else "there are no months")
    return position(p) + 1


def usage_alerts(energy, expected=None, *, baseline=None, previous_months=None, measure=None,
                 threshold=None, recent_months=None, min_history=None, min_kwh=None,
                 through=None):
    """Alerts on big swings of monthly energy (lf_usage_alerts): each of the
    last recent_months months (those up to ``through``, a month, when given)
    against its baseline, ranked largest first.

    energy: a CustomerSet, or kWh in pandas: a Series (one customer) or a
    DataFrame (one column per customer) indexed by consecutive months.
    expected: the expected kWh, months x customers like energy (a Series for
    a Series; for a CustomerSet also the path of expected.csv); required by
    baseline "expected".
    baseline "last_year" | "previous" (mean of previous_months) | "expected";
    measure "percent" (|change_pct| >= threshold, 0.30 or "30%") | "z"
    (|z| >= threshold, default 3, z against the customer's usual change over
    at least min_history months); months expected below min_kwh are skipped.
    Every default is C's (lf_alert_spec_default, customer_segment.h).

    A DataFrame indexed by rank: id (name for a CustomerSet), month, actual_kwh,
    expected_kwh, change_kwh, change_pct, z, direction.

    >>> import pandas as pd, libforecast as lf
    >>> kwh = pd.Series([100.0] * 12 + [104.0] * 11 + [150.0], name="C9",
    ...                 index=pd.period_range("2023-01", periods=24, freq="M"))
    >>> a = lf.usage_alerts(kwh)
    >>> a.loc[1, ["id", "month", "change_pct", "direction"]].tolist()
    ['C9', Period('2024-12', 'M'), 0.5, 'up']
    """
    keywords = {"alert_baseline": baseline, "alert_previous_months": previous_months,
                "alert_measure": measure, "alert_threshold": threshold,
                "alert_recent_months": recent_months, "alert_min_history": min_history,
                "alert_min_kwh": min_kwh}
    spec = S.build_spec(S.default_spec(), keywords).alerts
    if isinstance(energy, CustomerSet):
        return _set_alerts(energy, expected, spec, through)
    frame = _frame_of(energy)
    cset, months, ids, keep = _built_set(frame)
    spec.through_months = _through(through, months, months.get_loc)
    exp = None
    if expected is not None:
        exp = align(_frame_of(expected) if isinstance(expected, pd.Series) else expected,
                    months, ids, "expected")
    return _run(ctypes.byref(cset), exp, spec, ids, None)


def _set_alerts(cs, expected, spec, through):
    months = cs.months
    spec.through_months = _through(through, months, months.get_loc)
    exp = None
    if expected is not None:
        table = expected if isinstance(expected, pd.DataFrame) else cs.expected_from_csv(expected)
        exp = cs.aligned(table, "expected")
    names = [text(cs._s().customers[i].name) for i in range(len(cs))]
    return _run(cs._ptr(), exp, spec, list(cs.ids), names)


def _run(cset, expected, spec, ids, names):
    out, n = ctypes.POINTER(T.UsageAlert)(), ctypes.c_size_t()
    call(LIB.lf_usage_alerts, cset, None if expected is None else I.pointer(expected.ravel()),
         ctypes.byref(spec), ctypes.byref(out), ctypes.byref(n))
    try:
        return alerts_frame(out, n.value, ids, names)
    finally:
        libc_free(out)
