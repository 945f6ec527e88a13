"""lfc peakshift end to end on the bundled sample: lfc forecast, then the
schedule of the sample's peakshift section from its daily P90 peak; the four
files and their columns, the demand taken from the right scenario, every
deficit covered (or its unmet reported), the totals adding up; exit 3 with
every file still written when the limit is too low; exit 2 with file:line on
a bad portfolio or config; and no file of a failing run left behind."""
import json
import re

import pandas as pd
import pytest

from test_fit_cli import run

FILES = ["peakshift_calls.csv", "peakshift_days.csv", "peakshift_customers.csv",
         "peakshift.json"]
COLUMNS = {
    "peakshift_calls.csv": "date,weekday,customer_id,customer_name,tier,kind,mw,window_start,"
                           "window_hours,mwh,cost",
    "peakshift_days.csv": "date,weekday,peak_mw,limit_mw,deficit_mw,shed_mw,residual_peak_mw,"
                          "unmet_mw,window_start,window_hours,calls",
    "peakshift_customers.csv": "id,name,industry,tier,protected,peak_mw,calls,shift,avoid_peak,"
                               "rest_day,interrupt,mw_days,mwh,cost,share_of_relief,"
                               "share_of_peak",
}
EPS = 1e-3  # MW: calls are read to 0.1 kW


@pytest.fixture(scope="module")
def forecast_daily(lfc, sample_dir, tmp_path_factory):
    """forecast_daily.csv of the sample project, made once for the module."""
    out = tmp_path_factory.mktemp("forecast")
    r = run(lfc, "forecast", "--config", str(sample_dir / "project.yaml"), "--out", str(out),
            "--quiet")
    assert r.returncode == 0, r.stderr
    return out / "forecast_daily.csv"


def section_bounds(lines):
    """First and end line index of the top-level 'peakshift:' section."""
    start = lines.index("peakshift:")
    end = start + 1
    while end < len(lines) and (not lines[end] or lines[end].startswith(" ")):
        end += 1
    return start, end


def project(sample_dir, tmp_path, forecast_daily, section=None, **keys):
    """The sample project written to tmp_path: data paths into the sample,
    the demand from forecast_daily; its peakshift section replaced by
    `section`, or some of its keys (one line each) replaced by `keys`."""
    text = (sample_dir / "project.yaml").read_text()
    text = text.replace("path: ", f"path: {sample_dir}/")
    lines = text.split("\n")
    start, end = section_bounds(lines)
    body = section.rstrip("\n").split("\n")[1:] if section else lines[start + 1:end]
    for key, value in keys.items():
        body = [f"  {key}: {value}" if line.startswith(f"  {key}:") else line for line in body]
        if not any(line.startswith(f"  {key}:") for line in body):
            body.append(f"  {key}: {value}")
    body = [line.replace("portfolio: portfolio.yaml", f"portfolio: {sample_dir}/portfolio.yaml")
                .replace("file: out/forecast_daily.csv", f"file: {forecast_daily}")
            for line in body]
    cfg = tmp_path / "project.yaml"
    cfg.write_text("\n".join(lines[:start + 1] + body + lines[end:]))
    return str(cfg)


def peakshift(lfc, cfg, out, *extra):
    return run(lfc, "peakshift", "--config", cfg, "--out", str(out), *extra)


def read_days(out):
    return pd.read_csv(out / "peakshift_days.csv", parse_dates=["date"])


def leftovers(out):
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


# ---- the sample -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_run(lfc, sample_dir, forecast_daily, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("peakshift")
    cfg = project(sample_dir, tmp, forecast_daily)
    out = tmp / "out"
    r = peakshift(lfc, cfg, out)
    return r, out


def test_sample_writes_every_file(sample_run):
    r, out = sample_run
    assert r.returncode == 0, r.stderr
    for name in FILES:
        assert (out / name).is_file(), name
    for name, header in COLUMNS.items():
        assert (out / name).read_text().split("\n", 1)[0] == header, name
    doc = json.loads((out / "peakshift.json").read_text())
    assert set(doc) >= {"status", "seconds", "totals", "rest_days_by_weekday", "days", "calls",
                        "customers"}
    assert doc["status"] in ("optimal", "time_limit", "heuristic")
    assert not list(out.glob("*.part")), "no temporary file left"


def test_sample_table(sample_run):
    r, _ = sample_run
    lines = r.stdout.splitlines()
    assert lines[0] == "peak-shift schedule 2025-06-01 .. 2025-09-30 of Sample City"
    assert "demand: peak_mw_p90 (scenario base) from " in r.stdout
    assert re.search(r"^status: (optimal|time_limit|heuristic), solver [0-9.]+ s$", r.stdout,
                     re.M)
    assert re.search(r"^deficit days: [1-9][0-9]* of 122, ", r.stdout, re.M)
    assert "rest days by weekday: Mon " in r.stdout
    assert "days with a deficit (MW)" in r.stdout
    assert "customers called (" in r.stdout


