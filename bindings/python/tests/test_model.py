"""Models through the binding (model.py, _model_spec.py): the numbers a
regression fitted on a fixed synthetic frame gives equal statsmodels' OLS /
WLS and numpy's least squares to 1e-9 (coefficients, standard errors, sigma,
R^2, log-likelihood, AIC/AICc/BIC, fitted values, prediction intervals); the
prediction's decomposition sums to its mean; simulate is seeded; ETS, seasonal
naive and AR errors report consistent parameters; the degree-day grid search
keeps its best try.  Bit-for-bit parity with the C library itself is in
test_parity_c.py, ModelSpec and the errors in test_model_spec.py."""
import math

import numpy as np
import pandas as pd
import pytest

import libforecast as lf

RTOL = 1e-9

SPEC = dict(trend=1, day_of_week=True, temperature={"column": "tmean_c", "hdd": [16], "cdd": [22]},
            humidity="humidity_pct", economy={"gdp": "level", "ind": "log"},
            events=[{"name": "plant", "kind": "step", "start": "2022-06-01"}])


def synthetic(first="2021-01-01", last="2023-12-31", seed=11):
    """Days first..last of a made-up region: energy and peak driven by the
    weekday, heating and cooling degree days, humidity, two economic
    indicators (one logged), a step event on 2022-06-01 and noise; a weight
    column w for WLS.  Fixed by the seed."""
    days = pd.date_range(first, last)
    n = len(days)
    rng = np.random.default_rng(seed)
    doy = days.dayofyear.to_numpy()
    t = 16 + 11 * np.sin(2 * np.pi * (doy - 105) / 365.25) + rng.normal(0, 2.5, n)
    hum = 60 + 15 * np.sin(2 * np.pi * (doy - 200) / 365.25) + rng.normal(0, 5, n)
    gdp = 100 + np.cumsum(rng.normal(0.02, 0.3, n))
    ind = np.exp(4.6 + 0.1 * np.sin(np.arange(n) / 90) + np.cumsum(rng.normal(0, 0.004, n)))
    dow = days.dayofweek.to_numpy()
    step = (days >= "2022-06-01").astype(float)
    years = (days - days[0]).days.to_numpy() / 365.25
    energy = (20000 + 300 * years + 900 * (dow < 5) - 400 * (dow == 6)
              + 160 * np.maximum(0, 16 - t) + 240 * np.maximum(0, t - 22) + 5 * hum + 12 * gdp
              + 800 * np.log(ind) + 700 * step + rng.normal(0, 120, n))
    peak = energy / 24 * (1.25 + 0.01 * np.maximum(0, t - 22)) + rng.normal(0, 15, n)
    return pd.DataFrame({"energy_mwh": energy, "peak_mw": peak, "tmean_c": t,
                         "humidity_pct": hum, "gdp": gdp, "ind": ind,
                         "w": 0.5 + rng.random(n)}, index=days)


def design(df, first):
    """The design features.h documents for SPEC, by column name."""
    days = df.index
    dow = days.dayofweek
    t = df["tmean_c"].to_numpy()
    cols = {"intercept": np.ones(len(df)),
            "trend": (days - pd.Timestamp(first)).days.to_numpy() / 365.25}
    for k, name in enumerate(("tue", "wed", "thu", "fri", "sat", "sun"), start=1):
        cols[f"dow_{name}"] = (dow == k).astype(float)
    cols["HDD16"] = np.maximum(0, 16 - t)
    cols["CDD22"] = np.maximum(0, t - 22)
    cols["humidity"] = df["humidity_pct"].to_numpy()
    cols["gdp"] = df["gdp"].to_numpy()
    cols["log(ind)"] = np.log(df["ind"].to_numpy())
    cols["plant"] = (days >= "2022-06-01").astype(float)
    return pd.DataFrame(cols, index=days)


@pytest.fixture(scope="module")
def frame():
    df = synthetic()
    df.iloc[[5, 40, 41, 700], 0] = np.nan      # targets missing: rows left out
    df.iloc[[100, 900], 3] = np.nan            # an input missing: rows left out
    return df


@pytest.fixture(scope="module")
def sm():
    return pytest.importorskip("statsmodels.api")


def close(a, b, rtol=RTOL, atol=0.0):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=atol)


def used_rows(df, X):
    return df["energy_mwh"].notna() & X.notna().all(axis=1)


