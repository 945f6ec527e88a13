"""The value building blocks worked by hand: ABC classes and the Pareto
curve, RFM scores (by rank and by edges), a set's RFM, percentile ranks,
and usage alerts on a Series, a DataFrame and a CustomerSet."""
import numpy as np
import pandas as pd
import pytest

import libforecast as lf


@pytest.fixture(scope="module")
def cs(sample):
    crm = sample / "crm"
    s = lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv", crm / "payments.csv")
    yield s
    s.close()


@pytest.fixture(scope="module")
def sample_eval(sample):
    ev = lf.evaluate_customers_config(sample / "project.yaml")
    yield ev
    ev.close()


# ---- ABC ------------------------------------------------------------------------------------


def test_abc_by_hand():
    profit = pd.Series({"a": 50.0, "b": 30.0, "c": 12.0, "d": 5.0, "e": 3.0, "f": -4.0})
    out = lf.abc_classify(profit)
    # positive total 100: S(k) = .5 .8 .92 .97 1 .96; A while S(k-1) < .8, B while < .95
    np.testing.assert_allclose(out["share"], [0.5, 0.8, 0.92, 0.97, 1.0, 0.96], rtol=1e-12)
    np.testing.assert_allclose(out["share_before"], [0, 0.5, 0.8, 0.92, 0.97, 1.0], rtol=1e-12)
    assert out["abc"].tolist() == ["A", "A", "B", "B", "C", "C"]
    assert out["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    np.testing.assert_allclose(out["customer_share"], np.arange(1, 7) / 6)
    assert out["value"].tolist() == profit.tolist()
    assert lf.abc_classify(profit, a_share="50%", b_share=0.8)["abc"].tolist() == \
        ["A", "B", "C", "C", "C", "C"]


def test_abc_order_ties_and_edges():
    shuffled = pd.Series({"e": 3.0, "a": 50.0, "c": 12.0})
    out = lf.abc_classify(shuffled)
    assert list(out.index) == ["e", "a", "c"] and out["rank"].tolist() == [3, 1, 2]
    ties = lf.abc_classify(pd.Series({"b": 10.0, "a": 10.0, "c": 5.0}))
    assert ties["rank"].tolist() == [2, 1, 3]                   # equal values by id
    assert lf.abc_classify([10.0, 10.0, 5.0])["rank"].tolist() == [1, 2, 3]   # by position
    # the customer that reaches the line is A, the next is not
    assert lf.abc_classify([80.0, 20.0])["abc"].tolist() == ["A", "B"]
    none = lf.abc_classify([0.0, -1.0])
    assert none["abc"].tolist() == ["C", "C"] and none["share"].tolist() == [0, 0]
    assert lf.abc_classify([]).empty


def test_abc_errors():
    with pytest.raises(lf.InputError, match="customer 'b' has profit nan"):
        lf.abc_classify(pd.Series({"a": 1.0, "b": np.nan}))
    with pytest.raises(lf.ArgumentError, match="the ABC shares are A 0.9 and B 0.5"):
        lf.abc_classify([1.0], a_share=0.9, b_share=0.5)
    with pytest.raises(lf.ArgumentError, match="not a DataFrame"):
        lf.abc_classify(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(lf.ArgumentError, match="must hold numbers"):
        lf.abc_classify(["a", "b"])
    with pytest.raises(lf.ArgumentError, match="one-dimensional"):
        lf.abc_classify(np.ones((2, 2)))


def test_abc_of_the_evaluation_is_abc_classify(sample_eval):
    profit = sample_eval.customers["profit"]
    mine = lf.abc_classify(profit)
    assert mine["abc"].tolist() == sample_eval.customers["abc"].tolist()
    assert mine["rank"].tolist() == sample_eval.customers["rank"].tolist()


# ---- RFM, percentile ranks ----------------------------------------------------------------------


def test_rank_scores_by_hand():
    # 1 + floor(5 (r - 1/2) / m), r the mid-rank from worst to best
    assert lf.rfm_scores(range(1, 11)).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert lf.rfm_scores([5, 5, 5, 5, 1]).tolist() == [4, 4, 4, 4, 1]      # mid-rank 3.5
    # lower is better: the 5s are the worst four, mid-rank 2.5 -> 1 + floor(5 x 2 / 5)
    assert lf.rfm_scores([5, 5, 5, 5, 1], lower_is_better=True).tolist() == [3, 3, 3, 3, 5]
    assert lf.rfm_scores([1, np.nan, 3]).tolist() == [2, 1, 4]             # m = 2
    assert lf.rfm_scores([np.inf, 7.0], lower_is_better=True).tolist() == [1, 3]
    s = lf.rfm_scores(pd.Series([3.0, 1.0], index=["x", "y"]))
    assert s.to_dict() == {"x": 4, "y": 2} and s.dtype == np.int64


def test_edge_scores_by_hand():
    assert lf.rfm_scores([11, 12, 13], edges=[12]).tolist() == [1, 2, 2]
    # R: on an edge still scores the better bin
    assert lf.rfm_scores([5, 30, 31, 60, 61, np.nan], lower_is_better=True,
                         edges=[30, 60]).tolist() == [3, 3, 2, 2, 1, 1]
    for edges, message in [([], "needs 1 to 8 edges, got 0"), (range(9), "got 9"),
                           ([2, 1], "increase strictly"), ([1, np.inf], "finite")]:
        with pytest.raises(lf.ArgumentError, match=message):
            lf.rfm_scores([1.0], edges=edges)


def test_customer_rfm_is_the_evaluations(cs, sample_eval):
    rfm = lf.customer_rfm(cs, evaluated="2024-12-31")
    ev = sample_eval.customers
    for col in ("recency_days", "frequency", "monetary", "r", "f", "m", "rfm"):
        assert rfm[col].tolist() == ev[col].tolist(), col
    assert (rfm["total"] == rfm["r"] + rfm["f"] + rfm["m"]).all()
    assert rfm.attrs["edges"] == {"recency_days": None, "frequency": None, "monetary": None}
    edges = {"frequency": [6, 9, 11, 12]}
    by_edges = lf.customer_rfm(cs, edges=edges, window_months=6)
    assert by_edges.attrs["edges"]["frequency"] == [6, 9, 11, 12]
    freq = by_edges["frequency"]
    assert by_edges["f"].tolist() == lf.rfm_scores(freq, edges=[6, 9, 11, 12]).tolist()
    # M: bills over the 6 months ending with the evaluation month
    np.testing.assert_allclose(by_edges["monetary"], cs.bills.loc["2024-07":].sum(), rtol=1e-12)


def test_customer_rfm_errors(cs):
    with pytest.raises(lf.ArgumentError, match="outside the set's months"):
        lf.customer_rfm(cs, evaluated="2022-05-01")
    with pytest.raises(lf.ArgumentError, match="edges has the key 'r'"):
        lf.customer_rfm(cs, edges={"r": [1]})
    with pytest.raises(lf.ArgumentError, match="recency edge 2 is 1 after 5"):
        lf.customer_rfm(cs, edges={"recency_days": [5, 1]})


def test_percentile_ranks_by_hand():
    assert lf.percentile_ranks([10.0, 30.0, 20.0, 20.0]).tolist() == [0, 100, 50, 50]
    assert lf.percentile_ranks([1.0, np.nan, 3.0]).tolist() == [0, 0, 100]
    assert lf.percentile_ranks([7.0]).tolist() == [100]
    s = lf.percentile_ranks(pd.Series([2.0, 1.0], index=["a", "b"]))
    assert s.to_dict() == {"a": 100, "b": 0}


# ---- usage alerts ---------------------------------------------------------------------------

MONTHS = pd.period_range("2023-01", periods=24, freq="M")


def test_last_year_and_previous_by_hand():
    kwh = pd.Series([100.0] * 12 + [104.0] * 11 + [150.0], index=MONTHS, name="C9")
    a = lf.usage_alerts(kwh)
    assert len(a) == 1
    row = a.loc[1]
    assert (row["id"], row["month"], row["actual_kwh"], row["expected_kwh"]) == \
        ("C9", pd.Period("2024-12", "M"), 150, 100)
    assert (row["change_kwh"], row["change_pct"], row["direction"]) == (50, 0.5, "up")
    assert np.isnan(row["z"])            # every earlier change is 4: no spread
    p = lf.usage_alerts(kwh, baseline="previous").loc[1]
    assert p["expected_kwh"] == 104 and p["change_pct"] == pytest.approx(46 / 104)
    assert lf.usage_alerts(kwh, threshold="50%").shape[0] == 1      # 0.5 reaches 0.5
    assert lf.usage_alerts(kwh, threshold=0.51).empty
    assert lf.usage_alerts(kwh, min_kwh=101).empty                   # expected 100: skipped


def test_z_by_hand():
    rng = np.random.default_rng(3)
    base = 1000 + rng.normal(0, 30, 24)
    kwh = pd.Series(base, index=MONTHS)
    kwh.iloc[-1] = base[-13] + 400
    changes = kwh.to_numpy()[12:23] - kwh.to_numpy()[:11]       # the history before the month
    z = (400 - changes.mean()) / changes.std(ddof=1)
    a = lf.usage_alerts(kwh, measure="z", min_history=5)
    assert len(a) == 1 and a.loc[1, "z"] == pytest.approx(z, rel=1e-12)
    assert a.loc[1, "id"] == "series"
    assert lf.usage_alerts(kwh, measure="z", min_history=12).empty   # 11 changes: z NaN
    assert lf.usage_alerts(kwh, measure="z", threshold=z + 0.01, min_history=5).empty


def test_recent_months_through_and_a_frame():
    kwh = pd.DataFrame({"A": [100.0] * 24, "B": [100.0] * 24}, index=MONTHS)
    kwh.loc["2024-06", "A"] = 40.0
    kwh.loc["2024-11", "B"] = 180.0
    kwh.loc["2024-12", "A"] = 200.0
    a = lf.usage_alerts(kwh, recent_months=2)
    assert a[["id", "change_pct"]].values.tolist() == [["A", 1.0], ["B", 0.8]]  # ranked
    assert list(a.index) == [1, 2]
    old = lf.usage_alerts(kwh, through="2024-06")
    assert old[["id", "month", "direction"]].values.tolist() == \
        [["A", pd.Period("2024-06", "M"), "down"]]
    expected = kwh.copy() * 0 + 100.0
    expected.loc["2024-12", "A"] = 190.0
    e = lf.usage_alerts(kwh, expected[["A"]], baseline="expected")  # B: none expected
    assert e.empty                                                  # 200 vs 190: 5 %
    dated = kwh.set_axis(MONTHS.to_timestamp())                     # a DatetimeIndex works
    assert lf.usage_alerts(dated, recent_months=2).equals(a)


def test_a_customer_set_gives_the_evaluations_alerts(cs, sample_eval):
    a = lf.usage_alerts(cs, threshold="30%", min_kwh=50000)
    pd.testing.assert_frame_equal(a, sample_eval.alerts)
    assert list(a.columns) == ["id", "name", "month", "actual_kwh", "expected_kwh",
                               "change_kwh", "change_pct", "z", "direction"]
    some = lf.usage_alerts(cs, through="2024-06", threshold=0.1)
    assert (some["month"] == pd.Period("2024-06", "M")).all() and len(some) > 0


def test_alert_errors(cs):
    kwh = pd.Series([1.0] * 24, index=MONTHS)
    cases = [
        (lambda: lf.usage_alerts(kwh.reset_index(drop=True)), lf.ArgumentError,
         "indexed by months"),
        (lambda: lf.usage_alerts(kwh.iloc[[0, 2, 3]]), lf.ArgumentError,
         "consecutive months in order: 2023-03 follows 2023-01"),
        (lambda: lf.usage_alerts(kwh, baseline="yoy"), lf.ArgumentError,
         "alert_baseline 'yoy' is not one of last_year, previous, expected"),
        (lambda: lf.usage_alerts(kwh, baseline="expected"), lf.ArgumentError,
         "baseline expected needs the expected energy"),
        (lambda: lf.usage_alerts(kwh, previous_months=-2), lf.ArgumentError,
         "alert_previous_months must be an int >= 0"),
        (lambda: lf.usage_alerts(kwh, min_history=1), lf.ArgumentError,
         "a standard deviation needs 2 or more months"),
        (lambda: lf.usage_alerts(kwh * -1), lf.InputError,
         "month 2023-01: the actual energy is -1 kWh"),
        (lambda: lf.usage_alerts(kwh, kwh.rename("other"), baseline="expected"),
         lf.ArgumentError, "expected has customer 'other'"),
        (lambda: lf.usage_alerts(kwh, through="2030-01"), lf.ArgumentError,
         "through 2030-01 is outside the months"),
        (lambda: lf.usage_alerts([1.0, 2.0]), lf.ArgumentError,
         "energy must be a CustomerSet, a Series or a DataFrame"),
        (lambda: lf.usage_alerts(kwh.astype(str)), lf.ArgumentError, "must hold numbers"),
        (lambda: lf.usage_alerts(cs, pd.DataFrame({"C001": [1.0]}, index=pd.PeriodIndex(
            ["2019-01"], freq="M")), baseline="expected"), lf.ArgumentError,
         "expected has month 2019-01"),
    ]
    for run, error, message in cases:
        with pytest.raises(error) as e:
            run()
        assert message in str(e.value), message
