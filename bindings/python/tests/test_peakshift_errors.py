"""Every bad input to the peak-shift API raises the right exception with a
message naming what is wrong, before any C call for its form, with the C
message for its values; nothing crashes; use after close is ClosedError."""
import gc

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT

DAYS = pd.date_range("2025-08-04", periods=3)
PORTFOLIO = ROOT / "datasets" / "sample" / "portfolio.yaml"


@pytest.fixture
def portfolio():
    p = lf.Portfolio()
    p.add("A", 50, measures={"shift": {"mw": 20}})
    return p


def demand(values=(1010.0, 1030.0, 990.0), index=DAYS):
    return pd.Series(list(values), index)


# ---- the demand --------------------------------------------------------------------------


@pytest.mark.parametrize("bad,match", [
    ([1010.0, 1030.0], "must be a pandas Series indexed by days"),
    (np.array([1.0, 2.0]), "must be a pandas Series indexed by days"),
    (pd.Series([1.0, 2.0]), "indexed by RangeIndex"),
    (pd.DataFrame({"x": [1.0]}, index=DAYS[:1]), "not a DataFrame"),
    (pd.Series([1.0, 2.0], pd.to_datetime(["2025-08-04", "2025-08-06"])),
     "consecutive days in order: 2025-08-06 follows 2025-08-04"),
    (pd.Series([1.0, 2.0], pd.to_datetime(["2025-08-05", "2025-08-04"])),
     "consecutive days in order"),
    (pd.Series([1.0, 2.0], pd.to_datetime(["2025-08-04", "2025-08-04"])),
     "names 2025-08-04 twice"),
    (pd.Series([1.0, 2.0], pd.date_range("2025-08-04", periods=2, freq="h")),
     "one value a day at 00:00; 2025-08-04 01:00:00 has a time of day"),
    (pd.Series([1.0, 2.0], pd.DatetimeIndex(["2025-08-04", None])), "missing date"),
    (pd.Series([], dtype=float, index=pd.DatetimeIndex([])), "no days"),
    (pd.Series(["a", "b"], DAYS[:2]), "must hold numbers"),
    (pd.Series([True, False], DAYS[:2]), "must hold numbers"),
    (pd.Series(np.zeros((2,), dtype="datetime64[ns]"), DAYS[:2]), "must hold numbers"),
])
def test_bad_demand_is_an_argument_error(bad, match, portfolio):
    with pytest.raises(lf.ArgumentError, match=match):
        lf.peakshift(bad, 1000, portfolio)


def test_values_are_checked_by_c_naming_the_day(portfolio):
    with pytest.raises(lf.ArgumentError, match="^2025-08-05: peak MW nan is not allowed$"):
        lf.peakshift(demand([1010.0, np.nan, 990.0]), 1000, portfolio)
    with pytest.raises(lf.ArgumentError, match="^2025-08-04: peak MW -1 is not allowed$"):
        lf.peakshift(demand([-1.0, 1.0, 1.0]), 1000, portfolio)
    with pytest.raises(lf.ArgumentError, match="^2025-08-06: supply limit MW -5 is not allowed"):
        lf.peakshift(demand(), [1000, 1000, -5], portfolio)
    with pytest.raises(lf.ArgumentError, match="peak window hours 30 is not allowed"):
        lf.peakshift(demand(), 1000, portfolio, window_hours=30)
    with pytest.raises(lf.ArgumentError, match="peak window start hour 25 is not allowed"):
        lf.peakshift(demand(), 1000, portfolio, window_start=25)
    with pytest.raises(lf.ArgumentError, match="seconds_per_stage must be positive"):
        lf.peakshift(demand(), 1000, portfolio, seconds_per_stage=0)


# ---- the limit and the windows --------------------------------------------------------------