def test_sample_demand_is_the_base_p90_peak(sample_run, forecast_daily):
    _, out = sample_run
    days = read_days(out)
    fc = pd.read_csv(forecast_daily, parse_dates=["period"])
    base = fc[fc.scenario == "base"].set_index("period").peak_mw_p90
    assert days.date.iloc[0] == pd.Timestamp("2025-06-01")
    assert days.date.iloc[-1] == pd.Timestamp("2025-09-30")
    assert (days.date.diff().dropna() == pd.Timedelta(days=1)).all(), "every day, in order"
    assert days.peak_mw.values == pytest.approx(base.loc[days.date].values, rel=1e-9)
    limits = {6: 9400, 7: 9400, 8: 9330, 9: 9400}
    assert (days.limit_mw == days.date.dt.month.map(limits)).all()


def test_sample_is_a_summer_shortage_that_is_covered(sample_run):
    _, out = sample_run
    days = read_days(out)
    short = days[days.deficit_mw > 0]
    assert len(short) >= 3, "a shortage on the hottest days"
    assert (short.deficit_mw / short.peak_mw).max() < 0.05, "a few % of the peak"
    assert set(short.date.dt.month) <= {7, 8}
    assert days.deficit_mw.values == pytest.approx(
        (days.peak_mw - days.limit_mw).clip(lower=0).values, abs=1e-6)
    # each deficit day: covered, or its unmet reported
    assert (short.shed_mw + short.unmet_mw >= short.deficit_mw - EPS).all()
    assert (days.unmet_mw < EPS).all(), "the sample's portfolio covers it (exit 0)"
    assert (days.residual_peak_mw <= days.limit_mw + EPS)[days.deficit_mw > 0].all()
    assert (days.calls[days.deficit_mw == 0] == 0).all(), "no call without a deficit"


def test_sample_totals_add_up(sample_run):
    _, out = sample_run
    days = read_days(out)
    calls = pd.read_csv(out / "peakshift_calls.csv", parse_dates=["date"])
    customers = pd.read_csv(out / "peakshift_customers.csv")
    by_day = calls.groupby("date").mw.sum()
    shed = days.set_index("date").shed_mw
    assert by_day.values == pytest.approx(shed.loc[by_day.index].values, abs=1e-6)
    assert (calls.groupby("date").size() == days.set_index("date").calls.loc[by_day.index]).all()
    assert customers.mw_days.sum() == pytest.approx(calls.mw.sum(), rel=1e-9)
    assert customers.cost.sum() == pytest.approx(calls.cost.sum(), rel=1e-9)
    assert (customers[customers.protected == 1].calls == 0).all()
    doc = json.loads((out / "peakshift.json").read_text())
    assert doc["totals"]["shed_mw_days"] == pytest.approx(days.shed_mw.sum(), rel=1e-9)
    assert len(doc["calls"]) == len(calls)


