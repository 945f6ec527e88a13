"""Tariffs worked by hand: a two-day bill of hourly load under a TOU tariff
(by capacity, by declared demand with a penalty, with a power-factor
adjustment), the ranking of two tariffs, the best declared demand, moving
peak load to the valley, a tariff change's revenue, quantiles into values,
the maximum demand of earlier years.

The tariff: peak 08:00-12:00 at 1.0, valley 22:00-06:00 at 0.2, flat the
rest at 0.5; 20 per kVA or 30 per declared kW a month; power factor 0.85
raises the bill 5 %; a fund of 0.01 per kWh.  The load: 100 kW every hour
of Monday 4 and Tuesday 5 March 2024 but 500 kW at 10:00 on Monday, so
Monday has 8 h valley (800 kWh), 12 h flat (1200), peak 300 + 500 = 800;
Tuesday 800, 1200, 400: 5200 kWh, of which peak 1200, flat 2400, valley
1600; energy 1200 + 1200 + 320 = 2720."""
import math

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT

TARIFFS = """\
currency: CNY
tariffs:
  - id: tou_test
    name: Test TOU, "two-part"
    energy:
      kind: tou
      rates: {peak: 1.0, flat: 0.5, valley: 0.2}
      schedules:
        - windows:
            - {from: "08:00", to: "12:00", period: peak}
            - {from: "22:00", to: "06:00", period: valley}
    basic: {capacity_rate: 20, demand_rate: 30}
    power_factor:
      standard: 0.90
      table: [[0.80, 5], [0.90, 0], [0.95, -1]]
    surcharges:
      - {name: fund, rate: 0.01}
  - id: single_test
    name: Flat rate
    energy: {kind: single, rate: 0.6}
"""


@pytest.fixture
def tariffs(tmp_path):
    (tmp_path / "tariffs.yaml").write_text(TARIFFS)
    (tmp_path / "proposed.yaml").write_text(TARIFFS.replace("peak: 1.0,", "peak: 1.2,"))
    with lf.TariffSet(tmp_path / "tariffs.yaml") as ts:
        yield ts


@pytest.fixture
def proposed(tariffs, tmp_path):
    with lf.TariffSet(tmp_path / "proposed.yaml") as ts:
        yield ts


def two_days(freq="h"):
    idx = pd.date_range("2024-03-04", periods=48 * {"h": 1, "30min": 2, "15min": 4}[freq],
                        freq=freq)
    kw = pd.Series(100.0, idx)
    kw[(idx.day == 4) & (idx.hour == 10)] = 500.0
    return kw


BY_CAPACITY = lf.Account("x", 10, 1000, power_factor=0.85)


def test_a_bill_by_capacity_worked_by_hand(tariffs):
    t = tariffs.find("tou_test", "2024-03-01")
    with t.bill(two_days(), BY_CAPACITY) as bill:
        m = bill.months.loc["2024-03"]
        assert (m["days"], m["kwh"], m["kwh_peak"], m["kwh_flat"], m["kwh_valley"]) == (
            2, 5200.0, 1200.0, 2400.0, 1600.0)
        assert (m["energy_peak"], m["energy_flat"], m["energy_valley"]) == (1200.0, 1200.0,
                                                                            320.0)
        assert m["energy_charge"] == 2720.0
        # 1000 kVA x 20 for 2 of March's 31 days: 1290.3226
        assert (m["billing_kw"], m["basic_charge"], m["max_demand_kw"]) == (1000.0, 1290.32,
                                                                            500.0)
        # (2720 + 1290.32) x 5 % = 200.516; 5200 kWh x 0.01
        assert (m["power_factor"], m["pf_percent"], m["pf_adjustment"]) == (0.85, 5.0, 200.52)
        assert m["surcharges"] == 52.0
        assert m["total"] == bill.total == 4262.84            # 2720 + 1290.32 + 200.52 + 52
        assert m["price_per_kwh"] == 4262.84 / 5200
        assert bill.totals == {"kwh": 5200.0, "energy_charge": 2720.0, "basic_charge": 1290.32,
                               "demand_penalty": 0.0, "pf_adjustment": 200.52,
                               "surcharges": 52.0, "total": 4262.84}
        assert bill.tariff_id == "tou_test"


