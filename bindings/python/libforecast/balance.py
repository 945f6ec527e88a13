"""The monthly energy balance plan (balance.h): balance_plan() and BalancePlan.

>>> import numpy as np, libforecast as lf
>>> plan = lf.balance_plan(
...     {"energy_p50": [100.0, 90.0], "energy_high": [110.0, 95.0],
...      "peak_p50": [1.0, 1.0], "peak_high": [1.2, 1.1]},
...     first="2025-01", reserve="10%", purchase_mwh=100, import_mw=1.5)
>>> plan.status.tolist()
['energy_deficit', 'ok']
>>> plan.close()
"""
import ctypes

import numpy as np
import pandas as pd

from . import _inputs as I
from . import _c_balance as T
from ._balance_spec import build_spec
from ._handle import Handle
from ._lib import LIB
from .dates import to_date, to_datetime64, to_lf_date
from .errors import ArgumentError, InfeasiblePlanError, call

__all__ = ["balance_plan", "BalancePlan"]

STATUS = tuple(LIB.lf_balance_status_name(i).decode() for i in range(4))

# The CSV's columns after `month` (lf_balance_write_csv), {h} the high label,
# and the lf_balance_month field each holds.
COLUMNS = [
    ("days", "days"),
    ("demand_mwh_p50", "energy_p50"), ("demand_mwh_{h}", "energy_high"),
    ("own_generation_mwh", "own_mwh"), ("purchase_mwh", "purchase_mwh"),
    ("supply_mwh", "supply_mwh"),
    ("energy_balance_mwh_p50", "energy_balance_p50"),
    ("energy_balance_mwh_{h}", "energy_balance_high"),
    ("peak_mw_p50", "peak_p50"), ("peak_mw_{h}", "peak_high"),
    ("own_mw", "own_mw"), ("import_mw", "import_mw"), ("outage_mw", "outage_mw"),
    ("available_mw", "available_mw"),
    ("outages_exceed_capacity", "outages_exceed_capacity"),
    ("required_mw", "required_mw"), ("capacity_balance_mw", "capacity_balance_mw"),
    ("limit_mw", "limit_mw"),
    ("days_at_risk", "days_at_risk"), ("worst_day", "worst_day"),
    ("worst_shortfall_mw", "worst_shortfall_mw"), ("mw_days_at_risk", "mw_days_at_risk"),
    ("status", "status"),
]

# The JSON's "totals" keys and the lf_balance_totals field each holds.
TOTALS = [
    ("demand_mwh_p50", "energy_p50"), ("demand_mwh_{h}", "energy_high"),
    ("own_generation_mwh", "own_mwh"), ("purchase_mwh", "purchase_mwh"),
    ("supply_mwh", "supply_mwh"),
    ("energy_balance_mwh_p50", "energy_balance_p50"),
    ("energy_balance_mwh_{h}", "energy_balance_high"),
    ("energy_deficit_mwh_p50", "energy_deficit_p50"),
    ("energy_deficit_mwh_{h}", "energy_deficit_high"),
    ("months_by_status", "months_by_status"),
    ("energy_deficit_months", "energy_deficit_months"),
    ("capacity_deficit_months", "capacity_deficit_months"),
    ("worst_capacity_month", "worst_capacity_month"),
    ("worst_capacity_balance_mw", "worst_capacity_balance_mw"),
    ("days_at_risk", "days_at_risk"), ("mw_days_at_risk", "mw_days_at_risk"),
]


