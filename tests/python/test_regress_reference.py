"""The committed regression reference CSVs (tests/reference/regress) are what their
scripts produce: rerun each script into a temp dir and compare, 1e-9 relative.
Not tighter: numpy's OpenBLAS picks kernels by CPU, and on another machine the
same script moved an ill-conditioned standard error by 1.3e-12 relative; a
changed reference moves by far more than 1e-9."""
import csv
import math
import os
import subprocess
import sys

import pytest

from conftest import ROOT

REF = ROOT / "tests" / "reference" / "regress"
NSW_FILES = ["nsw_design_check.csv", "nsw_ols_pred.csv"] + [
    f"nsw_{m}_{kind}.csv" for m in ("ols", "wls", "ridge") for kind in ("coef", "stats")]


def run(script, out, *extra):
    r = subprocess.run([sys.executable, str(REF / script), "--out", str(out), *extra],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def assert_same_csv(new, old, rtol=1e-9):
    a, b = list(csv.reader(open(new))), list(csv.reader(open(old)))
    assert len(a) == len(b), f"{old.name}: {len(a)} rows, committed {len(b)}"
    assert a[0] == b[0], f"{old.name}: header differs"
    for ra, rb in zip(a[1:], b[1:]):
        for col, x, y in zip(a[0], ra, rb):
            try:
                fx, fy = float(x), float(y)
            except ValueError:
                assert x == y, f"{old.name}: {col} {x!r} != {y!r}"
                continue
            if col == "p_value" and fx > 0 and fy > 0:
                # a p-value of 1e-243 moves t^2 times the t statistic's
                # relative error: compare its logarithm
                fx, fy = math.log(fx), math.log(fy)
            assert abs(fx - fy) <= rtol * abs(fy), f"{old.name} {ra[:2]} {col}: {x} vs {y}"


def test_longley_reference(tmp_path):
    run("longley.py", tmp_path)
    assert_same_csv(tmp_path / "longley_reference.csv", REF / "longley_reference.csv")


def test_nsw_reference(data_dir, tmp_path):
    pytest.importorskip("statsmodels")
    run("nsw_daily.py", tmp_path, "--data", str(data_dir))
    for name in NSW_FILES:
        assert_same_csv(tmp_path / name, REF / name)
