"""ModelSpec: an lf_model_spec built from keyword arguments, and read back.

The spec starts as lf_model_spec_init's defaults, so a keyword left out keeps
the C default.  The keywords are the config's model keys (`lfc help fit`),
flattened where the config nests only for grouping:

    kind            "regression" (default) | "snaive" | "ets"
    target          column to model (default "energy_mwh")
    intercept, trend, trend_damping, day_of_week, month, holiday, bridge_day,
    makeup_workday, fourier, humidity           the features of features.h
    holiday_windows {holiday: (days before, days after)}, or a list of
                    (holiday, before, after) or of the config's
                    {"holiday", "before", "after"}
    temperature     a column name, or a dict: column, polynomial, hdd, cdd,
                    knots (lists of degC; hdd="auto" / cdd="auto" searches the
                    grid, a list of bases turns that search off again),
                    grid_from, grid_to, grid_step, grid_coarse,
                    by_month, by_day_type, lags (days), smooth (weights)
    economy         [column, ...] or {column: "log" | "level"}
    events          [{"name", "kind": "step"|"ramp", "start", "end"}]
    method          "ols" | "wls" | "ridge"; ridge_lambda, collinear
                    ("drop" | "reject"), rank_tol
    weight_column, halflife_days                 WLS weights
    ar_order        0..14, or "auto" (AICc among 0..ar_max); ar_max
    season_lag      seasonal naive: 7 or 364
    ets             {"trend": "none"|"additive"|"damped",
                     "season": "none"|"additive"|"multiplicative", "period": 7}
"""
import ctypes
import difflib
import numbers

import numpy as np

from . import _c_model as M
from ._lib import LIB
from .dates import to_timestamp
from .errors import ArgumentError
from .frame import _one_day

KINDS = ("regression", "snaive", "ets")
METHODS = ("ols", "wls", "ridge")
COLLINEAR = ("drop", "reject")
ETS_TRENDS = ("none", "additive", "damped")
ETS_SEASONS = ("none", "additive", "multiplicative")
EVENT_KINDS = ("step", "ramp")

_FEATURE_FLAGS = ("intercept", "day_of_week", "month", "holiday", "bridge_day",
                  "makeup_workday")
_FEATURE_INTS = ("trend", "fourier")
_TEMPERATURE_LISTS = {"hdd": ("nhdd", float), "cdd": ("ncdd", float),
                      "knots": ("nknots", float), "lags": ("nlags", int),
                      "smooth": ("nsmooth", float)}
_TEMPERATURE_SCALARS = {"polynomial": int, "grid_from": float, "grid_to": float,
                        "grid_step": float, "grid_coarse": float, "by_month": bool,
                        "by_day_type": bool}
KEYWORDS = ("kind", "target", *_FEATURE_FLAGS, *_FEATURE_INTS, "trend_damping", "humidity",
            "holiday_windows", "temperature", "economy", "events", "method", "ridge_lambda",
            "collinear", "rank_tol", "weight_column", "halflife_days", "ar_order", "ar_max",
            "season_lag", "ets")


def _choice(value, choices, what):
    if value not in choices:
        raise ArgumentError(f"{what} '{value}' is not one of {', '.join(choices)}")
    return choices.index(value)


def _name(value, what, size=M.LF_FEATURE_NAME_MAX):
    if not isinstance(value, str):
        raise ArgumentError(f"{what} must be a string, not {type(value).__name__}")
    raw = value.encode("utf-8")
    if len(raw) >= size or b"\0" in raw:
        raise ArgumentError(f"{what} '{value}' is longer than {size - 1} bytes or holds a NUL")
    return raw


