"""ModelSpec (_model_spec.py): every keyword lands in the lf_model_spec field C
reads (to_dict reads it back, ModelSpec(**to_dict()) rebuilds the same bytes,
and the fitted design shows the term), the defaults are lf_model_spec_init's,
and bad keywords, types and values raise ArgumentError before any C call;
a Model's errors and its life (close, with, ClosedError)."""
import ctypes

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _c_model as M
from libforecast._model_spec import KEYWORDS

from test_model import synthetic

DEFAULTS = {
    "kind": "regression", "target": "energy_mwh", "intercept": True, "day_of_week": False,
    "month": False, "holiday": False, "bridge_day": False, "makeup_workday": False,
    "trend": 0, "fourier": 0, "trend_damping": 1.0, "humidity": "", "holiday_windows": {},
    "temperature": {"column": "tmean_c", "polynomial": 0, "hdd": [], "cdd": [], "knots": [],
                    "grid_from": 10.0, "grid_to": 26.0, "grid_step": 0.5, "grid_coarse": 0.0,
                    "by_month": False, "by_day_type": False, "lags": [], "smooth": []},
    "economy": {}, "events": [], "method": "ols", "ridge_lambda": 1.0, "collinear": "drop",
    "rank_tol": 1e-9, "weight_column": "", "halflife_days": 0.0, "ar_order": 0, "ar_max": 7,
    "season_lag": 7, "ets": {"trend": "damped", "season": "additive", "period": 7}}

# one non-default value for every keyword, and what to_dict gives back
VALUES = {
    "kind": ("ets", "ets"),
    "target": ("peak_mw", "peak_mw"),
    "intercept": (False, False),
    "day_of_week": (True, True),
    "month": (True, True),
    "holiday": (True, True),
    "bridge_day": (True, True),
    "makeup_workday": (True, True),
    "trend": (2, 2),
    "fourier": (3, 3),
    "trend_damping": (0.9, 0.9),
    "humidity": ("humidity_pct", "humidity_pct"),
    "holiday_windows": ({"Spring Festival": (10, 20), "National Day": [1, 2]},
                        {"Spring Festival": (10, 20), "National Day": (1, 2)}),
    "economy": ({"gdp": "level", "ind": "log"}, {"gdp": "level", "ind": "log"}),
    "events": ([{"name": "plant", "kind": "ramp", "start": "2022-06-01", "end": "2022-09-30"},
                {"name": "strike", "start": "2023-02-01"}],
               [{"name": "plant", "kind": "ramp", "start": pd.Timestamp("2022-06-01"),
                 "end": pd.Timestamp("2022-09-30")},
                {"name": "strike", "kind": "step", "start": pd.Timestamp("2023-02-01"),
                 "end": None}]),
    "method": ("ridge", "ridge"),
    "ridge_lambda": (3.5, 3.5),
    "collinear": ("reject", "reject"),
    "rank_tol": (1e-7, 1e-7),
    "weight_column": ("w", "w"),
    "halflife_days": (365, 365.0),
    "ar_order": ("auto", "auto"),
    "ar_max": (5, 5),
    "season_lag": (364, 364),
    "ets": ({"trend": "none", "season": "multiplicative", "period": 12},
            {"trend": "none", "season": "multiplicative", "period": 12}),
}
TEMPERATURE = {
    "column": ("t2", "t2"), "polynomial": (3, 3), "hdd": ([15, 17.5], [15.0, 17.5]),
    "cdd": ("auto", "auto"), "knots": ([5, 25], [5.0, 25.0]), "grid_from": (8, 8.0),
    "grid_to": (28.5, 28.5), "grid_step": (0.25, 0.25), "grid_coarse": (2, 2.0),
    "by_month": (True, True), "by_day_type": (True, True), "lags": ([1, 7], [1, 7]),
    "smooth": ([0.5, 0.25], [0.5, 0.25]),
}


def test_every_keyword_is_covered():
    assert set(VALUES) | {"temperature"} == set(KEYWORDS)
    assert set(DEFAULTS) == set(KEYWORDS)


def test_defaults_are_lf_model_spec_init():
    s = lf.ModelSpec()
    assert s.to_dict() == DEFAULTS
    c = M.ModelSpec()
    lf._lib.LIB.lf_model_spec_init(ctypes.byref(c))
    assert bytes(s._c) == bytes(c)


