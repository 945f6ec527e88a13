"""The peak-shift / orderly-consumption schedule (peakshift.h; 错峰, 避峰,
轮休, 可中断): which demand-response customers shift or shed how many MW on
which days so that each day's forecast peak stays under the supply limit.

peakshift() schedules a daily demand Series against a limit with a
Portfolio; peakshift_from_config() does what `lfc peakshift --config` does
(the same files, byte for byte); peakshift_inputs() reads the config's days
into pandas for what-if runs.

>>> import pandas as pd, libforecast as lf
>>> p = lf.Portfolio(tiers=["restricted", "general"])
>>> p.add("Steel", 60, tier="restricted", measures={"shift": {"mw": 20, "cost_per_mwh": 100}})
>>> p.add("Mall", 10, tier="general", measures={"avoid_peak": {"mw": 8, "cost_per_mwh": 50}})
>>> demand = pd.Series([9400.0, 9425.0, 9300.0], index=pd.date_range("2025-08-04", periods=3))
>>> with lf.peakshift(demand, 9400, p) as s:
...     s.calls[["date", "customer_id", "kind", "mw"]]
        date customer_id        kind    mw
0 2025-08-05       Steel       shift  20.0
1 2025-08-05        Mall  avoid_peak   5.0
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_peakshift as T
from . import _inputs as I
from ._c_core import LF_ERR_CONFIG
from ._lib import LIB
from .config import Config
from ._peakshift_days import demand_days, per_day
from ._peakshift_portfolio import Portfolio
from ._peakshift_schedule import Schedule
from .dates import to_datetime64
from .errors import ArgumentError, InputError, call

__all__ = ["Portfolio", "Schedule", "peakshift", "peakshift_defaults", "peakshift_from_config",
           "peakshift_inputs", "PeakshiftInputs", "peak_window"]

SETTINGS = ("method", "spread_rest_days", "fair", "seconds_per_stage", "exact_max_calls")


def _settings_of(spec):
    return {"method": LIB.lf_peakshift_method_name(spec.method).decode(),
            "spread_rest_days": bool(spec.spread_rest_days), "fair": bool(spec.fair),
            "seconds_per_stage": spec.seconds_per_stage,
            "exact_max_calls": spec.exact_max_calls}


def peakshift_defaults():
    """The C defaults of the schedule's settings (lf_peakshift_spec_init):
    what peakshift() uses for a keyword left out.

    >>> import libforecast as lf
    >>> lf.peakshift_defaults()
    {'method': 'auto', 'spread_rest_days': True, 'fair': True, 'seconds_per_stage': 10.0, 'exact_max_calls': 200}
    """
    spec = T.PeakshiftSpec()
    LIB.lf_peakshift_spec_init(spec)
    return _settings_of(spec)


def _flag(value, name):
    if not isinstance(value, (bool, np.bool_)) and value not in (0, 1):
        raise ArgumentError(f"{name} must be True or False, not {value!r}")
    return int(bool(value))


def _apply_settings(spec, method, spread_rest_days, fair, seconds_per_stage, exact_max_calls):
    """The keywords given over spec's C defaults; None keeps the default."""
    if method is not None:
        k = LIB.lf_peakshift_method_parse(I.c_text(method, "method"))
        if k < 0:
            raise ArgumentError(f"method '{method}' is not one of auto, exact, greedy")
        spec.method = k
    if spread_rest_days is not None:
        spec.spread_rest_days = _flag(spread_rest_days, "spread_rest_days")
    if fair is not None:
        spec.fair = _flag(fair, "fair")
    if seconds_per_stage is not None:
        spec.seconds_per_stage = I.number(seconds_per_stage, "seconds_per_stage")
    if exact_max_calls is not None:
        if isinstance(exact_max_calls, (bool, np.bool_)) or not isinstance(
                exact_max_calls, (int, np.integer)) or not 1 <= exact_max_calls < 2**63:
            raise ArgumentError(f"exact_max_calls must be an int >= 1, got {exact_max_calls!r}")
        spec.exact_max_calls = int(exact_max_calls)


def _check_portfolio(portfolio):
    if not isinstance(portfolio, Portfolio):
        raise ArgumentError(f"portfolio must be a Portfolio (Portfolio.load(path), "
                            f"Portfolio.from_frame(...)), not {type(portfolio).__name__}")
    portfolio._ptr()