def balance_plan(demand, *, reserve=None, first=None, months=None, own_mwh=None,
                 purchase_mwh=None, own_mw=None, import_mw=None, outage_mw=None,
                 daily=None, high_label=None, scenario=None):
    """Balance monthly demand against supply (lf_balance_run); a BalancePlan.

    demand: a DataFrame (or a mapping) with the columns energy_p50,
        energy_high (MWh), peak_p50, peak_high (MW); indexed by months (a
        monthly PeriodIndex or a DatetimeIndex, e.g. demand_from_csv's), or
        else give ``first``.
    reserve: the reserve margin, a share of the peak: 0.12, or "12%".
        Required (C refuses a plan without one).
    first, months: the plan's first month ('2025-01', a Period, a date, or
        (2025, 1)) and its length; by default the demand's first month and
        all its months.  With a month index they select a window of it.
    own_mwh, purchase_mwh, own_mw, import_mw, outage_mw: the supply, each a
        number (every month), an array (one value a month), or a Series
        indexed by months (extra months ignored; a plan month missing is an
        error, but for outage_mw, where it is 0).  None is zero (C's NULL).
        A DataFrame of these columns can be passed as ``**supply``.
    daily: the daily peaks at the high quantile, MW: a Series indexed by
        consecutive days covering the plan's months (cut to them), or an
        array with one value a day from the first month's first day.  None:
        the days at risk are unknown (NaN).
    high_label, scenario: the labels of the outputs ("p90"; default the
        demand's attrs, as demand_from_csv sets them, else "high" and none).

    Arrays already 1-D C-contiguous float64 go to C without a copy; others
    (ints, float32, strided slices, lists) are converted, which copies.
    Length, shape and dtype errors raise ArgumentError before the call; the
    values (NaN, < 0, high below P50) are checked by C, whose ArgumentError
    names the month.

    >>> import pandas as pd, libforecast as lf
    >>> demand = pd.DataFrame({"energy_p50": [100.0], "energy_high": [110.0],
    ...                        "peak_p50": [1.0], "peak_high": [1.2]},
    ...                       index=pd.period_range("2025-07", periods=1, freq="M"))
    >>> with lf.balance_plan(demand, reserve=0.1, purchase_mwh=120, import_mw=1.0) as plan:
    ...     print(plan.months.loc["2025-07", "required_mw"].round(2), plan.infeasible)
    1.32 True
    """
    supply = dict(own_mwh=own_mwh, purchase_mwh=purchase_mwh, own_mw=own_mw,
                  import_mw=import_mw, outage_mw=outage_mw)
    spec, keep = build_spec(demand, reserve, first, months, supply, daily, high_label,
                            scenario)
    out = ctypes.POINTER(T.Balance)()
    call(LIB.lf_balance_run, spec, ctypes.byref(out))
    del keep    # what spec pointed into; lf_balance_run copied all it needs
    return BalancePlan(out)


def _days(days):
    """Day numbers (None: none) as datetime64, or datetime.date objects for
    years a pandas Timestamp cannot hold (after 2261)."""
    d64 = np.array([np.datetime64("NaT") if d is None else to_datetime64(d) for d in days],
                   dtype="datetime64[D]")
    try:
        return pd.DatetimeIndex(d64)
    except pd.errors.OutOfBoundsDatetime:
        return np.array([None if d is None else to_date(d) for d in days], dtype=object)


# ---- the result ---------------------------------------------------------------------------


