"""lfc plan end to end on the bundled sample: the monthly balance recomputed
here with pandas from lfc forecast's files (same seed) and the plan section of
project.yaml; the days at risk and the peak-shift schedule on them; a golden
copy of plan_balance.csv; the output formats; the seed; every exit code with
its message; the output set written all or nothing, with the files of an
earlier run that this one does not make removed; and the demand read from
lfc forecast's files giving the same plan as the forecast made in-process.

Every config is a variant of project.yaml written into a copy of
datasets/sample (so its relative paths keep working); nothing is written into
the repository.

Tolerances: lfc writes its CSV and JSON figures with 10 significant digits, a
rounding of at most 5e-10 of the figure.  A figure recomputed here from
forecast CSVs of 10 digits is therefore within 1e-9 of the magnitude of the
terms it is made from (`scale` below): e.g. an energy balance of 17 GWh made
from a supply and a demand of 3.9 TWh agrees to 1e-9 x 3.9 TWh, not to 1e-9
of itself."""
import json
import os
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "plan_balance.csv"
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
DEMAND = ["demand_mwh_p50", "demand_mwh_p90", "peak_mw_p50", "peak_mw_p90"]
FORECAST_COLUMN = {"demand_mwh_p50": "energy_mwh_p50", "demand_mwh_p90": "energy_mwh_p90",
                   "peak_mw_p50": "peak_mw_p50", "peak_mw_p90": "peak_mw_p90"}
BALANCE_FILES = ["plan_balance.csv", "plan_balance.json"]
SCENARIO_FILES = ["plan_scenarios.csv"]  # with the forecast made by the run
SCHEDULE_FILES = ["plan_peakshift_days.csv", "plan_peakshift_calls.csv",
                  "plan_peakshift_customers.csv", "plan_peakshift.json"]
REPORT_FILES = ["plan_report.html", "plan_report.md", "plan_fan_energy.svg",
                "plan_fan_peak.svg", "plan_balance_energy.svg", "plan_balance_capacity.svg",
                "plan_duration.svg"]
TOL = 1e-9  # of the magnitude of the terms; see the module's docstring
LOCATION = r":(\d+):(\d+): "  # file:line:column in a message


# ---- helpers ---------------------------------------------------------------------------


def run(lfc, *args, text=True):
    return subprocess.run([lfc, *map(str, args)], capture_output=True, text=text)


def plan(lfc, cfg, out, *extra, text=True):
    return run(lfc, "plan", "--config", cfg, "--out", out, *extra, text=text)


