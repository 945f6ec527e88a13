"""Forecasting many series at once — every large customer, every feeder —
in this process, in a process pool, or on a Dask cluster.

forecast_many(frames, energy=..., peak=..., forecast=..., executor=None)
fits and forecasts each series independently and returns one long DataFrame
of periods keyed by series, scenario and period.  Each series is one task
(or `batch` series one task), so the work partitions by customer; a task
receives only its own frames, plain pandas and bytes, and returns pandas:
nothing of C crosses a process boundary.

The executor is anything with submit(fn, *args) -> future with .result(): a
dask.distributed Client (the weather history is scattered to the workers
once), a concurrent.futures.ProcessPoolExecutor, or None for this process.
The same inputs give bit-identical numbers whichever runs them: every
random draw comes from the spec's seed, not from where the task runs, and
the tasks run OpenBLAS on one thread (as lfc does; a Dask worker does by
default), since a threaded BLAS rounds the fits differently (blas.py).

>>> import numpy as np, pandas as pd
>>> import libforecast as lf
>>> days = pd.date_range("2023-01-01", "2024-12-31")
>>> frames = {c: pd.DataFrame({"energy_mwh": base + 10 * (days.dayofweek < 5)}, index=days)
...           for c, base in (("C001", 100.0), ("C002", 250.0))}
>>> out = lf.forecast_many(frames, energy=lf.ModelSpec(day_of_week=True),
...                        forecast=lf.ForecastSpec(error="none"), months=2)
>>> out.loc[("C002", "base"), "energy_mwh_normal"].round(1).tolist()
[7980.0, 7200.0]

(January 2025: 23 weekdays x 260 + 8 weekend days x 250 MWh; no holiday
calendar was asked for.)
"""
import os
import socket
import time
import traceback

import pandas as pd

from . import _c_forecast as CF
from . import _c_model as CM
from ._forecast_spec import ForecastSpec
from ._model_spec import ModelSpec
from .blas import blas_threads
from .calendar import Calendar
from .errors import ArgumentError, LibforecastError, error_for
from .forecasting import forecast
from .model import fit

__all__ = ["forecast_many", "forecast_one"]

KINDS = ("month", "year", "day")


# ---- specs as bytes: what crosses to a worker ---------------------------------------

def _model_state(spec):
    """A ModelSpec as the bytes of its C struct (it holds no pointer)."""
    if spec is None:
        return None
    if not isinstance(spec, ModelSpec):
        raise ArgumentError(f"a model spec must be a ModelSpec or None, not {type(spec).__name__}")
    return bytes(spec._c)


def _model_from_state(state):
    return None if state is None else ModelSpec._from_c(CM.ModelSpec.from_buffer_copy(state))


def _forecast_state(spec):
    """A ForecastSpec as the bytes of its struct and of each connection
    (the struct's one pointer is rebuilt on the other side)."""
    if spec is None:
        spec = ForecastSpec()
    if not isinstance(spec, ForecastSpec):
        raise ArgumentError(f"forecast must be a ForecastSpec or None, not {type(spec).__name__}")
    c = spec._c
    return bytes(c), [bytes(c.connections[k]) for k in range(c.nconnections)]


def _forecast_from_state(state):
    struct, connections = state
    c = CF.ForecastSpec.from_buffer_copy(struct)
    array = (CF.Connection * len(connections))(
        *[CF.Connection.from_buffer_copy(b) for b in connections]) if connections else None
    c.connections = array
    c.nconnections = len(connections)
    spec = ForecastSpec._from_c(c)   # copies the connections into its own array
    return spec


# ---- one series ----------------------------------------------------------------------

def _forecast_days(frame, first, last, months):
    """The first forecast day (default: the day after the frame) and the
    last (default: months later), which the calendar must reach."""
    first = pd.Timestamp(frame.index[-1]) + pd.Timedelta(days=1) if first is None else first
    last = pd.Timestamp(last) if last is not None else \
        pd.Timestamp(first) + pd.DateOffset(months=months)
    return first, last


