"""Exponential smoothing of a plain series through the binding
(smoothing.py): the C library's own reference values (tests/reference/ets,
the fixtures of tests/test_ets.c: statsmodels' ETSModel, and the book form of
a multiplicative season, at fixed parameters on the synthetic series and NSW
2012-2013; the fitted NSW models at least as good as statsmodels' and the
refined optimum), statsmodels run here, the parameters read back and
re-used, forecasts and their index, simulation by seed, the errors,
ownership and memory."""
import gc
import inspect
import itertools
import math
import os

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT
from libforecast import ArgumentError, ClosedError, InputError
from libforecast import _lib
from libforecast.smoothing import (EtsFit, ets_fit, ets_loglik, ets_min_nobs, ets_param_names,
                                   ets_smooth)
from rss import BOUND_MB, grows

REF = ROOT / "tests" / "reference" / "ets"
DATA = os.environ.get("LF_DATA_DIR") or str(ROOT.parent / "shared" / "data")
NSW_CSV = os.path.join(DATA, "aus_elec", "nsw_halfhourly.csv")
H = 14
# the reference's models, statsmodels' short names (ETS(A,Ad,M) = AAdM)
MODELS = {f"A{t}{s}": dict(trend=trend, season=season)
          for t, trend in (("N", "none"), ("A", "additive"), ("Ad", "damped"))
          for s, season in (("N", "none"), ("A", "additive"), ("M", "multiplicative"))}


@pytest.fixture(scope="module")
def syn():
    """The 84 days of tests/reference/ets/synthetic.csv from 2012-01-01."""
    y = pd.read_csv(REF / "synthetic.csv").y.to_numpy()
    return pd.Series(y, index=pd.date_range("2012-01-01", periods=len(y)))


@pytest.fixture(scope="module")
def nsw():
    """NSW daily energy 2012-01-01..2013-12-31 as test_ets.c reads it (the
    half-hourly file ingested by the library); skipped without the data."""
    if not os.path.exists(NSW_CSV):
        pytest.skip(f"real data not found at {DATA} (set LF_DATA_DIR)")
    frame, _ = lf.read_intervals(NSW_CSV, time_column="time", stamp="start",
                                 series=[{"column": "demand_mw", "unit": "MW"}])
    y = frame.to_pandas()["energy_mwh"]
    assert y.index[0] == pd.Timestamp("2012-01-01")
    return y.iloc[:731]


def reference(name):
    """{(series, model, what): values in file order} of a reference file."""
    ref = pd.read_csv(REF / name)
    return {key: g for key, g in ref.groupby(["series", "model", "what"], sort=False)}


@pytest.fixture(scope="module")
def fixed():
    return reference("fixed.csv")


def values(ref, *key):
    return ref[key]["value"].to_numpy()


def close(got, want, rtol, what):
    got, want = np.asarray(got, float), np.asarray(want, float)
    rel = np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-300))
    assert rel <= rtol, f"{what}: {rel:.2e} relative"


# ---- the spec ------------------------------------------------------------------------------

def test_layout_lengths_and_minimum_lengths():
    # test_ets.c's spec_defaults_names_and_counts, in the reference's order
    lengths = [2, 10, 10, 4, 12, 12, 5, 13, 13]
    minimum = [6, 14, 14, 8, 15, 15, 9, 16, 16]
    for kw, n, least in zip(MODELS.values(), lengths, minimum):
        assert len(ets_param_names(**kw)) == n, kw
        assert ets_min_nobs(**kw) == least, kw
    assert ets_param_names() == ["alpha", "beta", "gamma", "phi", "level0", "trend0"] + \
        [f"season0[{j}]" for j in range(7)]
    assert ets_min_nobs(period=364) == 728
    assert ets_param_names(trend="none", season="none", period=0) == ["alpha", "level0"]


def test_defaults_are_the_c_library_s():
    c_default = lf.ModelSpec(kind="ets").to_dict()["ets"]   # lf_ets_spec_init through C
    for fn in (ets_fit, ets_smooth, ets_loglik, ets_param_names, ets_min_nobs):
        params = inspect.signature(fn).parameters
        assert {k: params[k].default for k in ("trend", "season", "period")} == c_default


# ---- fixed parameters against the reference ----------------------------------------------