def peakshift(demand, limit, portfolio, *, window_hours=None, window_start=None, method=None,
              spread_rest_days=None, fair=None, seconds_per_stage=None, exact_max_calls=None):
    """Schedule the portfolio against each day's deficit (lf_peakshift_run);
    a Schedule.

    demand: the forecast daily peak, MW: a Series indexed by consecutive days
        (DatetimeIndex at 00:00; a gap, a duplicate or a time of day is an
        ArgumentError).
    limit: the supply limit, MW: a number (every day), a Series of days
        (aligned by date; each demand day needed), a Series of months
        (PeriodIndex) or a mapping {"2025-08": 9330, ...}: each day its
        month's, or an array of one value a day.
    portfolio: a Portfolio; the schedule keeps a copy of it.
    window_hours, window_start: each day's peak window (hours, and the hour
        it opens, NaN unknown), shaped as limit; None: the portfolio's
        window_hours, start unknown.
    method ("auto", "exact", "greedy"), spread_rest_days, fair,
        seconds_per_stage, exact_max_calls: the schedule's settings; each
        left out (None) is lf_peakshift_spec_init's default (see
        peakshift_defaults()).

    Shapes and types are checked before the call; values (NaN, < 0, windows
    outside (0, 24]) by C, whose ArgumentError names the day; the portfolio
    by lf_portfolio_check.

    >>> import pandas as pd, libforecast as lf
    >>> p = lf.Portfolio()
    >>> p.add("A", 50, measures={"interrupt": {"mw": 10, "cost_per_event": 1000}})
    >>> days = pd.date_range("2025-07-01", periods=2)
    >>> s = lf.peakshift(pd.Series([130.0, 110.0], days), {"2025-07": 100}, p)
    >>> s.days[["deficit_mw", "shed_mw", "unmet_mw"]].values.tolist()
    [[30.0, 10.0, 20.0], [10.0, 10.0, 0.0]]
    >>> s.feasible, s.unmet_mw_days
    (False, 20.0)
    """
    first, days, peaks = demand_days(demand)
    arrays = {"peak_mw": peaks, "limit_mw": per_day(limit, "limit", days)}
    for name, value in (("window_hours", window_hours), ("window_start", window_start)):
        if value is not None:
            arrays[name] = per_day(value, name, days)
    _check_portfolio(portfolio)
    spec = T.PeakshiftSpec()
    LIB.lf_peakshift_spec_init(spec)
    spec.first, spec.last = first, first + len(days) - 1
    for name, arr in arrays.items():
        setattr(spec, name, I.pointer(arr))
    _apply_settings(spec, method, spread_rest_days, fair, seconds_per_stage, exact_max_calls)
    out = ctypes.POINTER(T.Peakshift)()
    call(LIB.lf_peakshift_run, spec, portfolio._ptr(), ctypes.byref(out))
    del arrays    # lf_peakshift_run copied every value into the schedule
    try:
        own = portfolio.copy()
    except BaseException:
        LIB.lf_peakshift_free(out)
        raise
    return Schedule(out, own)


def peak_window(profile, limit_mw):
    """(hours, start, end) of a day's intraday profile above the limit
    (lf_peakshift_window): how long the load stays over it and the hours of
    day where the first interval above it opens and the last closes (NaN
    both when it never rises above).  profile: 24, 48 or 96 values (MW).

    >>> import numpy as np, libforecast as lf
    >>> lf.peak_window(np.r_[np.full(14, 90.0), np.full(4, 120.0), np.full(6, 90.0)], 100)
    (4.0, 14.0, 18.0)
    """
    arr = I.as_doubles(profile, "profile")
    if len(arr) not in (24, 48, 96):
        raise ArgumentError(f"profile has {len(arr)} values; a day of 24, 48 or 96 intervals")
    start, end = ctypes.c_double(), ctypes.c_double()
    hours = LIB.lf_peakshift_window(I.pointer(arr), len(arr), I.number(limit_mw, "limit_mw"),
                                    ctypes.byref(start), ctypes.byref(end))
    return hours, start.value, end.value


# ---- the config's peakshift section -------------------------------------------------------


def _section(cfg):
    if not isinstance(cfg, Config):
        raise ArgumentError(f"cfg must be a Config, not {type(cfg).__name__}")
    section = LIB.lf_config_peakshift_section(cfg._ptr())
    if not section:
        raise InputError(LF_ERR_CONFIG, f"{cfg.path}: no 'peakshift' section; see lfc help "
                                        "peakshift")
    return section.contents