def _calendar(calendar, frame, last, cache):
    """The calendar of a series, built in the task from picklable names over
    the frame's years and ten past the forecast; series with the same years
    share one (cache: {years: Calendar}, closed by the caller)."""
    years = (frame.index[0].year, max(frame.index[-1].year, last.year) + 10)
    if years not in cache:
        names = [] if calendar is None else [calendar] if isinstance(calendar, str) else calendar
        cache[years] = Calendar(*years, builtin=list(names))
    return cache[years]


def forecast_one(frame, *, energy=None, peak=None, forecast_spec=None, weather=None,
                 calendar=None, first=None, last=None, months=12, train_first=None,
                 kinds=("month",)):
    """Fit energy and/or peak on frame's days before the forecast and
    forecast them: {kind: DataFrame of periods of every scenario, indexed by
    (scenario, period)}.  What forecast_many runs for each series.  calendar:
    built-in calendar name(s), or a Calendar covering the days."""
    first, last_day = _forecast_days(frame, first, last, months)
    train_last = pd.Timestamp(first) - pd.Timedelta(days=1)
    built = {}
    cal = calendar if isinstance(calendar, Calendar) else \
        _calendar(calendar, frame, last_day, built)
    models = {}
    try:
        for name, spec in (("energy", energy), ("peak", peak)):
            if spec is not None:
                models[name] = fit(frame, spec, calendar=cal, first=train_first, last=train_last)
        with forecast(models.get("energy"), models.get("peak"), history=frame, weather=weather,
                      calendar=cal, spec=forecast_spec, first=first, last=last,
                      months=months) as fc:
            return {kind: pd.concat({s: fc.periods(kind, s) for s in fc.scenarios},
                                    names=["scenario", "period"]) for kind in kinds}
    finally:
        for m in list(models.values()) + list(built.values()):
            m.close()


def _task(keys, frames, energy, peak, forecast_state, weather, calendar, first, last, months,
          train_first, kinds):
    """Run forecast_one for each key; an error is returned, not raised, so one
    bad series does not lose the others."""
    started = time.perf_counter()
    energy, peak = _model_from_state(energy), _model_from_state(peak)
    spec = _forecast_from_state(forecast_state)
    results = []
    with blas_threads(1):   # the same bits wherever the task runs, and lfc's (see blas.py)
        _run_series(keys, frames, results, energy, peak, spec, weather, calendar, first, last,
                    months, train_first, kinds)
    where = {"series": list(keys), "host": socket.gethostname(), "pid": os.getpid(),
             "seconds": time.perf_counter() - started}
    return where, results


def _run_series(keys, frames, results, energy, peak, spec, weather, calendar, first, last,
                months, train_first, kinds):
    calendars = {}   # one a span of years, not one a series
    try:
        for key, frame in zip(keys, frames):
            try:
                cal = _calendar(calendar, frame, _forecast_days(frame, first, last, months)[1],
                                calendars)
                out = forecast_one(frame, energy=energy, peak=peak, forecast_spec=spec,
                                   weather=weather, calendar=cal, first=first, last=last,
                                   months=months, train_first=train_first, kinds=kinds)
                results.append((key, out, None))
            except LibforecastError as e:   # bad data: its code and C message
                results.append((key, None, (e.code, e.message)))
            except Exception as e:   # a bug, not bad data: keep its traceback for the caller
                results.append((key, None, (None, "".join(traceback.format_exception(e)))))
    finally:
        for cal in calendars.values():
            cal.close()


# ---- many series ---------------------------------------------------------------------

def _series(frames, by):
    if isinstance(frames, dict):
        return list(frames.keys()), list(frames.values())
    if isinstance(frames, pd.DataFrame):
        if by is None or by not in frames.columns:
            raise ArgumentError("a DataFrame of many series needs by= naming the column that "
                                "tells them apart (e.g. by='customer')")
        groups = [(k, g.drop(columns=[by])) for k, g in frames.groupby(by, sort=True)]
        return [k for k, _ in groups], [g for _, g in groups]
    raise ArgumentError(f"frames must be a dict {{key: DataFrame}} or a DataFrame with a "
                        f"'by' column, not {type(frames).__name__}")


