"""STL and MSTL through the binding (decompose.py): the C library's own
reference values (tests/reference/stl: statsmodels 0.13's STL, R's
stats::stl and forecast::mstl on the synthetic series and NSW daily energy,
the fixtures of tests/test_stl.c, every row compared to the C test's
tolerance), statsmodels' STL run here, exact cases, the settings as
resolved, the seasonally adjusted series, the errors and the memory."""
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from libforecast import ArgumentError, InputError
from libforecast import _lib
from libforecast.decompose import mstl, stl, stl_adjust
from rss import BOUND_MB, grows

REF = ROOT / "tests" / "reference" / "stl"


@pytest.fixture(scope="module")
def syn():
    return pd.read_csv(REF / "synthetic.csv").y.to_numpy()


@pytest.fixture(scope="module")
def nsw():
    d = pd.read_csv(REF / "nsw_daily.csv", parse_dates=["date"])
    return pd.Series(d.energy_mwh.to_numpy(), index=pd.DatetimeIndex(d.date), name="energy")


def reference(name):
    """{(case, what): (indices, values)} of a case,what,index,value file."""
    ref = pd.read_csv(REF / name)
    return {key: (g["index"].to_numpy(), g["value"].to_numpy())
            for key, g in ref.groupby(["case", "what"], sort=False)}


def compare(ref, case, what, got, tol):
    """got at the reference's indices, to tol of the largest reference value
    (weights: tol), as test_stl.c's check_ref; the number of rows."""
    idx, want = ref[(case, what)]
    scale = 1.0 if what == "weight" else np.max(np.abs(want))
    worst = np.max(np.abs(np.asarray(got)[idx] - want)) / scale
    assert worst <= tol, f"{case} {what}: off by {worst:.2e} of {scale:.3g}"
    return len(idx)


# the cases of tests/reference/stl/stl_reference.py and stl_reference.R
SM_CASES = {
    "syn_default": ("syn", dict(period=7)),
    "syn_robust": ("syn", dict(period=7, robust=True)),
    "syn_custom": ("syn", dict(period=7, seasonal=13, trend=23, low_pass=9, seasonal_deg=0,
                               trend_deg=1, low_pass_deg=0, seasonal_jump=2, trend_jump=3,
                               low_pass_jump=2, robust=True, inner=3, outer=4)),
    "syn_p30": ("syn", dict(period=30, seasonal=9)),
    "nsw_week": ("nsw", dict(period=7)),
    "nsw_week_robust": ("nsw", dict(period=7, seasonal=11, robust=True, seasonal_jump=2,
                                    trend_jump=3, low_pass_jump=2)),
    "nsw_year": ("nsw", dict(period=365)),
    "nsw_year364_robust": ("nsw", dict(period=364, seasonal=11, robust=True)),
}
R_CASES = {
    "r_nsw_week": ("nsw", dict(period=7, seasonal=7)),
    "r_nsw_week_periodic": ("nsw", dict(period=7, seasonal="periodic")),
    # 1095 days: R's median is off for an even n (stl_reference.R)
    "r_nsw_year_robust": ("nsw1095", dict(period=365, seasonal=13, robust=True)),
    "r_syn_periodic_robust": ("syn", dict(period=30, seasonal="periodic", robust=True)),
    "r_syn_custom": ("syn", dict(period=7, seasonal=9, seasonal_deg=1, trend=15, low_pass=7,
                                 trend_deg=0, seasonal_jump=1, inner=3, outer=2)),
}
MSTL_CASES = {
    "m_nsw": ("nsw", [7, 365], {}),
    "m_nsw_364_robust": ("nsw1095", [7, 364], dict(robust=True)),
    "m_syn_dropped": ("syn", [7, 30, 120], {}),
    "m_syn_custom": ("syn", [7, 30], dict(iterations=3, seasonal=[9, 21], trend=41,
                                          seasonal_deg=1)),
    "m_syn_periodic": ("syn", [7, 30], dict(seasonal="periodic")),
}


def series_of(which, syn, nsw):
    return {"syn": syn, "nsw": nsw, "nsw1095": nsw.iloc[:1095]}[which]


def check_stl_cases(ref, cases, syn, nsw, **extra):
    rows = 0
    for case, (which, kw) in cases.items():
        d = stl(series_of(which, syn, nsw), **kw, **extra)
        rows += compare(ref, case, "seasonal", d["seasonal"], 1e-9)
        rows += compare(ref, case, "trend", d["trend"], 1e-9)
        if (case, "weight") in ref:
            rows += compare(ref, case, "weight", d["weight"], 1e-9)
        else:
            assert "weight" not in d    # not robust: no weights column
    return rows