def rebuilt(spec):
    return lf.ModelSpec(**spec.to_dict())


@pytest.mark.parametrize("key", sorted(VALUES))
def test_keyword_round_trip(key):
    given, back = VALUES[key]
    s = lf.ModelSpec(**{key: given})
    d = s.to_dict()
    assert d[key] == back
    assert {k: v for k, v in d.items() if k != key} == \
        {k: v for k, v in DEFAULTS.items() if k != key}         # nothing else moved
    assert bytes(rebuilt(s)._c) == bytes(s._c) and rebuilt(s) == s


@pytest.mark.parametrize("key", sorted(TEMPERATURE))
def test_temperature_setting_round_trip(key):
    given, back = TEMPERATURE[key]
    s = lf.ModelSpec(temperature={key: given})
    t = s.to_dict()["temperature"]
    assert t[key] == back
    assert {k: v for k, v in t.items() if k != key} == \
        {k: v for k, v in DEFAULTS["temperature"].items() if k != key}
    assert bytes(rebuilt(s)._c) == bytes(s._c)


def test_everything_at_once_round_trips():
    s = lf.ModelSpec(**{k: v[0] for k, v in VALUES.items()},
                     temperature={k: v[0] for k, v in TEMPERATURE.items()})
    d = s.to_dict()
    assert {k: d[k] for k in VALUES} == {k: v[1] for k, v in VALUES.items()}
    assert d["temperature"] == {k: v[1] for k, v in TEMPERATURE.items()}
    assert bytes(rebuilt(s)._c) == bytes(s._c)
    assert s.kind == "ets" and s.target == "peak_mw" and repr(s) == "<ModelSpec ets of peak_mw>"


def test_a_string_temperature_is_its_column():
    assert lf.ModelSpec(temperature="t2").to_dict()["temperature"] == \
        dict(DEFAULTS["temperature"], column="t2")


def test_auto_and_given_bases_replace_each_other():
    auto = lf.ModelSpec(temperature={"hdd": "auto", "cdd": [22]})
    assert auto._c.features.temperature.auto_hdd == 1
    given = auto.copy(temperature={"hdd": [14]})
    assert given.to_dict()["temperature"]["hdd"] == [14.0]
    assert given._c.features.temperature.auto_hdd == 0            # no search any more
    back = given.copy(temperature={"hdd": "auto"})
    assert back.to_dict()["temperature"]["hdd"] == "auto"
    assert auto.to_dict()["temperature"]["hdd"] == "auto"         # copies are independent


def test_numpy_scalars_are_numbers():
    s = lf.ModelSpec(trend=np.int64(1), day_of_week=np.bool_(True), ridge_lambda=np.float32(2),
                     temperature={"hdd": np.array([16, 18])})
    d = s.to_dict()
    assert (d["trend"], d["day_of_week"], d["ridge_lambda"]) == (1, True, 2.0)
    assert d["temperature"]["hdd"] == [16.0, 18.0]


def test_holiday_windows_take_the_config_form_too():
    a = lf.ModelSpec(holiday_windows=[{"holiday": "Spring Festival", "before": 3, "after": 4}])
    b = lf.ModelSpec(holiday_windows=[("Spring Festival", 3, 4)])
    c = lf.ModelSpec(holiday_windows={"Spring Festival": (3, 4)})
    assert a == b == c


def test_update_and_copy():
    s = lf.ModelSpec(day_of_week=True)
    t = s.copy(month=True)
    assert s.to_dict()["month"] is False and t.to_dict()["month"] is True
    assert s.update(trend=1) is s and s.to_dict()["trend"] == 1
    before = bytes(s._c)
    with pytest.raises(lf.ArgumentError):
        s.update(month=True, trend="x")          # all or nothing
    assert bytes(s._c) == before
    assert s != t and s != "spec"


# ---- every keyword reaches the design C builds --------------------------------------