@pytest.mark.parametrize("bad,match", [
    ([1000.0, 1000.0], "limit has 2 values; expected 3 \\(one a day of the demand\\)"),
    (np.ones((3, 1)), "one-dimensional"),
    ("1000", "limit must be a number, not str"),
    (True, "limit must be a number, not bool"),
    (None, "limit must be a number, not NoneType"),
    (pd.Series([1000.0, 1000.0], DAYS[:2]), "no value for 2025-08-06, a day of the demand"),
    (pd.Series([1000.0], pd.period_range("2025-07", periods=1, freq="M")),
     "no value for 2025-08, a month of the demand"),
    ({"2025-07": 1000}, "no value for 2025-08"),
    ({"2025-13": 1000}, "is not a month"),
    ({"2025-08": "x"}, "must be a number"),
    (pd.Series([1.0, 2.0, 3.0], pd.Index(["a", "b", "c"])), "indexed by days .* or months"),
    (pd.Series([1.0, 2.0, 3.0], pd.period_range("2025-08-04", periods=3, freq="D")),
     "monthly periods"),
])
def test_bad_limit_is_an_argument_error(bad, match, portfolio):
    with pytest.raises(lf.ArgumentError, match=match):
        lf.peakshift(demand(), bad, portfolio)


def test_a_bad_window_names_its_argument(portfolio):
    with pytest.raises(lf.ArgumentError, match="window_hours has 1 values; expected 3"):
        lf.peakshift(demand(), 1000, portfolio, window_hours=[4.0])
    with pytest.raises(lf.ArgumentError, match="window_start has no value for 2025-08-04"):
        lf.peakshift(demand(), 1000, portfolio, window_start=pd.Series([1.0], DAYS[1:2]))


# ---- the settings and the portfolio argument ------------------------------------------------


@pytest.mark.parametrize("kw,match", [
    ({"method": "fast"}, "method 'fast' is not one of auto, exact, greedy"),
    ({"method": 1}, "method must be a string"),
    ({"fair": "yes"}, "fair must be True or False"),
    ({"spread_rest_days": 2}, "spread_rest_days must be True or False"),
    ({"seconds_per_stage": "10"}, "seconds_per_stage must be a number"),
    ({"exact_max_calls": -1}, "exact_max_calls must be an int >= 1"),
    ({"exact_max_calls": 2.5}, "exact_max_calls must be an int >= 1"),
    ({"exact_max_calls": 2**64}, "exact_max_calls must be an int >= 1"),
])
def test_bad_settings(kw, match, portfolio):
    with pytest.raises(lf.ArgumentError, match=match):
        lf.peakshift(demand(), 1000, portfolio, **kw)


def test_the_portfolio_must_be_one(portfolio):
    with pytest.raises(lf.ArgumentError, match="portfolio must be a Portfolio"):
        lf.peakshift(demand(), 1000, str(PORTFOLIO))
    with pytest.raises(TypeError):
        lf.peakshift(demand(), 1000)


def test_an_empty_portfolio_schedules_nothing_and_says_so():
    s = lf.peakshift(demand(), 1000, lf.Portfolio())
    assert s.calls.empty and s.unmet_mw_days == 40.0
    assert s.customers.empty


# ---- building a portfolio ---------------------------------------------------------------------


