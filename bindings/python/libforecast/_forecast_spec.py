"""ForecastSpec: an lf_forecast_spec built from keyword arguments, and read back.

The spec starts as lf_forecast_spec_init's defaults (quantiles 0.1, 0.5, 0.9;
bootstrap errors, 20 paths per weather year, 30-day blocks, seed 1; one
"base" scenario at the indicators' default growth), so a keyword left out
keeps the C default.  The keywords are the config's forecast keys
(`lfc help forecast`):

    first, last        forecast days (fit's caller usually sets them)
    quantiles          increasing probabilities inside (0, 1), at most 19
    weather            {"first_year", "last_year", "shift_days",
                        "normal": "scenario_mean" | "day_mean",
                        "normal_years", "normal_window"}
    error              "bootstrap" | "model" | "none"
    paths_per_weather, block_days, origin_min_days, origin_step_days, seed
    residuals          "auto" | "in_sample" | "out_of_sample"
    scenarios          {name: {column: {"growth": [rate a year, ...]}
                                 or {"values": {year: value, ...}}}}; {} (the
                       default): one "base" at each indicator's default growth
    connections        [{"name", "start", "end", "capacity_mw", "ramp_months",
                         "load_factor" or "annual_mwh", "coincidence"}] or a
                       DataFrame with those columns (new connections, 业扩)
"""
import ctypes
import difflib

import pandas as pd

from . import _c_forecast as C
from ._lib import LIB
from ._model_spec import _choice, _float, _int, _name
from .dates import to_timestamp
from .errors import ArgumentError
from .frame import _one_day

PATH_ERRORS = ("none", "bootstrap", "model")
RESIDUALS = ("auto", "in_sample", "out_of_sample")
NORMALS = ("scenario_mean", "day_mean")
KEYWORDS = ("first", "last", "quantiles", "weather", "error", "paths_per_weather",
            "block_days", "residuals", "origin_min_days", "origin_step_days", "seed",
            "scenarios", "connections")
_CONNECTION_KEYS = ("name", "start", "end", "capacity_mw", "ramp_months", "load_factor",
                    "annual_mwh", "coincidence")


def _set_weather(w, value):
    if not isinstance(value, dict):
        raise ArgumentError("weather is a dict of first_year, last_year, shift_days, normal, "
                            "normal_years, normal_window")
    for key, v in value.items():
        if key == "normal":
            w.normal = _choice(v, NORMALS, "weather normal")
        elif key in ("first_year", "last_year", "shift_days", "normal_years", "normal_window"):
            setattr(w, key, _int(v, f"weather {key}"))
        else:
            raise ArgumentError(f"weather has no setting '{key}'")


def _set_path(path, column, how):
    path.column = _name(column, "an economy column")
    if not isinstance(how, dict) or len(how) != 1 or not {"growth", "values"} >= set(how):
        raise ArgumentError(f"scenario path '{column}' is {{'growth': [...]}} or "
                            "{'values': {year: value}}")
    if "growth" in how:
        rates = list(how["growth"])
        if not 1 <= len(rates) <= C.LF_ECONOMY_YEARS:
            raise ArgumentError(f"'{column}' growth has {len(rates)} rates; 1..16")
        for k, r in enumerate(rates):
            path.growth[k] = _float(r, f"'{column}' growth")
        path.ngrowth = len(rates)
    else:
        items = sorted(how["values"].items())
        if not 1 <= len(items) <= C.LF_ECONOMY_YEARS:
            raise ArgumentError(f"'{column}' values has {len(items)} years; 1..16")
        for k, (year, v) in enumerate(items):
            path.value_years[k] = _int(year, f"'{column}' value year")
            path.values[k] = _float(v, f"'{column}' value")
        path.nvalues = len(items)


