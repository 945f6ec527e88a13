"""peakshift(): a schedule worked by hand (two customers, three days), its
DataFrames against the C writers' files, the keyword defaults from
lf_peakshift_spec_init, alignment by date, the portfolio built in Python,
and that the public names have examples (test_docs.py runs them)."""
import ctypes
import math

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT
from libforecast import _c_peakshift as T
from libforecast._lib import LIB

DAYS = pd.date_range("2025-08-04", periods=3)          # Mon, Tue, Wed


def two_customers():
    """A (restricted, shift 20 MW at 100/MWh) is cut before B (general,
    avoid_peak 15 MW at 200/MWh + 1000 a call)."""
    p = lf.Portfolio(tiers=["restricted", "general"], window_hours=4)
    p.add("A", 50, name="Steel, rolling", tier="restricted",
          measures={"shift": {"mw": 20, "cost_per_mwh": 100}})
    p.add("B", 30, name="Mall", tier="general",
          measures={"avoid_peak": {"mw": 15, "cost_per_mwh": 200, "cost_per_event": 1000}})
    return p


@pytest.fixture
def schedule():
    # deficits 10, 30, 0 MW against a limit of 1000
    with lf.peakshift(pd.Series([1010.0, 1030.0, 990.0], DAYS), 1000, two_customers(),
                      method="exact") as s:
        yield s


def test_the_schedule_worked_by_hand(schedule):
    # stage 1: nothing unmet (A 10 on Monday; A 20 + B 10 on Tuesday); stage 2:
    # the last tier (B) carries only the 10 MW A cannot; stage 4: cost
    # A 10 x 4 h x 100 + 20 x 4 x 100, B 10 x 4 x 200 + 1000
    assert schedule.status == "optimal"
    calls = schedule.calls
    assert calls[["customer_id", "kind", "mw", "mwh", "cost"]].values.tolist() == [
        ["A", "shift", 10.0, 40.0, 4000.0],
        ["A", "shift", 20.0, 80.0, 8000.0],
        ["B", "avoid_peak", 10.0, 40.0, 9000.0]]
    assert calls["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-08-04", "2025-08-05",
                                                              "2025-08-05"]
    assert calls["weekday"].tolist() == ["Mon", "Tue", "Tue"]
    assert calls["tier"].tolist() == ["restricted", "restricted", "general"]
    assert calls["customer_name"].tolist() == ["Steel, rolling", "Steel, rolling", "Mall"]
    assert calls["window_hours"].tolist() == [4.0, 4.0, 4.0]
    assert calls["window_start"].isna().all()
    assert schedule.totals == {"cost": 21000.0, "shed_mw_days": 40.0, "unmet_mw_days": 0.0,
                               "calls": 3}


def test_the_days_worked_by_hand(schedule):
    d = schedule.days
    assert list(d.index) == list(DAYS) and d.index.name == "date"
    assert d["deficit_mw"].tolist() == [10.0, 30.0, 0.0]
    assert d["shed_mw"].tolist() == [10.0, 30.0, 0.0]
    assert d["residual_peak_mw"].tolist() == [1000.0, 1000.0, 990.0]
    assert d["unmet_mw"].tolist() == [0.0, 0.0, 0.0]
    assert d["calls"].tolist() == [1, 2, 0]
    assert d["window_hours"].tolist() == [4.0, 4.0, 4.0]
    assert schedule.feasible and schedule.unmet_mw_days == 0
    schedule.raise_if_unmet()


def test_the_customers_worked_by_hand(schedule):
    c = schedule.customers
    assert list(c.index) == ["A", "B"]
    assert c["calls"].tolist() == [2, 1]
    assert c["shift"].tolist() == [2, 0] and c["avoid_peak"].tolist() == [0, 1]
    assert c["mw_days"].tolist() == [30.0, 10.0]
    assert c["mwh"].tolist() == [120.0, 40.0]
    assert c["cost"].tolist() == [12000.0, 9000.0]
    assert c["share_of_relief"].tolist() == [0.75, 0.25]
    assert c["share_of_peak"].tolist() == [50 / 80, 30 / 80]
    assert schedule.rest_days_by_weekday.tolist() == [0] * 7


