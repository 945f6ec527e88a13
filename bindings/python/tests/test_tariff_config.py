"""Config-driven tariff advice: tariff_advice(cfg).write(dir) writes lfc
tariff's six files byte for byte, on the sample (with its proposed table)
and on variants (no proposed table, declared demand from a forecast, billed
days and plan year given, basic by demand without a declared value); its
DataFrames hold the files' numbers."""
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import ROOT

FILES = ["tariff_ranking.csv", "tariff_bills.csv", "tariff_declared.csv", "tariff_shift.csv",
         "tariff.json", "tariff_change.csv"]


@pytest.fixture(scope="module")
def project(sample, tmp_path_factory):
    """The sample where its tariff section finds ../../examples/tariffs."""
    root = tmp_path_factory.mktemp("tariff")
    shutil.copytree(sample, root / "datasets" / "sample")
    shutil.copytree(ROOT / "examples" / "tariffs", root / "examples" / "tariffs")
    return root / "datasets" / "sample"


def lfc_tariff(lfc, project, config, out):
    r = subprocess.run([lfc, "tariff", "--config", config, "--out", str(out), "--quiet"],
                       capture_output=True, text=True, cwd=project)
    assert r.returncode == 0, r.stderr
    return r


def python_tariff(project, config, out, monkeypatch):
    monkeypatch.chdir(project)         # the same relative paths as lfc's (tariff.json names them)
    with lf.Config(config) as cfg:
        advice = lf.tariff_advice(cfg)
    advice.write(out)
    return advice


def assert_same_files(c_dir, py_dir):
    names = sorted(p.name for p in c_dir.iterdir())
    assert sorted(p.name for p in py_dir.iterdir()) == names
    for name in names:
        assert (py_dir / name).read_bytes() == (c_dir / name).read_bytes(), name


def test_the_sample_advice_is_lfc_s(lfc, project, tmp_path, monkeypatch):
    lfc_tariff(lfc, project, "project.yaml", tmp_path / "c")
    advice = python_tariff(project, "project.yaml", tmp_path / "py", monkeypatch)
    assert_same_files(tmp_path / "c", tmp_path / "py")
    assert sorted(p.name for p in (tmp_path / "py").iterdir()) == sorted(FILES)
    assert advice.driver == "large_industry"


def test_the_frames_hold_the_files_numbers(lfc, project, tmp_path, monkeypatch):
    lfc_tariff(lfc, project, "project.yaml", tmp_path / "c")
    advice = python_tariff(project, "project.yaml", tmp_path / "py", monkeypatch)
    for frame, name in ((advice.ranking, "tariff_ranking.csv"),
                        (advice.bills.drop(columns="role"), "tariff_bills.csv"),
                        (advice.declared, "tariff_declared.csv"),
                        (advice.shift, "tariff_shift.csv"),
                        (advice.change, "tariff_change.csv")):
        c = pd.read_csv(tmp_path / "c" / name)
        assert list(frame.columns) == list(c.columns), name
        for col in frame.columns:
            if frame[col].dtype.kind == "f":
                # the file rounds: money to the cent, kWh to the Wh, kW to 0.1
                np.testing.assert_allclose(frame[col], c[col], atol=0.051, rtol=1e-9,
                                           err_msg=f"{name}: {col}")
    b = advice.bills
    assert b.groupby("customer")["role"].unique().map(list).to_dict() == {
        "C001": ["current", "best"], "C002": ["current"], "C003": ["current"]}
    assert advice.accounts.loc["C002", ["basic", "declared_kw"]].tolist() == ["demand", 18000]
    t = advice.declared_totals
    assert t.set_index("customer").loc["C001", "saving"] == 2650760.0


VARIANT = """
tariff:
  tariffs: ../../examples/tariffs/tariffs.yaml
  first: 2024-03-01
  last: 2024-08-31
  plan_year: 2026
  shift_shares: [0.25, 1]
  accounts:
    - customer: C001
      class: large_industry
      voltage_kv: 110
      capacity_kva: 100000
      growth: 5%
      declared_from: {forecast: forecast_c001.csv, scenario: base}
    - customer: C002
      class: large_industry
      voltage_kv: 10
      capacity_kva: 25000
      current: large_industry_tou_1_10kv
      power_factor: 0.88
"""