def test_formats(lfc, sample_dir, forecast_daily, tmp_path):
    cfg = project(sample_dir, tmp_path, forecast_daily)
    r = peakshift(lfc, cfg, tmp_path / "csv", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (tmp_path / "csv" / "peakshift_days.csv").read_text()
    r = peakshift(lfc, cfg, tmp_path / "json", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads((tmp_path / "json" / "peakshift.json").read_text())
    r = peakshift(lfc, cfg, tmp_path / "quiet", "--quiet")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert leftovers(tmp_path / "quiet") == sorted(FILES)


def test_profile_gives_the_window(lfc, sample_dir, forecast_daily, tmp_path):
    """Two days of a half-hourly profile above 9300 MW from 14:00 to 16:30."""
    rows = ["date,time,mw"]
    for day in ["2025-08-04", "2025-08-05"]:
        rows += [f"{day},{k // 2:02d}:{30 * (k % 2):02d},{9500 if 28 <= k < 33 else 8000}"
                 for k in range(48)]
    (tmp_path / "profile.csv").write_text("\n".join(rows) + "\n")
    cfg = project(sample_dir, tmp_path, forecast_daily, first="2025-08-04", last="2025-08-06",
                  limit_mw="9300", profile=f"{{file: {tmp_path}/profile.csv}}")
    out = tmp_path / "out"
    r = peakshift(lfc, cfg, out)
    assert r.returncode in (0, 3), r.stderr  # the first day may lack notice for some calls
    days = read_days(out).set_index("date")
    for day in ["2025-08-04", "2025-08-05"]:
        assert days.window_start[day] == 14 and days.window_hours[day] == 2.5
    assert pd.isna(days.window_start["2025-08-06"]), "not in the profile"
    assert days.window_hours["2025-08-06"] == 4, "the portfolio's window_hours"
    calls = pd.read_csv(out / "peakshift_calls.csv").set_index("date")
    shed = calls.loc["2025-08-04"]
    shed = shed[shed.kind != "rest_day"]
    assert len(shed) and shed.mwh.values == pytest.approx(shed.mw.values * 2.5, rel=1e-6)
    assert "2 days from " in r.stdout and "14:00  2.5 h" in r.stdout


# ---- a limit too low ------------------------------------------------------------------


def test_too_low_a_limit_exits_3_and_still_writes(lfc, sample_dir, forecast_daily, tmp_path):
    cfg = project(sample_dir, tmp_path, forecast_daily, first="2025-08-04", last="2025-08-06",
                  limit_mw="8000")
    out = tmp_path / "out"
    r = peakshift(lfc, cfg, out)
    assert r.returncode == 3, r.stderr
    assert leftovers(out) == sorted(FILES)
    days = read_days(out)
    assert len(days) == 3 and (days.limit_mw == 8000).all()
    assert (days.unmet_mw > 0).all()
    assert (days.shed_mw + days.unmet_mw >= days.deficit_mw - EPS).all()
    worst = days.loc[days.unmet_mw.idxmax()]
    assert "cannot cover the deficit: 3 days keep" in r.stderr
    assert f"the worst is {worst.date:%Y-%m-%d} with {worst.unmet_mw:.1f} MW unmet" in r.stderr
    assert "UNMET" in r.stdout
    doc = json.loads((out / "peakshift.json").read_text())
    assert doc["totals"]["unmet_mw_days"] == pytest.approx(days.unmet_mw.sum(), rel=1e-9)


# ---- bad input: exit 2, nothing written ------------------------------------------------


def test_bad_portfolio_exits_2_with_its_line(lfc, sample_dir, forecast_daily, tmp_path):
    bad = tmp_path / "portfolio.yaml"
    bad.write_text("tiers: [restricted]\n"
                   "customers:\n"
                   "  - {id: X1, peak_mw: 50, tier: restricted,\n"
                   "     measures: {shift: {mw: 80}}}\n")
    cfg = project(sample_dir, tmp_path, forecast_daily, portfolio=str(bad))
    out = tmp_path / "out"
    r = peakshift(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert re.search(rf"{re.escape(str(bad))}:[34]:\d+: ", r.stderr), r.stderr
    assert leftovers(out) == []


@pytest.mark.parametrize("keys, words", [
    ({"limit_mw": "{2025-06: 9400, 2025-07: 9400, 2025-09: 9400}"},
     "project.yaml:{line}:13: 'limit_mw' in 'peakshift' has no limit for 2025-08"),
    ({"last": "2027-01-02"}, "no row of scenario 'base' for 2027-01-01, a scheduled day"),
    ({"demand": "{file: FORECAST, column: peak_mw_p90, scenario: middle}"},
     "no rows of scenario 'middle'; the file has: low, base, high"),
    ({"demand": "{file: FORECAST, column: peak_mw_p99}"},
     "no column 'peak_mw_p99' in the header (did you mean 'peak_mw_p90'?)"),
    ({"limit_mw": "{fille: limit.csv}"},
     "project.yaml:{line}:14: 'fille' in 'peakshift.limit_mw' is not a month YYYY-MM (did you "
     "mean 'file'?)"),
    ({"fiar": "false"}, "project.yaml:{line}:3: unknown key 'fiar' in 'peakshift' (did you "
                        "mean 'fair'?)"),
])
def test_bad_input_exits_2_and_writes_nothing(lfc, sample_dir, forecast_daily, tmp_path, keys,
                                              words):
    keys = {k: v.replace("FORECAST", str(forecast_daily)) for k, v in keys.items()}
    cfg = project(sample_dir, tmp_path, forecast_daily, **keys)
    key = next(iter(keys))
    line = next(i for i, text in enumerate(open(cfg).read().split("\n"), 1)
                if text.startswith(f"  {key}:"))
    out = tmp_path / "out"
    r = peakshift(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert words.format(line=line) in r.stderr, r.stderr
    assert leftovers(out) == []


def test_a_failed_write_leaves_no_file(lfc, sample_dir, forecast_daily, tmp_path):
    out = tmp_path / "out"
    (out / "peakshift.json.part").mkdir(parents=True)  # the last file cannot be written
    cfg = project(sample_dir, tmp_path, forecast_daily)
    r = peakshift(lfc, cfg, out)
    assert r.returncode == 4, r.stderr
    assert "peakshift.json.part" in r.stderr
    assert leftovers(out) == ["peakshift.json.part"], "the three written first are gone too"


def test_usage(lfc, tmp_path):
    r = run(lfc, "peakshift")
    assert r.returncode == 1
    assert "--config FILE is required" in r.stderr
    r = run(lfc, "help", "peakshift")
    assert r.returncode == 0
    for key in ["portfolio:", "first:", "demand:", "scenario:", "limit_mw:", "profile:",
                "spread_rest_days:", "fair:", "seconds_per_stage:", "method:",
                "exact_max_calls:"] + FILES:
        assert key in r.stdout, key
    r = run(lfc, "--help")
    assert "peakshift" in r.stdout
