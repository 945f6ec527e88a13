"""What a bill is made of, from Python: the account (Account, into an
lf_tariff_account), the interval load (a pandas Series of kW into an
lf_interval_load, without a copy when it is float64) and the calendar.

The per-month arrays of an account (declared kW, power factor) are indexed
by the billed month in C, which cannot know their length: they are built
here for exactly the load's months, so C never reads past them.
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_tariff as T
from . import _inputs as I
from ._lib import LIB
from .dates import to_lf_date
from .errors import ArgumentError

BASIC = {"capacity": T.LF_BASIC_BY_CAPACITY, "demand": T.LF_BASIC_BY_DEMAND}
BASIC_NAMES = {v: k for k, v in BASIC.items()}


class Load:
    """Interval load checked and held for C: .c (an lf_interval_load whose
    kw points into .kw, kept alive with it), .months (PeriodIndex of the
    months it covers), .first (lf_date)."""

    def __init__(self, c, kw, months):
        self.c, self.kw, self.months = c, kw, months
        self.first = c.first


def interval_load(load, name="load"):
    """A Load of a kW Series indexed by timestamps at a fixed 15, 30 or 60
    minute step from 00:00 of its first day, whole days, no gap.

    >>> import pandas as pd
    >>> s = pd.Series(1.0, pd.date_range("2025-01-01", periods=48, freq="30min"))
    >>> lo = interval_load(s)
    >>> lo.c.minutes, lo.c.n, str(lo.months[0])
    (30, 48, '2025-01')
    """
    if isinstance(load, Load):
        return load
    idx = getattr(load, "index", None)
    if not isinstance(idx, pd.DatetimeIndex) or isinstance(load, pd.DataFrame):
        raise ArgumentError(f"{name} must be a pandas Series of kW indexed by timestamps "
                            f"(DatetimeIndex), not {type(load).__name__}")
    if idx.tz is not None:
        idx = idx.tz_localize(None)     # the library counts on the wall clock
    if len(idx) < 2 or idx.hasnans:
        raise ArgumentError(f"{name} needs whole days of 15, 30 or 60-minute values without "
                            "a missing timestamp")
    steps = np.diff(idx.asi8) // 60_000_000_000
    minutes = int(steps[0])
    bad = np.flatnonzero(steps != minutes)
    if bad.size:
        k = bad[0]
        raise ArgumentError(f"{name} must have one value every {minutes} minutes: {idx[k + 1]} "
                            f"follows {idx[k]} (a gap, a duplicate or another step)")
    if minutes not in (15, 30, 60):
        raise ArgumentError(f"{name} is at {minutes}-minute steps; 15, 30 or 60")
    if idx[0] != idx[0].normalize():
        raise ArgumentError(f"{name} must start at 00:00 of its first day, not {idx[0]}")
    per_day = 1440 // minutes
    if len(idx) % per_day:
        raise ArgumentError(f"{name} has {len(idx)} values, not whole days of {per_day}")
    kw = I.as_doubles(load, name)
    c = T.IntervalLoad(first=int(to_lf_date(idx[0])), minutes=minutes, n=len(kw),
                       kw=I.pointer(kw))
    months = pd.period_range(idx[0].to_period("M"), idx[-1].to_period("M"), freq="M")
    return Load(c, kw, months)


def calendar_ptr(calendar):
    """None (Saturday and Sunday the weekend, no holidays) or a Calendar
    handle's lf_calendar *."""
    if calendar is None:
        return None
    ptr = calendar._ptr() if hasattr(calendar, "_ptr") else None
    if not isinstance(ptr, ctypes.POINTER(T.Calendar)):
        raise ArgumentError(f"calendar must be a libforecast Calendar or None, not "
                            f"{type(calendar).__name__}")
    return ptr


def _by_month(value, name, months):
    """A number (every month), or one value per billed month: a Series by
    month, or an array of their length."""
    if np.ndim(value) == 0:
        return I.number(value, name), None
    if I.month_index(value, name) is not None:
        return 0.0, I.by_month(value, name, months, missing_is_zero=False)
    return 0.0, I.as_doubles(value, name, len(months), "one a billed month")


class Account:
    """A customer's account as a tariff sees it (lf_tariff_account).

    customer_class: matched against a tariff's eligible classes
        ("large_industry"); voltage_kv, capacity_kva: supply voltage and
        installed transformer kVA.
    basic: "capacity" or "demand": how a two-part tariff's basic charge is
        set; declared_kw: the declared demand, a number (every month) or one
        value per billed month (a Series by month, or an array);
        power_factor: the month's average, likewise (0: not metered).
        None leaves lf_tariff_account_init's default (capacity, 0, 0).

    >>> Account("large_industry", 10, 25000, basic="demand", declared_kw=18000)
    Account('large_industry', 10.0 kV, 25000.0 kVA, basic='demand', declared_kw=18000.0)
    """

    def __init__(self, customer_class, voltage_kv, capacity_kva, *, basic=None,
                 declared_kw=None, power_factor=None):
        raw = I.c_text(customer_class, "customer_class")
        if len(raw) > T.LF_TARIFF_ID_MAX - 1:
            raise ArgumentError(f"customer_class '{customer_class}' is longer than "
                                f"{T.LF_TARIFF_ID_MAX - 1} bytes")
        if basic is not None and basic not in BASIC:
            raise ArgumentError(f"basic must be 'capacity' or 'demand', not {basic!r}")
        self.customer_class = customer_class
        self.voltage_kv = I.number(voltage_kv, "voltage_kv")
        self.capacity_kva = I.number(capacity_kva, "capacity_kva")
        self.basic = basic
        # numbers checked now; per-month values against the load's months at a bill
        self.declared_kw = declared_kw if np.ndim(declared_kw) else \
            None if declared_kw is None else I.number(declared_kw, "declared_kw")
        self.power_factor = power_factor if np.ndim(power_factor) else \
            None if power_factor is None else I.number(power_factor, "power_factor")

    def c_struct(self, months=None):
        """(lf_tariff_account, the arrays it points into) for a load of these
        months; without months, the per-month values are left out (NULL), as
        eligibility needs none."""
        a = T.TariffAccount()
        LIB.lf_tariff_account_init(a)
        a.customer_class = self.customer_class.encode()
        a.voltage_kv, a.capacity_kva = self.voltage_kv, self.capacity_kva
        if self.basic is not None:
            a.basic = BASIC[self.basic]
        keep = []
        for name in ("declared_kw", "power_factor"):
            value = getattr(self, name)
            if value is None or (months is None and np.ndim(value)):
                continue
            scalar, arr = _by_month(value, name, months)
            setattr(a, name, scalar)
            if arr is not None:
                setattr(a, f"{name}_by_month", I.pointer(arr))
                keep.append(arr)
        return a, keep

    def __repr__(self):
        extra = "".join(f", {k}={getattr(self, k)!r}" for k in ("basic", "declared_kw",
                                                                  "power_factor")
                        if getattr(self, k) is not None and np.ndim(getattr(self, k)) == 0)
        return (f"Account({self.customer_class!r}, {self.voltage_kv} kV, {self.capacity_kva} "
                f"kVA{extra})")


def account_of(account):
    if not isinstance(account, Account):
        raise ArgumentError(f"account must be an Account, not {type(account).__name__}")
    return account