def forecast_many(frames, *, energy=None, peak=None, forecast=None, weather=None, calendar=None,
                  first=None, last=None, months=12, train_first=None, kind="month",
                  executor=None, batch=1, by=None, errors="raise"):
    """Fit and forecast every series of frames, each on its own.

    frames: {key: daily DataFrame} or one DataFrame with a `by` column.
    energy, peak: ModelSpecs (at least one); forecast: a ForecastSpec (its
    seed makes every series reproducible); weather: the daily weather history
    DataFrame shared by all (scattered once to a Dask cluster); calendar:
    built-in calendar name(s) such as "CN", built in each task.  first, last,
    months, train_first: as forecast() and fit() take them, the same for
    every series.  kind: "month", "year", "day" or a tuple of them.
    executor: a dask.distributed Client, a concurrent.futures executor, or
    None (this process).  batch: series per task.  errors: "raise" (the
    first failure, naming its series) or "collect" (failures go to
    .attrs["errors"] as {key: message}; the others are returned).

    Returns a DataFrame indexed by (series, scenario, period) — for a tuple
    of kinds, a dict {kind: DataFrame}.  Its .attrs["tasks"] says how the
    work was split and where it ran: one {"series", "host", "pid",
    "seconds"} a task."""
    if energy is None and peak is None:
        raise ArgumentError("forecast_many needs an energy spec, a peak spec or both")
    if errors not in ("raise", "collect"):
        raise ArgumentError(f"errors must be 'raise' or 'collect', not {errors!r}")
    kinds = (kind,) if isinstance(kind, str) else tuple(kind)
    for k in kinds:
        if k not in KINDS:
            raise ArgumentError(f"kind '{k}' is not one of {', '.join(KINDS)}")
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise ArgumentError(f"batch must be a positive int, not {batch!r}")
    keys, series = _series(frames, by)
    args = (_model_state(energy), _model_state(peak), _forecast_state(forecast))
    is_dask = executor is not None and hasattr(executor, "scatter")
    shared = weather
    if is_dask and weather is not None:
        # once, not once a task.  Unique keys (hash=False, pure=False): Dask
        # names data and tasks by a hash of their content by default, and a
        # second call with the same inputs would then race the release of
        # the first call's keys, and see its tasks cancelled.
        shared = executor.scatter(weather, broadcast=True, hash=False)
    rest = (shared, calendar, first, last, months, train_first, kinds)
    chunks = [(keys[i:i + batch], series[i:i + batch]) for i in range(0, len(keys), batch)]
    if executor is None:
        done = [_task(k, s, *args, *rest) for k, s in chunks]
    else:
        options = {"pure": False} if is_dask else {}
        futures = [executor.submit(_task, k, s, *args, *rest, **options) for k, s in chunks]
        done = [f.result() for f in futures]
    tasks = [where for where, _ in done]
    return _assemble([r for _, chunk in done for r in chunk], tasks, kinds, errors, kind)


def _assemble(results, tasks, kinds, errors, kind):
    failed = {key: error for key, _, error in results if error is not None}
    if failed and errors == "raise":
        key, (code, message) = next(iter(failed.items()))
        if code is None:
            raise RuntimeError(f"series {key!r} failed:\n{message}")
        raise error_for(code, f"series {key!r}: {message}")
    failed = {key: message for key, (_, message) in failed.items()}
    out = {}
    for k in kinds:
        parts = {key: res[k] for key, res, _ in results if res is not None}
        df = pd.concat(parts, names=["series"]) if parts else pd.DataFrame()
        df.attrs["errors"] = failed
        df.attrs["tasks"] = tasks
        out[k] = df
    return out[kinds[0]] if isinstance(kind, str) else out