def test_ols_equals_statsmodels_and_lstsq(frame, sm):
    m = lf.fit(frame, **SPEC)
    X = design(frame, frame.index[0])
    ok = used_rows(frame, X)
    y = frame["energy_mwh"][ok]
    ref = sm.OLS(y, X[ok]).fit()
    c = m.coefficients
    assert list(c.index) == list(X.columns)                 # features.h's order and names
    close(c["estimate"], ref.params[c.index])
    close(c["std_error"], ref.bse[c.index])
    close(c["t"], ref.tvalues[c.index])
    close(c["p_value"], ref.pvalues[c.index], rtol=1e-6, atol=1e-300)
    b, *_ = np.linalg.lstsq(X[ok].to_numpy(), y.to_numpy(), rcond=None)
    close(c["estimate"], b)
    assert c["driver"].tolist() == (["base", "trend"] + ["calendar"] * 6 + ["weather"] * 3
                                    + ["economy"] * 2 + ["event"])
    assert not c["dropped"].any() and (c["note"] == "").all()

    s = m.fit_stats
    n, k = int(ok.sum()), X.shape[1]
    assert (s["nobs"], s["nparams"], s["ndropped"]) == (n, k, 0)
    assert s["nobs_missing_target"] == 4 and s["nobs_missing_input"] == 2
    assert (s["df_model"], s["df_resid"]) == (k - 1, n - k)
    close(s["sigma"], math.sqrt(ref.scale))
    close(s["ssr"], ref.ssr)
    close(s["tss"], ref.centered_tss)
    close(s["r2"], ref.rsquared)
    close(s["adj_r2"], ref.rsquared_adj)
    close(s["loglik"], ref.llf)
    close(s["aic"], ref.aic)
    close(s["bic"], ref.bic)
    close(s["aicc"], ref.aic + 2 * k * (k + 1) / (n - k - 1))

    # the model's info counts sigma^2 as a parameter (R's convention)
    i = m.info
    assert i["kind"] == "regression" and i["name"] == "regression" and i["nobs"] == n
    assert i["nparams"] == k + 1
    close(i["sigma"], math.sqrt(ref.scale))
    close(i["loglik"], ref.llf)
    close(i["aic"], -2 * ref.llf + 2 * (k + 1))
    close(i["aicc"], -2 * ref.llf + 2 * (k + 1) + 2 * (k + 1) * (k + 2) / (n - k - 2))
    close(i["bic"], -2 * ref.llf + (k + 1) * math.log(n))

    # fitted values for every row with inputs, residuals where the target is known
    fitted, resid = m.fitted, m.residuals
    assert fitted.index.equals(frame.index) and resid.index.equals(frame.index)
    close(fitted[ok], ref.fittedvalues)
    close(resid[ok], ref.resid, atol=1e-9 * y.abs().max())
    has_inputs = X.notna().all(axis=1)
    assert fitted[has_inputs].notna().all() and fitted[~has_inputs].isna().all()
    assert resid[~ok].isna().all()


def test_wls_equals_statsmodels(frame, sm):
    m = lf.fit(frame, lf.ModelSpec(**SPEC), method="wls", weight_column="w")
    X = design(frame, frame.index[0])
    ok = used_rows(frame, X)
    ref = sm.WLS(frame["energy_mwh"][ok], X[ok], weights=frame["w"][ok]).fit()
    c, s = m.coefficients, m.fit_stats
    close(c["estimate"], ref.params[c.index])
    close(c["std_error"], ref.bse[c.index])
    close(s["sigma"], math.sqrt(ref.scale))
    close(s["r2"], ref.rsquared)
    close(s["loglik"], ref.llf)
    close(s["aic"], ref.aic)
    k, n = X.shape[1], int(ok.sum())
    close(s["aicc"], ref.aic + 2 * k * (k + 1) / (n - k - 1))


def test_ridge_is_the_penalised_least_squares_of_regress_h(frame):
    lam = 25.0
    m = lf.fit(frame, **SPEC, method="ridge", ridge_lambda=lam)
    X = design(frame, frame.index[0])
    ok = used_rows(frame, X)
    A, y = X[ok].to_numpy(), frame["energy_mwh"][ok].to_numpy()
    scale = A.std(axis=0)                      # population sd; 0 for the intercept
    b = np.linalg.solve(A.T @ A + lam * np.diag(scale ** 2), A.T @ y)
    close(m.coefficients["estimate"], b, rtol=1e-8)
    assert m.coefficients.loc["intercept", "estimate"] != pytest.approx(
        lf.fit(frame, **SPEC).coefficients.loc["intercept", "estimate"], rel=1e-6)


