"""Python arguments of backtest() and select() into their C structs, checked
before any call: the candidates (an lf_candidate array), the backtest spec
(over lf_backtest_spec_init's defaults), the selection spec (over
lf_select_spec_init's) and the days.  Values C checks itself (origins
1..100, a positive horizon, names of letters and digits, unique) are left to
it, so its message is the one raised.

>>> from libforecast._backtest_spec import candidate_array, backtest_spec, spec_dict
>>> import libforecast as lf
>>> cands = candidate_array({"week": lf.ModelSpec(kind="snaive", season_lag=7),
...                          "year": {"kind": "snaive", "season_lag": 364}})
>>> [c.name for c in cands], cands[1].spec.season_lag
([b'week', b'year'], 364)
>>> spec_dict(backtest_spec({"origins": 3, "agg": "max"}))
{'origins': 3, 'horizon': 365, 'step': 0, 'level': 0.95, 'agg': 'max', 'min_train_days': 28}
"""
import ctypes
import difflib

import numpy as np

from . import _c_backtest as C
from ._inputs import number
from ._lib import LIB
from ._model_spec import ModelSpec, _name
from .dates import to_lf_date
from .errors import ArgumentError
from .frame import _one_day

# The C names, read from the library so they cannot drift from it.
SCALES = tuple(LIB.lf_backtest_scale_name(k).decode() for k in range(C.LF_SCALE_COUNT))
METRICS = tuple(LIB.lf_select_metric_name(k).decode() for k in range(C.LF_METRIC_COUNT))
BY = ("cv", "aicc")                 # lf_select_by, indexed by its value
AGGS = ("sum", "max")               # lf_agg_stat, likewise
assert (C.LF_SELECT_CV, C.LF_SELECT_AICC, C.LF_AGG_SUM, C.LF_AGG_MAX) == (0, 1, 0, 1)
SPEC_KEYS = ("origins", "horizon", "step", "level", "agg", "min_train_days")


def choice(value, choices, what):
    """The index of value among choices (a C enum's value)."""
    if not isinstance(value, str) or value not in choices:
        raise ArgumentError(f"{what} {value!r} is not one of {', '.join(choices)}")
    return choices.index(value)


def _c_int(value, what):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ArgumentError(f"{what} must be an int, not {type(value).__name__}")
    if not -2**31 <= value < 2**31:
        raise ArgumentError(f"{what} {value} does not fit a C int")
    return int(value)


def _spec_of(value, name):
    if isinstance(value, ModelSpec):
        return value
    if isinstance(value, dict):
        return ModelSpec(**value)
    raise ArgumentError(f"candidate '{name}' must be a ModelSpec or a dict of its keywords, "
                        f"not {type(value).__name__}")


def _pairs(candidates):
    if isinstance(candidates, dict):
        return list(candidates.items())
    if isinstance(candidates, (str, bytes)) or not hasattr(candidates, "__iter__"):
        raise ArgumentError("candidates must be {name: ModelSpec} or [(name, ModelSpec), ...], "
                            f"not {type(candidates).__name__}")
    pairs = list(candidates)
    for p in pairs:
        if not isinstance(p, (tuple, list)) or len(p) != 2:
            raise ArgumentError(f"a candidate is a (name, ModelSpec) pair, not {p!r}")
    return pairs


def candidate_array(candidates):
    """{name: ModelSpec} (or a dict of ModelSpec keywords), or a list of
    (name, spec) pairs, as an lf_candidate array (the specs copied).  An
    empty one, a duplicate name or a bad character is left to C."""
    pairs = _pairs(candidates)
    out = (C.Candidate * len(pairs))()
    for k, (name, spec) in enumerate(pairs):
        out[k].name = _name(name, "a candidate's name", C.LF_CANDIDATE_NAME_MAX)
        out[k].spec = _spec_of(spec, name)._c      # a struct assignment: a copy
    return out


def candidate_names(cands):
    return [c.name.decode("utf-8") for c in cands]


def target_of(cands):
    """The first candidate's target (they must share it: C checks), or None."""
    return cands[0].spec.target.decode("utf-8") if len(cands) else None


def fill_backtest_spec(spec, values, what="the backtest"):
    """Set the keys of values (origins, horizon, step, level, agg,
    min_train_days) on an lf_backtest_spec; ranges are checked by C."""
    for key, value in values.items():
        if key not in SPEC_KEYS:
            near = difflib.get_close_matches(str(key), SPEC_KEYS, 1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ArgumentError(f"{what} has no setting '{key}'{hint}")
        if key == "level":
            spec.level = number(value, "level")
        elif key == "agg":
            spec.agg = choice(value, AGGS, "agg")
        else:
            setattr(spec, key, _c_int(value, key))
    return spec


def backtest_spec(values):
    """An lf_backtest_spec: lf_backtest_spec_init's defaults, values set."""
    spec = C.BacktestSpec()
    LIB.lf_backtest_spec_init(ctypes.byref(spec))
    return fill_backtest_spec(spec, values)


def select_spec(by="cv", metric="mape", cv=None):
    """An lf_select_spec: lf_select_spec_init's defaults (cv: 3 origins of
    91 days), by, metric and the cv settings (a dict of SPEC_KEYS) set."""
    spec = C.SelectSpec()
    LIB.lf_select_spec_init(ctypes.byref(spec))
    spec.by = choice(by, BY, "by")
    spec.metric = choice(metric, METRICS, "metric")
    if cv is not None:
        if not isinstance(cv, dict):
            raise ArgumentError(f"cv must be a dict of {', '.join(SPEC_KEYS)}, not "
                                f"{type(cv).__name__}")
        fill_backtest_spec(spec.cv, cv, "cv")
    return spec


def auto_spec(auto):
    """backtest(auto=...): None/False (no automatic model), True (select's
    defaults) or a dict of select's by, metric and cv."""
    if auto is None or auto is False:
        return None
    if auto is True:
        return select_spec()
    if not isinstance(auto, dict) or set(auto) - {"by", "metric", "cv"}:
        raise ArgumentError("auto must be True or a dict of by, metric and cv")
    return select_spec(**auto)


def spec_dict(spec):
    """An lf_backtest_spec as a dict of SPEC_KEYS."""
    return {"origins": spec.origins, "horizon": spec.horizon, "step": spec.step,
            "level": spec.level, "agg": AGGS[spec.agg], "min_train_days": spec.min_train_days}


def select_dict(spec):
    """An lf_select_spec as a dict: by, metric, cv."""
    return {"by": BY[spec.by], "metric": METRICS[spec.metric], "cv": spec_dict(spec.cv)}


def target_days(frame, target):
    """The first and last day of frame with a value of target (lfc backtest's
    default days); the frame's first and last day when it has no such
    column or no value, so that C names what is wrong."""
    start = int(to_lf_date(frame.start))
    if target is None or target not in frame:
        return start, start + len(frame) - 1
    present = np.flatnonzero(~np.isnan(frame[target].to_numpy()))
    if present.size == 0:
        return start, start + len(frame) - 1
    return start + int(present[0]), start + int(present[-1])


def days(frame, target, first, last):
    """first..last as lf_dates, each defaulting to target_days'."""
    a, b = target_days(frame, target)
    return (a if first is None else _one_day(first, "first"),
            b if last is None else _one_day(last, "last"))