def test_unmet_mw_are_reported_not_hidden():
    # Tuesday's deficit of 40 MW is more than A's 20 + B's 15
    s = lf.peakshift(pd.Series([1010.0, 1040.0, 990.0], DAYS), 1000, two_customers())
    assert s.days["unmet_mw"].tolist() == [0.0, 5.0, 0.0]
    assert s.unmet_mw.loc["2025-08-05"] == 5.0
    assert not s.feasible and s.unmet_mw_days == 5.0
    with pytest.raises(lf.InfeasiblePlanError, match="2025-08-05 with 5.0 MW unmet of a "
                       "40.0 MW deficit") as e:
        s.raise_if_unmet()
    assert e.value.months == [pd.Period("2025-08", "M")]


def test_a_rest_day_takes_the_whole_day_on_its_weekdays():
    p = lf.Portfolio()
    p.add("R", 40, measures={"rest_day": {"mw": 40, "weekdays": ["wed"], "cost_per_mwh": 10}})
    s = lf.peakshift(pd.Series([1030.0, 1030.0, 1030.0], DAYS), 1000, p)
    calls = s.calls
    assert calls["weekday"].tolist() == ["Wed"]              # only on its weekday
    assert calls[["mw", "window_start", "window_hours", "mwh", "cost"]].values.tolist() == [
        [40.0, 0.0, 24.0, 960.0, 9600.0]]
    assert s.days["unmet_mw"].tolist() == [30.0, 30.0, 0.0]
    assert s.rest_days_by_weekday.to_dict()["Wed"] == 1


# ---- the DataFrames are the files -----------------------------------------------------------


def test_the_frames_hold_what_the_c_writers_write(schedule, tmp_path):
    schedule.to_csv(tmp_path)
    files = {k: pd.read_csv(tmp_path / f"peakshift_{k}.csv", keep_default_na=False,
                            na_values=[""]) for k in ("calls", "days", "customers")}
    days = schedule.days.reset_index()
    days["date"] = days["date"].dt.strftime("%Y-%m-%d")
    assert list(days.columns) == list(files["days"].columns)
    pd.testing.assert_frame_equal(days, files["days"], check_dtype=False)
    calls = schedule.calls
    calls["date"] = calls["date"].dt.strftime("%Y-%m-%d")
    assert list(calls.columns) == list(files["calls"].columns)
    pd.testing.assert_frame_equal(calls, files["calls"], check_dtype=False)
    cust = schedule.customers.reset_index()
    cust["protected"] = cust["protected"].astype(int)
    cust["industry"] = cust["industry"].replace("", np.nan)
    assert list(cust.columns) == list(files["customers"].columns)
    pd.testing.assert_frame_equal(cust, files["customers"], check_dtype=False)


