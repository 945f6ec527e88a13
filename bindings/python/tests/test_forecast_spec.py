"""ForecastSpec (_forecast_spec.py): the defaults are lf_forecast_spec_init's,
every keyword lands where C reads it and to_dict reads it back
(ForecastSpec(**to_dict()) rebuilds the same struct), connections from dicts
or a DataFrame, and bad keywords and values raise ArgumentError."""
import ctypes
import gc

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _c_forecast as C
from libforecast._forecast_spec import KEYWORDS

DEFAULTS = {
    "first": pd.Timestamp("1970-01-01"), "last": pd.Timestamp("1970-01-01"),
    "quantiles": [0.1, 0.5, 0.9],
    "weather": {"first_year": 0, "last_year": 0, "shift_days": 0, "normal": "scenario_mean",
                "normal_years": 30, "normal_window": 7},
    "error": "bootstrap", "paths_per_weather": 20, "block_days": 30, "residuals": "auto",
    "origin_min_days": 730, "origin_step_days": 91, "seed": 1, "scenarios": {},
    "connections": []}

CONN = {"name": "park", "start": pd.Timestamp("2025-03-01"), "end": pd.Timestamp("2027-12-31"),
        "capacity_mw": 60.0, "ramp_months": 9, "load_factor": 0.85, "annual_mwh": float("nan"),
        "coincidence": 0.9}

VALUES = {
    "first": ("2025-01-01", pd.Timestamp("2025-01-01")),
    "last": (pd.Timestamp("2026-12-31"), pd.Timestamp("2026-12-31")),
    "quantiles": ([0.05, 0.5, 0.95, 0.99], [0.05, 0.5, 0.95, 0.99]),
    "weather": ({"first_year": 2005, "last_year": 2020, "shift_days": 3, "normal": "day_mean",
                 "normal_years": 10, "normal_window": 5},
                {"first_year": 2005, "last_year": 2020, "shift_days": 3, "normal": "day_mean",
                 "normal_years": 10, "normal_window": 5}),
    "error": ("model", "model"),
    "paths_per_weather": (7, 7),
    "block_days": (14, 14),
    "residuals": ("out_of_sample", "out_of_sample"),
    "origin_min_days": (365, 365),
    "origin_step_days": (30, 30),
    "seed": (4294967295, 4294967295),
    "scenarios": ({"low": {"gdp": {"growth": [0.02]}, "ind": {"values": {2026: 2.0, 2025: 1.5}}},
                   "high": {"gdp": {"growth": [0.07, 0.065]}}},
                  {"low": {"gdp": {"growth": [0.02]}, "ind": {"values": {2025: 1.5, 2026: 2.0}}},
                   "high": {"gdp": {"growth": [0.07, 0.065]}}}),
}


def same(a, b):
    """Dicts equal, NaN equal to NaN."""
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    return a == b


def struct_bytes(spec):
    """The struct's bytes without its one pointer (the connections array)."""
    c = C.ForecastSpec.from_buffer_copy(spec._c)
    c.connections = None
    return bytes(c)


def test_every_keyword_is_covered():
    assert set(VALUES) | {"connections"} == set(KEYWORDS) == set(DEFAULTS)


def test_defaults_are_lf_forecast_spec_init():
    s = lf.ForecastSpec()
    assert s.to_dict() == DEFAULTS
    c = C.ForecastSpec()
    lf._lib.LIB.lf_forecast_spec_init(ctypes.byref(c))
    assert bytes(s._c) == bytes(c)
    assert repr(s) == "<ForecastSpec 1 scenarios, quantiles [0.1, 0.5, 0.9]>"


@pytest.mark.parametrize("key", sorted(VALUES))
def test_keyword_round_trip(key):
    given, back = VALUES[key]
    s = lf.ForecastSpec(**{key: given})
    d = s.to_dict()
    assert d[key] == back
    assert {k: v for k, v in d.items() if k != key} == \
        {k: v for k, v in DEFAULTS.items() if k != key}
    assert struct_bytes(lf.ForecastSpec(**d)) == struct_bytes(s)


def test_partial_weather_keeps_the_other_defaults():
    d = lf.ForecastSpec(weather={"shift_days": 2}).to_dict()["weather"]
    assert d == dict(DEFAULTS["weather"], shift_days=2)


def test_connections_from_dicts_and_from_a_dataframe():
    given = [{"name": "park", "start": "2025-03-01", "end": "2027-12-31", "capacity_mw": 60,
              "ramp_months": 9, "load_factor": 0.85, "coincidence": 0.9},
             {"name": "ev", "start": "2025-06-01", "capacity_mw": 20, "annual_mwh": 52560}]
    s = lf.ForecastSpec(connections=given)
    d = s.to_dict()["connections"]
    assert same(d[0], CONN)
    assert same(d[1], {"name": "ev", "start": pd.Timestamp("2025-06-01"), "end": None,
                       "capacity_mw": 20.0, "ramp_months": 0, "load_factor": float("nan"),
                       "annual_mwh": 52560.0, "coincidence": 1.0})
    df = pd.DataFrame(given)          # empty cells: NaN, ramp_months a float column
    assert df["ramp_months"].dtype == float
    t = lf.ForecastSpec(connections=df)
    assert same(t.to_dict()["connections"], d)
    back = lf.ForecastSpec(**s.to_dict())
    assert same(back.to_dict(), s.to_dict()) and struct_bytes(back) == struct_bytes(s)
    assert lf.ForecastSpec(connections=[]).to_dict()["connections"] == []
    assert lf.ForecastSpec(connections=df.iloc[:0]).to_dict()["connections"] == []