def test_a_redundant_column_is_dropped_with_a_note_or_rejected(frame):
    df = frame.assign(gdp2=2 * frame["gdp"])
    m = lf.fit(df, **dict(SPEC, economy={"gdp": "level", "gdp2": "level"}))
    c = m.coefficients
    assert c.loc["gdp2", "dropped"] and c.loc["gdp2", "estimate"] == 0
    assert math.isnan(c.loc["gdp2", "std_error"]) and c.loc["gdp2", "note"]
    assert m.fit_stats["ndropped"] == 1
    with pytest.raises(lf.InputError) as e:
        lf.fit(df, **dict(SPEC, economy={"gdp": "level", "gdp2": "level"}), collinear="reject")
    assert "gdp2" in str(e.value)


def test_prediction_intervals_decomposition_and_flags(frame, sm):
    m = lf.fit(frame, **SPEC)
    X = design(frame, frame.index[0])
    ok = used_rows(frame, X)
    ref = sm.OLS(frame["energy_mwh"][ok], X[ok]).fit()
    p = m.predict(frame, level=0.9)
    assert p.attrs["level"] == 0.9 and p.index.equals(frame.index.rename("date"))
    has = X.notna().all(axis=1)
    sf = ref.get_prediction(X[has]).summary_frame(alpha=0.1)
    close(p["mean"][has], sf["mean"])
    close(p["se_fit"][has], sf["mean_se"])
    close(p["lower"][has], sf["obs_ci_lower"])
    close(p["upper"][has], sf["obs_ci_upper"])
    # a day without an input: no prediction, flagged
    assert p.loc[~has, ["mean", "lower", "upper"]].isna().all().all()
    assert (p.loc[~has, "flags"] & 0x8).all() and (p.loc[has, "flags"] == 0).all()

    # mean = base + the other drivers; base = the average training day's fit;
    # each driver = sum of b_j (x_j - mean_j) over its columns
    drivers = list(lf.DRIVERS)
    close(p.loc[has, drivers].sum(axis=1), p.loc[has, "mean"], rtol=1e-12)
    b = m.coefficients["estimate"]
    means = X[ok].mean()
    close(p.loc[has, "base"], np.full(has.sum(), (b * means).sum()), rtol=1e-12)
    by_driver = m.coefficients["driver"]
    for d in ("trend", "calendar", "weather", "economy", "event"):
        cols = by_driver.index[by_driver == d]
        expect = ((X.loc[has, cols] - means[cols]) * b[cols]).sum(axis=1)
        close(p.loc[has, d], expect, rtol=1e-9, atol=1e-9 * p["mean"].abs().max())
    assert (p.loc[has, "recent"] == 0).all()


def test_prediction_beyond_the_training_range_is_flagged(frame):
    m = lf.fit(frame, **SPEC, first="2021-01-01", last="2022-12-31")
    future = frame.copy()
    future.loc["2023-07-01", "tmean_c"] = 60.0           # hotter than any training day
    p = m.predict(future, "2023-07-01", "2023-07-02")
    assert (p["flags"] & 0x1).tolist() == [0x1, 0]       # temperature out of range
    assert m.training_days == (pd.Timestamp("2021-01-01"), pd.Timestamp("2022-12-31"))


def test_simulate_is_seeded_and_centred_on_the_prediction(frame):
    m = lf.fit(frame, **SPEC)
    a = m.simulate(frame, "2023-12-01", "2023-12-31", npaths=50, seed=7)
    b = m.simulate(frame, "2023-12-01", "2023-12-31", npaths=50, seed=7)
    c = m.simulate(frame, "2023-12-01", "2023-12-31", npaths=50, seed=8)
    assert a.shape == (50, 31) and a.dtype == np.float64 and a.flags.c_contiguous
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c) and (a != c).mean() > 0.99
    # np.int64 arguments are ints too
    assert np.array_equal(m.simulate(frame, "2023-12-01", "2023-12-31", npaths=np.int64(50),
                                     seed=np.uint32(7)), a)
    many = m.simulate(frame, "2023-12-01", "2023-12-31", npaths=4000, seed=3)
    mean = m.predict(frame, "2023-12-01", "2023-12-31")["mean"].to_numpy()
    sigma = m.info["sigma"]
    assert np.all(np.abs(many.mean(axis=0) - mean) < 5 * sigma / math.sqrt(4000))
    assert np.all(np.abs(many.std(axis=0) / sigma - 1) < 0.08)