def _portfolio_of(section):
    """The section's portfolio with its tiers file applied, as lfc peakshift
    reads it; (portfolio, the tiers report or None)."""
    portfolio = Portfolio.load(section.portfolio)
    try:
        report = portfolio.apply_tiers(section.tiers) if section.tiers else None
    except BaseException:
        portfolio.close()
        raise
    return portfolio, report


def _load_input(cfg, portfolio):
    out = ctypes.POINTER(T.ConfigPeakshiftInput)()
    call(LIB.lf_config_peakshift_load, cfg._ptr(), portfolio._ptr(), ctypes.byref(out))
    return out


def peakshift_from_config(cfg):
    """The schedule `lfc peakshift --config` makes: the section's portfolio
    (its tiers file applied), its days read by lf_config_peakshift_load, its
    settings; to_csv(dir) and to_json(dir/"peakshift.json") then write
    lfc's files byte for byte (but for peakshift.json's solver "seconds").

    Errors are the C messages lfc prints (InputError at file:line:column for
    a file, LibIOError, ArgumentError for a portfolio rule).

    >>> import libforecast as lf
    >>> with lf.Config("datasets/sample/project.yaml") as cfg:        # doctest: +SKIP
    ...     s = lf.peakshift_from_config(cfg)   # needs lfc forecast's out/forecast_daily.csv
    """
    section = _section(cfg)
    portfolio, report = _portfolio_of(section)
    try:
        inp = _load_input(cfg, portfolio)
        try:
            out = ctypes.POINTER(T.Peakshift)()
            call(LIB.lf_peakshift_run, ctypes.byref(inp.contents.spec), portfolio._ptr(),
                 ctypes.byref(out))
            scenario = inp.contents.scenario.decode() or None
            profile_days = inp.contents.profile_days
        finally:
            LIB.lf_config_peakshift_free(inp)
    except BaseException:
        portfolio.close()
        raise
    return Schedule(out, portfolio, scenario=scenario, profile_days=profile_days,
                    tiers=report)


class PeakshiftInputs:
    """The config's peakshift inputs in pandas (peakshift_inputs()):

    days       DataFrame by date: peak_mw, limit_mw, window_hours, window_start
    portfolio  the Portfolio (tiers file applied); the caller closes it
    settings   the section's method, spread_rest_days, fair, seconds_per_stage,
               exact_max_calls: peakshift(**inputs.arguments()) runs as the config
    scenario, profile_days, tiers_report   as Schedule's
    """

    def __init__(self, days, portfolio, settings, scenario, profile_days, tiers_report):
        self.days, self.portfolio, self.settings = days, portfolio, settings
        self.scenario, self.profile_days, self.tiers_report = scenario, profile_days, tiers_report

    def arguments(self):
        """peakshift()'s arguments: peakshift(**inputs.arguments()) is the
        config's schedule."""
        d = self.days
        return dict(demand=d["peak_mw"], limit=d["limit_mw"], portfolio=self.portfolio,
                    window_hours=d["window_hours"], window_start=d["window_start"],
                    **self.settings)

    def __repr__(self):
        d = self.days.index
        return (f"<PeakshiftInputs {d[0].date()} .. {d[-1].date()}, {len(self.portfolio)} "
                f"customers>")


def peakshift_inputs(cfg):
    """The days, portfolio and settings peakshift_from_config() schedules,
    for what-if runs (change the limit, a window, a setting, and call
    peakshift(**inputs.arguments()) again).

    >>> import libforecast as lf
    >>> with lf.Config("datasets/sample/project.yaml") as cfg:        # doctest: +SKIP
    ...     inputs = lf.peakshift_inputs(cfg)
    ...     s = lf.peakshift(**{**inputs.arguments(), "limit": inputs.days.limit_mw - 50})
    """
    section = _section(cfg)
    portfolio, report = _portfolio_of(section)
    try:
        inp = _load_input(cfg, portfolio)
    except BaseException:
        portfolio.close()
        raise
    try:
        c = inp.contents
        n = c.ndays
        index = pd.DatetimeIndex(to_datetime64(np.arange(c.spec.first, c.spec.first + n)),
                                 name="date")
        days = pd.DataFrame({name: np.ctypeslib.as_array(getattr(c, name), (n,)).copy()
                             for name in ("peak_mw", "limit_mw", "window_hours",
                                          "window_start")}, index=index)
        return PeakshiftInputs(days, portfolio, _settings_of(c.spec),
                               c.scenario.decode() or None, c.profile_days, report)
    finally:
        LIB.lf_config_peakshift_free(inp)
