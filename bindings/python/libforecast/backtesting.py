"""Rolling-origin backtests and automatic model selection (backtest.h), and
accuracy measures of any forecast (metrics.h).

backtest(data, candidates, ...) forecasts the last days of data from several
origins with every candidate refitted on the days before each origin (an
expanding window, ex post: the actual weather of the forecast days), and
scores them daily, by calendar month and by year.  select(data, candidates,
...) picks the candidate with the best cross-validated score (or AICc) and
fits it on all the days.  backtest_from_config(cfg) is `lfc backtest`.

Candidates are {name: ModelSpec} (or a dict of ModelSpec's keywords), or a
list of (name, spec) pairs; names of letters, digits and _ . + -, not
"auto", one target for all (C checks: ArgumentError with its message).

>>> import numpy as np, pandas as pd
>>> import libforecast as lf
>>> days = pd.date_range("2024-01-01", periods=182)
>>> rng = np.random.default_rng(0)
>>> load = pd.DataFrame({"energy_mwh": 1000 + 100 * (days.dayofweek < 5) + np.arange(182.0)
...                      + rng.normal(0, 2, 182)}, index=days)
>>> candidates = {"naive": lf.ModelSpec(kind="snaive", season_lag=7),
...               "weekdays": lf.ModelSpec(day_of_week=True, trend=1)}
>>> with lf.backtest(load, candidates, origins=2, horizon=28) as bt:
...     print(bt.accuracy()[["n", "mae", "mape"]].round(1))
...     print(bt.origins.date.tolist())
           n   mae  mape
model                   
naive     56  17.5   1.4
weekdays  56   1.6   0.1
[datetime.date(2024, 5, 6), datetime.date(2024, 6, 3)]
>>> sel = lf.select(load, candidates, cv={"origins": 2, "horizon": 28, "step": 28})
>>> sel.chosen, sel.scores.round(2).tolist()
('weekdays', [1.42, 0.13])
>>> sel.model.predict(load, "2024-06-30", "2024-06-30")["mean"].round(0).tolist()
[1181.0]
"""
from ._backtest_config import BacktestRun, backtest_from_config
from ._backtest_metrics import accuracy, aggregate_periods, mase_scale
from ._backtest_result import ACCURACY_COLUMNS, Backtest, run_backtest
from ._backtest_select import Selection, run_select
from ._backtest_spec import (METRICS, SCALES, auto_spec, backtest_spec, candidate_array, days,
                             select_spec, target_of)
from .frame import as_frame
from .model import _calendar_for

__all__ = ["backtest", "Backtest", "select", "Selection", "backtest_from_config", "BacktestRun",
           "accuracy", "mase_scale", "aggregate_periods", "SCALES", "METRICS",
           "ACCURACY_COLUMNS"]


def backtest(data, candidates, *, calendar=None, first=None, last=None, origins=None,
             horizon=None, step=None, level=None, agg=None, min_train_days=None, auto=None):
    """Backtest candidates on days first..last of data (lf_backtest_run).

    data: a Frame or a DataFrame by day with the target and the drivers.
    calendar: a Calendar, a built-in name ("CN") or None (weekends only),
    as fit's.  first, last: the first training day and the last day
    evaluated (default: the first and last day with a target, as lfc).
    origins, horizon (days), step (days between origins; 0: the horizon),
    level (of the intervals scored), min_train_days: None keeps
    lf_backtest_spec_init's default (1 origin, 365 days, step = horizon,
    0.95, 28).  agg: how days make a month or year, "sum" or "max" (default:
    "max" for a target starting with "peak", else "sum", as lfc).  auto:
    True, or a dict of select's by, metric and cv, adds the automatic choice
    as a model "auto", re-selected at every origin.

    Origin k of K forecasts the `horizon` days from last - horizon + 1 -
    (K - 1 - k) * step.  A candidate failing at an origin does not stop the
    run: see Backtest.timing.  Errors: ArgumentError (a bad setting, days
    too short for the origins: C's message), InputError (the target is not
    in the data).  Returns a Backtest."""
    cands = candidate_array(candidates)
    target = target_of(cands)
    values = {"origins": origins, "horizon": horizon, "step": step, "level": level, "agg": agg,
              "min_train_days": min_train_days}
    if agg is None and target is not None and target.startswith("peak"):
        values["agg"] = "max"
    spec = backtest_spec({k: v for k, v in values.items() if v is not None})
    select = auto_spec(auto)
    frame = as_frame(data)
    a, b = days(frame, target, first, last)
    cal = _calendar_for(calendar, frame, b)
    return run_backtest(cands, select, spec, frame, cal, a, b)


def select(data, candidates, *, by="cv", metric="mape", cv=None, calendar=None, first=None,
           last=None):
    """Choose among candidates on days first..last of data (lf_select).

    by "cv": the lowest pooled daily `metric` ("mape", "rmse", "mae",
    "smape", "mase", "pinball") of a rolling-origin backtest inside the days;
    cv: its settings, a dict of origins, horizon, step, level, agg,
    min_train_days over lf_select_spec_init's defaults (3 origins, horizon
    91, step 91: give step too when changing the horizon).
    by "aicc": the lowest AICc of each candidate fitted on all the days
    (comparable within one model family only).  calendar, first, last: as
    backtest's.  Errors: as backtest's, and InputError when no candidate
    can be scored (C's message gives each one's reason).  Returns a Selection
    whose .model is the chosen candidate fitted on all the days."""
    cands = candidate_array(candidates)
    spec = select_spec(by, metric, cv)
    frame = as_frame(data)
    a, b = days(frame, target_of(cands), first, last)
    cal = _calendar_for(calendar, frame, b)
    return run_select(cands, spec, frame, cal, a, b)

