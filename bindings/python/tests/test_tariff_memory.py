"""Ownership and memory of the tariff objects: sets, bills, rankings and
impacts are freed by close, ``with`` and the collector; every C object the
advice makes is freed before it returns, also when it fails; thousands of
calls keep the RSS flat (test_memory.py's pattern and bound).

The bound: the example tariff file holds 6 lf_tariff of 3.6 kB, so 2000
sets leaked grow the RSS by 52 MB (measured with lf_tariff_set_free a
no-op), 2000 x 2 bills of 12 months 18 MB; 40 advice runs of the sample
(each loads three customers' interval files) 61 MB with
lf_config_tariff_free a no-op.  A ranking (two options) and an impact are
too small for the RSS to tell: each C object is counted against its free."""
import gc
import weakref

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT
from test_peakshift_memory import count_pairs
from test_tariff_config import project  # noqa: F401  (the fixture)
from rss import BOUND_MB, grows

EXAMPLE = ROOT / "examples" / "tariffs" / "tariffs.yaml"
YEAR = pd.Series(1000.0 + 500 * np.sin(np.arange(366 * 24) / 7),
                 pd.date_range("2024-01-01", periods=366 * 24, freq="h"))
ACCOUNT = lf.Account("large_industry", 10, 25000, power_factor=0.9)



def test_close_with_and_the_collector():
    ts = lf.TariffSet(EXAMPLE)
    bill = ts.bill("large_industry_tou_1_10kv", YEAR, ACCOUNT)
    fin = bill._finalizer
    del bill
    gc.collect()
    assert not fin.alive
    with lf.rank_tariffs(ts, YEAR, ACCOUNT) as r:
        pass
    assert r.closed and not ts.closed
    ref, fin = weakref.ref(ts), ts._finalizer
    r2 = lf.rank_tariffs(ts, YEAR, ACCOUNT)
    del ts
    gc.collect()
    assert ref() is not None and fin.alive          # the ranking keeps its set alive
    del r2
    gc.collect()
    assert ref() is None and not fin.alive


def test_tariff_calls_do_not_leak():
    state = {"k": 0}
    customers = [dict(id="A", account=ACCOUNT, load=YEAR,
                      tariff_id="large_industry_tou_1_10kv")]

    def once():
        ts = lf.TariffSet(EXAMPLE)
        t = ts.find("large_industry_tou_1_10kv", "2024-01-01")
        t.bill(YEAR, ACCOUNT).total
        r = lf.rank_tariffs(ts, YEAR, ACCOUNT, current="large_industry_tou_1_10kv")
        r.bill(1).close()
        lf.tariff_change_impact(ts, ts, customers).total
        t.shift_saving(YEAR, ACCOUNT, 0.2)
        state["k"] += 1
        if state["k"] % 2:        # the other half: freed by the collector
            r.close()
            ts.close()

    growth, before = grows(once, 2000)
    print(f"tariff calls: RSS {before:.1f} MB, +{growth:.2f} MB after 2000")
    assert growth < BOUND_MB


def test_advice_runs_do_not_leak(project, monkeypatch):  # noqa: F811
    monkeypatch.chdir(project)

    def once():
        with lf.Config("project.yaml") as cfg:
            lf.tariff_advice(cfg)

    growth, before = grows(once, 40, warm=5)
    print(f"advice runs: RSS {before:.1f} MB, +{growth:.2f} MB after 40")
    assert growth < BOUND_MB


