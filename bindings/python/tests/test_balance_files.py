"""lfc forecast's files read by demand_from_csv / daily_from_csv, and the
plan made from them in Python equal to lfc plan's, byte for byte: the same C
readers and writer on the same inputs.  Errors carry the C message, as lfc
prints it, with file:line:column."""
import re
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _c_core as T

MONTHS = pd.period_range("2025-01", periods=12, freq="M")
# the plan section of datasets/sample/project.yaml, copied
OWN_MWH = [1.1e6, 1.0e6, 1.1e6, 0.8e6, 1.1e6, 1.1e6, 1.15e6, 1.15e6, 1.1e6, 0.8e6, 1.1e6, 1.1e6]
PURCHASE_MWH = [3.75e6, 2.95e6, 3.85e6, 3.75e6, 3.5e6, 3.8e6, 4.4e6, 4.35e6, 3.8e6, 3.8e6,
                3.65e6, 4.05e6]
OUTAGE_MW = pd.Series([600.0, 600.0], index=pd.PeriodIndex(["2025-04", "2025-10"], freq="M"))


def lfc_plan(lfc, cfg, out):
    return subprocess.run([lfc, "plan", "--config", str(cfg), "--out", str(out), "--quiet"],
                          capture_output=True, text=True)


def with_demand_files(sample, name, monthly, daily=None):
    """A variant of the sample's project.yaml whose plan reads these files."""
    text = (sample / "project.yaml").read_text()
    files = f"monthly: {monthly}" + (f", daily: {daily}" if daily else "")
    assert text.count("  reserve: 10%\n") == 1, "the sample's plan section changed"
    path = sample / name
    path.write_text(text.replace("  reserve: 10%\n", f"  reserve: 10%\n  demand: {{{files}}}\n"))
    return path


def lfc_message(lfc, sample, tmp_path, monthly, daily=None):
    """What lfc plan prints for a demand file it cannot use (its C message)."""
    r = lfc_plan(lfc, with_demand_files(sample, "bad.yaml", monthly, daily), tmp_path / "out")
    assert r.returncode in (2, 4), r.stderr
    prefix = "lfc plan: error: "
    assert r.stderr.startswith(prefix), r.stderr
    return r.stderr[len(prefix):].strip()


def read_forecast(path, scenario):
    f = pd.read_csv(path, float_precision="round_trip")
    return f[f.scenario == scenario]


def test_demand_is_the_files_rows(forecast_dir):
    d = lf.demand_from_csv(forecast_dir / "forecast_monthly.csv", "base")
    f = read_forecast(forecast_dir / "forecast_monthly.csv", "base")
    assert d.index.tolist() == [pd.Period(p, "M") for p in f.period]
    assert d.index.name == "month" and d.attrs == {"scenario": "base", "high_label": "p90"}
    for col, src in [("energy_p50", "energy_mwh_p50"), ("energy_high", "energy_mwh_p90"),
                     ("peak_p50", "peak_mw_p50"), ("peak_high", "peak_mw_p90")]:
        assert d[col].tolist() == f[src].tolist(), col
        assert d[col].to_numpy().flags.owndata or d[col].to_numpy().base is not None


def test_daily_is_the_files_rows(forecast_dir):
    y = lf.daily_from_csv(forecast_dir / "forecast_daily.csv", "high")
    f = read_forecast(forecast_dir / "forecast_daily.csv", "high")
    assert y.index.equals(pd.DatetimeIndex(f.period, name="date"))
    assert y.tolist() == f.peak_mw_p90.tolist()
    assert y.name == "peak_mw_p90" and y.attrs == {"scenario": "high", "high_label": "p90"}


def test_no_scenario_is_the_files_first(forecast_dir):
    d = lf.demand_from_csv(forecast_dir / "forecast_monthly.csv")
    first = pd.read_csv(forecast_dir / "forecast_monthly.csv").scenario[0]
    assert d.attrs["scenario"] == first
    pd.testing.assert_frame_equal(d, lf.demand_from_csv(forecast_dir / "forecast_monthly.csv",
                                                         first))


