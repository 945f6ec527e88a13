"""Credit building blocks: AHP weights worked by hand and with numpy's
eigenvectors, ratings and raw indicators worked by hand, settlement advice,
the default tables, the errors."""
import numpy as np
import pandas as pd
import pytest

import libforecast as lf

SAATY = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])


def numpy_ahp(a):
    """weights, lambda_max of the principal eigenvector, independently."""
    values, vectors = np.linalg.eig(a)
    k = np.argmax(values.real)
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), values[k].real


def test_a_consistent_matrix_gives_its_weights_exactly():
    w = np.array([0.5, 0.3, 0.2])
    r = lf.ahp_weights(np.outer(w, 1 / w))      # a_ij = w_i / w_j: every judgement agrees
    np.testing.assert_allclose(r.weights.to_numpy(), w, rtol=1e-12)
    assert r.lambda_max == pytest.approx(3, abs=1e-12)
    assert r.ci == pytest.approx(0, abs=1e-12) and r.cr == pytest.approx(0, abs=1e-12)
    assert r.ri == 0.58 and r.consistent


def test_saaty_matrix_against_numpy():
    w, lam = numpy_ahp(SAATY)
    r = lf.ahp_weights(SAATY)
    np.testing.assert_allclose(r.weights.to_numpy(), w, rtol=1e-9)
    assert r.lambda_max == pytest.approx(lam, rel=1e-9)
    assert r.ci == pytest.approx((lam - 3) / 2, rel=1e-6)
    assert r.cr == pytest.approx((lam - 3) / 2 / 0.58, rel=1e-6)
    # by hand: lambda_max 3.0037, CI 0.00185, CR 0.0032
    assert (round(r.lambda_max, 4), round(r.cr, 4), r.consistent) == (3.0037, 0.0032, True)
    assert r.weights.sum() == pytest.approx(1, abs=1e-15)


def test_the_judgement_to_revise():
    a = np.array([[1, 9, 1 / 3], [1 / 9, 1, 5], [3, 1 / 5, 1]])   # circular: i > j > k > i
    w, lam = numpy_ahp(a)
    r = lf.ahp_weights(pd.DataFrame(a, index=list("xyz"), columns=list("xyz")))
    assert list(r.weights.index) == list("xyz")
    np.testing.assert_allclose(r.weights.to_numpy(), w, rtol=1e-9)
    assert not r.consistent and r.cr > 0.1
    cells = [(i, j) for i in range(3) for j in range(i + 1, 3)]
    i, j = max(cells, key=lambda c: abs(np.log(a[c] * w[c[1]] / w[c[0]])))
    assert r.worst == ("xyz"[i], "xyz"[j])
    assert r.worst_implied == pytest.approx(w[i] / w[j], rel=1e-9)
    with pytest.raises(lf.ArgumentError, match="CR = ") as e:
        lf.ahp_weights(a, require_consistent=True)
    assert e.value.ahp.cr == pytest.approx(r.cr)   # the rejected matrix's result, to show


def test_orders_one_and_two_are_consistent():
    assert lf.ahp_weights([[1.0]]).weights.tolist() == [1.0]
    r = lf.ahp_weights([[1, 4], [1 / 4, 1]])
    np.testing.assert_allclose(r.weights.to_numpy(), [0.8, 0.2], rtol=1e-12)
    assert r.cr == 0 and r.consistent


def test_ahp_complete_and_random_index():
    upper = np.array([[9.0, 2, 4], [7, 0, 3], [np.nan, -1, 5]])   # below and on: ignored
    full = lf.ahp_complete(upper)
    np.testing.assert_array_equal(full, [[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]])
    assert upper[0, 0] == 9                                        # a copy
    labelled = lf.ahp_complete(pd.DataFrame(upper, index=list("abc"), columns=list("abc")))
    assert list(labelled.columns) == list("abc")
    assert [lf.ahp_random_index(n) for n in (1, 2, 3, 4, 15)] == [0, 0, 0.58, 0.90, 1.59]
    assert np.isnan(lf.ahp_random_index(16)) and np.isnan(lf.ahp_random_index(0))


@pytest.mark.parametrize("matrix,error,message", [
    ([[1, 3], [0.333, 1]], lf.ArgumentError, "(1, 2)"),              # not reciprocal enough
    ([[1, -2], [-0.5, 1]], lf.ArgumentError, "(1, 2)"),
    ([[1, np.nan], [np.nan, 1]], lf.ArgumentError, "(1, 2)"),
    ([[1, 2, 3], [0.5, 1, 2]], lf.ArgumentError, "must be square"),
    (np.ones((16, 16)), lf.ArgumentError, "1 x 1 to 15 x 15"),
    ([["a", "b"], ["c", "d"]], lf.ArgumentError, "must hold numbers"),
    (pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["b", "a"]), lf.ArgumentError,
     "same items in the same order"),
])
def test_ahp_errors(matrix, error, message):
    with pytest.raises(error) as e:
        lf.ahp_weights(matrix)
    assert message in str(e.value)


