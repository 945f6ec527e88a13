"""Every bad input to the tariff API raises the right exception with a
message naming what is wrong: the form of the load, the account and the
arguments before any C call, the values with the C message; nothing
crashes; use after close is ClosedError."""
import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT
from test_tariff import BY_CAPACITY, TARIFFS, two_days

EXAMPLE = ROOT / "examples" / "tariffs" / "tariffs.yaml"


@pytest.fixture
def tariffs(tmp_path):
    (tmp_path / "t.yaml").write_text(TARIFFS)
    with lf.TariffSet(tmp_path / "t.yaml") as ts:
        yield ts


@pytest.fixture
def tou(tariffs):
    return tariffs.find("tou_test", "2024-03-04")


# ---- the load --------------------------------------------------------------------------------

IDX = pd.date_range("2024-03-04", periods=48, freq="h")


@pytest.mark.parametrize("bad,match", [
    ([100.0] * 48, "load must be a pandas Series of kW indexed by timestamps"),
    (np.full(48, 100.0), "must be a pandas Series"),
    (pd.Series(100.0, range(48)), "must be a pandas Series"),
    (pd.DataFrame({"kw": 100.0}, IDX), "not DataFrame"),
    (pd.Series(100.0, IDX[:1]), "needs whole days"),
    (pd.Series(100.0, IDX.delete(5)), "one value every 60 minutes: 2024-03-04 06:00:00 follows "
                                      "2024-03-04 04:00:00"),
    (pd.Series(100.0, IDX.insert(5, IDX[5])), "a gap, a duplicate or another step"),
    (pd.Series(100.0, pd.date_range("2024-03-04", periods=72, freq="20min")),
     "20-minute steps; 15, 30 or 60"),
    (pd.Series(100.0, pd.date_range("2024-03-04 01:00", periods=48, freq="h")),
     "start at 00:00 of its first day"),
    (pd.Series(100.0, IDX[:36]), "36 values, not whole days of 24"),
    (pd.Series("a", IDX), "must hold numbers"),
    (pd.Series(True, IDX), "must hold numbers"),
])
def test_bad_load_is_an_argument_error(bad, match, tou):
    with pytest.raises(lf.ArgumentError, match=match):
        tou.bill(bad, BY_CAPACITY)


def test_load_values_are_checked_by_c_naming_the_interval(tou):
    load = two_days()
    load.iloc[30] = np.nan
    with pytest.raises(lf.ArgumentError, match="interval load on 2024-03-05 06:00 is nan: load "
                                               "must be a finite number >= 0"):
        tou.bill(load, BY_CAPACITY)
    load.iloc[30] = -1
    with pytest.raises(lf.ArgumentError, match="06:00 is -1"):
        tou.bill(load, BY_CAPACITY)


def test_integer_and_float32_load_is_converted(tou):
    load = two_days()
    assert tou.bill(load.astype(np.float32), BY_CAPACITY).total == 4262.84
    assert tou.bill(load.astype(np.int64), BY_CAPACITY).total == 4262.84
    assert tou.bill(load.astype("Float64"), BY_CAPACITY).total == 4262.84


# ---- the account -------------------------------------------------------------------------------


@pytest.mark.parametrize("args,kw,match", [
    (("x" * 32, 10, 1000), {}, "customer_class 'x{32}' is longer than 31 bytes"),
    ((5, 10, 1000), {}, "customer_class must be a string"),
    (("x", "10", 1000), {}, "voltage_kv must be a number"),
    (("x", 10, None), {}, "capacity_kva must be a number"),
    (("x", 10, 1000), {"basic": "monthly"}, "basic must be 'capacity' or 'demand'"),
    (("x", 10, 1000), {"declared_kw": "400"}, "declared_kw must be a number"),
    (("x", 10, 1000), {"power_factor": True}, "power_factor must be a number"),
])
def test_bad_accounts(args, kw, match):
    with pytest.raises(lf.ArgumentError, match=match):
        lf.Account(*args, **kw)


