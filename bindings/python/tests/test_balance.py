"""The balance plan against a three-month example worked by hand, and its
outputs (months, status, totals, daily limits, CSV, JSON) against each other.

The example, reserve 10 %, January to March 2025 (31, 28, 31 days):

                      Jan        Feb        Mar
  energy P50 / P90    1000/1100  900/950    1100/1300  MWh
  peak P50 / P90      50/55      45/50      60/70      MW
  own + purchases     400+700    400+500    400+900    MWh  -> supply 1100, 900, 1300
  own + import - out  30+30-0    30+30-10   30+50-0    MW   -> available 60, 50, 80
  required = P90 x 1.1           60.5       55         77
  capacity balance               -0.5       -5         +3
  limit = available / 1.1        54.54..    45.45..    72.72..
  energy balance P50/P90         100/0      0/-50      200/0
  daily peaks over the limit     56 (10th), none       73 (5th), 73 (6th)
                                 57 (20th)
  status                         capacity   both       ok
"""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import libforecast as lf

REL = 1e-12
L1, L2, L3 = 60 / 1.1, 50 / 1.1, 80 / 1.1


def demand():
    return pd.DataFrame({"energy_p50": [1000.0, 900.0, 1100.0],
                         "energy_high": [1100.0, 950.0, 1300.0],
                         "peak_p50": [50.0, 45.0, 60.0], "peak_high": [55.0, 50.0, 70.0]},
                        index=pd.period_range("2025-01", periods=3, freq="M"))


def daily():
    peaks = pd.Series(50.0, index=pd.date_range("2025-01-01", "2025-03-31", freq="D"))
    peaks["2025-02-01":"2025-02-28"] = 40.0
    peaks["2025-03-01":] = 60.0
    peaks["2025-01-10"], peaks["2025-01-20"] = 56.0, 57.0
    peaks["2025-03-05"], peaks["2025-03-06"] = 73.0, 73.0
    return peaks


SUPPLY = dict(own_mwh=400, purchase_mwh=np.array([700.0, 500.0, 900.0]), own_mw=30.0,
              import_mw=[30, 30, 50], outage_mw=pd.Series([10.0], index=pd.PeriodIndex(
                  ["2025-02"], freq="M")))


@pytest.fixture
def plan():
    with lf.balance_plan(demand(), reserve=0.1, daily=daily(), high_label="p90",
                         scenario="base", **SUPPLY) as p:
        yield p


def test_months_worked_by_hand(plan):
    m = plan.months
    want = {
        "days": [31, 28, 31],
        "supply_mwh": [1100, 900, 1300],
        "energy_balance_mwh_p50": [100, 0, 200],
        "energy_balance_mwh_p90": [0, -50, 0],   # Jan and Mar exactly 0: no deficit
        "available_mw": [60, 50, 80],
        "required_mw": [60.5, 55, 77],
        "capacity_balance_mw": [-0.5, -5, 3],
        "limit_mw": [L1, L2, L3],
        "days_at_risk": [2, 0, 2],
        "worst_shortfall_mw": [57 - L1, 0, 73 - L3],
        "mw_days_at_risk": [56 + 57 - 2 * L1, 0, 2 * (73 - L3)],
        "outage_mw": [0, 10, 0],
    }
    for col, values in want.items():
        assert m[col].tolist() == pytest.approx(values, rel=REL, abs=1e-12), col
    assert m["worst_day"].tolist() == [pd.Timestamp("2025-01-20"), pd.NaT,
                                       pd.Timestamp("2025-03-05")]  # the earliest of equals
    assert m["status"].tolist() == ["capacity_deficit", "both", "ok"]
    assert m["outages_exceed_capacity"].tolist() == [False, False, False]
    assert isinstance(m.index, pd.PeriodIndex) and m.index.freqstr == "M"
    assert m.index.name == "month" and [str(p) for p in m.index] == ["2025-01", "2025-02",
                                                                     "2025-03"]


def test_totals_worked_by_hand(plan):
    t = plan.totals
    assert t["demand_mwh_p50"] == 3000 and t["demand_mwh_p90"] == 3350
    assert t["own_generation_mwh"] == 1200 and t["purchase_mwh"] == 2100
    assert t["supply_mwh"] == 3300
    assert t["energy_balance_mwh_p50"] == 300 and t["energy_balance_mwh_p90"] == -50
    assert t["energy_deficit_mwh_p50"] == 0 and t["energy_deficit_mwh_p90"] == 50
    assert t["months_by_status"] == {"ok": 1, "energy_deficit": 0, "capacity_deficit": 1,
                                     "both": 1}
    assert t["energy_deficit_months"] == 1 and t["capacity_deficit_months"] == 2
    assert t["worst_capacity_month"] == pd.Period("2025-02", "M")
    assert t["worst_capacity_balance_mw"] == pytest.approx(-5, rel=REL)
    assert t["days_at_risk"] == 4
    assert t["mw_days_at_risk"] == pytest.approx(56 + 57 - 2 * L1 + 2 * (73 - L3), rel=REL)