def test_ahp_complete_refuses_a_bad_upper_triangle():
    with pytest.raises(lf.ArgumentError):
        lf.ahp_complete([[1, 0], [0, 1]])


# ---- the default tables -------------------------------------------------------------------


def test_default_tables_are_credit_h():
    ind = lf.credit_indicators()
    assert list(ind.index) == ["on_time_share", "mean_days_late", "arrears_months", "breaches",
                               "energy_cv", "industry_outlook"]
    assert ind["weight"].tolist() == [0.25, 0.15, 0.25, 0.15, 0.10, 0.10]
    assert ind["kind"].tolist() == ["linear"] * 5 + ["given"]
    assert ind["best"].tolist()[:5] == [1.0, 0, 0, 0, 0.05]
    assert ind["worst"].tolist()[:5] == [0.5, 30, 3, 3, 0.5]
    assert np.isnan(ind.loc["industry_outlook", "best"])
    assert lf.credit_grades()["min_score"].to_dict() == {
        "AAA": 90, "AA": 80, "A": 70, "BBB": 60, "BB": 50, "B": 40, "C": 0}
    rules = lf.settlement_rules()
    assert rules["cycle_days"].tolist() == [30, 30, 30, 30, 10, 10, 10]
    assert rules["deposit_cycles"].tolist() == [0, 0, 0, 1, 1, 2, 3]


# ---- rating --------------------------------------------------------------------------------

RAW = {"on_time_share": 0.9, "mean_days_late": 6, "arrears_months": 0, "breaches": 1,
       "energy_cv": 0.1, "industry_outlook": 60}


def test_a_rating_by_hand():
    r = lf.credit_rate(RAW)
    # 100 (raw - worst) / (best - worst), clamped; outlook is the score itself
    scores = [100 * 0.4 / 0.5, 100 * -24 / -30, 100, 100 * -2 / -3, 100 * -0.4 / -0.45, 60]
    np.testing.assert_allclose(r.scores.to_numpy(), scores, rtol=1e-12)
    weights = [0.25, 0.15, 0.25, 0.15, 0.10, 0.10]
    np.testing.assert_allclose(r.contributions.to_numpy(), np.multiply(weights, scores),
                               rtol=1e-12)
    assert r.total == pytest.approx(20 + 12 + 25 + 10 + 80 / 9 + 6, rel=1e-12)   # 81.89
    assert r.grade == "AA"


def test_scores_clamp_and_grades_at_their_thresholds():
    worst = dict(RAW, on_time_share=0.2, mean_days_late=45, arrears_months=9, breaches=4,
                 energy_cv=0.9, industry_outlook=0)
    r = lf.credit_rate(worst)
    assert r.scores.tolist() == [0] * 6 and r.total == 0 and r.grade == "C"
    one = pd.DataFrame({"weight": [1.0], "kind": ["linear"], "best": [1.0], "worst": [0.5]},
                       index=["on_time_share"])
    # 100 (0.95 - 0.5) / 0.5 is 89.99999999999999 in double: still AAA (credit.h)
    r = lf.credit_rate({"on_time_share": 0.95}, indicators=one)
    assert r.total < 90 and r.grade == "AAA"
    r = lf.credit_rate({"on_time_share": 0.94}, indicators=one,
                       grades={"good": 85, "bad": 0})
    assert r.grade == "good"


def test_a_frame_of_customers():
    raw = pd.DataFrame([RAW, dict(RAW, breaches=3), dict(RAW, industry_outlook=100)],
                       index=["C1", "C2", "C3"])
    raw["note"] = "ignored"
    out = lf.credit_rate(raw)
    assert list(out.index) == ["C1", "C2", "C3"]
    assert list(out.columns)[-2:] == ["total", "grade"]
    assert out.loc["C1", "total"] == pytest.approx(lf.credit_rate(RAW).total)
    assert out.loc["C2", "breaches_score"] == 0
    assert out.loc["C2", "total"] == pytest.approx(out.loc["C1", "total"] - 0.15 * 200 / 3)
    assert out.loc["C3", "total"] == pytest.approx(out.loc["C1", "total"] + 4)