def replace_once(text, old, new):
    """text with old replaced by new; old must occur exactly once (else the
    sample changed under the test, which must say so rather than test nothing)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in project.yaml"
    return text.replace(old, new)


def variant(project, name, *edits):
    """project.yaml of the sample copy with each (old, new) of edits applied,
    written beside it as `name` (so relative paths still resolve); its path."""
    text = (project / "project.yaml").read_text()
    for old, new in edits:
        text = replace_once(text, old, new)
    path = project / name
    path.write_text(text)
    return path


def with_plan_key(line):
    """An edit adding one key line to the plan section (after its reserve)."""
    return ("  reserve: 10%\n", f"  reserve: 10%\n  {line}\n")


def section_bounds(lines, name):
    """First and end index of the top-level section `name` in lines."""
    start = lines.index(f"{name}:")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" ")):
        end += 1
    return start, end


def plan_section(text):
    """The lines of the top-level 'plan:' section (without its own line)."""
    lines = text.split("\n")
    start, end = section_bounds(lines, "plan")
    return lines[start + 1:end]


def section_line_range(path, name):
    """1-based first and last line numbers of the top-level section `name`."""
    start, end = section_bounds(path.read_text().split("\n"), name)
    return start + 1, end


def parse_plan(text):
    """The plan section's reserve (a share) and supply {key: {month: value}}
    for the twelve months, by a tiny parser of the sample's YAML (no PyYAML on
    the test machine): scalars, and flow maps {YYYY-MM: N, ...} over lines."""
    lines = plan_section(text)
    keys = {}
    for line in lines:
        m = re.match(r"^  (\w+):\s*(.*?)\s*(#.*)?$", line)
        if m:
            keys[m.group(1)] = m.group(2)
    assert keys["first"] == "2025-01" and keys["months"] == "12", "the sample's horizon"
    reserve = keys["reserve"]
    reserve = float(reserve[:-1]) / 100 if reserve.endswith("%") else float(reserve)
    body = "\n".join(lines[lines.index("  supply:") + 1:])
    supply = {}
    for key, value in re.findall(r"^    (\w+):\s*(\{[^}]*\}|[^\n]+)", body, re.M):
        if value.startswith("{"):
            pairs = dict(re.findall(r"(\d{4}-\d{2})\s*:\s*([-+0-9.eE]+)", value))
            assert set(pairs) <= set(MONTHS), f"{key}: a month outside the plan"
            if key != "outage_mw":
                assert set(pairs) == set(MONTHS), f"{key}: every month"
            supply[key] = {m: float(pairs.get(m, 0)) for m in MONTHS}
        else:
            supply[key] = {m: float(value) for m in MONTHS}
    for key in ["own_mwh", "purchase_mwh", "own_mw", "import_mw", "outage_mw"]:
        supply.setdefault(key, {m: 0.0 for m in MONTHS})
    return reserve, supply


def monthly_balance(fm, reserve, supply):
    """balance.h's rules on the base rows of forecast_monthly.csv (by period)
    and the plan's supply: plan_balance.csv's columns up to status, but the
    days at risk."""
    e = pd.DataFrame(index=pd.Index(MONTHS, name="month"))
    e["days"] = fm.calendar_days
    for col, src in FORECAST_COLUMN.items():
        e[col] = fm[src]
    e["own_generation_mwh"] = pd.Series(supply["own_mwh"])
    e["purchase_mwh"] = pd.Series(supply["purchase_mwh"])
    e["supply_mwh"] = e.own_generation_mwh + e.purchase_mwh
    e["energy_balance_mwh_p50"] = e.supply_mwh - e.demand_mwh_p50
    e["energy_balance_mwh_p90"] = e.supply_mwh - e.demand_mwh_p90
    for key in ["own_mw", "import_mw", "outage_mw"]:
        e[key] = pd.Series(supply[key])
    e["available_mw"] = (e.own_mw + e.import_mw - e.outage_mw).clip(lower=0)
    e["outages_exceed_capacity"] = (e.outage_mw > e.own_mw + e.import_mw).astype(int)
    e["required_mw"] = e.peak_mw_p90 * (1 + reserve)
    e["capacity_balance_mw"] = e.available_mw - e.required_mw
    e["limit_mw"] = e.available_mw / (1 + reserve)
    energy_short = e.energy_balance_mwh_p90 < 0
    capacity_short = e.capacity_balance_mw < 0
    e["status"] = np.select([energy_short & capacity_short, energy_short, capacity_short],
                            ["both", "energy_deficit", "capacity_deficit"], "ok")
    return e


def daily_peaks(fd, limits):
    """The plan's days from the base rows of forecast_daily.csv: peak_mw (P90),
    the month's limit and the shortfall (peak - limit), indexed by date."""
    daily = fd[["period", "peak_mw_p90"]].rename(
        columns={"period": "date", "peak_mw_p90": "peak_mw"})
    daily["month"] = daily.date.str[:7]
    daily = daily[daily.month.isin(MONTHS)].set_index("date")
    assert len(daily) == 365, "every day of 2025"
    daily["limit_mw"] = daily.month.map(limits)
    daily["shortfall_mw"] = daily.peak_mw - daily.limit_mw
    # a day within the CSV's rounding of its limit could count either way: none is
    near = daily.shortfall_mw.abs() < 1e-6 * daily.limit_mw
    assert not near.any(), f"days too close to the limit to recompute:\n{daily[near]}"
    return daily


def add_days_at_risk(e, daily):
    """e with the days at risk of each month: the days over the limit, the
    worst (the earliest of equals), its shortfall and the MW-days; and the sum
    of their peaks (the magnitude that the MW-days are rounded from)."""
    by_month = daily[daily.shortfall_mw > 0].groupby("month")
    e["days_at_risk"] = by_month.size().reindex(MONTHS, fill_value=0)
    e["worst_day"] = by_month.shortfall_mw.idxmax().reindex(MONTHS)  # the first max
    e["worst_shortfall_mw"] = by_month.shortfall_mw.max().reindex(MONTHS, fill_value=0)
    e["mw_days_at_risk"] = by_month.shortfall_mw.sum().reindex(MONTHS, fill_value=0)
    e["peak_sum_at_risk"] = by_month.peak_mw.sum().reindex(MONTHS, fill_value=0)
    return e


def read_balance(out):
    """plan_balance.csv indexed by month (as text)."""
    return pd.read_csv(out / "plan_balance.csv", dtype={"month": str, "worst_day": str}
                       ).set_index("month")


def read_schedule_days(out):
    return pd.read_csv(out / "plan_peakshift_days.csv", dtype={"date": str}).set_index("date")


def assert_close(got, want, scale, what):
    """Each got within TOL x scale of want (all aligned Series)."""
    got, want, scale = (pd.Series(x, dtype=float) for x in (got, want, scale))
    bad = ~((got - want).abs() <= TOL * scale.abs())
    assert not bad.any(), f"{what}:\n" + pd.DataFrame(
        {"got": got[bad], "want": want[bad], "scale": scale[bad]}).to_string()