def check_fixed(ref, series, y):
    """test_ets.c's check_fixed: loglik, SSE, fitted values and forecasts at
    the reference's parameters, to 1e-9 relative."""
    for model, kw in MODELS.items():
        p = values(ref, series, model, "param")
        ll = ets_loglik(y, p, **kw)
        close(ll, values(ref, series, model, "loglik"), 1e-9, f"{model} loglik")
        with ets_smooth(y, p, **kw) as f:
            close(f.loglik, ll, 1e-13, f"{model} smooth loglik")
            close(f.info["sse"], values(ref, series, model, "sse"), 1e-9, f"{model} sse")
            rows = ref[(series, model, "fitted")]
            fitted = f.fitted
            close(fitted.iloc[rows["index"]], rows["value"], 1e-9, f"{model} fitted")
            assert fitted.index.equals(y.index)
            assert f.residuals.equals((y - fitted).rename("residuals"))
            assert f.converged and f.info["iterations"] == 0
            assert f.params.to_numpy().tolist() == p.tolist()
            fc = f.forecast(H, 0.95)
            mean = values(ref, series, model, "mean")
            close(fc["mean"], mean, 1e-9, f"{model} forecast mean")
            if kw["season"] != "multiplicative":
                # statsmodels' interval has sigma^2 = SSE / n, ours SSE / (n - k + 1)
                ratio = f.sigma / math.sqrt(f.info["mse"])
                close(fc["upper"] - fc["mean"],
                      (values(ref, series, model, "upper") - mean) * ratio, 1e-9, "upper")
                close(fc["mean"] - fc["lower"],
                      (mean - values(ref, series, model, "lower")) * ratio, 1e-9, "lower")


def test_fixed_parameters_match_the_reference_synthetic(fixed, syn):
    check_fixed(fixed, "synthetic", syn)


def test_fixed_parameters_match_the_reference_nsw(fixed, nsw):
    check_fixed(fixed, "nsw", nsw)


def test_fitted_nsw_models_reach_the_reference_optimum(nsw):
    """test_ets.c's nsw_fit_at_least_as_good_as_statsmodels."""
    ref = reference("nsw_fit.csv")
    for model, kw in MODELS.items():
        with ets_fit(nsw, **kw) as f:
            assert f.converged, model
            assert f.loglik >= values(ref, "nsw", model, "sm_loglik")[0] - 1e-3, model
            assert f.loglik >= values(ref, "nsw", model, "ref_loglik")[0] - 1e-3, model
            # the likelihood recomputed from the parameters read back
            close(ets_loglik(nsw, f.params, **kw), f.loglik, 1e-12, f"{model} loglik")
            got, want = f.params.to_numpy(), values(ref, "nsw", model, "ref_param")
            nsmooth = len(want) - 1 - (kw["trend"] != "none") - 7 * (kw["season"] != "none")
            tol = np.where(np.arange(len(want)) < nsmooth, 2e-3, 2e-3 * abs(f.params["level0"]))
            assert np.all(np.abs(got - want) <= tol), model
            fc = f.forecast(H)
            half = values(ref, "nsw", model, "ref_upper") - values(ref, "nsw", model, "ref_mean")
            itol = 0.15 if kw["season"] == "multiplicative" else 1e-3   # M: simulated
            assert np.all(np.abs(fc["mean"] - values(ref, "nsw", model, "ref_mean"))
                          <= 1e-3 * half), model
            for side in ("lower", "upper"):
                assert np.all(np.abs(fc[side] - values(ref, "nsw", model, f"ref_{side}"))
                              <= itol * half), (model, side)


@pytest.mark.parametrize("model", ["ANA", "AAdA", "AAN"])
def test_statsmodels_agrees_at_fixed_parameters(fixed, syn, model):
    ets = pytest.importorskip("statsmodels.tsa.exponential_smoothing.ets")
    kw = MODELS[model]
    p = values(fixed, "synthetic", model, "param")
    # statsmodels lists the seasonal states the other way round
    sm_p = np.r_[p[:-7], p[-7:][::-1]] if kw["season"] != "none" else p
    mod = ets.ETSModel(syn, error="add", trend=None if kw["trend"] == "none" else "add",
                       damped_trend=kw["trend"] == "damped",
                       seasonal=None if kw["season"] == "none" else "add",
                       seasonal_periods=7 if kw["season"] != "none" else None)
    res = mod.smooth(sm_p)
    with ets_smooth(syn, p, **kw) as f:
        close(f.loglik, mod.loglike(sm_p), 1e-10, "loglik")
        close(f.fitted, res.fittedvalues, 1e-10, "fitted")
        close(f.forecast(H)["mean"], res.forecast(H), 1e-10, "forecast")


