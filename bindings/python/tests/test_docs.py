"""The docstring examples run (doctest), from the repository root so the
sample's relative paths resolve; and every public name has a docstring."""
import doctest
import importlib
import pkgutil

import pytest

import libforecast as lf
from conftest import ROOT

MODULES = ["libforecast"] + sorted(f"libforecast.{m.name}"
                                   for m in pkgutil.iter_modules(lf.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_module_is_found():
    assert {"libforecast.balance", "libforecast.model", "libforecast._lib"} <= set(MODULES)


def test_every_exported_name_has_a_docstring():
    for name in lf.__all__:
        value = getattr(lf, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), name


def test_public_functions_and_classes_have_examples():
    for name in ["balance_plan", "demand_from_csv", "daily_from_csv", "Config", "to_lf_date",
                 "to_date", "to_datetime64", "to_timestamp", "to_month", "library_path",
                 "Frame", "Calendar", "Project", "ModelSpec", "ForecastSpec"]:
        assert ">>>" in (getattr(lf, name).__doc__ or "") + (
            __import__(getattr(lf, name).__module__, fromlist=["x"]).__doc__ or ""), name