@pytest.mark.parametrize("args,kw,exc,match", [
    (("X" * 32, 10), {}, lf.ArgumentError, "id 'X{32}' has 32 bytes in UTF-8; at most 31"),
    (("A", 10), {"name": "名" * 43}, lf.ArgumentError, "has 129 bytes"),
    ((5, 10), {}, lf.ArgumentError, "id must be a string, not int"),
    (("A", "10"), {}, lf.ArgumentError, "peak_mw must be a number, not str"),
    (("A", 0), {}, lf.ArgumentError, "customer 'A': peak_mw 0 must be a finite number above 0"),
    (("A", 10), {"measures": {"shift": {"mw": 12}}}, lf.ArgumentError,
     "customer 'A': shift takes 12 MW, above the customer's peak_mw of 10 MW"),
    (("A", 10), {"measures": {"nap": {"mw": 1}}}, lf.ArgumentError, "unknown measure 'nap'"),
    (("A", 10), {"measures": {"shift": {"mv": 1}}}, lf.ArgumentError, "has no field 'mv'"),
    (("A", 10), {"measures": {"shift": {"notice_days": 1}}}, lf.ArgumentError, "needs mw"),
    (("A", 10), {"measures": {"shift": 5}}, lf.ArgumentError, "must be a mapping"),
    (("A", 10), {"measures": [("shift", {"mw": 1})]}, lf.ArgumentError, "must be a mapping"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "notice_days": 2**40}}}, lf.ArgumentError,
     "notice_days 1099511627776 is out of range"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "notice_days": 1.5}}}, lf.ArgumentError,
     "notice_days must be a whole number"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "notice_days": -1}}}, lf.ArgumentError,
     "shift notice_days -1 must be >= 0"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "weekdays": ["funday"]}}}, lf.ArgumentError,
     "'funday' is not a weekday"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "weekdays": 300}}}, lf.ArgumentError,
     "weekdays 0x12c sets bits above 6"),
    (("A", 10), {"measures": {"shift": {"mw": 1, "weekdays": -1}}}, lf.ArgumentError,
     "mask -1 must be 0..127"),
    (("A", 10), {"tier": "vip"}, lf.ArgumentError, "tier 'vip' is not one of the portfolio's"),
    (("A", 10), {"tier": 3}, lf.ArgumentError, "tier 3 is not one of the portfolio's 1 tiers"),
    (("A", 10), {"protected": "no"}, lf.ArgumentError, "protected must be True or False"),
    (("A", 10), {"voltage_kv": -1}, lf.ArgumentError, "voltage_kv -1 must be a finite number"),
])
def test_bad_customers_are_refused_at_add(args, kw, exc, match):
    p = lf.Portfolio()
    with pytest.raises(exc, match=match):
        p.add(*args, **kw)
    assert len(p) == 0                         # nothing half-added


def test_a_duplicate_id_and_a_missing_tier():
    p = lf.Portfolio(tiers=["a", "b"])
    p.add("A", 10, tier="a")
    with pytest.raises(lf.ArgumentError, match="customer id 'A' is already in the portfolio"):
        p.add("A", 10, tier="a")
    with pytest.raises(lf.ArgumentError, match="give tier= \\(one of a, b\\)"):
        p.add("B", 10)
    assert len(p) == 1


@pytest.mark.parametrize("kw,match", [
    ({"tiers": "general"}, "tiers must be a list of names"),
    ({"tiers": []}, "0 tiers; give 1..16 names"),
    ({"tiers": ["a", "A"]}, "tier 'A' is named twice"),
    ({"tiers": [""]}, "tier 0 has no name"),
    ({"window_hours": 0}, "window_hours 0 must be above 0 and at most 24"),
    ({"window_hours": "4"}, "window_hours must be a number"),
])
def test_bad_portfolios(kw, match):
    with pytest.raises(lf.ArgumentError, match=match):
        lf.Portfolio(**kw)


def test_from_frame_errors():
    with pytest.raises(lf.ArgumentError, match="customers must be a DataFrame"):
        lf.Portfolio.from_frame([{"id": "A", "peak_mw": 1}])
    with pytest.raises(lf.ArgumentError, match="needs an id column"):
        lf.Portfolio.from_frame(pd.DataFrame({"peak_mw": [1.0]}))
    with pytest.raises(lf.ArgumentError, match="lacks the column 'peak_mw'"):
        lf.Portfolio.from_frame(pd.DataFrame({"id": ["A"]}))
    c = pd.DataFrame({"id": ["A"], "peak_mw": [10.0]})
    with pytest.raises(lf.ArgumentError, match="name customer 'Z', which is not in customers"):
        lf.Portfolio.from_frame(c, pd.DataFrame({"id": ["Z"], "kind": ["shift"], "mw": [1.0]}))
    with pytest.raises(lf.ArgumentError, match="'A' has two shift rows"):
        lf.Portfolio.from_frame(c, pd.DataFrame({"id": ["A", "A"], "kind": ["shift"] * 2,
                                                 "mw": [1.0, 2.0]}))