def test_per_month_values_must_match_the_billed_months(tou):
    with pytest.raises(lf.ArgumentError, match="declared_kw has 2 values; expected 1 "
                                               "\\(one a billed month\\)"):
        tou.bill(two_days(), lf.Account("x", 10, 1000, basic="demand", declared_kw=[400, 500]))
    months = pd.period_range("2024-04", periods=1, freq="M")
    with pytest.raises(lf.ArgumentError, match="power_factor has no figure for 2024-03"):
        tou.bill(two_days(), lf.Account("x", 10, 1000, power_factor=pd.Series([0.9], months)))
    with pytest.raises(lf.ArgumentError, match="declared_kw must be one-dimensional"):
        tou.bill(two_days(), lf.Account("x", 10, 1000, declared_kw=np.ones((1, 1))))


def test_account_values_are_checked_by_c(tou):
    under = lf.Account("x", 10, 1000, basic="demand", declared_kw=300)
    with pytest.raises(lf.ArgumentError, match="2024-03: declared demand 300 kW; tariff "
                                               "tou_test"):
        tou.bill(two_days(), under)
    with pytest.raises(lf.ArgumentError, match="2024-03: power factor 1.5 is not in 0..1"):
        tou.bill(two_days(), lf.Account("x", 10, 1000, power_factor=1.5))
    with pytest.raises(lf.ArgumentError, match="account must be an Account"):
        tou.bill(two_days(), {"customer_class": "x"})


# ---- the other arguments -------------------------------------------------------------------------


def test_tariff_and_set_arguments(tariffs, tou):
    with pytest.raises(lf.ArgumentError, match="tariffs must be a TariffSet"):
        lf.rank_tariffs(str(EXAMPLE), two_days(), BY_CAPACITY)
    with pytest.raises(lf.ArgumentError, match="no tariff nope in"):
        tariffs.bill("nope", two_days(), BY_CAPACITY)
    with pytest.raises(lf.ArgumentError, match="id must be a string"):
        tariffs.find(3, "2024-03-04")
    with pytest.raises(lf.ArgumentError, match="is not a date|day must be one date"):
        tariffs.find("tou_test", ["2024-03-04", "2024-03-05"])
    with pytest.raises(lf.ArgumentError, match="calendar must be a libforecast Calendar"):
        tou.bill(two_days(), BY_CAPACITY, calendar="CN")
    with pytest.raises(lf.ArgumentError, match="calendar must be a libforecast Calendar"):
        tou.bill(two_days(), BY_CAPACITY, calendar=tariffs)      # another handle: refused


def test_ranking_errors(tariffs):
    with pytest.raises(lf.ArgumentError, match="current tariff nope"):
        lf.rank_tariffs(tariffs, two_days(), BY_CAPACITY, current="nope")
    with lf.TariffSet(EXAMPLE) as ts:
        with pytest.raises(lf.ArgumentError, match="no tariff in .* is open to class 'farm'"):
            lf.rank_tariffs(ts, two_days(), lf.Account("farm", 0.4, 50))
    r = lf.rank_tariffs(tariffs, two_days(), BY_CAPACITY)
    for bad in (0, 4, True, "1", 1.0):
        with pytest.raises(lf.ArgumentError, match="rank must be 1..3"):
            r.bill(bad)


def test_a_month_outside_the_effective_dates(tmp_path):
    with lf.TariffSet(EXAMPLE) as ts:
        t = ts.find("large_industry_tou_1_10kv", "2024-03-01")
        old = pd.Series(100.0, pd.date_range("2023-03-04", periods=48, freq="h"))
        with pytest.raises(lf.ArgumentError, match="tariff large_industry_tou_1_10kv is not in "
                                                   "force in 2023-03"):
            t.bill(old, lf.Account("large_industry", 10, 1000))