@pytest.mark.parametrize("kw,msg", [({"npaths": 0}, "npaths"), ({"npaths": 2.0}, "npaths"),
                                    ({"npaths": True}, "npaths"), ({"seed": -1}, "seed"),
                                    ({"seed": 2 ** 64}, "seed"), ({"seed": "1"}, "seed")])
def test_simulate_refuses_bad_arguments(frame, kw, msg):
    m = lf.fit(frame, day_of_week=True)
    with pytest.raises(lf.ArgumentError, match=msg):
        m.simulate(frame, "2023-12-01", "2023-12-02", **kw)
    with pytest.raises(lf.ArgumentError, match="before first"):
        m.simulate(frame, "2023-12-02", "2023-12-01")


def test_ar_errors_report_their_coefficients(frame):
    df = frame.dropna(subset=["energy_mwh"]).asfreq("D").interpolate()
    m = lf.fit(df, **SPEC, ar_order=2)
    assert m.info["name"] == "regression+AR(2)"
    assert list(m.params.index) == ["ar1", "ar2", "sigma_a"]
    assert m.info["sigma"] == m.params["sigma_a"]
    p = m.predict(df, "2023-12-01", "2023-12-31")
    assert p["recent"].abs().sum() > 0                    # recent deviations carried on
    close(p[list(lf.DRIVERS)].sum(axis=1), p["mean"], rtol=1e-12)
    auto = lf.fit(df, **SPEC, ar_order="auto", ar_max=3)
    assert auto.spec.to_dict()["ar_order"] in ("auto", 0, 1, 2, 3)
    assert auto.info["name"].startswith("regression")