def test_files(tmp_path):
    with pytest.raises(lf.LibIOError, match="nope.yaml"):
        lf.Portfolio.load(tmp_path / "nope.yaml")
    (tmp_path / "bad.yaml").write_text("tiers: [a]\ncustomers:\n  - id: A\n    peek_mw: 3\n")
    with pytest.raises(lf.InputError, match=r"bad\.yaml:4:\d+: .*peek_mw"):
        lf.Portfolio.load(tmp_path / "bad.yaml")
    with pytest.raises(lf.ArgumentError, match="path must be a str or os.PathLike"):
        lf.Portfolio.load(3)
    p = lf.Portfolio.load(PORTFOLIO)
    (tmp_path / "t.csv").write_text("id,tier\nC001,gold\n")
    with pytest.raises(lf.InputError, match=r"t\.csv:2:\d+: .*gold"):
        p.apply_tiers(tmp_path / "t.csv")
    assert p.customers.loc["C001", "tier"] == "restricted"       # unchanged


def test_a_config_without_the_section(tmp_path):
    (tmp_path / "p.yaml").write_text("name: x\n")
    with lf.Config(tmp_path / "p.yaml") as cfg:
        with pytest.raises(lf.InputError, match="p.yaml: no 'peakshift' section; see lfc help "
                                                "peakshift") as e:
            lf.peakshift_from_config(cfg)
        assert e.value.code == 5                     # LF_ERR_CONFIG
        with pytest.raises(lf.InputError, match="no 'peakshift' section"):
            lf.peakshift_inputs(cfg)
    with pytest.raises(lf.ArgumentError, match="cfg must be a Config"):
        lf.peakshift_from_config(str(tmp_path / "p.yaml"))


def test_a_config_whose_demand_file_is_missing(sample):
    # the sample copy has no out/: lf_config_peakshift_load names the file
    with lf.Config(sample / "project.yaml") as cfg:
        with pytest.raises(lf.LibIOError, match="forecast_daily.csv"):
            lf.peakshift_from_config(cfg)


# ---- use after close --------------------------------------------------------------------------


def test_use_after_close(portfolio):
    s = lf.peakshift(demand(), 1000, portfolio)
    days = s.days
    s.close()
    s.close()                                        # a second close does nothing
    for use in (lambda: s.days, lambda: s.calls, lambda: s.customers, lambda: s.status,
                lambda: s.to_csv("x"), lambda: s.to_json("x.json"), lambda: s.portfolio,
                lambda: s.totals):
        with pytest.raises(lf.ClosedError, match="this Schedule is closed"):
            use()
    assert days["shed_mw"].sum() == 30.0             # what it returned stays valid
    assert repr(s) == "<Schedule (closed)>"
    portfolio.close()
    for use in (lambda: len(portfolio), lambda: portfolio.customers,
                lambda: portfolio.add("B", 1), lambda: portfolio.copy(),
                lambda: lf.peakshift(demand(), 1000, portfolio)):
        with pytest.raises(lf.ClosedError, match="this Portfolio is closed"):
            use()


def test_a_schedule_keeps_its_own_portfolio(portfolio):
    s = lf.peakshift(demand(), 1000, portfolio)
    portfolio.add("B", 5)
    portfolio.close()
    gc.collect()
    assert s.calls["customer_id"].tolist() == ["A", "A"]
    assert list(s.customers.index) == ["A"]
    copy = s.portfolio
    copy.add("C", 1)                                 # a copy: the schedule's is untouched
    assert len(s.customers) == 1


def test_a_schedule_cannot_be_made_directly():
    with pytest.raises(TypeError, match="made by peakshift"):
        lf.Schedule(None, None)