def test_to_csv_writes_named_paths_and_json(schedule, tmp_path):
    schedule.to_csv(days=tmp_path / "d.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]
    schedule.to_json(tmp_path / "s.json")
    import json
    doc = json.loads((tmp_path / "s.json").read_text())
    assert doc["status"] == "optimal" and doc["totals"]["cost"] == 21000
    assert [c["customer_id"] for c in doc["calls"]] == ["A", "A", "B"]
    with pytest.raises(lf.ArgumentError, match="needs a directory or a path"):
        schedule.to_csv()


def test_a_name_with_a_comma_is_quoted_as_the_writer_quotes_it(schedule, tmp_path):
    schedule.to_csv(calls=tmp_path / "c.csv")
    assert '"Steel, rolling"' in (tmp_path / "c.csv").read_text()


# ---- keywords and their C defaults ----------------------------------------------------------


def test_defaults_are_lf_peakshift_spec_init_s():
    spec = T.PeakshiftSpec()
    LIB.lf_peakshift_spec_init(spec)
    d = lf.peakshift_defaults()
    assert d == {"method": LIB.lf_peakshift_method_name(spec.method).decode(),
                 "spread_rest_days": bool(spec.spread_rest_days), "fair": bool(spec.fair),
                 "seconds_per_stage": spec.seconds_per_stage,
                 "exact_max_calls": spec.exact_max_calls}


def test_settings_reach_the_run():
    demand = pd.Series([1010.0, 1030.0, 990.0], DAYS)
    assert lf.peakshift(demand, 1000, two_customers(), method="greedy").status == "heuristic"
    # 4 possible calls (2 customers x 1 measure x 2 deficit days): exact up to 4, greedy at 3
    assert lf.peakshift(demand, 1000, two_customers(), exact_max_calls=4).status == "optimal"
    assert lf.peakshift(demand, 1000, two_customers(), exact_max_calls=3).status == "heuristic"


def test_limit_and_windows_align_by_date_not_position():
    demand = pd.Series([1010.0, 1030.0, 990.0], DAYS)
    # a limit Series in another order and longer than the demand
    limit = pd.Series([1000.0, 1020.0, 995.0, 1.0], pd.to_datetime(
        ["2025-08-06", "2025-08-05", "2025-08-04", "2025-08-10"]))
    s = lf.peakshift(demand, limit, two_customers(), window_hours=pd.Series(
        [2.0, 3.0, 5.0], DAYS[::-1]), window_start=np.array([14.0, 15.0, 16.0]))
    d = s.days
    assert d["limit_mw"].tolist() == [995.0, 1020.0, 1000.0]
    assert d["deficit_mw"].tolist() == [15.0, 10.0, 0.0]
    assert d["window_hours"].tolist() == [5.0, 3.0, 2.0]
    assert d["window_start"].tolist() == [14.0, 15.0, 16.0]
    # A's shift on Monday: 15 MW x 5 h x 100
    assert s.calls[["mw", "mwh", "cost", "window_start"]].values.tolist()[0] == [
        15.0, 75.0, 7500.0, 14.0]


def test_a_limit_by_month():
    demand = pd.Series([1010.0, 1030.0], pd.to_datetime(["2025-07-31", "2025-08-01"]))
    for limit in ({"2025-07": 1000, "2025-08": 1020},
                  pd.Series([1000.0, 1020.0], pd.period_range("2025-07", periods=2, freq="M"))):
        s = lf.peakshift(demand, limit, two_customers())
        assert s.days["limit_mw"].tolist() == [1000.0, 1020.0]


def test_time_zone_aware_days_count_on_their_wall_clock():
    days = pd.date_range("2025-08-04", periods=3, tz="Asia/Shanghai")
    s = lf.peakshift(pd.Series([1010.0, 1030.0, 990.0], days), 1000, two_customers())
    assert [str(d.date()) for d in s.days.index] == ["2025-08-04", "2025-08-05", "2025-08-06"]


def test_the_demand_array_goes_without_a_copy(monkeypatch):
    demand = pd.Series([1010.0, 1030.0, 990.0], DAYS)
    seen = {}
    real = LIB.lf_peakshift_run

    def spy(spec, *rest):
        seen["peak"] = ctypes.addressof(spec.peak_mw.contents)
        return real(spec, *rest)
    monkeypatch.setattr(LIB, "lf_peakshift_run", spy)
    lf.peakshift(demand, 1000, two_customers())
    assert seen["peak"] == demand.to_numpy().ctypes.data


def test_peak_window():
    profile = np.r_[np.full(56, 90.0), np.full(8, 120.0), np.full(32, 90.0)]   # 96 intervals
    assert lf.peak_window(profile, 100) == (2.0, 14.0, 16.0)
    hours, start, end = lf.peak_window(np.full(24, 90.0), 100)
    assert hours == 0 and math.isnan(start) and math.isnan(end)


# ---- the portfolio built in Python ----------------------------------------------------------


def test_a_portfolio_round_trips_through_its_frames():
    p = lf.Portfolio.load(ROOT / "datasets" / "sample" / "portfolio.yaml")
    q = lf.Portfolio.from_frame(p.customers, p.measures, tiers=p.tiers,
                                window_hours=p.window_hours)
    pd.testing.assert_frame_equal(p.customers, q.customers)
    pd.testing.assert_frame_equal(p.measures, q.measures)
    assert p.source.endswith("portfolio.yaml") and q.source is None


def test_the_schedule_of_a_rebuilt_portfolio_is_the_same(tmp_path):
    p = lf.Portfolio.load(ROOT / "datasets" / "sample" / "portfolio.yaml")
    q = lf.Portfolio.from_frame(p.customers, p.measures, tiers=p.tiers)
    days = pd.date_range("2025-08-01", periods=14)
    demand = pd.Series(9300 + 60 * np.sin(np.arange(14.0)), days)
    a, b = (lf.peakshift(demand, 9320, x, method="greedy") for x in (p, q))
    pd.testing.assert_frame_equal(a.calls, b.calls)
    pd.testing.assert_frame_equal(a.customers, b.customers)


def test_a_copy_and_the_schedule_s_portfolio_are_the_same_portfolio():
    p = lf.Portfolio.load(ROOT / "datasets" / "sample" / "portfolio.yaml")
    with lf.Portfolio(tiers=["x", "y"], window_hours=2.5) as q:
        q.add("A", 10, tier="y", measures={"interrupt": {"mw": 5}})
        copies = [p.copy(), q.copy(), lf.peakshift(pd.Series([1.0], DAYS[:1]), 0, q).portfolio]
        for original, c in zip([p, q, q], copies):
            assert (c.tiers, c.window_hours, c.source, len(c)) == (
                original.tiers, original.window_hours, original.source, len(original))
            pd.testing.assert_frame_equal(c.customers, original.customers)
            pd.testing.assert_frame_equal(c.measures, original.measures)
    assert copies[1].window_hours == 2.5 and copies[0].source.endswith("portfolio.yaml")


def test_measure_fields_reach_c():
    p = lf.Portfolio(tiers=["t1", "t2"])
    p.add("X", 80, tier="T2", protected=False, voltage_kv=110, contract_mw=90,
          industry="steel", measures={
              "rest_day": {"mw": 70, "notice_days": 3, "max_per_week": 1, "max_per_month": 4,
                           "min_gap_days": 2, "weekdays": "tue, thu", "cost_per_mwh": 60,
                           "cost_per_event": 1e5}})
    c = p._ptr().contents.customers[0]
    m = c.measures[0]
    assert (c.tier, c.voltage_kv, c.contract_mw, c.nmeasures) == (1, 110.0, 90.0, 1)
    assert (m.kind, m.mw, m.notice_days, m.max_per_week, m.max_per_month, m.min_gap_days,
            m.weekdays, m.cost_per_mwh, m.cost_per_event) == (
        T.LF_DR_REST_DAY, 70.0, 3, 1, 4, 2, 0b1010, 60.0, 1e5)
    assert p.measures.loc[0, "weekdays"] == "tue,thu"


def test_a_protected_customer_is_never_called():
    p = two_customers()
    p.add("H", 100, protected=True, measures={"shift": {"mw": 100}})
    s = lf.peakshift(pd.Series([1200.0], DAYS[:1]), 1000, p)
    assert "H" not in s.calls["customer_id"].tolist()
    assert s.customers.loc["H", ["protected", "calls", "tier"]].tolist() == [True, 0, "general"]


def test_apply_tiers(tmp_path):
    p = two_customers()
    (tmp_path / "tiers.csv").write_text("id,tier\nA,general\nB,restricted\nZ,general\n")
    assert p.apply_tiers(tmp_path / "tiers.csv") == {"applied": 2, "changed": 2,
                                                     "not_in_file": 0, "not_in_portfolio": 1}
    assert p.customers["tier"].tolist() == ["general", "restricted"]
    s = lf.peakshift(pd.Series([1010.0], DAYS[:1]), 1000, p)
    assert s.calls["customer_id"].tolist() == ["B"]          # B is now cut first


# ---- docs (test_docs.py runs every module's examples) ---------------------------------


def test_public_names_have_examples():
    for name in ["Portfolio", "Schedule", "peakshift", "peakshift_defaults",
                 "peakshift_from_config", "peakshift_inputs", "peak_window"]:
        assert ">>>" in getattr(lf, name).__doc__, name
    for name in ["load", "from_frame", "add"]:
        assert ">>>" in getattr(lf.Portfolio, name).__doc__, name