def test_the_plan_equals_lfc_plans_byte_for_byte(lfc, sample, forecast_dir, tmp_path):
    monthly, daily = forecast_dir / "forecast_monthly.csv", forecast_dir / "forecast_daily.csv"
    r = lfc_plan(lfc, with_demand_files(sample, "files.yaml", monthly, daily), tmp_path / "cli")
    assert r.returncode in (0, 3), r.stderr    # 3: the plan does not close
    demand = lf.demand_from_csv(monthly, "base", "p90")
    peaks = lf.daily_from_csv(daily, "base", "p90")
    with lf.balance_plan(demand, reserve="10%", first="2025-01", months=12, daily=peaks,
                         own_mwh=OWN_MWH, purchase_mwh=PURCHASE_MWH, own_mw=2400,
                         import_mw=7850, outage_mw=OUTAGE_MW) as plan:
        plan.to_csv(tmp_path / "plan_balance.csv")
        plan.to_json(tmp_path / "plan_balance.json")
        assert plan.months.index.equals(MONTHS)
    for name in ["plan_balance.csv", "plan_balance.json"]:
        assert (tmp_path / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_a_missing_file_is_a_libioerror_with_lfcs_message(lfc, sample, tmp_path):
    missing = tmp_path / "nothere.csv"
    with pytest.raises(lf.LibIOError) as info:
        lf.demand_from_csv(missing, "base")
    assert info.value.code == T.LF_ERR_IO
    assert str(info.value) == lfc_message(lfc, sample, tmp_path, missing)
    with pytest.raises(lf.LibIOError, match=re.escape(str(missing))):
        lf.daily_from_csv(missing)


def base_line(src, k):
    """The line number (1-based) of the k-th row of scenario 'base' (0-based k)."""
    lines = src.read_text().split("\n")
    return [i + 1 for i, line in enumerate(lines) if line.startswith("base,")][k]


def corrupt(src, dst, line, field, new):
    """src with the field-th field of line replaced by new, written to dst."""
    lines = src.read_text().split("\n")
    fields = lines[line - 1].split(",")
    fields[field] = new
    lines[line - 1] = ",".join(fields)
    dst.write_text("\n".join(lines))
    return dst


def test_a_bad_number_is_an_input_error_at_file_line_column(lfc, sample, forecast_dir,
                                                            tmp_path):
    src = forecast_dir / "forecast_monthly.csv"
    line = base_line(src, 4)
    bad = corrupt(src, tmp_path / "bad.csv", line, 9, "12x4")   # energy_mwh_p50
    with pytest.raises(lf.InputError) as info:
        lf.demand_from_csv(bad, "base")
    assert info.value.code == T.LF_ERR_PARSE
    column = len(",".join(bad.read_text().split("\n")[line - 1].split(",")[:9])) + 2
    assert str(info.value).startswith(f"{bad}:{line}:{column}: ")
    assert str(info.value) == lfc_message(lfc, sample, tmp_path, bad)


def test_a_bad_daily_row_is_an_input_error_at_file_line_column(lfc, sample, forecast_dir,
                                                               tmp_path):
    src = forecast_dir / "forecast_daily.csv"
    line = base_line(src, 7)
    bad = corrupt(src, tmp_path / "bad_daily.csv", line, 1, "2025-01-09")  # a day twice
    with pytest.raises(lf.InputError) as info:
        lf.daily_from_csv(bad, "base")
    assert re.match(re.escape(str(bad)) + f":{line}:\\d+: ", str(info.value)), str(info.value)
    monthly = forecast_dir / "forecast_monthly.csv"
    assert str(info.value) == lfc_message(lfc, sample, tmp_path, monthly, bad)


def test_an_unknown_scenario_or_quantile_is_an_input_error(forecast_dir):
    path = forecast_dir / "forecast_monthly.csv"
    with pytest.raises(lf.InputError) as info:
        lf.demand_from_csv(path, "nosuch")
    assert info.value.code == T.LF_ERR_DATA and "nosuch" in str(info.value)
    with pytest.raises(lf.InputError) as info:
        lf.demand_from_csv(path, "base", "p97.5")
    assert info.value.code == T.LF_ERR_NOTFOUND and "energy_mwh_p97.5" in str(info.value)
    with pytest.raises(lf.InputError) as info:
        lf.demand_from_csv(path, "base", "p10")      # below the P50
    assert info.value.code == T.LF_ERR_DATA and re.match(re.escape(str(path)) + r":\d+:\d+: ",
                                                         str(info.value))
    with pytest.raises(lf.ArgumentError, match="the high quantile's label is p50"):
        lf.demand_from_csv(path, "base", "p50")
    with pytest.raises(lf.ArgumentError, match="give the high quantile's label"):
        lf.daily_from_csv(path, "base", None)


def test_paths_must_be_paths():
    with pytest.raises(lf.ArgumentError, match="NUL"):
        lf.demand_from_csv("a\0b.csv")
    with pytest.raises(lf.ArgumentError, match="str or os.PathLike"):
        lf.demand_from_csv(3)


def test_the_copies_outlive_nothing(forecast_dir):
    # the C struct is freed before returning: the arrays are numpy's own
    d = lf.demand_from_csv(forecast_dir / "forecast_monthly.csv", "base")
    y = lf.daily_from_csv(forecast_dir / "forecast_daily.csv", "base")
    for arr in [d[c].to_numpy() for c in d.columns] + [y.to_numpy()]:
        assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
    assert not any(isinstance(v, lf.BalancePlan) for v in vars(d).values())