# ---- parameters read back and re-used ------------------------------------------------------

def test_params_are_lf_ets_params_and_smooth_reproduces_the_fit(syn):
    f = ets_fit(syn)
    p = f.params
    assert list(p.index) == ets_param_names() and p.name == "value"
    # the same fit through lf.fit(kind="ets"): its lf_ets fields, by name
    m = lf.fit(pd.DataFrame({"energy_mwh": syn}), kind="ets")
    for name in ("alpha", "beta", "gamma", "phi", "level0", "trend0"):
        assert p[name] == m.ets[name], name
    assert m.ets["loglik"] == f.loglik and m.ets["iterations"] == f.info["iterations"]
    assert f.info["nparams"] == 13 and f.info["nobs"] == len(syn)
    assert abs(p.iloc[6:].sum()) < 1e-9                  # season normalised
    # deterministic, and the parameters carry the model exactly
    again = ets_fit(syn)
    assert again.params.equals(p) and again.loglik == f.loglik
    g = ets_smooth(syn, p)
    assert g.loglik == f.loglik
    assert g.fitted.equals(f.fitted) and g.residuals.equals(f.residuals)
    assert g.forecast(H).equals(f.forecast(H))
    assert ets_smooth(syn, p.to_numpy()).loglik == f.loglik
    # statistics as documented (R's counting, sigma^2 included)
    k, n = 13, len(syn)
    close(f.aic, -2 * f.loglik + 2 * k, 1e-12, "aic")
    close(f.aicc, f.aic + 2 * k * (k + 1) / (n - k - 1), 1e-12, "aicc")
    close(f.bic, -2 * f.loglik + k * math.log(n), 1e-12, "bic")
    close(f.sigma ** 2, f.info["sse"] / (n - k + 1), 1e-12, "sigma")
    assert f.name == "ETS(A,Ad,A)" and f.spec == {"trend": "damped", "season": "additive",
                                                  "period": 7}


def test_a_shifted_season_is_the_same_model(syn):
    p = ets_fit(syn).params.copy()
    ll = ets_loglik(syn, p)
    p.iloc[6:] += 5      # non-normalised states are a valid point too
    p["level0"] -= 5
    close(ets_loglik(syn, p), ll, 1e-9, "shifted season")


# ---- forecasts and simulation --------------------------------------------------------------

def test_forecast_index_follows_the_series(syn):
    f = ets_fit(syn, trend="additive", season="none")
    fc = f.forecast(10, level=0.8)
    assert list(fc.columns) == ["mean", "lower", "upper"] and fc.attrs["level"] == 0.8
    assert fc.index.equals(pd.date_range("2012-03-25", periods=10))
    assert (fc["lower"] < fc["mean"]).all() and (fc["mean"] < fc["upper"]).all()
    width = fc["upper"] - fc["lower"]
    assert (np.diff(width) >= -1e-9).all()                              # widens
    assert (f.forecast(10, 0.5)["upper"] < fc["upper"]).all()           # a narrower level
    y = syn.to_numpy()
    steps = ets_fit(y, trend="additive", season="none").forecast(3)
    assert steps.index.equals(pd.RangeIndex(1, 4, name="h"))
    assert np.array_equal(steps["mean"].to_numpy(), fc["mean"].iloc[:3].to_numpy())
    months = pd.Series(y[:48], index=pd.period_range("2020-01", periods=48, freq="M"))
    by_month = ets_fit(months, trend="none", season="additive", period=12).forecast(2)
    assert list(by_month.index.astype(str)) == ["2024-01", "2024-02"]
    weeks = pd.Series(y[:40], index=pd.date_range("2024-01-07", periods=40, freq="W"))
    assert ets_fit(weeks, season="none").forecast(1).index[0] == pd.Timestamp("2024-10-13")
    irregular = pd.Series(y[:30], index=pd.DatetimeIndex(pd.date_range("2024-01-01",
                                                                        periods=31).delete(5)))
    assert ets_fit(irregular, season="none").forecast(2).index.equals(
        pd.RangeIndex(1, 3, name="h"))