class BalancePlan(Handle):
    """A balance plan (an lf_balance owned by this object); made by balance_plan().

    The C memory is freed by close(), at the end of a ``with`` block, or when
    the object is garbage collected; any use after close() raises ClosedError.
    Everything it returns is a copy (DataFrames, dicts, arrays), valid after close.

    >>> import libforecast as lf
    >>> plan = lf.balance_plan({"energy_p50": [100.0], "energy_high": [110.0],
    ...                         "peak_p50": [1.0], "peak_high": [1.2]},
    ...                        first="2025-07", reserve=0.1, purchase_mwh=120, import_mw=1.5)
    >>> plan.totals["supply_mwh"], plan.status.tolist(), plan.infeasible
    (120.0, ['ok'], False)
    >>> plan.close(); plan.closed
    True
    """

    def __init__(self, ptr):
        if not isinstance(ptr, ctypes.POINTER(T.Balance)) or not ptr:
            raise TypeError("a BalancePlan is made by balance_plan(), not directly")
        super().__init__(ptr, LIB.lf_balance_free)

    def _b(self):
        return self._ptr().contents

    def __len__(self):
        return self._b().nmonths

    def __repr__(self):
        if self.closed:
            return "<BalancePlan (closed)>"
        b, m = self._b(), self.months.index
        short = int(np.sum(self.status != "ok"))
        return (f"<BalancePlan {m[0]} .. {m[-1]}, reserve {b.reserve:g}, "
                f"{self.high_label}, {short} of {len(m)} months short>")

    @property
    def first(self):
        """The first month, a pandas Period."""
        b = self._b()
        return pd.Period(year=b.year, month=b.month, freq="M")

    @property
    def reserve(self):
        """The reserve margin, a share of the peak."""
        return self._b().reserve

    @property
    def high_label(self):
        """The high quantile's label, e.g. "p90" ("high" when none was given)."""
        return self._b().high_label.decode()

    @property
    def scenario(self):
        """The demand scenario's name, or None."""
        return self._b().scenario.decode() or None

    @property
    def has_daily(self):
        """True when daily peaks were given (the days at risk are known)."""
        return bool(self._b().has_daily)

    @property
    def months(self):
        """One row a month, indexed by month (PeriodIndex 'M'), with the columns
        of lf_balance_write_csv (demand_mwh_p50, demand_mwh_<h>, ..., status);
        days at risk and their figures NaN when unknown, worst_day NaT without
        a day at risk, outages_exceed_capacity a bool.

        >>> plan.months[["supply_mwh", "capacity_balance_mw", "status"]]  # doctest: +SKIP
        """
        b = self._b()
        rows = [b.months[k] for k in range(b.nmonths)]
        h = b.high_label.decode()
        data = {col.format(h=h): [getattr(r, f) for r in rows] for col, f in COLUMNS}
        data["outages_exceed_capacity"] = np.array(data["outages_exceed_capacity"], dtype=bool)
        data["worst_day"] = _days([r.worst_day if r.has_worst_day else None for r in rows])
        data["status"] = [STATUS[s] for s in data["status"]]
        index = pd.period_range(self.first, periods=b.nmonths, freq="M", name="month")
        return pd.DataFrame(data, index=index)

    @property
    def status(self):
        """Each month's status ("ok", "energy_deficit", "capacity_deficit",
        "both"), a Series indexed by month."""
        return self.months["status"]

    @property
    def totals(self):
        """The totals over the horizon, a dict keyed as the JSON's "totals":
        months_by_status a dict by status, worst_capacity_month a Period, NaN
        where the JSON has null (days at risk unknown)."""
        b = self._b()
        t, h = b.totals, b.high_label.decode()
        out = {key.format(h=h): getattr(t, f) for key, f in TOTALS}
        out["months_by_status"] = dict(zip(STATUS, t.months_by_status))
        out["worst_capacity_month"] = self.first + t.worst_capacity_month
        return out

    def daily_limits(self, first, ndays):
        """The supply limit (MW) of each of ndays days from first, the limit of
        the month holding the day (lf_balance_daily_limits): the peak-shift
        scheduler's limit_mw.  A numpy array; ArgumentError names a day
        outside the plan's months.

        >>> plan.daily_limits("2025-07-01", 31)   # doctest: +SKIP
        """
        if isinstance(ndays, (bool, np.bool_)) or not isinstance(ndays, (int, np.integer)) \
                or ndays < 0:
            raise ArgumentError(f"ndays must be an int >= 0, got {ndays!r}")
        day = to_lf_date(first)
        if not isinstance(day, int):
            raise ArgumentError("first must be one date")
        out = np.empty(int(ndays))
        call(LIB.lf_balance_daily_limits, self._ptr(), day, int(ndays), I.pointer(out))
        return out

    def to_csv(self, path):
        """Write lf_balance_write_csv's file (as lfc plan's plan_balance.csv),
        atomically; LibIOError when it cannot be written."""
        call(LIB.lf_balance_write_csv, I.c_path(path), self._ptr())

    def to_json(self, path):
        """Write lf_balance_write_json's file (as lfc plan's plan_balance.json)."""
        call(LIB.lf_balance_write_json, I.c_path(path), self._ptr())

    def _faults(self):
        m = self.months
        energy = m.index[m[f"energy_balance_mwh_{self.high_label}"] < 0]
        risk = m.index[m["days_at_risk"] > 0]
        unknown = m.index[(m["capacity_balance_mw"] < 0) & m["days_at_risk"].isna()]
        return energy, risk, unknown

    @property
    def infeasible(self):
        """True when the plan does not close as far as Python can tell: energy
        short at the high quantile in some month, a day at risk (its high
        peak over the month's limit), or a month short of capacity whose days
        are unknown (no daily peaks).  lfc plan also schedules the
        demand-response portfolio on the days at risk and passes a plan whose
        schedule covers them; that schedule is not run here, so a day at risk
        counts as unmet."""
        return any(len(f) for f in self._faults())

    def raise_if_infeasible(self):
        """InfeasiblePlanError naming the months at fault when ``infeasible``.

        >>> plan.raise_if_infeasible()   # doctest: +SKIP
        """
        energy, risk, unknown = self._faults()
        parts = []
        if len(energy):
            parts.append(f"energy short at the {self.high_label} demand in "
                         f"{', '.join(map(str, energy))}")
        if len(risk):
            parts.append(f"days over the supply limit in {', '.join(map(str, risk))} (not "
                         "scheduled here)")
        if len(unknown):
            parts.append(f"capacity short with its days unknown (no daily peaks) in "
                         f"{', '.join(map(str, unknown))}")
        if parts:
            months = sorted(set(energy) | set(risk) | set(unknown))
            raise InfeasiblePlanError("the plan does not close: " + "; ".join(parts), months)
