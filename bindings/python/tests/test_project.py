"""Project: the sample's frames equal to `lfc ingest`'s files (daily, weather
history, customers, monthly and yearly summaries, the report), ownership of
the views, and the errors of a project's data files."""
import gc
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf



@pytest.fixture(scope="module")
def ingested(lfc, sample, tmp_path_factory):
    """lfc ingest's files for the sample config."""
    out = tmp_path_factory.mktemp("ingest")
    r = subprocess.run([lfc, "ingest", "--config", str(sample / "project.yaml"), "--out",
                        str(out), "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def project(sample):
    with lf.Project(sample / "project.yaml") as p:
        yield p


def test_daily_frame_is_lfc_ingests_daily_csv(project, ingested, tmp_path):
    project.daily.to_csv(tmp_path / "daily.csv")
    assert (tmp_path / "daily.csv").read_bytes() == (ingested / "daily.csv").read_bytes()
    df = project.daily.to_pandas()
    csv = pd.read_csv(ingested / "daily.csv", index_col="date", parse_dates=True)
    assert list(df.columns) == list(csv.columns) and df.index.equals(csv.index)
    # the CSV writes 10 significant digits
    np.testing.assert_allclose(df.to_numpy(), csv.to_numpy(), rtol=1e-9, atol=1e-9)
    assert df.isna().equals(csv.isna())
    assert df.attrs["units"]["energy_mwh"] == "MWh" and df.attrs["units"]["gdp_bn_cny"] == "bn CNY"


def test_weather_and_customers_are_lfc_ingests_files(project, ingested, tmp_path):
    project.weather.to_csv(tmp_path / "w.csv")
    assert (tmp_path / "w.csv").read_bytes() == (ingested / "weather_history.csv").read_bytes()
    for k, c in enumerate(project.customers):
        cid = f"C00{k + 1}"
        assert c.columns[0] == f"{cid}_energy_mwh"
        c.to_csv(tmp_path / "c.csv")
        assert (tmp_path / "c.csv").read_bytes() == \
            (ingested / "customers" / f"{cid}_daily.csv").read_bytes()


def summary_as_csv(s, kind):
    """Frame.summarize's DataFrame as lf_summary_write_csv formats it."""
    out = s.copy()
    out.insert(0, "period", s.index.astype(str))
    out["peak_date"] = [d.strftime("%Y-%m-%d") if d is not pd.NaT else "" for d in s.peak_date]
    fmt = {"energy_mwh": "%.3f", "peak_mw": "%.3f", "min_mw": "%.3f", "load_factor": "%.4f",
           "tmean_c": "%.2f"}
    for col, f in fmt.items():
        out[col] = [f % v if v == v else "" for v in s[col]]
    return out.to_csv(index=False, lineterminator="\n")


def test_summaries_are_lfc_ingests_monthly_and_yearly(project, ingested):
    for kind, name in (("month", "monthly.csv"), ("year", "yearly.csv")):
        s = project.daily.summarize(kind)
        assert summary_as_csv(s, kind) == (ingested / name).read_text()
    c2 = project.customers[1].summarize("month", prefix="C002_")
    assert summary_as_csv(c2, "month") == \
        (ingested / "customers" / "C002_monthly.csv").read_text()


def test_reports_are_lfc_ingests_report(project, ingested):
    lines = (ingested / "ingest_report.txt").read_text().splitlines()
    ours = [f"load\t{i['kind']}\t{i['text']}" for i in project.load_report["issues"]] + \
        [f"weather\t{i['kind']}\t{i['text']}" for i in project.weather_report["issues"]] + \
        [f"customer {k + 1}\t{i['kind']}\t{i['text']}"
         for k, r in enumerate(project.customer_reports) for i in r["issues"]]
    assert ours == lines
    load = project.load_report
    assert (load["rows"], load["interpolated"], load["left_missing"], load["duplicates"]) == \
        (35056, 2, 9, 1)
    gap = load["issues"][1]
    assert (gap["kind"], gap["start"], gap["count"], gap["line"], gap["series"]) == \
        ("gap_left", pd.Timestamp("2023-07-19 08:00"), 9, 22306, "load_mw")
    assert np.isnan(project.daily["energy_mwh"]["2023-07-19"])   # the day left empty


def test_a_projects_views_keep_it_alive_and_close_with_it(sample):
    p = lf.Project(lf.Config(sample / "project.yaml"))
    assert p.config.name == "Sample City"
    daily, customer, weather = p.daily, p.customers[0], p.weather
    expected = daily["energy_mwh"][:5].tolist()
    del p
    gc.collect()
    assert daily["energy_mwh"][:5].tolist() == expected       # the view holds the project
    owner = daily._owner
    assert not owner.closed and customer._owner is owner
    owner.close()
    for view in (daily, customer, weather):
        assert view.closed and repr(view) == "<Frame (closed)>"
        with pytest.raises(lf.ClosedError, match="view of a Project that is closed"):
            view["energy_mwh" if view is daily else view.columns[0]]
    with pytest.raises(lf.ClosedError):
        owner.daily
    owner.close()                                             # a second close does nothing
    assert repr(owner) == "<Project (closed)>"


def test_a_copy_outlives_the_project(sample):
    with lf.Project(sample / "project.yaml") as p:
        copy = p.daily.copy()
        frame = p.daily.to_pandas()
    assert copy.to_pandas().equals(frame)


def write_config(sample, name, **changes):
    """A variant of the sample config beside it (its relative paths still resolve)."""
    text = (sample / "project.yaml").read_text()
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path = sample / name
    path.write_text(text)
    return path


def test_errors_of_the_data_files(sample):
    missing = write_config(sample, "missing.yaml", **{"path: region_load.csv":
                                                      "path: no_such_load.csv"})
    with pytest.raises(lf.LibIOError, match="no_such_load.csv"):
        lf.Project(missing)
    lines = (sample / "region_load.csv").read_text().splitlines()
    lines[9] = "2021-01-01 08:00,12x"                            # line 10 of the file
    (sample / "bad_load.csv").write_text("\n".join(lines) + "\n")
    bad = write_config(sample, "bad.yaml", **{"path: region_load.csv": "path: bad_load.csv"})
    with pytest.raises(lf.InputError) as e:
        lf.Project(bad)
    assert e.value.message.startswith(f"{sample / 'bad_load.csv'}:10:18: expected a number")
    for wrong in (1, None, ["project.yaml"]):
        with pytest.raises(lf.ArgumentError, match="Config or a config file's path"):
            lf.Project(wrong)