def test_declared_demand_and_shift_errors(tariffs, tou):
    single = tariffs.find("single_test", "2024-03-04")
    with pytest.raises(lf.ArgumentError, match="tariff single_test has no basic charge by "
                                               "demand"):
        single.declared_demand(1000, [300.0])
    with pytest.raises(lf.ArgumentError, match="max_kw has no values"):
        tou.declared_demand(1000, [])
    with pytest.raises(lf.ArgumentError, match="weights has 1 values; expected 2"):
        tou.declared_demand(1000, [300.0, 500.0], weights=[1.0])
    with pytest.raises(lf.ArgumentError, match="maximum demand value 2 is -5; give kW >= 0"):
        tou.declared_demand(1000, [300.0, -5.0])
    with pytest.raises(lf.ArgumentError, match="the installed capacity must be above 0 kVA"):
        tou.declared_demand(0, [300.0])
    with pytest.raises(lf.ArgumentError, match="month must be an int"):
        tou.declared_month(1000, 2025, "3", [300.0])
    with pytest.raises(lf.ArgumentError, match="month 13 is not 1..12"):
        tou.declared_month(1000, 2025, 13, [300.0])
    with pytest.raises(lf.ArgumentError, match="tariff single_test has no time-of-use rates"):
        single.shift_saving(two_days(), BY_CAPACITY, 0.5)
    with pytest.raises(lf.ArgumentError, match="share of peak load to move must be in"):
        tou.shift_saving(two_days(), BY_CAPACITY, 1.5)
    with pytest.raises(lf.ArgumentError, match="the most kW to move must be >= 0"):
        tou.shift_saving(two_days(), BY_CAPACITY, 0.5, max_kw=-1)
    with pytest.raises(lf.ArgumentError, match="share must be a number"):
        tou.shift_saving(two_days(), BY_CAPACITY, "half")


def test_helper_errors():
    with pytest.raises(lf.ArgumentError, match="quantile probabilities must increase"):
        lf.quantiles_to_values([0.5, 0.1], [1.0, 2.0], 3)
    with pytest.raises(lf.ArgumentError, match="v has 1 values; expected 2"):
        lf.quantiles_to_values([0.1, 0.5], [1.0], 3)
    with pytest.raises(lf.ArgumentError, match="n must be an int >= 1"):
        lf.quantiles_to_values([0.5], [1.0], 0)
    with pytest.raises(lf.ArgumentError, match="give at least one quantile"):
        lf.quantiles_to_values([], [], 3)
    with pytest.raises(lf.ArgumentError, match="growth -2 must be above -100%"):
        lf.max_demand_history(two_days(), 2025, 3, growth=-2)
    with pytest.raises(lf.ArgumentError, match="month 0 is not 1..12"):
        lf.max_demand_history(two_days(), 2025, 0)


def test_impact_errors(tariffs):
    with pytest.raises(lf.ArgumentError, match="customers must be a non-empty list"):
        lf.tariff_change_impact(tariffs, tariffs, [])
    with pytest.raises(lf.ArgumentError, match="customers\\[0\\] needs id, account, load"):
        lf.tariff_change_impact(tariffs, tariffs, [{"id": "X"}])
    with pytest.raises(lf.ArgumentError, match="customers\\[0\\]\\['load'\\] must be a pandas"):
        lf.tariff_change_impact(tariffs, tariffs, [dict(id="X", account=BY_CAPACITY, load=[1.0],
                                                        tariff_id="tou_test")])
    with pytest.raises(lf.ArgumentError, match="X"):
        lf.tariff_change_impact(tariffs, tariffs, [dict(id="X", account=BY_CAPACITY,
                                                        load=two_days(), tariff_id="nope")])
    with pytest.raises(lf.ArgumentError, match="new must be a TariffSet"):
        lf.tariff_change_impact(tariffs, None, [dict(id="X", account=BY_CAPACITY,
                                                     load=two_days(), tariff_id="tou_test")])