TERMS = [
    ({"day_of_week": True}, ["dow_tue", "dow_sun"]),
    ({"month": True}, ["month_feb", "month_dec"]),
    ({"holiday": True}, ["holiday"]),
    ({"bridge_day": True}, ["bridge_day"]),
    ({"makeup_workday": True}, ["makeup_workday"]),
    ({"trend": 2}, ["trend", "trend^2"]),
    ({"fourier": 2}, ["sin1_year", "cos2_year"]),
    ({"holiday_windows": {"Spring Festival": (2, 1)}},
     ["Spring Festival -2", "Spring Festival day 1", "Spring Festival +1"]),
    ({"temperature": {"hdd": [16], "cdd": [22]}}, ["HDD16", "CDD22"]),
    ({"temperature": {"polynomial": 2}}, ["T", "T^2"]),
    ({"temperature": {"knots": [20]}}, ["T", "(T-20)+"]),
    ({"temperature": {"cdd": [22], "lags": [1]}}, ["CDD22", "CDD22_lag1"]),
    ({"temperature": {"cdd": [22], "smooth": [0.5]}}, ["CDD22", "CDD22_ema0.5"]),
    ({"temperature": {"cdd": [22], "by_month": True}}, ["CDD22:jan", "CDD22:dec"]),
    ({"temperature": {"cdd": [22], "by_day_type": True}}, ["CDD22", "CDD22:nonworking"]),
    ({"humidity": "humidity_pct"}, ["humidity"]),
    ({"economy": {"gdp": "level", "ind": "log"}}, ["gdp", "log(ind)"]),
    ({"events": [{"name": "plant", "start": "2022-06-01"}]}, ["plant"]),
]


@pytest.fixture(scope="module")
def frame():
    return synthetic()


@pytest.mark.parametrize("keywords,names", TERMS, ids=[t[1][-1] for t in TERMS])
def test_each_term_reaches_the_design(frame, keywords, names):
    m = lf.fit(frame, calendar="CN", **keywords)
    cols = m.coefficients.index.tolist()
    for name in names:
        assert name in cols
    assert m.spec.to_dict() == lf.ModelSpec(**keywords).to_dict()


def test_no_intercept_keeps_every_weekday(frame):
    cols = lf.fit(frame, intercept=False, day_of_week=True).coefficients.index.tolist()
    assert cols[:7] == ["dow_mon", "dow_tue", "dow_wed", "dow_thu", "dow_fri", "dow_sat",
                        "dow_sun"]


def test_target_and_method_reach_the_fit(frame):
    m = lf.fit(frame, target="peak_mw", method="wls", weight_column="w", day_of_week=True)
    assert m.spec.target == "peak_mw" and repr(m).startswith("<Model regression of peak_mw")
    assert not np.allclose(m.coefficients["estimate"],
                           lf.fit(frame, target="peak_mw", day_of_week=True)
                           .coefficients["estimate"])
    hl = lf.fit(frame, method="wls", halflife_days=180, day_of_week=True)
    assert hl.spec.to_dict()["halflife_days"] == 180.0


# ---- errors --------------------------------------------------------------------------

@pytest.mark.parametrize("keywords,message", [
    ({"day_of_weak": True}, "no keyword 'day_of_weak' (did you mean 'day_of_week'?)"),
    ({"temprature": "t"}, "did you mean 'temperature'"),
    ({"zzz": 1}, "no keyword 'zzz'"),
    ({"kind": "arima"}, "kind 'arima' is not one of regression, snaive, ets"),
    ({"day_of_week": "yes"}, "day_of_week must be True or False"),
    ({"day_of_week": 2}, "day_of_week must be True or False"),
    ({"trend": 1.5}, "trend must be an int"),
    ({"trend": True}, "trend must be an int"),
    ({"ridge_lambda": "1"}, "ridge_lambda must be a number"),
    ({"target": 5}, "target must be a string"),
    ({"target": "x" * 48}, "longer than 47 bytes"),
    ({"target": "a\0b"}, "NUL"),
    ({"method": "lasso"}, "method 'lasso'"),
    ({"collinear": "keep"}, "collinear 'keep'"),
    ({"economy": {"gdp": "sqrt"}}, "economy 'gdp'"),
    ({"economy": [f"c{k}" for k in range(17)]}, "at most 16"),
    ({"temperature": 5}, "temperature must be a column name or a dict"),
    ({"temperature": {"hdd": "automatic"}}, "temperature hdd is a list of bases"),
    ({"temperature": {"hdd": ["x"]}}, "temperature hdd must be a number"),
    ({"temperature": {"lags": [1.5]}}, "temperature lags must be an int"),
    ({"temperature": {"hdd": list(range(17))}}, "at most 16"),
    ({"temperature": {"colour": "t"}}, "temperature has no setting 'colour'"),
    ({"holiday_windows": {"Spring Festival": 3}}, "needs (days before, days after)"),
    ({"holiday_windows": ["Spring Festival"]}, "a holiday window is"),
    ({"holiday_windows": 3}, "holiday_windows is"),
    ({"events": [{"name": "x"}]}, "an event is a dict"),
    ({"events": [{"name": "x", "start": "2022-01-01", "stop": "2022-02-01"}]}, "an event is"),
    ({"events": [{"name": "x", "start": "2022-13-01"}]}, "month"),
    ({"events": [{"name": "x", "kind": "pulse", "start": "2022-01-01"}]}, "event kind"),
    ({"ets": {"trend": "exp"}}, "ets trend"),
    ({"ets": {"level": 1}}, "ets is a dict"),
    ({"ar_order": "best"}, "ar_order must be an int"),
])
def test_bad_keywords_raise_argument_error(keywords, message):
    with pytest.raises(lf.ArgumentError) as e:
        lf.ModelSpec(**keywords)
    assert message in str(e.value)
    assert isinstance(e.value, ValueError) and e.value.code == 2