def test_a_bill_by_demand_with_a_penalty(tariffs):
    # declared 400 kW (the floor, 0.4 x 1000 kVA), maximum 500 > 1.05 x 400:
    # 420 kW at 30 for 2/31 of the month, the 80 kW above at 2 x 30, not prorated
    acct = lf.Account("x", 10, 1000, basic="demand", declared_kw=400, power_factor=0.85)
    m = tariffs.find("tou_test", "2024-03-04").bill(two_days(), acct).months.iloc[0]
    assert (m["billing_kw"], m["basic_charge"]) == (420.0, 812.90)
    assert (m["excess_kw"], m["demand_penalty"]) == (80.0, 4800.0)
    assert m["pf_adjustment"] == 416.65                  # (2720 + 812.90 + 4800) x 5 %
    assert m["total"] == 8801.55


def test_the_step_of_the_load_does_not_change_flat_load(tariffs):
    t = tariffs.find("tou_test", "2024-03-04")
    totals = [t.bill(two_days(f), BY_CAPACITY).total for f in ("h", "30min", "15min")]
    assert totals == [4262.84] * 3


def test_a_set_bills_each_month_under_its_version(tariffs):
    with tariffs.bill("single_test", two_days(), BY_CAPACITY) as bill:
        assert bill.total == 3120.0 and bill.months["energy_charge"].tolist() == [3120.0]


def test_the_ranking_worked_by_hand(tariffs):
    # single 5200 x 0.6; TOU by demand in hindsight: max(400, ceil(500 / 1.05) =
    # 477) kW -> 477 x 30 x 2/31 = 923.23, pf (2720 + 923.23) x 5 % = 182.16
    r = lf.rank_tariffs(tariffs, two_days(), BY_CAPACITY, current="tou_test")
    o = r.options
    assert list(o.index) == [1, 2, 3] and o.index.name == "rank"
    assert o[["tariff_id", "basic", "declared_hindsight", "current"]].values.tolist() == [
        ["single_test", "none", False, False], ["tou_test", "demand", True, False],
        ["tou_test", "capacity", False, True]]
    assert o["total"].tolist() == [3120.0, 3877.39, 4262.84]
    assert o["basic_charge"].tolist() == [0.0, 923.23, 1290.32]
    assert o["saving"].tolist() == [1142.84, 385.45, 0.0]
    assert o["peak_share"].tolist() == [0.0, 1200 / 5200, 1200 / 5200]
    assert (r.current, r.nmonths, r.first) == (3, 1, pd.Period("2024-03", "M"))
    assert r.best["tariff_id"] == "single_test"
    with r.bill(2) as b:                               # billed as ranked: in hindsight
        assert b.months["billing_kw"].tolist() == [477.0] and b.total == 3877.39


def test_a_ranking_without_a_current_tariff_has_no_saving(tariffs):
    r = lf.rank_tariffs(tariffs, two_days(), BY_CAPACITY)
    assert r.current is None and r.options["saving"].isna().all()
    assert not r.options["current"].any()


def test_per_month_declared_demand_and_power_factor(tariffs):
    t = tariffs.find("tou_test", "2024-03-04")
    load = pd.Series(100.0, pd.date_range("2024-03-31", periods=48, freq="h"))   # Mar, Apr
    months = pd.period_range("2024-03", periods=2, freq="M")
    acct = lf.Account("x", 10, 1000, basic="demand",
                      declared_kw=pd.Series([400.0, 500.0], months),
                      power_factor=np.array([0.85, 0.95]))
    m = t.bill(load, acct).months
    assert t.eligible(acct)                          # per-month values not needed there
    assert m["billing_kw"].tolist() == [400.0, 500.0]
    assert m["pf_percent"].tolist() == [5.0, -1.0]
    # a Series by month covering more months is cut to the billed ones
    wider = lf.Account("x", 10, 1000, basic="demand", declared_kw=pd.Series(
        [1.0, 400.0, 500.0, 1.0], pd.period_range("2024-02", periods=4, freq="M")))
    assert t.bill(load, wider).months["billing_kw"].tolist() == [400.0, 500.0]


