"""Shared set-up of the binding's tests: bindings/python on sys.path, the
library found (the build's, or LIBFORECAST_LIB's), the CLI and the sample."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

BINDING = pathlib.Path(__file__).resolve().parents[1]
ROOT = BINDING.parents[1]
BUILD_LIB = ROOT / "build" / "libforecast.so.0"

sys.path.insert(0, str(BINDING))

if not os.environ.get("LIBFORECAST_LIB") and not BUILD_LIB.exists():
    pytest.exit(f"{BUILD_LIB} is missing: run `make` in {ROOT} first (or set LIBFORECAST_LIB "
                "to a libforecast.so.0)", returncode=1)


@pytest.fixture(scope="session")
def lfc():
    """build/lfc, or the lfc LFC_BIN names."""
    path = pathlib.Path(os.environ.get("LFC_BIN", ROOT / "build" / "lfc"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run make first")
    return str(path)


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """A copy of datasets/sample (without out/), for config variants beside it."""
    d = tmp_path_factory.mktemp("sample") / "sample"
    shutil.copytree(ROOT / "datasets" / "sample", d, ignore=shutil.ignore_patterns("out"))
    return d


@pytest.fixture(scope="session")
def forecast_dir(lfc, sample, tmp_path_factory):
    """lfc forecast's files for the sample config."""
    out = tmp_path_factory.mktemp("forecast")
    r = subprocess.run([lfc, "forecast", "--config", str(sample / "project.yaml"), "--out",
                        str(out), "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def c_compiler():
    cc = shutil.which("gcc") or shutil.which("cc")
    if not cc:
        pytest.fail("no C compiler (gcc): the ABI test needs one (make deps installs gcc)")
    return cc