def test_exact_intervals_agree_with_simulation(syn):
    """test_ets.c's exact_intervals_agree_with_simulation, on fewer paths."""
    p = [0.4, 0.1, 0.3, 0.9, 480, 1.2, -55, 20, 28, 30, 25, 12, -58]
    with ets_smooth(syn, p) as f:
        paths = f.simulate(16, npaths=20000, seed=2024)
        fc = f.forecast(16, level=0.8)
    sd_exact = (fc["upper"] - fc["mean"]).to_numpy() / 1.2815515655446004   # z_0.9
    assert np.all(np.abs(paths.mean(axis=0) - fc["mean"].to_numpy()) < 0.05 * sd_exact)
    assert np.all(np.abs(paths.std(axis=0) / sd_exact - 1) < 0.03)


def test_simulation_is_reproducible_by_seed(syn):
    f = ets_fit(syn, trend="additive", season="multiplicative")
    a = f.simulate(10, npaths=50, seed=7)
    assert a.shape == (50, 10) and a.dtype == np.float64
    assert np.array_equal(a, f.simulate(10, npaths=50, seed=7))
    assert np.array_equal(a[:3], f.simulate(10, npaths=3, seed=7))   # drawn path by path
    assert not np.array_equal(a, f.simulate(10, npaths=50, seed=8))
    assert np.array_equal(f.simulate(4, 2, seed=0), f.simulate(4, 2, seed=4357))   # GSL's 0
    # the M-season intervals come from a fixed seed: repeatable
    assert f.forecast(10, 0.9).equals(f.forecast(10, 0.9))


# ---- errors ----------------------------------------------------------------------------------

def ramp(n):
    t = np.arange(n)
    return 100 + t + 10.0 * (t % 7) + (t * 7919 % 13) / 13.0


def test_too_short_raises_the_c_message():
    with pytest.raises(InputError, match=r"ETS\(A,Ad,A\) with period 7 needs at least 16 "
                                         r"observations, got 15"):
        ets_fit(ramp(15))
    ets_fit(ramp(16)).close()
    with pytest.raises(InputError, match="at least 6"):
        ets_fit(ramp(5), trend="none", season="none")
    with pytest.raises(InputError, match=r"ETS\(A,N,N\) needs at least 6"):
        ets_smooth(ramp(5), [0.5, 100], trend="none", season="none")


def test_missing_and_bad_values_raise_the_c_message():
    y = ramp(60)
    y[23] = np.nan
    with pytest.raises(InputError, match=r"y\[23\].*NaN"):
        ets_fit(y)
    p = [0.4, 0.1, 0.3, 0.9, 100, 1, 0, 0, 0, 0, 0, 0, 0]
    with pytest.raises(InputError, match=r"y\[23\]"):
        ets_loglik(y, p)
    y[23], y[41] = 50, -np.inf
    with pytest.raises(InputError, match=r"y\[41\].*infinite"):
        ets_fit(y)
    y[41], y[30] = 50, 0
    with pytest.raises(InputError, match=r"y\[30\].*> 0"):
        ets_fit(y, trend="none", season="multiplicative")
    ets_fit(y, trend="none", season="additive").close()
    with pytest.raises(InputError, match="exactly"):
        ets_fit(np.full(20, 42.0), trend="none", season="none")
    p[1] = np.nan
    with pytest.raises(ArgumentError, match="parameter 1"):
        ets_loglik(ramp(60), p)


@pytest.mark.parametrize("kw,text", [(dict(period=1), "period must be 2..400, got 1"),
                                     (dict(period=401), "period must be 2..400, got 401"),
                                     (dict(season="none", trend="damped", period=0), None)])
def test_the_period_is_checked_by_c(kw, text):
    if text is None:        # without a season the period is ignored
        ets_fit(ramp(30), **kw).close()
        return
    with pytest.raises(ArgumentError, match=text):
        ets_fit(ramp(60), **kw)
    with pytest.raises(ArgumentError, match=text):
        ets_min_nobs(**kw)


@pytest.fixture
def no_c_call(monkeypatch):
    """The ETS functions taking the series replaced by one that fails the
    test: an ArgumentError must come before them (the spec's own checks,
    lf_ets_spec_check and lf_ets_param_length, only read the spec)."""
    def called(*args):
        raise AssertionError("C was called")
    for name in ("lf_ets_fit", "lf_ets_smooth", "lf_ets_loglik"):
        monkeypatch.setattr(_lib.LIB, name, called)