def test_the_best_declared_demand_worked_by_hand(tariffs):
    # maximum 300 or 500 kW, equally likely: below 476 kW the expected charge
    # is 15000 - 0.75 D; at 477 (1.05 x 477 >= 500) both are 477 x 30
    t = tariffs.find("tou_test", "2024-03-04")
    assert t.declared_demand(1000, [300.0, 500.0]) == {
        "declared_kw": 477.0, "expected_charge": 14310.0, "penalty_probability": 0.0,
        "floor_kw": 400.0, "cap_kw": 1000.0, "capacity_charge": 20000.0}
    # weighted 9:1 towards 300 kW: paying the penalty on the rare 500 is cheaper
    best = t.declared_demand(1000, [300.0, 500.0], weights=[9.0, 1.0])
    assert best["declared_kw"] == 400.0 and best["penalty_probability"] == 0.1
    assert best["expected_charge"] == 0.9 * 12000 + 0.1 * 17400
    assert t.demand_charge(400, 500) == 17400.0       # 420 x 30 + 80 x 2 x 30
    assert t.demand_charge(400, 300) == 12000.0
    month = t.declared_month(1000, 2025, 3, [300.0, 500.0])
    assert (month["declared_kw"], month["choice"], month["saving"]) == (477.0, "demand", 5690.0)


def test_moving_peak_load_worked_by_hand(tariffs):
    # half of each peak hour to the same day's 8 valley hours: 400 kWh on
    # Monday, 200 on Tuesday; energy falls by 600 x (1.0 - 0.2) = 480, the pf
    # adjustment with it: (2240 + 1290.32) x 5 % = 176.52
    t = tariffs.find("tou_test", "2024-03-04")
    assert t.shift_saving(two_days(), BY_CAPACITY, 0.5) == {
        "share": 0.5, "max_kw": 0.0, "kwh_moved": 600.0, "bill_before": 4262.84,
        "bill_after": 3758.84, "saving": 504.0, "saving_per_mwh": 840.0,
        "max_demand_before_kw": 500.0, "max_demand_after_kw": 250.0}
    # at most 50 kW an hour: Monday's 10:00 gives 50 of its 250
    rows = tariffs.shift_saving("tou_test", two_days(), BY_CAPACITY, [0.5, 1.0], max_kw=50)
    assert list(rows.columns)[:3] == ["share", "max_kw", "kwh_moved"]
    assert rows["kwh_moved"].tolist() == [400.0, 400.0]
    assert rows["max_demand_after_kw"].tolist() == [450.0, 450.0]


def test_a_tariff_change_worked_by_hand(tariffs, proposed):
    # peak at 1.2: energy 1440 + 1200 + 320 = 2960, pf (2960 + 1290.32) x 5 % = 212.52
    other = lf.Account("y", 10, 1000)
    customers = [dict(id="X", account=BY_CAPACITY, load=two_days(), tariff_id="tou_test"),
                 dict(id="Y", account=other, load=two_days(), tariff_id="single_test",
                      new_tariff_id="single_test")]
    with lf.tariff_change_impact(tariffs, proposed, customers) as imp:
        c = imp.customers
        assert c.loc["X", ["class", "kwh", "peak_kwh", "old_total", "new_total", "change"]
                     ].tolist() == ["x", 5200.0, 1200.0, 4262.84, 4514.84, 252.0]
        assert c.loc["X", "change_pct"] == 100 * 252.0 / 4262.84
        assert c.loc["Y", ["old_total", "new_total", "change"]].tolist() == [3120.0] * 2 + [0]
        assert imp.classes.loc["x", "customers"] == 1
        t = imp.total
        assert (t["customers"], t["kwh"], t["old_total"], t["new_total"]) == (
            2, 10400.0, 7382.84, 7634.84)
        assert t["kwh_share"] == 1.0
        assert math.isclose(t["price_effect"], 252.0 / 10400)
        assert imp.driver == "x"