def _int(value, what):
    """An int (numpy integers too; not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ArgumentError(f"{what} must be an int, not {type(value).__name__}")
    return int(value)


def _float(value, what):
    """A real number as a float (numpy numbers too; not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ArgumentError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def _flag(value, what):
    """True / False (or 1 / 0, numpy booleans too) as 1 / 0."""
    if not isinstance(value, (bool, np.bool_, numbers.Integral)) or value not in (0, 1):
        raise ArgumentError(f"{what} must be True or False, not {value!r}")
    return int(value)


def _fill_list(struct, field, count_field, values, kind, what):
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        values = [values]   # one base, lag or knot: hdd=16
    values = list(values)
    if len(values) > M.LF_FEATURE_MAX:
        raise ArgumentError(f"{what} has {len(values)} entries; at most {M.LF_FEATURE_MAX}")
    convert = _int if kind is int else _float
    array = getattr(struct, field)
    for k, v in enumerate(values):
        array[k] = convert(v, what)
    setattr(struct, count_field, len(values))


def _set_temperature(t, value):
    if isinstance(value, str):
        value = {"column": value}
    if not isinstance(value, dict):
        raise ArgumentError("temperature must be a column name or a dict of its settings")
    unknown = set(value) - {"column", "auto_hdd", "auto_cdd", *_TEMPERATURE_LISTS,
                            *_TEMPERATURE_SCALARS}
    if unknown:
        raise ArgumentError(f"temperature has no setting '{sorted(unknown)[0]}'")
    for key, v in value.items():
        if key == "column":
            t.column = _name(v, "temperature column")
        elif key in ("hdd", "cdd") and isinstance(v, str):
            if v != "auto":
                raise ArgumentError(f"temperature {key} is a list of bases (degC) or 'auto', "
                                    f"not '{v}'")
            setattr(t, f"auto_{key}", 1)          # the list is then ignored: emptied
            setattr(t, f"n{key}", 0)
        elif key in _TEMPERATURE_LISTS:
            count, kind = _TEMPERATURE_LISTS[key]
            _fill_list(t, key, count, v, kind, f"temperature {key}")
            if key in ("hdd", "cdd"):
                setattr(t, f"auto_{key}", 0)      # bases given: no search on that side
        elif key in ("auto_hdd", "auto_cdd", "by_month", "by_day_type"):
            setattr(t, key, _flag(v, f"temperature {key}"))
        elif key == "polynomial":
            t.polynomial = _int(v, "temperature polynomial")
        else:
            setattr(t, key, _float(v, f"temperature {key}"))


def _window_item(w):
    """(holiday, (before, after)) of a list entry: (holiday, before, after) or
    the config's {"holiday": ..., "before": ..., "after": ...}."""
    if isinstance(w, dict):
        if set(w) - {"holiday", "before", "after"} or "holiday" not in w:
            raise ArgumentError("a holiday window is {'holiday': name, 'before': days, "
                                f"'after': days}}, not {w!r}")
        return w["holiday"], (w.get("before", 0), w.get("after", 0))
    if isinstance(w, (tuple, list)) and len(w) == 3:
        return w[0], tuple(w[1:])
    raise ArgumentError(f"a holiday window is (holiday, days before, days after), not {w!r}")


def _set_windows(f, windows):
    if isinstance(windows, dict):
        items = list(windows.items())
    elif isinstance(windows, (list, tuple)):
        items = [_window_item(w) for w in windows]
    else:
        raise ArgumentError("holiday_windows is {holiday: (days before, days after)} or a list "
                            "of (holiday, before, after)")
    if len(items) > M.LF_FEATURE_MAX:
        raise ArgumentError(f"holiday_windows has {len(items)}; at most {M.LF_FEATURE_MAX}")
    for k, (holiday, days) in enumerate(items):
        if not isinstance(days, (tuple, list)) or len(days) != 2:
            raise ArgumentError(f"holiday window '{holiday}' needs (days before, days after)")
        f.windows[k] = M.HolidayWindow(_name(holiday, "a holiday window's holiday"),
                                       _int(days[0], "days before"), _int(days[1], "days after"))
    f.nwindows = len(items)


def _set_economy(f, economy):
    if isinstance(economy, str):
        economy = [economy]
    items = economy.items() if isinstance(economy, dict) else [(c, "level") for c in economy]
    items = list(items)
    if len(items) > M.LF_FEATURE_MAX:
        raise ArgumentError(f"economy has {len(items)} drivers; at most {M.LF_FEATURE_MAX}")
    for k, (column, form) in enumerate(items):
        f.economy[k] = M.EconomyTerm(_name(column, "an economy column"),
                                     _choice(form, ("level", "log"), f"economy '{column}'"))
    f.neconomy = len(items)


def _set_events(f, events):
    events = list(events)
    if len(events) > M.LF_FEATURE_MAX:
        raise ArgumentError(f"events has {len(events)}; at most {M.LF_FEATURE_MAX}")
    for k, e in enumerate(events):
        if (not isinstance(e, dict) or not {"name", "start"} <= set(e)
                or set(e) - {"name", "kind", "start", "end"}):
            raise ArgumentError("an event is a dict with name, start and optionally kind, end")
        end = e.get("end")
        f.events[k] = M.EventSpec(_name(e["name"], "an event's name"),
                                  _choice(e.get("kind", "step"), EVENT_KINDS, "event kind"),
                                  _one_day(e["start"], "an event's start"),
                                  0 if end is None else _one_day(end, "an event's end"))
    f.nevents = len(events)


def _set_ets(s, ets):
    if not isinstance(ets, dict) or set(ets) - {"trend", "season", "period"}:
        raise ArgumentError("ets is a dict of trend, season and period")
    if "trend" in ets:
        s.ets.trend = _choice(ets["trend"], ETS_TRENDS, "ets trend")
    if "season" in ets:
        s.ets.season = _choice(ets["season"], ETS_SEASONS, "ets season")
    if "period" in ets:
        s.ets.period = _int(ets["period"], "ets period")


def _set(s, key, value):
    f = s.features
    if key == "kind":
        s.kind = _choice(value, KINDS, "kind")
    elif key in ("target", "weight_column"):
        setattr(s, key, _name(value, key))
    elif key in _FEATURE_FLAGS:
        setattr(f, key, _flag(value, key))
    elif key in _FEATURE_INTS:
        setattr(f, key, _int(value, key))
    elif key == "trend_damping":
        f.trend_damping = _float(value, key)
    elif key == "humidity":
        f.humidity = _name(value or "", "humidity")
    elif key == "holiday_windows":
        _set_windows(f, value)
    elif key == "temperature":
        _set_temperature(f.temperature, value)
    elif key == "economy":
        _set_economy(f, value)
    elif key == "events":
        _set_events(f, value)
    elif key == "method":
        s.fit.method = _choice(value, METHODS, "method")
    elif key == "collinear":
        s.fit.collinear = _choice(value, COLLINEAR, "collinear")
    elif key in ("ridge_lambda", "rank_tol"):
        setattr(s.fit, key, _float(value, key))
    elif key == "halflife_days":
        s.halflife_days = _float(value, key)
    elif key == "ar_order":
        s.ar_order = -1 if value == "auto" else _int(value, key)
    elif key in ("ar_max", "season_lag"):
        setattr(s, key, _int(value, key))
    elif key == "ets":
        _set_ets(s, value)


class ModelSpec:
    """What model to fit: an lf_model_spec (see the module's doc for the
    keywords; every keyword left out keeps the C default).

    >>> import libforecast as lf
    >>> spec = lf.ModelSpec(day_of_week=True, holiday=True, trend=1,
    ...                     temperature={"column": "tmean_c", "hdd": [16], "cdd": [22]})
    >>> spec.kind, spec.target, spec.to_dict()["temperature"]["cdd"]
    ('regression', 'energy_mwh', [22.0])
    >>> lf.ModelSpec(kind="ets").to_dict()["ets"]
    {'trend': 'damped', 'season': 'additive', 'period': 7}
    """

    def __init__(self, **keywords):
        self._c = M.ModelSpec()
        LIB.lf_model_spec_init(ctypes.byref(self._c))
        self.update(**keywords)

    def update(self, **keywords):
        """Set more keywords on this spec (in place); returns self.  All or
        nothing: on an error the spec is left as it was."""
        work = M.ModelSpec.from_buffer_copy(self._c)
        for key, value in keywords.items():
            if key not in KEYWORDS:
                near = difflib.get_close_matches(key, KEYWORDS, 1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                raise ArgumentError(f"ModelSpec has no keyword '{key}'{hint}")
            _set(work, key, value)
        ctypes.memmove(ctypes.byref(self._c), ctypes.byref(work), ctypes.sizeof(M.ModelSpec))
        return self

    @classmethod
    def _from_c(cls, struct):
        spec = cls.__new__(cls)
        spec._c = M.ModelSpec()
        ctypes.memmove(ctypes.byref(spec._c), ctypes.byref(struct), ctypes.sizeof(M.ModelSpec))
        return spec

    def copy(self, **keywords):
        """A copy, with keywords changed."""
        return ModelSpec._from_c(self._c).update(**keywords)

    @property
    def kind(self):
        return KINDS[self._c.kind]

    @property
    def target(self):
        return self._c.target.decode("utf-8")

    def to_dict(self):
        """Every setting, in the keywords' form (ModelSpec(**d) rebuilds it)."""
        s, f = self._c, self._c.features
        t = f.temperature
        temp = {"column": t.column.decode("utf-8"), "polynomial": t.polynomial,
                "hdd": "auto" if t.auto_hdd else list(t.hdd[:t.nhdd]),
                "cdd": "auto" if t.auto_cdd else list(t.cdd[:t.ncdd]),
                "knots": list(t.knots[:t.nknots]), "grid_from": t.grid_from,
                "grid_to": t.grid_to, "grid_step": t.grid_step, "grid_coarse": t.grid_coarse,
                "by_month": bool(t.by_month), "by_day_type": bool(t.by_day_type),
                "lags": list(t.lags[:t.nlags]), "smooth": list(t.smooth[:t.nsmooth])}
        d = {"kind": self.kind, "target": self.target}
        d.update({k: bool(getattr(f, k)) for k in _FEATURE_FLAGS})
        d.update({k: getattr(f, k) for k in _FEATURE_INTS})
        d.update({
            "trend_damping": f.trend_damping, "humidity": f.humidity.decode("utf-8"),
            "holiday_windows": {w.holiday.decode("utf-8"): (w.before, w.after)
                                for w in f.windows[:f.nwindows]},
            "temperature": temp,
            "economy": {e.column.decode("utf-8"): ("log" if e.log else "level")
                        for e in f.economy[:f.neconomy]},
            "events": [{"name": e.name.decode("utf-8"), "kind": EVENT_KINDS[e.kind],
                        "start": to_timestamp(e.start),
                        "end": to_timestamp(e.end) if e.end else None}
                       for e in f.events[:f.nevents]],
            "method": METHODS[s.fit.method], "ridge_lambda": s.fit.ridge_lambda,
            "collinear": COLLINEAR[s.fit.collinear], "rank_tol": s.fit.rank_tol,
            "weight_column": s.weight_column.decode("utf-8"),
            "halflife_days": s.halflife_days,
            "ar_order": "auto" if s.ar_order == -1 else s.ar_order, "ar_max": s.ar_max,
            "season_lag": s.season_lag,
            "ets": {"trend": ETS_TRENDS[s.ets.trend], "season": ETS_SEASONS[s.ets.season],
                    "period": s.ets.period}})
        return d

    def __eq__(self, other):
        return isinstance(other, ModelSpec) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return f"<ModelSpec {self.kind} of {self.target}>"


def as_spec(spec, keywords):
    """A ModelSpec for fit(spec=..., **keywords): a copy of spec (or the
    defaults) with the keywords set."""
    if spec is None:
        return ModelSpec(**keywords)
    if not isinstance(spec, ModelSpec):
        raise ArgumentError(f"spec must be a ModelSpec, not {type(spec).__name__}")
    return spec.copy(**keywords)
