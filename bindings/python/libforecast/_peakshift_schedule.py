"""Schedule: a peak-shift schedule (an lf_peakshift) owned with the copy of
the portfolio it was run on, read as DataFrames shaped as lfc peakshift's
CSV files and written by the C writers.

The schedule keeps its own portfolio because its calls name customers by
index and the writers take both: a portfolio changed or closed by the
caller after the run can then neither break the files nor free memory a
schedule still reads.
"""
import os

import numpy as np
import pandas as pd

from . import _c_peakshift as T
from . import _inputs as I
from ._handle import Handle
from ._lib import LIB
from ._peakshift_portfolio import KINDS
from .dates import to_datetime64
from .errors import ArgumentError, InfeasiblePlanError, call

STATUS = tuple(LIB.lf_peakshift_status_name(k).decode() for k in range(3))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FILES = {"calls": "peakshift_calls.csv", "days": "peakshift_days.csv",
         "customers": "peakshift_customers.csv"}
DAY_COLUMNS = ("peak_mw", "limit_mw", "deficit_mw", "shed_mw", "residual_peak_mw",
               "unmet_mw", "window_start", "window_hours")
CUSTOMER_FIGURES = ("mw_days", "mwh", "cost", "share_of_relief", "share_of_peak")


def _dates(days):
    return pd.DatetimeIndex(to_datetime64(np.asarray(days, dtype=np.int64)))


def _weekdays(dates):
    return [WEEKDAYS[d] for d in dates.dayofweek]