def test_quantiles_to_values_worked_by_hand():
    # P10 80, P50 100, P90 120: 50 kW per unit of probability between them
    assert lf.quantiles_to_values([0.1, 0.5, 0.9], [80, 100, 120], 4).tolist() == [
        81.25, 93.75, 106.25, 118.75]


def test_maximum_demand_of_earlier_years():
    idx = pd.date_range("2023-03-01", "2024-03-31 23:00", freq="h")
    load = pd.Series(100.0, idx)
    load["2023-03-15 10:00"] = 400.0
    load["2024-03-20 10:00"] = 500.0
    v = lf.max_demand_history(load, 2025, 3, growth=0.1)
    np.testing.assert_allclose(v, [400 * 1.1 ** 2, 500 * 1.1])
    assert lf.max_demand_history(load, 2025, 5).size == 1        # only May 2023 is whole


BLOCKS = """\
tariffs:
  - id: blocks_test
    name: Residential blocks
    effective: {from: 2024-01-01, to: 2024-12-31}
    energy:
      kind: blocks
      blocks: [{upto_kwh: 1000, rate: 0.5}, {upto_kwh: 3000, rate: 0.6}, {rate: 0.8}]
"""


def test_a_blocks_bill_worked_by_hand(tmp_path):
    # 5200 kWh: 1000 at 0.5, 2000 at 0.6, 2200 at 0.8
    (tmp_path / "b.yaml").write_text(BLOCKS)
    with lf.TariffSet(tmp_path / "b.yaml") as ts:
        t = ts.find("blocks_test", "2024-03-04")
        assert t.energy == "blocks" and t.blocks == [(1000.0, 0.5), (3000.0, 0.6), (None, 0.8)]
        assert [str(d) for d in (t.effective_from, t.effective_to)] == ["2024-01-01",
                                                                        "2024-12-31"]
        bill = t.bill(two_days(), lf.Account("resident", 0.22, 10))
        assert bill.total == 500.0 + 1200.0 + 1760.0
        assert bill.blocks.loc["2024-03"].tolist() == [1000.0, 500.0, 2000.0, 1200.0,
                                                       2200.0, 1760.0]
        assert bill.months.loc["2024-03", "kwh_flat"] == 5200.0     # not TOU: every kWh flat
        assert ts.find("blocks_test", "2025-01-01") is None


HOLIDAYS_FLAT = """\
tariffs:
  - id: tou_holidays_flat
    energy:
      kind: tou
      rates: {peak: 1.0, flat: 0.5}
      schedules:
        - {days: [holiday], windows: []}
        - windows: [{from: "08:00", to: "12:00", period: peak}]
"""


def test_a_calendar_s_holidays_change_the_periods(tmp_path):
    # 100 kW on Monday 30 September and Tuesday 1 October 2024 (National Day)
    (tmp_path / "h.yaml").write_text(HOLIDAYS_FLAT)
    load = pd.Series(100.0, pd.date_range("2024-09-30", periods=48, freq="h"))
    acct = lf.Account("x", 10, 100)
    with lf.TariffSet(tmp_path / "h.yaml") as ts, lf.Calendar(2024, 2024, builtin="CN") as cn:
        t = ts.find("tou_holidays_flat", "2024-10-01")
        plain = t.bill(load, acct).months["kwh_peak"].tolist()
        with_cn = t.bill(load, acct, calendar=cn).months["kwh_peak"].tolist()
        assert plain == [400.0, 400.0] and with_cn == [400.0, 0.0]
        r = lf.rank_tariffs(ts, load, acct, calendar=cn)
        cn.close()
        with pytest.raises(lf.ClosedError):             # the ranking's calendar is closed
            r.bill(1)


