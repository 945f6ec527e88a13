"""Shared fixtures for the Python-side tests: paths to the built CLI and data."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def lfc():
    """build/lfc, or the lfc LFC_BIN names (another build, e.g. the ASan one)."""
    path = pathlib.Path(os.environ.get("LFC_BIN", ROOT / "build" / "lfc"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run make first")
    return str(path)


@pytest.fixture(scope="session")
def data_dir():
    d = pathlib.Path(os.environ.get("LF_DATA_DIR", ROOT.parent / "shared" / "data"))
    if not d.is_dir():
        pytest.skip(f"real data not found at {d} (set LF_DATA_DIR)")
    return d


@pytest.fixture(scope="session")
def sample_dir():
    return ROOT / "datasets" / "sample"