class Schedule(Handle):
    """A peak-shift schedule: which customers shift or shed how many MW on
    which days (an lf_peakshift, with the portfolio it was run on).  Made by
    peakshift() and peakshift_from_config().

    Everything it returns is a copy, valid after close(); close(), ``with``
    or garbage collection frees the C memory; use after close raises
    ClosedError.

    >>> import pandas as pd, libforecast as lf
    >>> p = lf.Portfolio()
    >>> p.add("A", 50, measures={"avoid_peak": {"mw": 30}})
    >>> days = pd.date_range("2025-07-01", periods=2)
    >>> with lf.peakshift(pd.Series([100.0, 120.0], days), 100, p) as s:
    ...     print(s.status, s.days["shed_mw"].tolist(), s.calls["customer_id"].tolist())
    optimal [0.0, 20.0] ['A']
    """

    def __init__(self, ptr, portfolio, *, scenario=None, profile_days=None, tiers=None):
        if not ptr:
            raise TypeError("a Schedule is made by peakshift(), not directly")
        super().__init__(ptr, LIB.lf_peakshift_free)
        self._portfolio = portfolio
        self._scenario = scenario
        self._profile_days = profile_days
        self._tiers = tiers

    def close(self):
        """Free the schedule and its portfolio (a second call does nothing)."""
        super().close()
        self._portfolio.close()

    def _s(self):
        return self._ptr().contents

    def _pf(self):
        self._ptr()                      # ClosedError first when closed
        return self._portfolio._ptr().contents

    # ---- scalars -------------------------------------------------------------------------

    @property
    def status(self):
        """"optimal", "time_limit" (a stage stopped at seconds_per_stage: the
        best found) or "heuristic" (the greedy schedule)."""
        return STATUS[self._s().status]

    @property
    def seconds(self):
        """Solver time, all stages."""
        return self._s().seconds

    @property
    def unmet_mw_days(self):
        """MW the portfolio could not cover, summed over the days (0: every
        deficit covered)."""
        return self._s().unmet_mw_days

    @property
    def totals(self):
        """As peakshift.json's "totals": cost, shed_mw_days, unmet_mw_days, calls."""
        s = self._s()
        return {"cost": s.total_cost, "shed_mw_days": s.shed_mw_days,
                "unmet_mw_days": s.unmet_mw_days, "calls": s.ncalls}

    @property
    def rest_days_by_weekday(self):
        """The number of rest-day calls on each weekday, a Series Mon..Sun."""
        return pd.Series(list(self._s().rest_days_by_weekday), index=list(WEEKDAYS),
                         name="rest_days")

    @property
    def scenario(self):
        """The demand scenario a config-driven run read (None otherwise)."""
        return self._scenario

    @property
    def profile_days(self):
        """Days whose window came from the config's profile (None: not config-driven)."""
        return self._profile_days

    @property
    def tiers_report(self):
        """What the config's tiers file changed (lf_portfolio_apply_tiers's
        counts), or None."""
        return self._tiers

    @property
    def portfolio(self):
        """A copy of the portfolio the schedule was run on."""
        self._ptr()
        return self._portfolio.copy()

    # ---- tables --------------------------------------------------------------------------

    @property
    def days(self):
        """One row a day, indexed by date: weekday, peak_mw, limit_mw,
        deficit_mw, shed_mw, residual_peak_mw, unmet_mw, window_start (NaN
        unknown), window_hours, calls; the columns of peakshift_days.csv
        (reset_index() gives them in its order)."""
        s = self._s()
        rows = [s.days[d] for d in range(s.ndays)]
        dates = _dates([r.date for r in rows]).rename("date")
        data = {"weekday": _weekdays(dates)}
        data.update({c: np.array([getattr(r, c) for r in rows], dtype=float)
                     for c in DAY_COLUMNS})
        data["calls"] = np.array([r.ncalls for r in rows], dtype=np.int64)
        return pd.DataFrame(data, index=dates)

    @property
    def unmet_mw(self):
        """The unmet MW of each day, a Series by date."""
        return self.days["unmet_mw"]

    @property
    def calls(self):
        """One row a call, by date then customer: the columns of
        peakshift_calls.csv (date, weekday, customer_id, customer_name, tier,
        kind, mw, window_start, window_hours, mwh, cost); a rest day's window
        is the whole day (0, 24)."""
        s, p = self._s(), self._pf()
        tiers = [p.tiers[k].value.decode() for k in range(p.ntiers)]
        first = s.days[0].date if s.ndays else 0
        rows = []
        for k in range(s.ncalls):
            c = s.calls[k]
            cu, day = p.customers[c.customer], s.days[c.date - first]
            rest = c.kind == T.LF_DR_REST_DAY
            rows.append((c.date, cu.id.decode(), cu.name.decode(), tiers[cu.tier],
                         KINDS[c.kind], c.mw, 0.0 if rest else day.window_start,
                         24.0 if rest else day.window_hours, c.mwh, c.cost))
        cols = ["date", "customer_id", "customer_name", "tier", "kind", "mw", "window_start",
                "window_hours", "mwh", "cost"]
        df = pd.DataFrame(rows, columns=cols)
        df["date"] = _dates(df["date"].to_numpy())
        df.insert(1, "weekday", _weekdays(pd.DatetimeIndex(df["date"])))
        return df

    @property
    def customers(self):
        """One row a portfolio customer (protected ones too, with zeros),
        indexed by id: the columns of peakshift_customers.csv (name,
        industry, tier, protected, peak_mw, calls, shift, avoid_peak,
        rest_day, interrupt, mw_days, mwh, cost, share_of_relief, share_of_peak)."""
        s, p = self._s(), self._pf()
        tiers = [p.tiers[k].value.decode() for k in range(p.ntiers)]
        rows = []
        for i in range(s.ncustomers):
            c, r = p.customers[i], s.customers[i]
            rows.append([c.id.decode(), c.name.decode(), c.industry.decode(), tiers[c.tier],
                         bool(c.is_protected), c.peak_mw, r.calls, *r.calls_by_kind,
                         *(getattr(r, f) for f in CUSTOMER_FIGURES)])
        cols = ["id", "name", "industry", "tier", "protected", "peak_mw", "calls", *KINDS,
                *CUSTOMER_FIGURES]
        return pd.DataFrame(rows, columns=cols).set_index("id")

    # ---- outcome ---------------------------------------------------------------------------

    @property
    def feasible(self):
        """True when every deficit is covered (no day keeps unmet MW)."""
        s = self._s()
        return not any(s.days[d].unmet_mw > 0 for d in range(s.ndays))

    def raise_if_unmet(self):
        """InfeasiblePlanError naming the days that keep unmet MW (the case
        where lfc peakshift exits 3)."""
        days = self.days
        short = days[days["unmet_mw"] > 0]
        if len(short):
            worst = short["unmet_mw"].idxmax()
            raise InfeasiblePlanError(
                f"the portfolio cannot cover the deficit: {len(short)} "
                f"day{'s' if len(short) > 1 else ''} keep {self.unmet_mw_days:.1f} MW-days "
                f"unmet; the worst is {worst.date()} with {short.loc[worst, 'unmet_mw']:.1f} "
                f"MW unmet of a {short.loc[worst, 'deficit_mw']:.1f} MW deficit",
                sorted({d.to_period('M') for d in short.index}))

    # ---- files -----------------------------------------------------------------------------

    def to_csv(self, dir=None, *, calls=None, days=None, customers=None):
        """Write the CSV files through the C writers, each atomically: into
        dir as lfc peakshift names them (peakshift_calls.csv,
        peakshift_days.csv, peakshift_customers.csv), and/or to the paths
        given for each (a path given replaces dir's file of that kind)."""
        paths = {"calls": calls, "days": days, "customers": customers}
        if dir is not None:
            base = os.fsdecode(I.c_path(dir, "dir"))
            for kind, name in FILES.items():
                paths[kind] = paths[kind] if paths[kind] is not None else \
                    os.path.join(base, name)
        if all(v is None for v in paths.values()):
            raise ArgumentError("to_csv needs a directory or a path for calls, days or "
                                "customers")
        s, p = self._ptr(), self._portfolio._ptr()
        if paths["calls"] is not None:
            call(LIB.lf_peakshift_write_calls, I.c_path(paths["calls"], "calls"), s, p)
        if paths["days"] is not None:
            call(LIB.lf_peakshift_write_days, I.c_path(paths["days"], "days"), s)
        if paths["customers"] is not None:
            call(LIB.lf_peakshift_write_customers, I.c_path(paths["customers"], "customers"),
                 s, p)

    def to_json(self, path):
        """Write peakshift.json (lf_peakshift_write_json): status, totals,
        rest days by weekday, days, calls and customers in one document."""
        call(LIB.lf_peakshift_write_json, I.c_path(path), self._ptr(), self._portfolio._ptr())

    def __repr__(self):
        if self.closed:
            return "<Schedule (closed)>"
        s = self._s()
        return (f"<Schedule {self.status}, {s.ndays} days, {s.ncalls} calls, "
                f"unmet {s.unmet_mw_days:g} MW-days, cost {s.total_cost:g}>")