def test_the_tariff_s_fields(tariffs):
    t = tariffs.find("tou_test", "2024-03-04")
    assert (t.id, t.name, t.energy, t.two_part) == ("tou_test", 'Test TOU, "two-part"', "tou",
                                                    True)
    assert (t.effective_from, t.effective_to) == (None, None)
    assert {k: v for k, v in t.tou_rates.items() if not math.isnan(v)} == {
        "peak": 1.0, "flat": 0.5, "valley": 0.2}
    assert (t.capacity_rate, t.demand_rate, t.demand_floor_share, t.demand_penalty_share,
            t.demand_penalty_factor, t.pf_standard) == (20.0, 30.0, 0.4, 1.05, 2.0, 0.9)
    assert t.surcharges == {"fund": 0.01} and t.classes == []
    assert t.eligible(BY_CAPACITY)
    s = tariffs.find("single_test", "2024-03-04")
    assert (s.energy, s.rate, s.two_part) == ("single", 0.6, False)
    assert tariffs.ids == ["tou_test", "single_test"] and len(tariffs) == 2
    assert tariffs.find("nope", "2024-03-04") is None


def test_versions_and_eligibility_of_the_example_file():
    with lf.TariffSet(ROOT / "examples" / "tariffs" / "tariffs.yaml") as ts:
        v = ts.versions
        two = v[v["id"] == "large_industry_tou_1_10kv"]
        assert [str(d) for d in two["effective_from"]] == ["2024-01-01", "2026-01-01"]
        t2026 = ts.find("large_industry_tou_1_10kv", "2026-03-01")
        assert t2026.effective_from.isoformat() == "2026-01-01" and t2026.demand_rate == 38
        t = ts.find("large_industry_tou_1_10kv", "2024-03-01")
        assert t.classes == ["large_industry"] and (t.min_kv, t.max_kv) == (1.0, 10.0)
        assert t.eligible(lf.Account("large_industry", 10, 25000))
        assert not t.eligible(lf.Account("large_industry", 110, 25000))
        assert not t.eligible(lf.Account("general_commercial", 10, 25000))


# ---- docs (test_docs.py runs every module's examples) ---------------------------------


def test_public_names_have_docs():
    for name in ["TariffSet", "quantiles_to_values", "tariff_advice", "Account"]:
        assert ">>>" in getattr(lf, name).__doc__, name
    for name in ["Tariff", "Bill", "Ranking", "TariffImpact", "TariffAdvice", "rank_tariffs",
                 "tariff_change_impact", "max_demand_history"]:
        assert getattr(lf, name).__doc__, name


def test_daily_bill_splits_each_day_by_the_profile_and_the_tou_hours():
    """lf_bill_daily: a day's kWh split by the hourly profile into the TOU
    periods of its hours — here all energy in hours 8..11 (peak 8-10, critical
    11 in July on this tariff) — and the capacity charge of the kVA."""
    ts = lf.TariffSet(ROOT / "examples" / "tariffs" / "tariffs.yaml")
    t = ts.find("large_industry_tou_1_10kv", "2025-07-01")
    assert [t.period(7, "workday", h * 60) for h in (3, 8, 11, 12, 20)] == \
        ["valley", "peak", "critical", "critical", "peak"]
    profile = np.zeros(24)
    profile[8:12] = 0.25
    days = pd.date_range("2025-07-01", "2025-07-10")
    b = t.bill_daily(pd.Series(4000.0, days), pd.Series(1000.0, days), profile,
                     lf.Account("large_industry", 10, 25000, basic="capacity"))
    m = b.months.loc["2025-07"]
    assert m["kwh"] == 40000 and m["kwh_peak"] == 30000 and m["kwh_critical"] == 10000
    assert m["kwh_flat"] == 0 and m["kwh_valley"] == 0 and m["days"] == 10
    with pytest.raises(lf.ArgumentError, match="profile"):
        t.bill_daily(pd.Series(4000.0, days), pd.Series(1000.0, days), [1.0] * 23,
                     lf.Account("large_industry", 10, 25000, basic="capacity"))
    with pytest.raises(lf.ArgumentError, match="day_kind"):
        t.period(7, "sunday", 0)