def test_every_object_of_the_api_is_freed_once(monkeypatch):
    counts = count_pairs(monkeypatch, [
        ("lf_tariff_set_load", "lf_tariff_set_free"), ("lf_bill_intervals", "lf_bill_free"),
        ("lf_tariff_set_bill", "lf_bill_free"), ("lf_tariff_option_bill", "lf_bill_free"),
        ("lf_tariff_rank", "lf_tariff_ranking_free"),
        ("lf_tariff_change_impact", "lf_tariff_impact_free")])
    customers = [dict(id="A", account=ACCOUNT, load=YEAR,
                      tariff_id="large_industry_tou_1_10kv")]
    for _ in range(3):
        ts = lf.TariffSet(EXAMPLE)
        ts.find("large_industry_tou_1_10kv", "2024-01-01").bill(YEAR, ACCOUNT)
        ts.bill("large_industry_tou_1_10kv", YEAR, ACCOUNT).close()
        with lf.rank_tariffs(ts, YEAR, ACCOUNT) as r:
            r.bill(2)
        lf.rank_tariffs(ts, YEAR, ACCOUNT)
        with pytest.raises(lf.ArgumentError):
            lf.rank_tariffs(ts, YEAR, ACCOUNT, current="nope")
        lf.tariff_change_impact(ts, ts, customers)
    del ts, r
    gc.collect()
    made = {k: v for k, v in counts.items() if not k.endswith("_free")}
    assert made == {"lf_tariff_set_load": 3, "lf_bill_intervals": 3, "lf_tariff_set_bill": 3,
                    "lf_tariff_option_bill": 3, "lf_tariff_rank": 6,
                    "lf_tariff_change_impact": 3}
    assert counts["lf_tariff_set_free"] == 3 and counts["lf_bill_free"] == 9
    assert counts["lf_tariff_ranking_free"] == 6 and counts["lf_tariff_impact_free"] == 3


PAIRS = [("lf_config_tariff_load", "lf_config_tariff_free"),
         ("lf_tariff_rank", "lf_tariff_ranking_free"),
         ("lf_tariff_option_bill", "lf_bill_free"),
         ("lf_tariff_change_impact", "lf_tariff_impact_free")]


def test_the_advice_frees_every_c_object(project, monkeypatch):  # noqa: F811
    monkeypatch.chdir(project)
    counts = count_pairs(monkeypatch, PAIRS)
    with lf.Config("project.yaml") as cfg:
        lf.tariff_advice(cfg)
    assert counts == {"lf_config_tariff_load": 1, "lf_config_tariff_free": 1,
                      "lf_tariff_rank": 3, "lf_tariff_ranking_free": 3,
                      "lf_tariff_option_bill": 4, "lf_bill_free": 4,
                      "lf_tariff_change_impact": 1, "lf_tariff_impact_free": 1}


def test_a_failing_advice_frees_what_it_made(project, monkeypatch):  # noqa: F811
    monkeypatch.chdir(project)
    text = (project / "project.yaml").read_text().replace(
        "      current: general_ic_tou_1_10kv\n", "      current: general_ic_tou_1_10kv\n"
        "      declared_from: {forecast: missing.csv}\n")
    (project / "failing.yaml").write_text(text)
    counts = count_pairs(monkeypatch, PAIRS)
    with lf.Config("failing.yaml") as cfg:
        with pytest.raises(lf.LibIOError, match="missing.csv"):
            lf.tariff_advice(cfg)
    assert counts["lf_config_tariff_load"] == counts["lf_config_tariff_free"] == 0
    # the first account fails in its plan, after its ranking and bills
    text = (project / "project.yaml").read_text().replace(
        "  proposed: ../../examples/tariffs/proposed.yaml",
        "  proposed: ../../examples/tariffs/proposed.yaml\n  plan_year: 2021")
    (project / "late.yaml").write_text(text)
    with lf.Config("late.yaml") as cfg:
        with pytest.raises(lf.InputError, match="^customer C001: tariff "
                           "large_industry_tou_35_110kv has no version in force on 2021-01-01, "
                           "a month of the plan year") as e:
            lf.tariff_advice(cfg)
        assert e.value.code == 6                     # LF_ERR_DATA, as lfc's
    assert counts["lf_config_tariff_load"] == counts["lf_config_tariff_free"] == 1
    assert counts["lf_tariff_rank"] == counts["lf_tariff_ranking_free"] == 1
    assert counts["lf_tariff_option_bill"] == counts["lf_bill_free"] == 2