def test_rating_errors():
    with pytest.raises(lf.ArgumentError, match="no value for indicator 'energy_cv'"):
        lf.credit_rate({k: v for k, v in RAW.items() if k != "energy_cv"})
    with pytest.raises(lf.InputError, match="credit indicator 'breaches' has no value"):
        lf.credit_rate(dict(RAW, breaches=np.nan))
    with pytest.raises(lf.InputError, match="'industry_outlook' is a score given as 120"):
        lf.credit_rate(dict(RAW, industry_outlook=120))
    frame = pd.DataFrame([RAW, dict(RAW, breaches=np.nan)], index=["ok", "C7"])
    with pytest.raises(lf.InputError, match="raw row 'C7': credit indicator 'breaches'"):
        lf.credit_rate(frame)
    heavy = lf.credit_indicators()
    heavy.loc["breaches", "weight"] = 0.5
    with pytest.raises(lf.ArgumentError, match="weights sum to 1.35, not 1"):
        lf.credit_rate(RAW, indicators=heavy)
    with pytest.raises(lf.ArgumentError, match="starts at 10"):
        lf.credit_rate(RAW, grades={"A": 50, "B": 10})
    with pytest.raises(lf.ArgumentError, match="must be a dict, a Series or a DataFrame"):
        lf.credit_rate([0.9, 6, 0, 1, 0.1, 60])
    with pytest.raises(lf.ArgumentError, match="the kinds are linear, given"):
        lf.credit_rate({"x": 1}, indicators={"x": {"weight": 1, "kind": "step"}})
    with pytest.raises(lf.ArgumentError, match="needs the column min_score"):
        lf.credit_rate(RAW, grades=pd.DataFrame({"score": [0]}, index=["A"]))


# ---- raw indicators, settlement ----------------------------------------------------------------


def bills(rows):
    return pd.DataFrame(rows, columns=["due_date", "paid_date", "amount_cny"]).astype(
        {"due_date": "datetime64[ns]", "paid_date": "datetime64[ns]", "amount_cny": float})


def test_raw_indicators_by_hand():
    b = bills([("2024-01-15", "2024-01-10", 100.0),    # early: on time
               ("2024-02-15", "2024-02-25", 300.0),    # 10 days late
               ("2024-03-15", None, 200.0),            # unpaid: 31 - 15 + 1 = 16 days at E
               ("2024-03-15", "2024-04-05", 100.0),    # paid after E: unpaid as of E
               ("2024-03-31", None, 999.0)])           # due on E: not yet assessed
    raw = lf.credit_raw(b, [10.0, np.nan, 12.0], evaluated="2024-03-31")
    assert raw["bills_assessed"] == 4 and raw["bills_late"] == 3 and raw["bills_unpaid"] == 2
    assert raw["on_time_share"] == 0.25
    assert raw["mean_days_late"] == pytest.approx((10 + 16 + 16) / 3)
    assert raw["outstanding"] == 300
    assert raw["mean_monthly_bill"] == pytest.approx(700 / 3)      # three months with a bill
    assert raw["arrears_months"] == pytest.approx(300 / (700 / 3))
    assert raw["energy_cv"] == pytest.approx(1 / 11)               # sd 1 / mean 11, NaN skipped
    assert raw["energy_months"] == 2
    assert np.isnan(raw["breaches"]) and np.isnan(raw["industry_outlook"])
    rated = lf.credit_rate(dict(raw, breaches=0, industry_outlook=50))
    assert rated.scores["on_time_share"] == 0


def test_raw_without_bills_or_energy():
    raw = lf.credit_raw(bills([]), evaluated="2024-01-01")
    assert raw["bills_assessed"] == 0 and np.isnan(raw["on_time_share"])
    assert np.isnan(raw["energy_cv"])


def test_raw_errors():
    with pytest.raises(lf.ArgumentError, match="lacks the column 'paid_date'"):
        lf.credit_raw(pd.DataFrame({"due_date": [], "amount_cny": []}), evaluated="2024-01-01")
    with pytest.raises(lf.ArgumentError, match="evaluated must be one date"):
        lf.credit_raw(bills([]), evaluated=["2024-01-01"])
    with pytest.raises(lf.ArgumentError, match="a date is missing"):
        lf.credit_raw(bills([(None, None, 1.0)]), evaluated="2024-01-01")
    with pytest.raises(lf.ArgumentError):
        lf.credit_raw(bills([("2024-01-01", None, -5.0)]), evaluated="2024-02-01")
    with pytest.raises(TypeError):
        lf.credit_raw(bills([]))                          # evaluated is required


def test_settlement_advice_by_hand():
    a = lf.settlement_advice("B", 30000, 0.6)
    assert a == {"grade": "B", "cycle_days": 10, "deposit_cycles": 2.0,
                 "cycle_kwh": 10000.0, "deposit": 12000.0}
    assert lf.settlement_advice("AAA", 30000, 0.6)["deposit"] == 0
    own = lf.settlement_advice("X", 3100, 1.0, rules={"X": (31, 1.5), "Y": {"cycle_days": 7}})
    assert own["cycle_kwh"] == pytest.approx(3100 * 31 / 30)
    assert own["deposit"] == pytest.approx(3100 * 31 / 30 * 1.5)
    table = lf.settlement_rules()
    table.loc["C", "deposit_cycles"] = 6
    assert lf.settlement_advice("C", 300, 1, rules=table)["deposit"] == 600
    with pytest.raises(lf.LibforecastError, match="ZZ"):
        lf.settlement_advice("ZZ", 100, 1)
    with pytest.raises(lf.ArgumentError, match="monthly_kwh must be a number"):
        lf.settlement_advice("B", "lots", 1)