def test_stl_matches_statsmodels_reference(syn, nsw):
    ref = reference("stl_statsmodels.csv")
    rows = check_stl_cases(ref, SM_CASES, syn, nsw)
    assert rows == sum(len(i) for i, _ in ref.values())   # every row compared


def test_stl_matches_r_reference(syn, nsw):
    ref = reference("stl_r.csv")
    rows = check_stl_cases(ref, R_CASES, syn, nsw, defaults="R")
    assert rows == sum(len(i) for i, _ in ref.values())


def test_mstl_matches_r_reference(syn, nsw):
    ref = reference("mstl_r.csv")
    rows = 0
    for case, (which, periods, kw) in MSTL_CASES.items():
        y = series_of(which, syn, nsw)
        if case == "m_syn_dropped":
            with pytest.warns(UserWarning, match=r"\[120\] dropped"):
                d = mstl(y, periods, **kw)
        else:
            d = mstl(y, periods, **kw)
        kept = d.attrs["periods"]
        assert len(kept) == ref[(case, "nused")][1][0]
        rows += 1
        assert list(d.columns) == ["trend"] + [f"seasonal_{p}" for p in kept] + ["remainder"]
        assert d.attrs["dropped"] == periods[len(kept):]
        for p in kept:
            rows += compare(ref, case, f"seasonal{p}", d[f"seasonal_{p}"], 1e-8)
        rows += compare(ref, case, "trend", d["trend"], 1e-8)
        rows += compare(ref, case, "remainder", d["remainder"], 1e-8)
    assert rows == sum(len(i) for i, _ in ref.values())


@pytest.mark.parametrize("kw", [dict(period=7), dict(period=7, seasonal=11, robust=True),
                                dict(period=30, seasonal=13, trend=45, low_pass_jump=3)])
def test_stl_matches_statsmodels_here(syn, nsw, kw):
    sm = pytest.importorskip("statsmodels.tsa.seasonal")
    for y in (syn, nsw.to_numpy()):
        res = sm.STL(y, **kw).fit()
        d = stl(y, **kw)
        scale = np.max(np.abs(y))
        for ours, theirs in (("seasonal", res.seasonal), ("trend", res.trend),
                             ("remainder", res.resid)):
            assert np.max(np.abs(d[ours].to_numpy() - theirs)) <= 1e-9 * scale, ours
        if kw.get("robust"):
            assert np.max(np.abs(d["weight"].to_numpy() - res.weights)) <= 1e-9


# ---- exact cases, settings, index ----------------------------------------------------------

def test_a_weekly_sine_on_a_line_decomposes_exactly():
    t = np.arange(140)
    y = 500 + 1.5 * t + 40 * np.sin(2 * np.pi * t / 7)
    d = stl(y, 7)
    assert np.max(np.abs(d["seasonal"] - 40 * np.sin(2 * np.pi * t / 7))) < 1e-9
    assert np.max(np.abs(d["trend"] - (500 + 1.5 * t))) < 1e-9
    assert np.max(np.abs(d["remainder"])) < 1e-9
    assert list(d.columns) == ["trend", "seasonal", "remainder"]


def test_components_add_back_and_adjust(syn, nsw):
    d = stl(nsw, 7, robust=True)
    y = nsw.to_numpy()
    # C evaluates y - seasonal - trend as written: exactly these doubles
    assert np.array_equal(d["remainder"].to_numpy(), y - d["seasonal"] - d["trend"])
    adj = stl_adjust(nsw, d)
    assert adj.name == "adjusted" and adj.index.equals(nsw.index)
    assert np.array_equal(adj.to_numpy(), y - d["seasonal"].to_numpy())
    assert np.array_equal(stl_adjust(nsw, d["seasonal"]).to_numpy(), adj.to_numpy())
    assert np.array_equal(stl_adjust(y, d["seasonal"].to_numpy()).to_numpy(), adj.to_numpy())
    m = mstl(nsw, [7, 365])
    s7, s365 = m["seasonal_7"].to_numpy(), m["seasonal_365"].to_numpy()
    assert np.array_equal(m["remainder"].to_numpy(), y - s7 - s365 - m["trend"].to_numpy())
    assert np.array_equal(stl_adjust(nsw, m).to_numpy(), y - s7 - s365)