def _set_scenarios(s, scenarios):
    if scenarios is None:
        scenarios = {}     # as {}: the one scenario "base" at the default growth
    if not isinstance(scenarios, dict) or len(scenarios) > C.LF_SCENARIO_MAX:
        raise ArgumentError(f"scenarios is a dict of at most {C.LF_SCENARIO_MAX} named "
                            "scenarios ({}: one \"base\" at each indicator's default growth)")
    for k, (name, paths) in enumerate(scenarios.items()):
        sc = s.scenarios[k]
        ctypes.memset(ctypes.byref(sc), 0, ctypes.sizeof(sc))
        sc.name = _name(name, "a scenario's name", C.LF_SCENARIO_NAME_MAX)
        if not isinstance(paths, dict) or len(paths) > C.LF_ECONOMY_PATHS:
            raise ArgumentError(f"scenario '{name}' is a dict of at most "
                                f"{C.LF_ECONOMY_PATHS} indicator paths")
        for j, (column, how) in enumerate(paths.items()):
            _set_path(sc.paths[j], column, how)
        sc.npaths = len(paths)
    s.nscenarios = len(scenarios)


def _connection(row):
    c = C.Connection()
    LIB.lf_connection_init(ctypes.byref(c))
    unknown = set(row) - set(_CONNECTION_KEYS)
    if unknown:
        raise ArgumentError(f"a connection has no setting '{sorted(unknown)[0]}'")
    for key, v in row.items():
        if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
            continue   # not given (a DataFrame's empty cell): the C default
        if key == "name":
            c.name = _name(v, "a connection's name", C.LF_CONNECTION_NAME_MAX)
        elif key in ("start", "end"):
            setattr(c, key, _one_day(v, f"a connection's {key}"))
        elif key == "ramp_months":
            # a DataFrame column of ints with an empty cell is float: 3.0 is 3
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            c.ramp_months = _int(v, "a connection's ramp_months")
        else:
            setattr(c, key, _float(v, f"a connection's {key}"))
    return c


def connections_array(value):
    """A ctypes array of lf_connection from dicts or a DataFrame (None: none)."""
    if value is None:
        return None
    rows = value.to_dict("records") if isinstance(value, pd.DataFrame) else list(value)
    if not rows:
        return None
    array = (C.Connection * len(rows))()
    for k, row in enumerate(rows):
        if not isinstance(row, dict):
            raise ArgumentError("each connection is a dict (or a DataFrame row)")
        array[k] = _connection(row)
    return array


def _set(spec, key, value):
    s = spec._c
    if key in ("first", "last"):
        setattr(s, key, _one_day(value, key))
    elif key == "quantiles":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise ArgumentError(f"quantiles is a list of probabilities, not {value!r}")
        qs = [_float(q, "a quantile") for q in value]
        if not 1 <= len(qs) <= C.LF_QUANTILE_MAX:
            raise ArgumentError(f"quantiles has {len(qs)}; 1..{C.LF_QUANTILE_MAX}")
        for k, q in enumerate(qs):
            s.quantiles[k] = q
        s.nquantiles = len(qs)
    elif key == "weather":
        _set_weather(s.weather, value)
    elif key == "error":
        s.error = _choice(value, PATH_ERRORS, "error")
    elif key == "residuals":
        s.residuals = _choice(value, RESIDUALS, "residuals")
    elif key in ("paths_per_weather", "seed"):
        v = _int(value, key)
        top = 2 ** (8 * ctypes.sizeof(ctypes.c_ulong)) - 1
        if not 0 <= v <= top:
            raise ArgumentError(f"{key} must be an int in 0..{top}, not {v}")
        setattr(s, key, v)
    elif key in ("block_days", "origin_min_days", "origin_step_days"):
        setattr(s, key, _int(value, key))
    elif key == "scenarios":
        _set_scenarios(s, value)
    elif key == "connections":
        spec._connections = connections_array(value)
        s.connections = spec._connections
        s.nconnections = 0 if spec._connections is None else len(spec._connections)