def test_plan_properties(plan):
    assert plan.first == pd.Period("2025-01", "M") and len(plan) == 3
    assert plan.reserve == 0.1 and plan.high_label == "p90" and plan.scenario == "base"
    assert plan.has_daily
    assert plan.status.tolist() == ["capacity_deficit", "both", "ok"]
    assert repr(plan) == "<BalancePlan 2025-01 .. 2025-03, reserve 0.1, p90, 2 of 3 months short>"


def test_infeasible_names_the_months_and_reasons(plan):
    assert plan.infeasible
    with pytest.raises(lf.InfeasiblePlanError) as info:
        plan.raise_if_infeasible()
    assert str(info.value) == ("the plan does not close: energy short at the p90 demand in "
                               "2025-02; days over the supply limit in 2025-01, 2025-03 (not "
                               "scheduled here)")
    assert info.value.months == [pd.Period(m, "M") for m in ("2025-01", "2025-02", "2025-03")]


def test_capacity_short_without_daily_peaks_is_infeasible():
    with lf.balance_plan(demand(), reserve=0.1, own_mwh=400, purchase_mwh=[800, 600, 900],
                         own_mw=30, import_mw=[30, 30, 50], outage_mw=SUPPLY["outage_mw"]) as p:
        m = p.months
        assert m["days_at_risk"].isna().all() and m["worst_shortfall_mw"].isna().all()
        assert np.isnan(p.totals["days_at_risk"])
        assert m["status"].tolist() == ["capacity_deficit", "capacity_deficit", "ok"]
        with pytest.raises(lf.InfeasiblePlanError, match=r"capacity short with its days "
                           r"unknown \(no daily peaks\) in 2025-01, 2025-02$"):
            p.raise_if_infeasible()


def test_a_plan_that_closes():
    with lf.balance_plan(demand(), reserve=0.1, purchase_mwh=2000, import_mw=100,
                         daily=daily()) as p:
        assert not p.infeasible and p.raise_if_infeasible() is None
        assert (p.status == "ok").all() and p.high_label == "high" and p.scenario is None


def test_daily_limits_are_the_month_limits(plan):
    got = plan.daily_limits("2025-01-30", 4)
    assert got.tolist() == pytest.approx([L1, L1, L2, L2], rel=REL)
    assert plan.daily_limits(pd.Timestamp("2025-03-31"), 1).tolist() == pytest.approx([L3])
    assert plan.daily_limits("2025-02-01", 0).shape == (0,)
    with pytest.raises(lf.ArgumentError) as info:
        plan.daily_limits("2025-03-30", 3)
    assert str(info.value) == ("2025-04-01 is outside the balance months (2025-01-01 .. "
                               "2025-03-31): the plan has no limit for it")
    for bad in [-1, 2.0, True]:
        with pytest.raises(lf.ArgumentError, match="ndays"):
            plan.daily_limits("2025-01-01", bad)


def test_csv_holds_the_months(plan, tmp_path):
    plan.to_csv(tmp_path / "b.csv")
    text = (tmp_path / "b.csv").read_text()
    assert text.splitlines()[0].split(",") == ["month"] + list(plan.months.columns)
    back = pd.read_csv(tmp_path / "b.csv", keep_default_na=False, na_values=[""])
    m = plan.months
    for col in m.columns:
        if m[col].dtype.kind == "f":   # the CSV has 10 significant digits
            np.testing.assert_allclose(back[col], m[col], rtol=1e-9, atol=1e-9, err_msg=col)
        elif col == "worst_day":
            assert pd.to_datetime(back[col]).tolist() == m[col].tolist()
        else:
            assert back[col].astype(m[col].dtype).tolist() == m[col].tolist(), col


def test_json_holds_the_totals_and_months(plan, tmp_path):
    plan.to_json(tmp_path / "b.json")
    doc = json.loads((tmp_path / "b.json").read_text())
    assert doc["spec"] == {"first_month": "2025-01", "last_month": "2025-03", "months": 3,
                           "reserve": 0.1, "high_quantile": "p90", "scenario": "base",
                           "daily_peaks": True}
    t = plan.totals
    assert list(doc["totals"]) == list(t)
    for key, value in doc["totals"].items():
        if key == "worst_capacity_month":
            assert t[key] == pd.Period(value, "M")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            assert t[key] == pytest.approx(value, rel=1e-9), key  # JSON: 10 digits
        else:
            assert t[key] == value, key
    assert [list(row) for row in doc["months"]] == [["month"] + list(plan.months.columns)] * 3


def test_writing_where_it_cannot_is_a_libioerror(plan, tmp_path):
    with pytest.raises(lf.LibIOError) as info:
        plan.to_csv(tmp_path / "no" / "dir" / "b.csv")
    assert str(tmp_path / "no" / "dir") in str(info.value)


def test_a_plan_of_the_year_2300_has_its_worst_day_as_a_date():
    d = demand().set_axis(pd.period_range("2300-01", periods=3, freq="M"))
    with lf.balance_plan(d, reserve=0.1, import_mw=100, daily=np.full(90, 100.0)) as p:
        # pandas' Timestamp ends in 2262
        assert p.months["worst_day"].tolist() == [datetime.date(2300, m, 1) for m in (1, 2, 3)]