def test_periodic_season_repeats(nsw):
    s = stl(nsw, 7, seasonal="periodic")["seasonal"].to_numpy()
    assert np.array_equal(s[7:], s[:-7])
    m = mstl(nsw, [7, 365], seasonal="periodic")["seasonal_7"].to_numpy()
    assert np.array_equal(m[7:], m[:-7])


def test_settings_are_the_resolved_defaults():
    y = 100 + np.tile(np.arange(7.0), 15)[:100]
    order = ("trend", "low_pass", "seasonal_deg", "trend_deg", "low_pass_deg", "seasonal_jump",
             "trend_jump", "low_pass_jump", "inner", "outer")

    def settings(**kw):
        s = stl(y, 7, **kw).attrs["settings"]
        return tuple(s[k] for k in order)
    # test_stl.c's spec_defaults_follow_statsmodels / _r
    assert settings() == (15, 9, 1, 1, 1, 1, 1, 1, 5, 0)
    assert settings(robust=True) == (15, 9, 1, 1, 1, 1, 1, 1, 2, 15)
    assert settings(defaults="R") == (15, 7, 0, 1, 1, 1, 2, 1, 2, 0)
    assert settings(defaults="R", robust=True) == (15, 7, 0, 1, 1, 1, 2, 1, 1, 15)
    assert settings(defaults="R", seasonal="periodic", seasonal_deg=1) == \
        (11, 7, 0, 1, 1, 101, 2, 1, 2, 0)
    s = stl(y, 7).attrs["settings"]
    assert (s["period"], s["seasonal"], s["robust"], s["defaults"]) == (7, 7, False, "statsmodels")
    assert stl(y, 7, seasonal="periodic").attrs["settings"]["seasonal"] == "periodic"
    explicit = settings(trend=21, inner=3, outer=1)       # kept as given
    assert (explicit[0], explicit[8], explicit[9]) == (21, 3, 1)


def test_index_and_inputs(syn):
    days = pd.date_range("2023-01-01", periods=len(syn))
    d = stl(pd.Series(syn, index=days), 7)
    assert d.index.equals(days)
    a = stl(syn, 7)
    assert a.index.equals(pd.RangeIndex(len(syn)))
    assert np.array_equal(a.to_numpy(), d.to_numpy())
    # lists and integers are converted (copied); the result is the same
    assert np.array_equal(stl(list(syn), 7).to_numpy(), a.to_numpy())
    ints = np.round(syn).astype(np.int64)
    assert np.array_equal(stl(ints, 7).to_numpy(), stl(ints.astype(float), 7).to_numpy())
    copy = syn.copy()
    stl(syn, 7, robust=True)
    assert np.array_equal(syn, copy)          # C only reads the series
    m = mstl(pd.Series(syn, index=days), 30)  # one period as an int
    assert list(m.columns) == ["trend", "seasonal_30", "remainder"] and m.index.equals(days)


# ---- errors ------------------------------------------------------------------------------------

def ramp(n):
    return 100 + np.arange(n, dtype=float) + 10 * (np.arange(n) % 7)


def test_too_short_raises_the_c_message():
    with pytest.raises(InputError, match=r"period 7 .*at least 15 values, got 14"):
        stl(ramp(14), 7)
    stl(ramp(15), 7)
    with pytest.raises(InputError, match="at least 731"):
        stl(ramp(730), 365)
    with pytest.raises(InputError, match="at least 15"):
        mstl(ramp(14), [7, 30])         # every period dropped
    with pytest.raises(InputError, match="at least 15"):
        stl([], 7)


def test_missing_and_infinite_values_are_named():
    y = ramp(60)
    y[23] = np.nan
    with pytest.raises(InputError, match=r"y\[23\].*NaN.*fill"):
        stl(y, 7)
    y[23], y[41] = 5, -np.inf
    with pytest.raises(InputError, match=r"y\[41\].*infinite"):
        stl(y, 7)
    with pytest.raises(InputError, match=r"MSTL.*y\[41\]"):
        mstl(y, [7, 14])
    with pytest.raises(InputError, match=r"y\[2\]"):
        stl(pd.Series([1.0, 2, None] + list(ramp(30)), dtype="Float64"), 7)