def test_connections_live_as_long_as_the_spec():
    s = lf.ForecastSpec(connections=[{"name": f"c{k}", "start": "2025-01-01", "capacity_mw": k,
                                      "load_factor": 0.5} for k in range(50)])
    t = s.copy(seed=3)
    del s
    gc.collect()
    junk = [bytearray(4096) for _ in range(1000)]        # reuse what was freed, if anything
    assert [c["capacity_mw"] for c in t.to_dict()["connections"]] == [float(k) for k in range(50)]
    assert t.to_dict()["seed"] == 3 and len(junk) == 1000
    assert ctypes.addressof(t._connections) == ctypes.cast(t._c.connections, ctypes.c_void_p).value


def test_update_copy_and_numpy_values():
    s = lf.ForecastSpec()
    assert s.update(seed=np.int64(9), quantiles=np.array([0.2, 0.8])) is s
    assert s.to_dict()["seed"] == 9 and s.quantiles == [0.2, 0.8]
    t = s.copy(error="none")
    assert s.to_dict()["error"] == "bootstrap" and t.to_dict()["error"] == "none"
    before = bytes(s._c)
    with pytest.raises(lf.ArgumentError):
        s.update(seed=3, error="gaussian")            # all or nothing
    assert bytes(s._c) == before


@pytest.mark.parametrize("keywords,message", [
    ({"sead": 1}, "no keyword 'sead' (did you mean 'seed'?"),
    ({"zzz": 1}, "no keyword 'zzz' (it has first, last"),
    ({"error": "gaussian"}, "error 'gaussian' is not one of none, bootstrap, model"),
    ({"residuals": "oos"}, "residuals 'oos'"),
    ({"seed": -1}, "seed must be an int in 0.."),
    ({"seed": 2 ** 64}, "seed must be an int in 0.."),
    ({"seed": 1.0}, "seed must be an int"),
    ({"paths_per_weather": -2}, "paths_per_weather must be an int in 0.."),
    ({"block_days": "30"}, "block_days must be an int"),
    ({"quantiles": 0.5}, "quantiles is a list"),
    ({"quantiles": []}, "quantiles has 0; 1..19"),
    ({"quantiles": [0.5] * 20}, "quantiles has 20; 1..19"),
    ({"quantiles": ["p50"]}, "a quantile must be a number"),
    ({"weather": 2005}, "weather is a dict"),
    ({"weather": {"years": 3}}, "weather has no setting 'years'"),
    ({"weather": {"normal": "median"}}, "weather normal 'median'"),
    ({"weather": {"shift_days": 1.5}}, "weather shift_days must be an int"),
    ({"scenarios": []}, "scenarios is a dict of at most 8"),
    ({"scenarios": {f"s{k}": {} for k in range(9)}}, "scenarios is a dict of at most 8"),
    ({"scenarios": {"x" * 32: {}}}, "longer than 31 bytes"),
    ({"scenarios": {"low": ["gdp"]}}, "scenario 'low' is a dict"),
    ({"scenarios": {"low": {"gdp": 0.02}}}, "scenario path 'gdp' is"),
    ({"scenarios": {"low": {"gdp": {"growth": [0.02], "values": {2025: 1}}}}}, "is {'growth'"),
    ({"scenarios": {"low": {"gdp": {"growth": []}}}}, "growth has 0 rates; 1..16"),
    ({"scenarios": {"low": {"gdp": {"growth": ["2%"]}}}}, "'gdp' growth must be a number"),
    ({"scenarios": {"low": {"gdp": {"values": {"2025": 1}}}}}, "value year must be an int"),
    ({"connections": [{"name": "x", "colour": "red"}]}, "a connection has no setting 'colour'"),
    ({"connections": ["x"]}, "each connection is a dict"),
    ({"connections": [{"name": "x", "ramp_months": 1.5}]}, "ramp_months must be an int"),
    ({"connections": [{"name": "x", "start": "2025-02-30"}]}, "day 30 does not exist"),
    ({"connections": [{"name": 5}]}, "a connection's name must be a string"),
    ({"first": "2025-13-01"}, "month 13"),
    ({"first": ["2025-01-01", "2025-01-02"]}, "first must be one date"),
])
def test_bad_keywords_raise_argument_error(keywords, message):
    with pytest.raises(lf.ArgumentError) as e:
        lf.ForecastSpec(**keywords)
    assert message in str(e.value)


def test_the_c_checks_the_values_at_the_forecast():
    import test_model
    df = test_model.synthetic(first="2023-01-01", last="2023-12-31")
    m = lf.fit(df, day_of_week=True)
    with pytest.raises(lf.ArgumentError, match="quantile"):
        lf.forecast(m, history=df, months=1, quantiles=[0.9, 0.5])
    with pytest.raises(lf.LibforecastError, match="no_such"):
        lf.forecast(m, history=df, months=1, scenarios={"s": {"no_such": {"growth": [0.1]}}})
    f = lf.forecast(m, history=df, months=1, error="none", spec=lf.ForecastSpec(seed=4))
    assert f.spec.to_dict()["seed"] == 4 and f.spec.to_dict()["error"] == "none"
    with pytest.raises(lf.ArgumentError, match="spec must be a ForecastSpec"):
        lf.forecast(m, history=df, spec={"seed": 4})