def snapshot(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def names(out):
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def copy_run(src, dst):
    """dst: a copy of an earlier run's output directory."""
    shutil.copytree(src, dst)
    return dst


# ---- fixtures: the sample, the plan and the forecast, each made once ------------------


@pytest.fixture(scope="module")
def project(sample_dir, tmp_path_factory):
    """A copy of datasets/sample (without its out/): the tests write their
    config variants into it, beside project.yaml."""
    d = tmp_path_factory.mktemp("sample") / "sample"
    shutil.copytree(sample_dir, d, ignore=shutil.ignore_patterns("out"))
    return d


@pytest.fixture(scope="module")
def sample_plan(lfc, project, tmp_path_factory):
    """lfc plan --report on the sample: (the completed process, its out dir)."""
    out = tmp_path_factory.mktemp("plan") / "out"
    return plan(lfc, project / "project.yaml", out, "--report"), out


@pytest.fixture(scope="module")
def balance(sample_plan):
    r, out = sample_plan
    assert r.returncode == 0, r.stderr
    return read_balance(out)


@pytest.fixture(scope="module")
def forecast_dir(lfc, project, tmp_path_factory):
    """lfc forecast on the same config (the same seed)."""
    out = tmp_path_factory.mktemp("forecast")
    r = run(lfc, "forecast", "--config", project / "project.yaml", "--out", out, "--quiet")
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def expected(project, forecast_dir):
    """(the balance by month, the daily peaks), recomputed here from lfc
    forecast's files and the plan section of project.yaml."""
    reserve, supply = parse_plan((project / "project.yaml").read_text())
    fm = pd.read_csv(forecast_dir / "forecast_monthly.csv", dtype={"period": str})
    fd = pd.read_csv(forecast_dir / "forecast_daily.csv", dtype={"period": str})
    e = monthly_balance(fm[fm.scenario == "base"].set_index("period").loc[MONTHS],
                        reserve, supply)
    daily = daily_peaks(fd[fd.scenario == "base"], e.limit_mw)
    return add_days_at_risk(e, daily), daily


# ---- the balance, recomputed -----------------------------------------------------------


def test_sample_plan_exits_0_and_writes_every_file(sample_plan):
    r, out = sample_plan
    assert r.returncode == 0, r.stderr
    assert names(out) == sorted(BALANCE_FILES + SCENARIO_FILES + SCHEDULE_FILES + REPORT_FILES)
    assert "error" not in r.stderr


def test_balance_has_the_documented_columns(balance):
    header = ("month,days,demand_mwh_p50,demand_mwh_p90,own_generation_mwh,purchase_mwh,"
              "supply_mwh,energy_balance_mwh_p50,energy_balance_mwh_p90,peak_mw_p50,"
              "peak_mw_p90,own_mw,import_mw,outage_mw,available_mw,outages_exceed_capacity,"
              "required_mw,capacity_balance_mw,limit_mw,days_at_risk,worst_day,"
              "worst_shortfall_mw,mw_days_at_risk,status")
    assert ",".join([balance.index.name, *balance.columns]) == header
    assert list(balance.index) == MONTHS


def test_demand_is_the_forecast_base_scenario(balance, expected):
    e, _ = expected
    for col in DEMAND:
        assert balance[col].values == pytest.approx(e[col].values, rel=1e-9), col
    assert (balance.days == e.days).all()


def test_supply_comes_from_the_plan_section(balance, expected):
    e, _ = expected
    for col in ["own_generation_mwh", "purchase_mwh", "supply_mwh", "own_mw", "import_mw",
                "outage_mw", "available_mw", "outages_exceed_capacity"]:
        assert balance[col].values == pytest.approx(e[col].values, rel=1e-12), col


def test_energy_balance_is_supply_less_demand(balance, expected):
    e, _ = expected
    scale = e.supply_mwh + e.demand_mwh_p90
    for col in ["energy_balance_mwh_p50", "energy_balance_mwh_p90"]:
        assert_close(balance[col], e[col], scale, col)


def test_capacity_balance_carries_the_reserve(balance, expected):
    e, _ = expected
    assert_close(balance.required_mw, e.required_mw, e.required_mw, "required_mw")
    assert_close(balance.capacity_balance_mw, e.capacity_balance_mw,
                 e.available_mw + e.required_mw, "capacity_balance_mw")
    assert_close(balance.limit_mw, e.limit_mw, e.limit_mw, "limit_mw")


def test_status_of_each_month(balance, expected):
    e, _ = expected
    assert list(balance.status) == list(e.status)
    assert set(balance.status[balance.status != "ok"].index) == {"2025-07", "2025-08"}, \
        "the sample: short of capacity in July and August"


def test_days_at_risk_are_the_days_over_the_limit(balance, expected):
    e, _ = expected
    assert list(balance.days_at_risk) == list(e.days_at_risk)
    assert balance.days_at_risk.sum() > 0, "the sample has days at risk"
    assert list(balance.worst_day.fillna("")) == list(e.worst_day.fillna(""))
    assert_close(balance.worst_shortfall_mw, e.worst_shortfall_mw, e.limit_mw,
                 "worst_shortfall_mw")
    assert_close(balance.mw_days_at_risk, e.mw_days_at_risk, e.peak_sum_at_risk,
                 "mw_days_at_risk")


def test_json_totals_add_up(sample_plan, expected):
    _, out = sample_plan
    e, _ = expected
    doc = json.loads((out / "plan_balance.json").read_text())
    assert doc["spec"] == {"first_month": "2025-01", "last_month": "2025-12", "months": 12,
                           "reserve": 0.1, "high_quantile": "p90", "scenario": "base",
                           "daily_peaks": True}
    t = doc["totals"]
    energy_scale = (e.supply_mwh + e.demand_mwh_p90).sum()
    for key in ["demand_mwh_p50", "demand_mwh_p90", "own_generation_mwh", "purchase_mwh",
                "supply_mwh", "energy_balance_mwh_p50", "energy_balance_mwh_p90"]:
        assert abs(t[key] - e[key].sum()) <= TOL * energy_scale, key
    for q in ["p50", "p90"]:
        deficit = (-e[f"energy_balance_mwh_{q}"]).clip(lower=0).sum()
        assert abs(t[f"energy_deficit_mwh_{q}"] - deficit) <= TOL * energy_scale, q
    counts = e.status.value_counts()
    assert t["months_by_status"] == {s: int(counts.get(s, 0)) for s in
                                     ["ok", "energy_deficit", "capacity_deficit", "both"]}
    assert t["energy_deficit_months"] == int(e.status.isin(["energy_deficit", "both"]).sum())
    assert t["capacity_deficit_months"] == int(
        e.status.isin(["capacity_deficit", "both"]).sum())
    worst = e.capacity_balance_mw.idxmin()  # the earliest of equals
    assert t["worst_capacity_month"] == worst
    assert t["worst_capacity_balance_mw"] == pytest.approx(e.capacity_balance_mw[worst],
                                                           abs=TOL * 2 * e.required_mw[worst])
    assert t["days_at_risk"] == e.days_at_risk.sum()
    assert abs(t["mw_days_at_risk"] - e.mw_days_at_risk.sum()) <= TOL * e.peak_sum_at_risk.sum()


def test_json_months_hold_the_csv_rows(sample_plan):
    _, out = sample_plan
    doc = json.loads((out / "plan_balance.json").read_text())
    csv = pd.read_csv(out / "plan_balance.csv", dtype=str, keep_default_na=False)
    assert [list(m) for m in doc["months"]] == [list(csv.columns)] * 12
    for row, month in zip(csv.to_dict("records"), doc["months"]):
        for key, text in row.items():
            value = month[key]
            if text == "":
                assert value is None, (row["month"], key)
            elif isinstance(value, str):
                assert value == text, (row["month"], key)
            else:
                assert float(value) == float(text), (row["month"], key)


# ---- the schedule of the days at risk ----------------------------------------------------


def test_schedule_deficit_days_are_the_days_at_risk(sample_plan, expected):
    _, out = sample_plan
    _, daily = expected
    days = read_schedule_days(out)
    assert set(days.index[days.deficit_mw > 0]) == set(daily.index[daily.shortfall_mw > 0])
    assert days.index[0] == "2025-07-01" and days.index[-1] == "2025-08-31", \
        "from the first to the last month with a day at risk, whole months"
    assert len(days) == 62


def test_schedule_limit_is_the_month_limit(sample_plan, balance):
    _, out = sample_plan
    days = read_schedule_days(out)
    want = days.index.str[:7].map(balance.limit_mw)
    assert days.limit_mw.values == pytest.approx(np.asarray(want, dtype=float), rel=1e-9)


def test_schedule_deficit_is_the_peak_over_the_limit(sample_plan, expected):
    _, out = sample_plan
    _, daily = expected
    days = read_schedule_days(out)
    assert days.peak_mw.values == pytest.approx(daily.peak_mw.loc[days.index].values, rel=1e-9)
    want = daily.shortfall_mw.loc[days.index].clip(lower=0)
    assert_close(days.deficit_mw, want, daily.limit_mw.loc[days.index], "deficit_mw")


def test_schedule_covers_the_sample(sample_plan):
    r, out = sample_plan
    days = read_schedule_days(out)
    short = days[days.deficit_mw > 0]
    assert (days.unmet_mw < 1e-6).all(), "the sample's portfolio covers every day at risk"
    assert (short.shed_mw >= short.deficit_mw - 1e-3).all()
    assert (short.calls > 0).all() and (days.calls[days.deficit_mw == 0] == 0).all()
    doc = json.loads((out / "plan_peakshift.json").read_text())
    assert doc["totals"]["unmet_mw_days"] == pytest.approx(0, abs=1e-6)
    assert r.returncode == 0


def test_table_on_stdout(sample_plan):
    r, _ = sample_plan
    lines = r.stdout.splitlines()
    assert lines[0] == "energy balance plan of Sample City, 2025-01 .. 2025-12 (12 months)"
    assert "forecast by this run (seed 1); the plan covers P90" in lines[1]
    assert sum(line[:7] in MONTHS for line in lines) >= 12
    assert re.search(r"^days at risk: 11, [0-9.]+ MW-days over the limits$", r.stdout, re.M)
    assert "peak-shift schedule of the days at risk, 2025-07-01 .. 2025-08-31" in r.stdout


# ---- golden ------------------------------------------------------------------------------


def test_balance_matches_the_golden(sample_plan):
    """A drift of the forecast (or of any rule) changes the figures by far more
    than 1e-6; float noise of another libm or BLAS does not."""
    _, out = sample_plan
    got = pd.read_csv(out / "plan_balance.csv", dtype={"month": str, "worst_day": str})
    want = pd.read_csv(GOLDEN, dtype={"month": str, "worst_day": str})
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    problems = []
    for col in want.columns:
        if pd.api.types.is_numeric_dtype(want[col]):
            ok = np.isclose(got[col].astype(float), want[col].astype(float), rtol=1e-6,
                            atol=1e-9, equal_nan=True)
        else:
            ok = got[col].fillna("").values == want[col].fillna("").values
        problems += [f"{want.month[i]} {col}: {got[col][i]!r}, golden {want[col][i]!r}"
                     for i in np.flatnonzero(~ok)]
    assert not problems, "plan_balance.csv differs from tests/golden/plan_balance.csv " \
                         "(see tests/golden/README.md):\n" + "\n".join(problems)


# ---- output formats ------------------------------------------------------------------------


def test_format_csv_prints_the_balance_csv(lfc, project, tmp_path):
    r = plan(lfc, project / "project.yaml", tmp_path, "--format", "csv", text=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (tmp_path / "plan_balance.csv").read_bytes()


def test_format_json_prints_the_balance_json(lfc, project, tmp_path):
    r = plan(lfc, project / "project.yaml", tmp_path, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads((tmp_path / "plan_balance.json").read_text())


def test_format_md_prints_the_balance_as_a_markdown_table(lfc, project, tmp_path):
    r = plan(lfc, project / "project.yaml", tmp_path, "--format", "md")
    assert r.returncode == 0, r.stderr
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in r.stdout.strip("\n").split("\n")]
    csv = (tmp_path / "plan_balance.csv").read_text().rstrip("\n").split("\n")
    assert rows[0] == csv[0].split(",")
    assert all(re.fullmatch(r":?-{3,}:?", c) for c in rows[1]), rows[1]
    assert len(rows[1]) == len(rows[0])
    assert rows[2:] == [line.split(",") for line in csv[1:]]


def test_quiet_prints_nothing(lfc, project, tmp_path):
    r = plan(lfc, project / "project.yaml", tmp_path, "--quiet")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert names(tmp_path) == sorted(BALANCE_FILES + SCENARIO_FILES + SCHEDULE_FILES)


# ---- the seed --------------------------------------------------------------------------------


def test_seed_1_is_the_config_default(lfc, project, sample_plan, tmp_path):
    _, out = sample_plan
    r = plan(lfc, project / "project.yaml", tmp_path, "--seed", "1", "--quiet")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "plan_balance.csv").read_bytes() == \
        (out / "plan_balance.csv").read_bytes()


def test_seed_7_changes_the_demand(lfc, project, balance, tmp_path):
    r = plan(lfc, project / "project.yaml", tmp_path, "--seed", "7")
    assert r.returncode in (0, 3), r.stderr
    assert "forecast by this run (seed 7)" in r.stdout
    other = read_balance(tmp_path)
    for col in DEMAND:
        rel = (other[col] - balance[col]).abs() / balance[col]
        assert (rel > 1e-6).sum() >= 6, f"{col}: the seed changes most months"
    assert (other.supply_mwh == balance.supply_mwh).all(), "the supply does not"


# ---- exit codes --------------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["--config", "{cfg}", "--bogus"], "unknown option '--bogus'"),
    ([], "--config FILE is required"),
    (["--config", "{cfg}", "--format", "bogus"], "--format must be table, csv, json or md"),
    (["--config", "{cfg}", "--seed", "abc"], "--seed must be a whole number"),
], ids=["unknown-option", "no-config", "bad-format", "bad-seed"])
def test_usage_errors_exit_1(lfc, project, tmp_path, args, message):
    out = tmp_path / "out"
    args = [a.replace("{cfg}", str(project / "project.yaml")) for a in args]
    r = run(lfc, "plan", *args, "--out", out)
    assert r.returncode == 1, r.stderr
    assert message in r.stderr
    assert "usage: lfc plan" in r.stderr
    assert not out.exists(), "nothing written"