class ForecastSpec:
    """How to forecast: an lf_forecast_spec (see the module's doc for the
    keywords; every keyword left out keeps the C default).

    >>> import libforecast as lf
    >>> spec = lf.ForecastSpec(quantiles=[0.05, 0.5, 0.95], seed=7,
    ...                        scenarios={"base": {"gdp": {"growth": [0.05]}}})
    >>> d = spec.to_dict()
    >>> d["quantiles"], d["seed"], d["error"], d["paths_per_weather"]
    ([0.05, 0.5, 0.95], 7, 'bootstrap', 20)
    """

    def __init__(self, **keywords):
        self._c = C.ForecastSpec()
        self._connections = None
        LIB.lf_forecast_spec_init(ctypes.byref(self._c))
        self.update(**keywords)

    def update(self, **keywords):
        """Set more keywords on this spec (in place); returns self.  All or
        nothing: on an error the spec is left as it was."""
        work = ForecastSpec._from_c(self._c)
        for key, value in keywords.items():
            if key not in KEYWORDS:
                near = difflib.get_close_matches(key, KEYWORDS, 1)
                hint = f"did you mean '{near[0]}'? " if near else ""
                raise ArgumentError(f"ForecastSpec has no keyword '{key}' ({hint}it has "
                                    f"{', '.join(KEYWORDS)})")
            _set(work, key, value)
        ctypes.memmove(ctypes.byref(self._c), ctypes.byref(work._c),
                       ctypes.sizeof(C.ForecastSpec))
        self._connections = work._connections   # the array self._c now points into
        return self

    @classmethod
    def _from_c(cls, struct):
        """A copy of a C spec; its connections are copied too (a config's
        point into the config)."""
        spec = cls.__new__(cls)
        spec._c = C.ForecastSpec()
        ctypes.memmove(ctypes.byref(spec._c), ctypes.byref(struct), ctypes.sizeof(C.ForecastSpec))
        n = struct.nconnections
        spec._connections = None
        if n:
            spec._connections = (C.Connection * n)(*[struct.connections[k] for k in range(n)])
        spec._c.connections = spec._connections
        return spec

    def copy(self, **keywords):
        return ForecastSpec._from_c(self._c).update(**keywords)

    @property
    def quantiles(self):
        return list(self._c.quantiles[:self._c.nquantiles])

    def to_dict(self):
        s = self._c
        w = s.weather
        return {
            "first": to_timestamp(s.first), "last": to_timestamp(s.last),
            "quantiles": self.quantiles,
            "weather": {"first_year": w.first_year, "last_year": w.last_year,
                        "shift_days": w.shift_days, "normal": NORMALS[w.normal],
                        "normal_years": w.normal_years, "normal_window": w.normal_window},
            "error": PATH_ERRORS[s.error], "paths_per_weather": s.paths_per_weather,
            "block_days": s.block_days, "residuals": RESIDUALS[s.residuals],
            "origin_min_days": s.origin_min_days, "origin_step_days": s.origin_step_days,
            "seed": s.seed,
            "scenarios": {sc.name.decode(): {p.column.decode(): _path_dict(p)
                                             for p in sc.paths[:sc.npaths]}
                          for sc in s.scenarios[:s.nscenarios]},
            "connections": [_connection_dict(s.connections[k]) for k in range(s.nconnections)],
        }

    def __repr__(self):
        return f"<ForecastSpec {self._c.nscenarios or 1} scenarios, quantiles {self.quantiles}>"


def _path_dict(p):
    if p.ngrowth:
        return {"growth": list(p.growth[:p.ngrowth])}
    return {"values": dict(zip(p.value_years[:p.nvalues], p.values[:p.nvalues]))}


def _connection_dict(c):
    return {"name": c.name.decode("utf-8"), "start": to_timestamp(c.start),
            "end": to_timestamp(c.end) if c.end else None, "capacity_mw": c.capacity_mw,
            "ramp_months": c.ramp_months, "load_factor": c.load_factor,
            "annual_mwh": c.annual_mwh, "coincidence": c.coincidence}


def as_forecast_spec(spec, keywords):
    if spec is None:
        return ForecastSpec(**keywords)
    if not isinstance(spec, ForecastSpec):
        raise ArgumentError(f"spec must be a ForecastSpec, not {type(spec).__name__}")
    return spec.copy(**keywords)