def weekly_series(n=3 * 364, seed=5):
    days = pd.date_range("2021-01-04", periods=n)
    rng = np.random.default_rng(seed)
    y = 1000 + 0.05 * np.arange(n) + np.tile([30, 35, 32, 28, 20, -70, -75], n // 7 + 1)[:n] \
        + np.cumsum(rng.normal(0, 2, n)) + rng.normal(0, 6, n)
    return pd.DataFrame({"energy_mwh": y}, index=days)


def test_ets_parameters_are_consistent():
    df = weekly_series()
    m = lf.fit(df, kind="ets", ets={"trend": "damped", "season": "additive", "period": 7})
    e = m.ets
    assert e["name"] == "ETS(A,Ad,A)" and e["nobs"] == len(df)
    assert m.info["kind"] == "ets" and m.kind == "ets"
    p = m.params
    assert list(p.index) == ["alpha", "beta", "gamma", "phi", "level0", "trend0", "sigma"]
    for k in ("alpha", "beta", "gamma", "phi", "level0", "trend0", "sigma"):
        assert p[k] == e[k]
    assert 0 < e["beta"] < e["alpha"] < 1 and 0 < e["gamma"] < 1 - e["alpha"]
    assert 0.8 <= e["phi"] <= 0.98
    assert m.info["sigma"] == e["sigma"] and m.info["aicc"] == e["aicc"]
    # sigma^2 = SSE / (n - k + 1), k counting sigma^2 (ets.h)
    close(e["sigma"] ** 2, e["sse"] / (e["nobs"] - e["nparams"] + 1), rtol=1e-12)
    close(m.fitted + m.residuals, df["energy_mwh"], rtol=1e-12)
    assert m.coefficients is None and m.fit_stats is None and m.grid.empty
    with pytest.raises(lf.ArgumentError, match="no coefficients"):
        m.write_coefficients("never.csv")


def test_ets_forecast_is_all_base():
    df = weekly_series()
    m = lf.fit(df, kind="ets")
    ext = df.reindex(pd.date_range(df.index[0], periods=len(df) + 14))
    p = m.predict(ext, ext.index[-14], ext.index[-1])
    assert p["mean"].notna().all() and (p["base"] == p["mean"]).all()
    assert (p[["trend", "calendar", "weather", "economy", "event", "recent"]] == 0).all().all()
    assert (p["lower"] < p["mean"]).all() and (p["mean"] < p["upper"]).all()


def test_seasonal_naive_repeats_last_week():
    df = weekly_series()
    m = lf.fit(df, kind="snaive", season_lag=7)
    assert m.info["name"] == "snaive(7)"
    assert list(m.params.index) == ["lag", "sigma"] and m.params["lag"] == 7
    ext = df.reindex(pd.date_range(df.index[0], periods=len(df) + 14))
    p = m.predict(ext, ext.index[-14], ext.index[-1])
    last_week = df["energy_mwh"].to_numpy()[-7:]
    assert np.array_equal(p["mean"].to_numpy(), np.tile(last_week, 2))
    diffs = df["energy_mwh"].to_numpy()[7:] - df["energy_mwh"].to_numpy()[:-7]
    close(m.params["sigma"], math.sqrt(np.mean(diffs ** 2)), rtol=1e-12)
    assert m.fitted is None and m.residuals is None and m.ets is None


def test_grid_search_keeps_the_best_try(frame):
    m = lf.fit(frame, day_of_week=True,
               temperature={"column": "tmean_c", "hdd": "auto", "cdd": "auto",
                            "grid_from": 12, "grid_to": 25, "grid_step": 1})
    g = m.grid
    assert len(g) > 10 and list(g.columns) == ["hdd", "cdd", "aicc"]
    assert (g["hdd"] <= g["cdd"]).all()
    best = g.loc[g["aicc"].idxmin()]
    t = m.spec.to_dict()["temperature"]
    assert t["hdd"] == [best["hdd"]] and t["cdd"] == [best["cdd"]]   # bases resolved
    names = m.coefficients.index
    assert f"HDD{best['hdd']:g}" in names and f"CDD{best['cdd']:g}" in names
    assert m.fit_stats["aicc"] == best["aicc"]
    assert abs(best["hdd"] - 16) <= 1 and abs(best["cdd"] - 22) <= 1


def test_write_coefficients_is_the_coefficients(frame, tmp_path):
    m = lf.fit(frame, **SPEC)
    m.write_coefficients(tmp_path / "coef.csv")
    back = pd.read_csv(tmp_path / "coef.csv", keep_default_na=False)
    assert back.columns.tolist()[:3] == ["name", "driver", "estimate"]
    c = m.coefficients
    assert back["name"].tolist() == c.index.tolist()
    assert back["driver"].tolist() == c["driver"].tolist()
    close(back["estimate"].astype(float), c["estimate"], rtol=1e-9)
    with pytest.raises(lf.LibIOError):
        m.write_coefficients(tmp_path / "no" / "such" / "dir.csv")


def test_fit_on_a_frame_and_on_its_dataframe_agree(frame):
    a = lf.fit(frame, **SPEC)
    b = lf.fit(lf.Frame.from_pandas(frame), **SPEC)
    assert a.coefficients.equals(b.coefficients)
    assert a.info == b.info
    cal = lf.Calendar(2021, 2030)
    c = lf.fit(frame, **SPEC, calendar=cal)
    assert c.calendar is cal and c.coefficients.equals(a.coefficients)


def test_holiday_terms_use_the_calendar(frame):
    cn = lf.fit(frame, day_of_week=True, holiday=True, calendar="CN")
    none = lf.fit(frame, day_of_week=True, holiday=True)
    # no holiday in an empty calendar: the dummy is dropped as all zero
    assert not cn.coefficients.loc["holiday", "dropped"]
    assert none.coefficients.loc["holiday", "dropped"]


def test_an_ets_models_fit_is_an_etsfit_view_closed_with_the_model():
    days = pd.date_range("2024-01-01", periods=84)
    noise = np.random.default_rng(3).normal(0, 0.5, len(days))
    y = pd.DataFrame({"energy_mwh": 100 + 10.0 * (days.dayofweek < 5) + noise}, index=days)
    m = lf.fit(y, kind="ets", ets={"trend": "none", "season": "additive"})
    f = m.ets_fit
    assert f.name == m.ets["name"] and f.params["alpha"] == m.ets["alpha"]
    pd.testing.assert_series_equal(f.fitted, m.fitted, check_names=False, check_freq=False)
    assert f.forecast(7).index[0] == pd.Timestamp("2024-03-25")
    assert lf.fit(y, day_of_week=True).ets_fit is None
    m.close()
    assert f.closed
    with pytest.raises(lf.ClosedError):
        f.forecast(7)