@pytest.mark.parametrize("kw,text", [
    (dict(period=1), "period must be >= 2, got 1"),
    (dict(period=7, seasonal=8), "seasonal window must be an odd.*got 8"),
    (dict(period=7, trend=4), "trend window must be an odd integer >= 3.*got 4"),
    (dict(period=7, seasonal_deg=2), "seasonal degree must be 0 or 1.*got 2"),
    (dict(period=7, low_pass_jump=0), "low_pass jump.*got 0"),
    (dict(period=7, inner=0), "inner iterations must be >= 1.*got 0"),
    (dict(period=7, outer=-2), "outer iterations must be >= 0.*got -2"),
])
def test_bad_settings_raise_the_c_message(kw, text):
    with pytest.raises(ArgumentError, match=text):
        stl(ramp(60), **kw)


@pytest.mark.parametrize("periods,kw,text", [
    ([30, 7], {}, r"ascending.*periods\[1\] = 7"),
    ([2, 3, 4, 5, 6], {}, "number of periods must be 1..4, got 5"),
    ([], {}, "got 0"),
    ([1, 7], {}, "period must be >= 2"),
    ([7, 30], dict(seasonal=[7, 10]), "MSTL period 30.*got 10"),
    ([7, 30], dict(iterations=0), "iterations must be >= 1"),
    ([7, 30], dict(trend_deg=3), "trend degree.*got 3"),
])
def test_bad_mstl_settings_raise_the_c_message(periods, kw, text):
    with pytest.raises(ArgumentError, match=text):
        mstl(ramp(100), periods, **kw)


@pytest.fixture
def no_c_call(monkeypatch):
    """The decomposition functions replaced by one that fails the test: an
    ArgumentError must come before any C call."""
    def called(*args):
        raise AssertionError("C was called")
    for name in ("lf_stl_spec_init", "lf_stl", "lf_mstl_spec_init", "lf_mstl", "lf_stl_adjust"):
        monkeypatch.setattr(_lib.LIB, name, called)


@pytest.mark.parametrize("series", [np.array(["a"] * 30), np.ones(30, dtype=bool),
                                    np.ones((30, 2)), pd.Series(pd.date_range("2024-01-01",
                                                                              periods=30))])
def test_wrong_dtype_or_shape_is_refused_before_c(no_c_call, series):
    with pytest.raises(ArgumentError, match="series"):
        stl(series, 7)
    with pytest.raises(ArgumentError, match="series"):
        mstl(series, [7])
    with pytest.raises(ArgumentError, match="series"):
        stl_adjust(series, np.zeros(30))


@pytest.mark.parametrize("call,text", [
    (lambda y: stl(y, 7.0), "period must be an int"),
    (lambda y: stl(y, 2 ** 40), "out of range"),
    (lambda y: stl(y, True), "period must be an int"),
    (lambda y: stl(y, 7, seasonal="weekly"), "'periodic'"),
    (lambda y: stl(y, 7, trend=15.0), "trend must be an int"),
    (lambda y: stl(y, 7, robust="yes"), "robust must be True or False"),
    (lambda y: stl(y, 7, defaults="Python"), "defaults must be one of statsmodels, R"),
    (lambda y: mstl(y, "7"), "periods must be"),
    (lambda y: mstl(y, [7, 30], seasonal=[9]), "seasonal has 1 windows; expected 2"),
    (lambda y: mstl(y, [7, 30], seasonal=9.0), r"seasonal\[0\] must be an int"),
    (lambda y: mstl(y, [7, 30], iterations="2"), "iterations must be an int"),
    (lambda y: stl_adjust(y, np.zeros(59)), "components has 59 values; expected 60"),
    (lambda y: stl_adjust(pd.Series(y), pd.Series(np.zeros(60), index=np.arange(1, 61))),
     "the series' index"),
    (lambda y: stl_adjust(y, pd.DataFrame({"trend": np.zeros(60)})), "no seasonal column"),
])
def test_bad_arguments_are_refused_before_c(no_c_call, call, text):
    with pytest.raises(ArgumentError, match=text):
        call(ramp(60))


# ---- memory ------------------------------------------------------------------------------------

def test_2000_decompositions_do_not_grow_the_process(syn):
    """STL, MSTL and the adjustment hold no C memory after they return; a
    leak of lf_stl's or lf_mstl's workspace (about 12 n + 6 p doubles a call,
    23 kB on these 240 values, two calls a round) would grow the RSS by some
    90 MB (measured with lf_stl_work_free freeing nothing: 92)."""
    def once():
        d = stl(syn, 7, robust=True, outer=1)
        m = mstl(syn, [7, 30])
        stl_adjust(syn, m)
        stl_adjust(syn, d)

    growth, before = grows(once)
    assert growth < BOUND_MB, f"RSS grew {growth:.1f} MB from {before:.0f} MB"