def test_missing_reserve_exits_2_naming_plan_and_reserve(lfc, project, tmp_path):
    cfg = variant(project, "no_reserve.yaml", ("  reserve: 10%\n", ""))
    r = plan(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2, r.stderr
    m = re.search(re.escape(str(cfg)) + LOCATION + r".*'reserve'.*'plan'", r.stderr)
    assert m, r.stderr
    first, last = section_line_range(cfg, "plan")
    assert first <= int(m.group(1)) <= last, "the line is in the plan section"
    assert not (tmp_path / "out").exists()


def test_supply_month_missing_exits_2_naming_the_month(lfc, project, tmp_path):
    cfg = variant(project, "no_may.yaml",
                  ("own_mwh: {2025-01: 1.1e6, 2025-02: 1.0e6, 2025-03: 1.1e6, 2025-04: 0.8e6,\n"
                   "              2025-05: 1.1e6, ",
                   "own_mwh: {2025-01: 1.1e6, 2025-02: 1.0e6, 2025-03: 1.1e6, 2025-04: 0.8e6,\n"
                   "              "))
    r = plan(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2, r.stderr
    m = re.search(re.escape(str(cfg)) + LOCATION + r".*'own_mwh'.*2025-05", r.stderr)
    assert m, r.stderr
    line = cfg.read_text().split("\n")[int(m.group(1)) - 1]
    assert "own_mwh" in line or "2025-0" in line, f"points into own_mwh's map: {line!r}"
    assert names(tmp_path / "out") == []


def test_supply_month_missing_fails_before_the_forecast(lfc, project, tmp_path):
    """With plan.first given the supply's months are known: the run fails on
    them before it reads the data or fits (the progress line shows no step)."""
    cfg = variant(project, "no_may_early.yaml",
                  ("2025-05: 1.1e6, 2025-06: 1.1e6, 2025-07: 1.15e6",
                   "2025-06: 1.1e6, 2025-07: 1.15e6"))
    r = subprocess.run([lfc, "plan", "--config", str(cfg), "--out", str(tmp_path / "out")],
                       capture_output=True, text=True, env={**os.environ, "LFC_PROGRESS": "always"})
    assert r.returncode == 2, r.stderr
    assert "2025-05" in r.stderr
    assert "reading the data" not in r.stderr and "forecasting" not in r.stderr


def test_quantile_not_forecast_exits_2(lfc, project, tmp_path):
    cfg = variant(project, "p95.yaml", ("  quantile: p90\n", "  quantile: p95\n"))
    r = plan(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2, r.stderr
    m = re.search(re.escape(str(cfg)) + LOCATION + r".*p95", r.stderr)
    assert m, r.stderr
    assert "quantile" in cfg.read_text().split("\n")[int(m.group(1)) - 1]
    assert "p10, p50, p90" in r.stderr, "says which quantiles the forecast makes"
    assert names(tmp_path / "out") == []


def test_corrupt_demand_file_exits_2_with_its_line_and_column(lfc, project, forecast_dir,
                                                              tmp_path):
    lines = (forecast_dir / "forecast_monthly.csv").read_text().split("\n")
    header = lines[0].split(",")
    k = next(i for i, line in enumerate(lines) if line.startswith("base,2025-03,"))
    cells = lines[k].split(",")
    col = header.index("energy_mwh_p50")
    cells[col] = "4.7e6x"
    lines[k] = ",".join(cells)
    bad = tmp_path / "forecast_monthly.csv"
    bad.write_text("\n".join(lines))
    cfg = variant(project, "corrupt_demand.yaml", with_plan_key(f"demand: {{monthly: {bad}}}"))
    r = plan(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2, r.stderr
    where = f"{bad}:{k + 1}:{len(','.join(cells[:col])) + 2}:"
    assert where in r.stderr, r.stderr
    assert "energy_mwh_p50" in r.stderr and "4.7e6x" in r.stderr
    assert names(tmp_path / "out") == []


def test_schedule_false_exits_3_and_still_writes(lfc, project, balance, tmp_path):
    cfg = variant(project, "no_schedule.yaml", with_plan_key("schedule: false"))
    r = plan(lfc, cfg, tmp_path)
    assert r.returncode == 3, r.stderr
    assert re.search(r"11 days at risk, [0-9.]+ MW-days over the limits, and nothing "
                     r"scheduled: plan.schedule is false", r.stderr), r.stderr
    assert names(tmp_path) == sorted(BALANCE_FILES + SCENARIO_FILES)
    assert read_balance(tmp_path).equals(balance), "the same balance"
    assert "peak-shift: nothing scheduled (plan.schedule is false)" in r.stdout


def test_energy_deficit_exits_3_naming_the_month(lfc, project, tmp_path):
    cfg = variant(project, "short_march.yaml", ("2025-03: 3.85e6", "2025-03: 3.5e6"))
    r = plan(lfc, cfg, tmp_path)
    assert r.returncode == 3, r.stderr
    assert re.search(r"falls short of the P90 energy in 1 month, .*the worst is 2025-03, "
                     r"[0-9.]+ GWh short", r.stderr), r.stderr
    b = read_balance(tmp_path)
    assert b.status["2025-03"] == "energy_deficit"
    assert b.energy_balance_mwh_p90["2025-03"] < 0
    assert names(tmp_path) == sorted(BALANCE_FILES + SCENARIO_FILES + SCHEDULE_FILES), "files still written"


def test_unmet_days_exit_3(lfc, project, tmp_path):
    """Less import capacity: more days at risk than the portfolio can cover."""
    cfg = variant(project, "low_import.yaml", ("import_mw: 7850", "import_mw: 7000"))
    r = plan(lfc, cfg, tmp_path)
    assert r.returncode == 3, r.stderr
    assert "the portfolio cannot cover the days at risk" in r.stderr
    days = read_schedule_days(tmp_path)
    assert (days.unmet_mw > 1e-3).any()
    assert names(tmp_path) == sorted(BALANCE_FILES + SCENARIO_FILES + SCHEDULE_FILES)


def test_out_under_a_regular_file_exits_4(lfc, project, tmp_path):
    (tmp_path / "afile").write_text("not a directory\n")
    out = tmp_path / "afile" / "sub"
    r = plan(lfc, project / "project.yaml", out, "--quiet")
    assert r.returncode == 4, r.stderr
    assert f"cannot create directory {out}: Not a directory" in r.stderr
    assert (tmp_path / "afile").read_text() == "not a directory\n"


# ---- the output set: all or nothing, and no stale file -------------------------------------


def test_failing_run_leaves_the_earlier_files(lfc, project, sample_plan, tmp_path):
    """The tiers file is read when scheduling, after the forecast and the balance."""
    _, earlier = sample_plan
    out = copy_run(earlier, tmp_path / "out")
    before = snapshot(out)
    (project / "tiers_unknown.csv").write_text("id,tier\nC001,restricted\nC004,nonsense\n")
    cfg = variant(project, "tiers_unknown.yaml", with_plan_key("tiers: tiers_unknown.csv"))
    r = plan(lfc, cfg, out, "--report")
    assert r.returncode == 2, r.stderr
    assert re.search(r"tiers_unknown\.csv:3:\d+: .*'nonsense'", r.stderr), r.stderr
    assert snapshot(out) == before, "every earlier file byte for byte, nothing added"
    assert not list(out.glob("*.part"))


def test_run_without_report_removes_the_earlier_report(lfc, project, sample_plan, tmp_path):
    _, earlier = sample_plan
    out = copy_run(earlier, tmp_path / "out")
    r = plan(lfc, project / "project.yaml", out, "--quiet")
    assert r.returncode == 0, r.stderr
    assert names(out) == sorted(BALANCE_FILES + SCENARIO_FILES + SCHEDULE_FILES)


def test_run_without_schedule_removes_the_earlier_schedule(lfc, project, sample_plan,
                                                           tmp_path):
    _, earlier = sample_plan
    out = copy_run(earlier, tmp_path / "out")
    cfg = variant(project, "no_schedule_stale.yaml", with_plan_key("schedule: false"))
    r = plan(lfc, cfg, out, "--quiet", "--report")
    assert r.returncode == 3, r.stderr
    assert not set(SCHEDULE_FILES) & set(names(out))
    assert set(BALANCE_FILES) <= set(names(out))
    assert not list(out.glob("*.part"))


def test_report_without_daily_peaks_removes_their_charts(lfc, project, sample_plan,
                                                         forecast_dir, tmp_path):
    """Demand from a monthly file alone: no days at risk, no fan or duration
    chart; the earlier run's files of them go.  July and August stay short of
    capacity with their days unknown, so the plan cannot be shown to close:
    exit 3, with the way out on stderr."""
    _, earlier = sample_plan
    out = copy_run(earlier, tmp_path / "out")
    monthly = forecast_dir / "forecast_monthly.csv"
    cfg = variant(project, "monthly_only.yaml", with_plan_key(f"demand: {{monthly: {monthly}}}"))
    r = plan(lfc, cfg, out, "--quiet", "--report")
    assert r.returncode == 3, r.stderr
    assert "2 months are short of capacity" in r.stderr
    assert "days at risk are unknown" in r.stderr and "demand.daily" in r.stderr
    assert names(out) == sorted(BALANCE_FILES + ["plan_report.html", "plan_report.md",
                                                 "plan_balance_energy.svg",
                                                 "plan_balance_capacity.svg"])


# ---- demand from lfc forecast's files ---------------------------------------------------------


def test_demand_from_forecast_files_gives_the_same_plan(lfc, project, forecast_dir,
                                                        sample_plan, tmp_path):
    """The files hold the forecast at 10 significant digits, the digits plan
    writes too: the demand, the supply, the limits and every count, date and
    status come out as the same text.  What is computed from the demand
    (balances, required, shortfalls) is not byte-identical: it differs by the
    rounding of its terms, 5e-10 of them in the file read plus 5e-10 in each
    of the two outputs, so it must agree within 2 x TOL of those terms."""
    _, earlier = sample_plan
    cfg = variant(project, "demand_files.yaml", with_plan_key(
        f"demand: {{monthly: {forecast_dir / 'forecast_monthly.csv'}, "
        f"daily: {forecast_dir / 'forecast_daily.csv'}}}"))
    r = plan(lfc, cfg, tmp_path, "--quiet")
    assert r.returncode == 0, r.stderr
    got, want = (pd.read_csv(d / "plan_balance.csv", dtype=str, keep_default_na=False)
                 for d in (tmp_path, earlier))
    assert list(got.columns) == list(want.columns)
    w = read_balance(earlier)
    terms = {"energy_balance_mwh_p50": w.supply_mwh, "energy_balance_mwh_p90": w.supply_mwh,
             "required_mw": w.required_mw, "capacity_balance_mw": w.available_mw,
             "worst_shortfall_mw": w.limit_mw * 1.1,  # a peak: the sample's within 10 %
             "mw_days_at_risk": w.days_at_risk * w.limit_mw * 1.1}
    for col in got.columns.difference(list(terms)):
        assert list(got[col]) == list(want[col]), f"{col}: the same text"
    g = read_balance(tmp_path)
    for col, scale in terms.items():
        assert_close(g[col], w[col], 2 * scale, col)
    assert set(read_schedule_days(tmp_path).query("deficit_mw > 0").index) == \
        set(read_schedule_days(earlier).query("deficit_mw > 0").index), "the same days"


def test_seed_with_demand_from_files_is_a_usage_error(lfc, project, forecast_dir, tmp_path):
    """--seed would change nothing when the demand is read: refused, not ignored."""
    monthly = forecast_dir / "forecast_monthly.csv"
    cfg = variant(project, "files_seed.yaml", with_plan_key(f"demand: {{monthly: {monthly}}}"))
    r = plan(lfc, cfg, tmp_path / "out", "--quiet", "--seed", "3")
    assert r.returncode == 1, r.stderr
    assert "--seed" in r.stderr and "plan.demand" in r.stderr
    assert not (tmp_path / "out").exists()


def test_report_as_the_value_of_out_is_a_directory_name(lfc, sample_dir, tmp_path):
    """--out --report names a directory called --report; it is not the flag."""
    r = subprocess.run([lfc, "plan", "--config", str(sample_dir / "project.yaml"), "--quiet",
                        "--out", "--report"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    written = names(tmp_path / "--report")
    assert "plan_balance.csv" in written and "plan_report.html" not in written


def test_horizon_beyond_the_demand_names_the_plan_keys(lfc, project, tmp_path):
    """A plan reaching past the forecast: the message names plan.first and
    plan.months and the months missing, not only the demand's."""
    text = (project / "project.yaml").read_text()
    start = text.index("\nplan:\n")
    cfg = project / "beyond.yaml"
    cfg.write_text(text[:start] + "\nplan:\n  first: 2026-06\n  months: 12\n  reserve: 10%\n"
                   "  supply: {own_mw: 2400, import_mw: 7850, own_mwh: 1e6, "
                   "purchase_mwh: 4e6}\n")
    r = plan(lfc, cfg, tmp_path / "out", "--quiet")
    assert r.returncode == 2, r.stderr
    assert "plan.first, plan.months" in r.stderr
    assert "2027-01 .. 2027-05 are missing" in r.stderr


# ---- the economic scenarios --------------------------------------------------------------


def scenario_rows(out):
    return pd.read_csv(out / "plan_scenarios.csv").set_index("scenario")


def assert_row_is_totals(row, totals):
    """A plan_scenarios.csv row holds the totals of that scenario's plan:
    every column but scenario and planned is a key of plan_balance.json's
    totals, with the same value."""
    for col, value in row.items():
        if col == "planned":
            continue
        want = totals[col]
        if isinstance(want, str):
            assert value == want, col
        else:
            assert value == pytest.approx(want, rel=TOL, abs=1e-6), col


def test_scenarios_planned_row_is_the_plan(sample_plan):
    """The base row (planned) holds the totals of plan_balance.json."""
    _, out = sample_plan
    rows = scenario_rows(out)
    assert list(rows.index) == ["low", "base", "high"]
    assert list(rows["planned"]) == [0, 1, 0]
    assert_row_is_totals(rows.loc["base"],
                         json.loads((out / "plan_balance.json").read_text())["totals"])


def test_scenarios_other_row_is_the_plan_of_that_scenario(lfc, project, sample_plan, tmp_path):
    """The high row equals the totals of the same plan made for scenario high."""
    _, out = sample_plan
    high = scenario_rows(out).loc["high"]
    cfg = variant(project, "high.yaml", ("  scenario: base\n", "  scenario: high\n"))
    r = plan(lfc, cfg, tmp_path, "--quiet")
    assert r.returncode == 0, r.stderr
    assert high["days_at_risk"] > 11, "the high scenario has more days at risk than base"
    assert_row_is_totals(high, json.loads((tmp_path / "plan_balance.json").read_text())["totals"])
    assert scenario_rows(tmp_path).loc["high", "planned"] == 1
