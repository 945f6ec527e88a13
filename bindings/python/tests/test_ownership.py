"""Ownership of C memory: freed by close(), a with block or garbage
collection, exactly once; use after close is a ClosedError, not a crash;
what a plan returned stays valid after close."""
import gc
import weakref

import pytest

import libforecast as lf
from test_balance import SUPPLY, daily, demand


def make():
    return lf.balance_plan(demand(), reserve=0.1, daily=daily(), **SUPPLY)


def test_close_twice_is_safe():
    p = make()
    assert not p.closed
    p.close()
    p.close()
    assert p.closed and repr(p) == "<BalancePlan (closed)>"


@pytest.mark.parametrize("use", [
    lambda p: p.months, lambda p: p.totals, lambda p: p.status, lambda p: len(p),
    lambda p: p.first, lambda p: p.infeasible, lambda p: p.raise_if_infeasible(),
    lambda p: p.daily_limits("2025-01-01", 1), lambda p: p.to_csv("/tmp/never.csv"),
    lambda p: p.to_json("/tmp/never.json"), lambda p: p.reserve, lambda p: p.has_daily,
    lambda p: p.high_label, lambda p: p.scenario, lambda p: p.__enter__(),
])
def test_use_after_close_is_a_clear_error(use):
    p = make()
    p.close()
    with pytest.raises(lf.ClosedError, match="^this BalancePlan is closed: its C memory is "
                       "freed$"):
        use(p)


def test_with_closes_even_on_an_exception():
    with pytest.raises(RuntimeError):
        with make() as p:
            raise RuntimeError
    assert p.closed


def test_garbage_collection_frees():
    p = make()
    finalizer = p._finalizer
    ref = weakref.ref(p)
    assert finalizer.alive
    del p
    gc.collect()
    assert ref() is None and not finalizer.alive


def test_a_cycle_is_freed_by_the_collector():
    p = make()
    p.me = p   # a reference cycle: only the cyclic collector frees it
    finalizer = p._finalizer
    del p
    gc.collect()
    assert not finalizer.alive


def test_results_outlive_the_plan():
    with make() as p:
        months, totals, limits = p.months, p.totals, p.daily_limits("2025-01-01", 3)
    assert months.shape == (3, 23) and totals["supply_mwh"] == 3300 and len(limits) == 3


def test_closed_error_is_an_argument_and_value_error():
    p = make()
    p.close()
    with pytest.raises(ValueError):
        p.months
