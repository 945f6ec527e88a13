"""examples/notebooks/planning.ipynb runs headless (jupyter nbconvert
--execute) without an error, on the real data when it is there and on the
bundled sample when it is not, and shows what it promises: the fan chart,
the balance plan and the tariff advice."""
import json
import os
import shutil
import subprocess

import pytest

import libforecast as lf
from conftest import BINDING, ROOT

NOTEBOOK = ROOT / "examples" / "notebooks" / "planning.ipynb"
DATA = os.environ.get("LF_DATA_DIR", str(ROOT.parent / "shared" / "data"))
HAS_REAL = os.path.exists(os.path.join(DATA, "aus_elec", "vic_halfhourly.csv"))


def run_nbconvert(tmp_path, data_dir, notebook=NOTEBOOK):
    """jupyter nbconvert --execute of a notebook: the finished process."""
    nbconvert = shutil.which("jupyter-nbconvert") or shutil.which("jupyter")
    if not nbconvert:
        pytest.fail("jupyter nbconvert is missing: make deps installs jupyter-nbconvert")
    args = [nbconvert] if nbconvert.endswith("nbconvert") else [nbconvert, "nbconvert"]
    env = dict(os.environ, LF_DATA_DIR=str(data_dir), LIBFORECAST_LIB=lf.library_path(),
               PYTHONPATH=str(BINDING), PYDEVD_DISABLE_FILE_VALIDATION="1")
    # nbconvert runs the notebook in its own directory (it writes no file
    # there); the executed copy goes to tmp_path
    r = subprocess.run(args + ["--to", "notebook", "--execute",
                               "--ExecutePreprocessor.timeout=600",
                               "--output-dir", str(tmp_path), "--output", "executed.ipynb",
                               str(notebook)],
                       env=env, capture_output=True, text=True, timeout=900)
    return r


def execute(tmp_path, data_dir):
    """Run the notebook; its executed copy, parsed (any cell's error fails)."""
    r = run_nbconvert(tmp_path, data_dir)
    assert r.returncode == 0, r.stderr[-4000:]
    return json.loads((tmp_path / "executed.ipynb").read_text())


def outputs(nb):
    """Every output's text and the kinds of data shown."""
    text, kinds = [], set()
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out
            text.append("".join(out.get("text", "")))
            data = out.get("data", {})
            kinds |= set(data)
            text.append("".join(data.get("text/plain", "")))
    return "\n".join(text), kinds


def check(nb, region):
    text, kinds = outputs(nb)
    assert region in text
    assert "image/png" in kinds, "the fan chart is drawn"
    assert "TWh at P50" in text and "TWh of supply" in text, "the balance plan"
    assert "declared demand:" in text and "best option:" in text, "the tariff advice"
    assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.skipif(not HAS_REAL, reason=f"no real data in {DATA} (set LF_DATA_DIR)")
def test_the_notebook_runs_on_the_real_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check(execute(tmp_path, DATA), "Victoria")


def test_the_notebook_falls_back_to_the_sample(tmp_path):
    nb = execute(tmp_path, tmp_path / "no-data-here")
    check(nb, "Sample City")
    assert "using the bundled sample" in outputs(nb)[0]


def test_a_cell_that_fails_fails_the_run(tmp_path):
    """The negative control: nbconvert reports a cell's error as a failure."""
    nb = json.loads(NOTEBOOK.read_text())
    nb["cells"].insert(1, {"cell_type": "code", "metadata": {}, "outputs": [],
                           "execution_count": None, "source": "raise RuntimeError('broken')"})
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(nb))
    r = run_nbconvert(tmp_path, tmp_path, broken)
    assert r.returncode != 0 and "broken" in r.stderr