@pytest.fixture(scope="module")
def variant(project):
    """No proposed table; C001 with no current tariff and nothing declared
    (its option by demand in hindsight), its plan from a forecast file (peak_mw_p10/p50/p90 of the plan year, one
    month left out); six months billed; the plan in 2026 (tariff versions
    of 2026); two shift shares."""
    text = (project / "project.yaml").read_text()
    text = re.sub(r"\ntariff:\n(( .*)?\n)+", VARIANT, text)
    (project / "variant.yaml").write_text(text)
    months = pd.period_range("2026-01", periods=12, freq="M").delete(4)
    pd.DataFrame({"period": months.astype(str), "scenario": "base",
                  "peak_mw_p10": 65.0 + np.arange(11), "peak_mw_p50": 70.0 + np.arange(11),
                  "peak_mw_p90": 76.0 + np.arange(11)}).to_csv(
        project / "forecast_c001.csv", index=False)
    return "variant.yaml"


def test_a_variant_is_lfc_s(lfc, project, variant, tmp_path, monkeypatch):
    out_c, out_py = tmp_path / "c", tmp_path / "py"
    for d in (out_c, out_py):         # a change file of an earlier run goes, as lfc removes it
        d.mkdir()
        (d / "tariff_change.csv").write_text("stale\n")
    lfc_tariff(lfc, project, variant, out_c)
    advice = python_tariff(project, variant, out_py, monkeypatch)
    assert_same_files(out_c, out_py)
    assert not (out_py / "tariff_change.csv").exists()
    assert advice.change is None and advice.driver is None
    d = advice.declared
    c001 = d[d["customer"] == "C001"]
    assert c001["year"].eq(2026).all() and c001["nvalues"].tolist().count(0) == 1
    assert c001.loc[c001["month"] == 5, "declared_kw"].isna().all()     # May left out
    assert advice.ranking.groupby("customer")["declared_hindsight"].any().to_dict() == {
        "C001": True, "C002": True}          # neither declares a value
    assert advice.shift["share"].tolist() == [0.25, 1.0, 0.25, 1.0]


def test_json_alone(lfc, project, tmp_path, monkeypatch):
    lfc_tariff(lfc, project, "project.yaml", tmp_path / "c")
    monkeypatch.chdir(project)
    with lf.Config("project.yaml") as cfg:
        lf.tariff_advice(cfg).to_json(tmp_path / "t.json")
    assert (tmp_path / "t.json").read_bytes() == (tmp_path / "c" / "tariff.json").read_bytes()


@pytest.fixture(scope="module")
def quoted(project):
    """The sample with a customer's name and a tariff's name holding a comma
    and quotes: CSV quoting and JSON escaping as lfc's."""
    text = (project / "project.yaml").read_text()
    assert "{id: C001, name: Steel works," in text
    text = text.replace("{id: C001, name: Steel works,",
                        """{id: C001, name: 'Steel "works", east',""")
    text = text.replace("tariffs: ../../examples/tariffs/tariffs.yaml",
                        "tariffs: quoted_tariffs.yaml")
    (project / "quoted.yaml").write_text(text)
    tariffs = (ROOT / "examples" / "tariffs" / "tariffs.yaml").read_text()
    assert "name: 大工业两部制分时电价 (35-110千伏)" in tariffs
    (project / "quoted_tariffs.yaml").write_text(tariffs.replace(
        "name: 大工业两部制分时电价 (35-110千伏)", """name: '大工业, "两部制" (35-110千伏)'"""))
    return "quoted.yaml"


def test_names_with_commas_and_quotes_are_written_as_lfc_writes_them(lfc, project, quoted,
                                                                    tmp_path, monkeypatch):
    lfc_tariff(lfc, project, quoted, tmp_path / "c")
    python_tariff(project, quoted, tmp_path / "py", monkeypatch)
    assert_same_files(tmp_path / "c", tmp_path / "py")
    ranking = (tmp_path / "py" / "tariff_ranking.csv").read_text()
    assert '"大工业, ""两部制"" (35-110千伏)"' in ranking
    assert '"Steel \\"works\\", east"' in (tmp_path / "py" / "tariff.json").read_text()
