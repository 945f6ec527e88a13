"""The docstring examples run (doctest), from the repository root so the
sample's relative paths resolve; and every public name has a docstring."""
import doctest
import importlib

import pytest

import libforecast as lf
from conftest import ROOT

MODULES = ["libforecast", "libforecast._lib", "libforecast._inputs", "libforecast.errors",
           "libforecast.dates", "libforecast.balance", "libforecast.balance_demand",
           "libforecast.config", "libforecast._handle", "libforecast._balance_spec"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_functions_and_classes_have_examples():
    for name in ["balance_plan", "demand_from_csv", "daily_from_csv", "Config", "to_lf_date",
                 "to_date", "to_datetime64", "to_timestamp", "to_month", "library_path"]:
        assert ">>>" in getattr(lf, name).__doc__, name
