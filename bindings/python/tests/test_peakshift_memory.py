"""Ownership and memory of the peak-shift objects: a schedule and its
portfolio are freed by close, by ``with`` and by the collector; thousands of
runs keep the RSS flat (test_memory.py's pattern and bound).

The bound (each measured with the C free function made a no-op): 2000
schedules of 120 days leak 160 MB, or 74 MB when only their portfolio
copies leak; 2000 portfolios read from the sample's YAML 73 MB; 150 config
runs 14 MB through their portfolios.  What is too small for the RSS to tell
(a config's input of 4 kB, the schedule of a config run: 5 MB over 150
runs) is counted instead: every C allocation against its free."""
import gc
import weakref

import numpy as np
import pandas as pd

import pytest

import libforecast as lf
from conftest import ROOT
from libforecast._lib import LIB
from test_peakshift_config import project  # noqa: F401  (the fixture)
from rss import BOUND_MB, grows

PORTFOLIO = ROOT / "datasets" / "sample" / "portfolio.yaml"



def test_close_with_and_the_collector_free_both(monkeypatch):
    p = lf.Portfolio.load(PORTFOLIO)
    demand = pd.Series(9300.0, pd.date_range("2025-08-01", periods=5))
    s = lf.peakshift(demand, 9250, p, method="greedy")
    own = s._portfolio
    s.close()
    assert s.closed and own.closed and not p.closed
    with lf.peakshift(demand, 9250, p, method="greedy") as s2:
        own2 = s2._portfolio
    assert s2.closed and own2.closed
    s3 = lf.peakshift(demand, 9250, p, method="greedy")
    fin, fin_own = s3._finalizer, s3._portfolio._finalizer
    ref = weakref.ref(s3)
    del s3
    gc.collect()
    assert ref() is None and not fin.alive and not fin_own.alive


def test_schedules_do_not_leak():
    p = lf.Portfolio.load(PORTFOLIO)
    days = pd.date_range("2025-06-01", periods=120)
    demand = pd.Series(9000 + 400 * np.sin(np.arange(120) / 20), days)
    state = {"k": 0}

    def once():
        s = lf.peakshift(demand, 9350, p, method="greedy")
        s.totals
        state["k"] += 1
        if state["k"] % 2:
            s.close()             # the other half: freed by the collector

    growth, before = grows(once, 2000)
    print(f"schedules: RSS {before:.1f} MB, +{growth:.2f} MB after 2000")
    assert growth < BOUND_MB


def test_portfolios_do_not_leak():
    def once():
        with lf.Portfolio.load(PORTFOLIO) as p:
            p.copy()              # freed by the collector
        q = lf.Portfolio()
        q.add("A", 10, measures={"shift": {"mw": 5}})

    growth, before = grows(once, 2000)
    print(f"portfolios: RSS {before:.1f} MB, +{growth:.2f} MB after 2000")
    assert growth < BOUND_MB


def test_config_runs_do_not_leak(project):  # noqa: F811
    config = project / "project.yaml"

    def once():
        with lf.Config(config) as cfg:
            lf.peakshift_from_config(cfg).close()
            lf.peakshift_inputs(cfg).portfolio.close()

    growth, before = grows(once, 150)
    print(f"config runs: RSS {before:.1f} MB, +{growth:.2f} MB after 150")
    assert growth < BOUND_MB


def count_pairs(monkeypatch, pairs):
    """Wrap the LIB functions of (make, free) pairs to count the objects
    made (a status LF_OK, or a pointer returned) and freed."""
    counts = {}

    def made(*args, _fn, _name):
        rc = _fn(*args)
        counts[_name] += (rc == 0) if isinstance(rc, int) else bool(rc)
        return rc

    def freed(ptr, _fn, _name):
        counts[_name] += bool(ptr)
        return _fn(ptr)

    for name, wrapper in {n: w for pair in pairs for n, w in zip(pair, (made, freed))}.items():
        counts[name] = 0
        real = getattr(LIB, name)
        monkeypatch.setattr(LIB, name, lambda *a, _w=wrapper, _f=real, _n=name:
                            _w(*a, _fn=_f, _name=_n))
    return counts


PAIRS = [("lf_portfolio_load", "lf_portfolio_free"), ("lf_peakshift_run", "lf_peakshift_free"),
         ("lf_config_peakshift_load", "lf_config_peakshift_free")]


def test_every_c_object_is_freed_once(monkeypatch, project):  # noqa: F811
    counts = count_pairs(monkeypatch, PAIRS + [("lf_portfolio_new", "lf_portfolio_free")])
    with lf.Config(project / "project.yaml") as cfg:
        with lf.peakshift_from_config(cfg) as s:
            s.days
        inputs = lf.peakshift_inputs(cfg)
        s2 = lf.peakshift(**inputs.arguments())
        inputs.portfolio.close()
        del s2
        with pytest.raises(lf.ArgumentError):    # an error after the input was read
            lf.peakshift(**{**inputs.arguments(), "limit": -1})
    gc.collect()
    made = counts["lf_portfolio_load"] + counts["lf_portfolio_new"]
    assert made >= 3 and counts["lf_portfolio_free"] == made
    assert counts["lf_peakshift_run"] == counts["lf_peakshift_free"] == 2
    assert counts["lf_config_peakshift_load"] == counts["lf_config_peakshift_free"] == 2


def test_a_failing_config_run_frees_what_it_made(monkeypatch, project, tmp_path):  # noqa: F811
    counts = count_pairs(monkeypatch, PAIRS)
    text = (project / "project.yaml").read_text().replace(
        "limit_mw: {2025-06: 9400, 2025-07: 9400, 2025-08: 9330, 2025-09: 9400}",
        "limit_mw: {2025-06: 9400}")
    (project / "short.yaml").write_text(text)
    with lf.Config(project / "short.yaml") as cfg:
        with pytest.raises(lf.InputError, match="2025-07"):
            lf.peakshift_from_config(cfg)
        with pytest.raises(lf.InputError, match="2025-07"):
            lf.peakshift_inputs(cfg)
    gc.collect()
    assert counts["lf_portfolio_load"] == counts["lf_portfolio_free"] == 2
    assert counts["lf_peakshift_run"] == 0