P13 = [0.4, 0.1, 0.3, 0.9, 100, 1, 0, 0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("call,text", [
    (lambda: ets_fit(np.array(["1"] * 30)), "series must hold numbers"),
    (lambda: ets_fit(np.ones(30, dtype=bool)), "series must hold numbers"),
    (lambda: ets_fit(np.ones((30, 2))), "series must be one-dimensional"),
    (lambda: ets_fit(pd.Series(pd.date_range("2024-01-01", periods=30))), "series"),
    (lambda: ets_fit(ramp(30), trend="linear"), "trend 'linear' is not one of"),
    (lambda: ets_fit(ramp(30), season="mul"), "season 'mul' is not one of"),
    (lambda: ets_fit(ramp(30), period=7.0), "period must be an int"),
    (lambda: ets_fit(ramp(30), period=2 ** 32 + 7), "out of range"),
    (lambda: ets_loglik(ramp(30), P13[:12]), "params has 12 values; expected 13"),
    (lambda: ets_smooth(ramp(30), [0.5, 1, 2], trend="none", season="none"),
     r"params has 3 values; expected 2 \(alpha, level0\)"),
    (lambda: ets_smooth(ramp(30), pd.Series([0.5, 100.0], index=["level0", "alpha"]),
                        trend="none", season="none"), "params is indexed by"),
])
def test_bad_arguments_are_refused_before_c(no_c_call, call, text):
    with pytest.raises(ArgumentError, match=text):
        call()


def test_bad_forecast_and_simulation_arguments(syn):
    f = ets_fit(syn, season="none")
    for h in (0, -1, 2.0, True):
        with pytest.raises(ArgumentError, match="h must be a positive int"):
            f.forecast(h)
        with pytest.raises(ArgumentError, match="h must be a positive int"):
            f.simulate(h)
    for level in (0, 1, -0.5, float("nan")):
        with pytest.raises(ArgumentError, match="level"):     # C's message
            f.forecast(3, level)
    with pytest.raises(ArgumentError, match="level must be a number"):
        f.forecast(3, "95%")
    with pytest.raises(ArgumentError, match="npaths must be a positive int"):
        f.simulate(3, npaths=0)
    for seed in (-1, 2 ** 64, 1.5):
        with pytest.raises(ArgumentError, match="seed must be an int"):
            f.simulate(3, seed=seed)


# ---- ownership and memory ----------------------------------------------------------------------

def test_close_with_and_collection(syn):
    with ets_fit(syn, season="none") as f:
        fitted, fc, params = f.fitted, f.forecast(3), f.params
        assert "ETS(A,Ad,N)" in repr(f) and not f.closed
    assert f.closed and repr(f) == "<EtsFit (closed)>"
    f.close()                                             # a second close does nothing
    for use in (lambda: f.params, lambda: f.fitted, lambda: f.loglik, lambda: f.info,
                lambda: f.forecast(3), lambda: f.simulate(3), lambda: f.name):
        with pytest.raises(ClosedError, match="EtsFit is closed"):
            use()
    # what it returned are copies, valid after close
    assert len(fitted) == len(syn) and fc.shape == (3, 3) and np.isfinite(params).all()
    g = ets_smooth(syn, params, season="none")
    finalizer = g._finalizer
    del g
    gc.collect()
    assert not finalizer.alive                           # freed by the collector
    assert isinstance(ets_fit(syn), EtsFit)


def test_2000_smooths_fits_and_forecasts_do_not_grow_the_process():
    """Half the fits closed, half left to the collector.  An lf_ets on these
    2000 values holds 2 x 16 kB of fitted values and residuals: with
    lf_ets_free left out the loop grows the RSS by some 60 MB (measured: 63)."""
    y = ramp(2000) + np.sin(np.arange(2000))
    p = [0.4, 0.1, 0.3, 0.9, 100, 1, 0, 10, 20, 30, 0, -20, -40]
    small = y[:40]

    rounds = itertools.count(1)

    def once():
        i = next(rounds)
        f = ets_smooth(y, p)
        f.forecast(14)
        f.simulate(14, npaths=20, seed=i)
        f.params, f.fitted, f.residuals, f.info
        g = ets_fit(small, trend="none", season="none")
        ets_loglik(y, p)
        if i % 2:
            f.close()
            g.close()

    growth, before = grows(once)
    assert growth < BOUND_MB, f"RSS grew {growth:.1f} MB from {before:.0f} MB"