def test_fit_errors(frame):
    with pytest.raises(lf.InputError, match=r"target column 'energy_mhw' is not in the data "
                                            r"\(did you mean 'energy_mwh'\?\)"):
        lf.fit(frame, target="energy_mhw")
    with pytest.raises(lf.InputError, match="'tmean' .*did you mean 'tmean_c'"):
        lf.fit(frame, temperature={"column": "tmean", "hdd": [16]})
    with pytest.raises(lf.ArgumentError, match="did you mean 'day_of_week'"):
        lf.fit(frame, day_of_weak=True)
    with pytest.raises(lf.ArgumentError, match="consecutive days .*2021-01-12 follows "
                                               "2021-01-10"):
        lf.fit(frame.drop(pd.Timestamp("2021-01-11")))
    with pytest.raises(lf.ArgumentError, match="a libforecast Frame or a pandas DataFrame"):
        lf.fit("frame.csv")
    with pytest.raises(lf.ArgumentError, match="spec must be a ModelSpec"):
        lf.fit(frame, {"day_of_week": True})
    with pytest.raises(lf.ArgumentError, match="calendar must be a Calendar"):
        lf.fit(frame, calendar=1)
    with pytest.raises(lf.InputError, match="unknown built-in calendar 'XX'"):
        lf.fit(frame, calendar="XX")
    with pytest.raises(lf.InputError, match="ind"):
        lf.fit(frame.assign(ind=-1.0), economy={"ind": "log"})
    with pytest.raises(lf.LibforecastError):
        lf.fit(frame, first="2019-01-01", last="2019-12-31")       # outside the frame
    with pytest.raises(lf.InputError, match="Spring Festival"):
        lf.fit(frame, holiday_windows={"Spring Festival": (3, 3)})  # no such holiday: empty
    with pytest.raises(lf.ArgumentError, match="level"):
        lf.fit(frame).predict(frame, level="95%")


def test_a_closed_model_raises_closed_error(frame):
    m = lf.fit(frame, day_of_week=True)
    with m as same:
        assert same is m and not m.closed
    assert m.closed and repr(m) == "<Model (closed)>"
    m.close()                                                       # twice: nothing
    for use in (lambda: m.info, lambda: m.spec, lambda: m.kind, lambda: m.params,
                lambda: m.coefficients, lambda: m.fit_stats, lambda: m.fitted,
                lambda: m.residuals, lambda: m.ets, lambda: m.grid, lambda: m.training_days,
                lambda: m.predict(frame), lambda: m.simulate(frame, npaths=1),
                lambda: m.write_coefficients("x.csv"),
                lambda: lf.forecast(m, history=frame, months=1)):
        with pytest.raises(lf.ClosedError, match="this Model is closed"):
            use()


def test_what_a_model_returns_outlives_it(frame):
    m = lf.fit(frame, day_of_week=True)
    c, p, f, s = m.coefficients, m.predict(frame), m.fitted, m.spec
    expect = c["estimate"].copy()
    m.close()
    del m
    assert c["estimate"].equals(expect) and p["mean"].notna().all() and len(f) == len(frame)
    assert s.to_dict()["day_of_week"] is True


def test_the_dataframe_may_go_after_fit():
    df = synthetic()
    m = lf.fit(df, day_of_week=True)
    first = m.coefficients
    df.loc[:, "energy_mwh"] = 0.0      # the model copied what it needs
    assert m.coefficients.equals(first)