# ---- files and configs ------------------------------------------------------------------------


def test_files(tmp_path):
    with pytest.raises(lf.LibIOError, match="nope.yaml"):
        lf.TariffSet(tmp_path / "nope.yaml")
    (tmp_path / "bad.yaml").write_text(TARIFFS.replace("kind: tou", "kind: toux"))
    with pytest.raises(lf.InputError, match=r"bad\.yaml:\d+:\d+: .*toux") as e:
        lf.TariffSet(tmp_path / "bad.yaml")
    assert e.value.code == 5
    with pytest.raises(lf.ArgumentError, match="path must be a str or os.PathLike"):
        lf.TariffSet(None)


def test_configs(tmp_path, sample):
    (tmp_path / "p.yaml").write_text("name: x\n")
    with lf.Config(tmp_path / "p.yaml") as cfg:
        with pytest.raises(lf.InputError, match="p.yaml: no 'tariff' section; see lfc help "
                                                "tariff"):
            lf.tariff_advice(cfg)
    with pytest.raises(lf.ArgumentError, match="cfg must be a Config"):
        lf.tariff_advice("project.yaml")
    # the sample copy has no ../../examples beside it: the C message names the file
    with lf.Config(sample / "project.yaml") as cfg:
        with pytest.raises(lf.LibforecastError, match="tariffs.yaml"):
            lf.tariff_advice(cfg)


def test_an_account_s_error_names_the_customer(tmp_path, sample):
    import shutil
    import re
    root = tmp_path / "r"
    shutil.copytree(sample, root / "datasets" / "sample")
    shutil.copytree(ROOT / "examples" / "tariffs", root / "examples" / "tariffs")
    cfg_path = root / "datasets" / "sample" / "project.yaml"
    # a class no tariff is open to: lf_tariff_rank's message, prefixed as lfc prints it
    text = re.sub(r"class: general_commercial\n      voltage_kv: 10\n"
                  r"      capacity_kva: 10000\n      current: .*\n",
                  "class: farm\n      voltage_kv: 10\n      capacity_kva: 10000\n",
                  cfg_path.read_text())
    cfg_path.write_text(re.sub(r"\n  proposed: .*", "", text))
    with lf.Config(cfg_path) as cfg:
        with pytest.raises(lf.ArgumentError, match="^customer C003: no tariff in .* is open to "
                                                   "class 'farm'"):
            lf.tariff_advice(cfg)


# ---- use after close ------------------------------------------------------------------------


def test_use_after_close(tmp_path):
    (tmp_path / "t.yaml").write_text(TARIFFS)
    ts = lf.TariffSet(tmp_path / "t.yaml")
    t = ts.find("tou_test", "2024-03-04")
    r = lf.rank_tariffs(ts, two_days(), BY_CAPACITY)
    b = t.bill(two_days(), BY_CAPACITY)
    months = b.months
    b.close()
    with pytest.raises(lf.ClosedError, match="this Bill is closed"):
        b.months
    assert months["total"].tolist() == [4262.84]
    ts.close()
    for use in (lambda: t.id, lambda: t.bill(two_days(), BY_CAPACITY), lambda: ts.ids,
                lambda: ts.find("tou_test", "2024-03-04"), lambda: r.bill(1),
                lambda: lf.rank_tariffs(ts, two_days(), BY_CAPACITY)):
        with pytest.raises(lf.ClosedError, match="this TariffSet is closed"):
            use()
    assert r.options["total"].tolist() == [3120.0, 3877.39, 4262.84]   # its own memory
    r.close()
    with pytest.raises(lf.ClosedError, match="this Ranking is closed"):
        r.options
    assert repr(t) == "<Tariff (its set is closed)>" and repr(r) == "<Ranking (closed)>"


def test_results_cannot_be_made_directly():
    for cls in (lf.Bill, lf.TariffImpact):
        with pytest.raises(TypeError, match="not directly"):
            cls(None)
