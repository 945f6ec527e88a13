"""Ingest: interval files written here, read to days and checked by hand
(energy = sum of MW x interval hours), gaps, duplicates, daylight-saving
hours, units, layouts; daily weather; economic indicators added to a copy;
errors before and from C; and memory (the report and the frames freed)."""

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from rss import BOUND_MB, grows



def write_long(path, times, columns, header="time", sep=","):
    """A long file: a time column and value columns (None: an empty cell)."""
    names = list(columns)
    lines = [sep.join([header] + names)]
    for k, t in enumerate(times):
        cells = ["" if columns[n][k] is None else repr(columns[n][k]) for n in names]
        lines.append(sep.join([pd.Timestamp(t).strftime("%Y-%m-%d %H:%M")] + cells))
    path.write_text("\n".join(lines) + "\n")
    return path


def half_hours(first, ndays):
    return list(pd.date_range(first, periods=48 * ndays, freq="30min"))


@pytest.fixture
def load3(tmp_path):
    """Three days of half-hourly load, MW, every value known."""
    times = half_hours("2025-03-01", 3)
    rng = np.random.default_rng(3)
    mw = np.round(500 + 300 * rng.random(len(times)), 1)
    return write_long(tmp_path / "load.csv", times, {"mw": list(mw)}), times, mw


# ---- a half-hourly file by hand -----------------------------------------------------------

def test_half_hourly_load_to_daily_by_hand(load3):
    path, times, mw = load3
    f, r = lf.read_intervals(path, time_column="time", series="mw")
    assert f.columns == ["energy_mwh", "peak_mw", "min_mw", "mean_mw", "load_factor",
                         "peak_hour", "intervals", "interpolated"]
    assert f.start == pd.Timestamp("2025-03-01") and len(f) == 3
    assert f.units["energy_mwh"] == "MWh" and f.units["peak_mw"] == "MW"
    day = mw.reshape(3, 48)
    np.testing.assert_allclose(f["energy_mwh"], (day * 0.5).sum(axis=1), rtol=1e-14)
    assert f["peak_mw"].tolist() == day.max(axis=1).tolist()
    assert f["min_mw"].tolist() == day.min(axis=1).tolist()
    np.testing.assert_allclose(f["mean_mw"], day.mean(axis=1), rtol=1e-14)
    np.testing.assert_allclose(f["load_factor"], day.mean(axis=1) / day.max(axis=1), rtol=1e-14)
    assert f["peak_hour"].tolist() == (day.argmax(axis=1) * 0.5).tolist()
    assert f["intervals"].tolist() == [48.0] * 3 and f["interpolated"].tolist() == [0.0] * 3
    assert {k: r[k] for k in ("rows", "intervals", "missing_values", "interpolated",
                              "left_missing", "duplicates", "interval_minutes")} == \
        {"rows": 144, "intervals": 144, "missing_values": 0, "interpolated": 0,
         "left_missing": 0, "duplicates": 0, "interval_minutes": 30}
    assert r["issues"] == []
    assert f.summarize("day")["energy_mwh"].tolist() == f["energy_mwh"].tolist()


@pytest.mark.parametrize("unit,factor", [("kW", 1e-3), ("GW", 1e3), ("MW", 1.0),
                                         ("kWh", 1e-3 / 0.5), ("MWh", 1 / 0.5)])
def test_units_are_converted_to_mw(load3, unit, factor):
    path, _, mw = load3
    f, _ = lf.read_intervals(path, time_column="time", series={"column": "mw", "unit": unit})
    day = mw.reshape(3, 48) * factor
    np.testing.assert_allclose(f["peak_mw"], day.max(axis=1), rtol=1e-14)
    np.testing.assert_allclose(f["energy_mwh"], day.sum(axis=1) * 0.5, rtol=1e-14)


def test_several_series_with_kinds_units_and_prefixes(tmp_path):
    times = list(pd.date_range("2025-07-01", periods=24, freq="h"))
    temp_f = [50.0 + k for k in range(24)]
    path = write_long(tmp_path / "multi.csv", times,
                      {"kw": [1000.0 * (k + 1) for k in range(24)], "t": temp_f,
                       "rh": [40.0 + k for k in range(24)], "rain": [0.5] * 24}, sep=";")
    f, r = lf.read_intervals(path, time_column="time", delimiter=";", series=[
        {"column": "kw", "unit": "kW", "prefix": "site_"},
        {"column": "t", "kind": "temperature", "unit": "F"},
        {"column": "rh", "kind": "humidity"}, {"column": "rain", "kind": "rain"}])
    assert f.columns[:2] == ["site_energy_mwh", "site_peak_mw"]
    assert f.columns[8:] == ["tmin_c", "tmax_c", "tmean_c", "humidity_pct", "rain_mm"]
    assert f["site_energy_mwh"][0] == pytest.approx(sum(range(1, 25)))     # MW x 1 h
    assert f["tmin_c"][0] == pytest.approx((50 - 32) * 5 / 9)
    assert f["tmax_c"][0] == pytest.approx((73 - 32) * 5 / 9)
    assert f["tmean_c"][0] == pytest.approx((np.mean(temp_f) - 32) * 5 / 9)
    assert f["humidity_pct"][0] == pytest.approx(51.5) and f["rain_mm"][0] == pytest.approx(12)
    assert r["interval_minutes"] == 60


# ---- gaps ---------------------------------------------------------------------------------

def test_a_gap_is_interpolated_and_reported_with_its_line(load3):
    path, times, mw = load3
    lines = path.read_text().splitlines()
    # interval i is on line i + 2 (lines[i + 1]): drop the rows of 03-02 05:00
    # and 05:30 (intervals 58, 59) and empty the value of 03-03 05:00 (106)
    empty = lines[1 + 106].split(",")[0] + ","
    kept = lines[:1 + 58] + lines[1 + 60:1 + 106] + [empty] + lines[1 + 107:]
    path.write_text("\n".join(kept) + "\n")
    f, r = lf.read_intervals(path, time_column="time", series="mw")
    expect = mw.copy()
    expect[58:60] = mw[57] + (mw[60] - mw[57]) * np.array([1, 2]) / 3
    expect[106] = (mw[105] + mw[107]) / 2
    np.testing.assert_allclose(f["energy_mwh"], (expect.reshape(3, 48) * 0.5).sum(axis=1),
                               rtol=1e-14)
    assert f["interpolated"].tolist() == [0.0, 2.0, 1.0]
    assert f["intervals"].tolist() == [48.0, 46.0, 47.0]
    gaps = r["issues"]
    assert [(g["kind"], g["start"], g["count"], g["line"]) for g in gaps] == [
        ("gap_filled", pd.Timestamp("2025-03-02 05:00"), 2, 60),   # the next row's line
        ("gap_filled", pd.Timestamp("2025-03-03 05:00"), 1, 106)]  # its own (2 rows gone)
    assert gaps[0]["text"] == ("2025-03-02 05:00  mw: 2 intervals missing, filled by linear "
                               "interpolation (line 60)")
    assert (r["rows"], r["missing_values"], r["interpolated"]) == (142, 1, 3)


def test_longer_gaps_leave_the_day_empty(load3):
    path, times, mw = load3
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:1 + 60] + lines[1 + 65:]) + "\n")   # 5 intervals on 03-02
    f, r = lf.read_intervals(path, time_column="time", series="mw")      # default: 4
    assert np.isnan(f["energy_mwh"][1]) and not np.isnan(f["energy_mwh"][0])
    assert [(i["kind"], i["count"]) for i in r["issues"]] == [("gap_left", 5)]
    assert r["left_missing"] == 5
    f5, _ = lf.read_intervals(path, time_column="time", series="mw", max_gap_intervals=5)
    assert f5["interpolated"][1] == 5 and not np.isnan(f5["energy_mwh"][1])
    f4, _ = lf.read_intervals(path, time_column="time", series="mw", max_gap_intervals=4)
    assert f4.to_pandas().equals(f.to_pandas())
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:10] + lines[11:]) + "\n")               # one more
    f0, r0 = lf.read_intervals(path, time_column="time", series="mw", max_gap_intervals=0)
    assert np.isnan(f0["energy_mwh"][0]) and r0["interpolated"] == 0


# ---- duplicates and daylight saving -------------------------------------------------------

def hourly_day(tmp_path, name, values_by_hour, day="2025-03-09"):
    """An hourly file of three days (the middle one given as (hour, value)
    pairs, repeats and omissions allowed), the days around it at 100 MW."""
    rows = [(pd.Timestamp(day) - pd.Timedelta(hours=24 - h), 100.0) for h in range(24)]
    rows += [(pd.Timestamp(day) + pd.Timedelta(hours=h), v) for h, v in values_by_hour]
    rows += [(pd.Timestamp(day) + pd.Timedelta(hours=24 + h), 100.0) for h in range(24)]
    return write_long(tmp_path / name, [t for t, _ in rows], {"mw": [v for _, v in rows]})


def test_duplicates_by_policy(tmp_path):
    hours = [(h, 10.0) for h in range(24)]
    path = hourly_day(tmp_path, "dup.csv", hours[:12] + [(12, 40.0), (12, 70.0)] + hours[13:])
    energy = {}
    for policy in ("mean", "first", "last"):
        f, r = lf.read_intervals(path, time_column="time", series="mw", duplicates=policy)
        energy[policy] = f["energy_mwh"][1]
        assert r["duplicates"] == 1 and r["issues"][0]["kind"] == "duplicate"
        assert r["issues"][0]["line"] == 2 + 24 + 13          # the repeat's line
    assert energy == {"mean": 230 + 55, "first": 230 + 40, "last": 230 + 70}
    with pytest.raises(lf.InputError) as e:
        lf.read_intervals(path, time_column="time", series="mw", duplicates="error")
    assert e.value.message.startswith(f"{path}:{2 + 24 + 13}:")
    assert "2025-03-09 12:00:00 appears 2 times" in e.value.message
    triple = hourly_day(tmp_path, "dup3.csv", hours[:12] + [(12, 40.0), (12, 70.0), (12, 10.0)] +
                        hours[13:])
    f, _ = lf.read_intervals(triple, time_column="time", series="mw", duplicates="mean")
    assert f["energy_mwh"][1] == 230 + 40


def test_spring_forward_with_and_without_clock_changes(tmp_path):
    path = hourly_day(tmp_path, "fwd.csv", [(h, 10.0 * (h + 1)) for h in range(24) if h != 2])
    dst, r = lf.read_intervals(path, time_column="time", series="mw", clock_changes=True)
    assert dst["energy_mwh"][1] == 10 * (sum(range(1, 25)) - 3)      # a 23-hour day
    assert dst["intervals"][1] == 23 and r["clock_forward"] == 1
    assert [(i["kind"], i["start"], i["count"]) for i in r["issues"]] == \
        [("clock_forward", pd.Timestamp("2025-03-09 02:00"), 1)]
    gap, r = lf.read_intervals(path, time_column="time", series="mw")
    assert gap["energy_mwh"][1] == 10 * sum(range(1, 25))             # 02:00 interpolated: 30
    assert gap["interpolated"][1] == 1 and r["issues"][0]["kind"] == "gap_filled"


def test_fall_back_with_and_without_clock_changes(tmp_path):
    hours = [(h, 10.0) for h in range(24)]
    path = hourly_day(tmp_path, "back.csv", hours[:2] + [(1, 30.0)] + hours[2:],
                      day="2025-11-02")
    dst, r = lf.read_intervals(path, time_column="time", series="mw", clock_changes=True)
    assert dst["energy_mwh"][1] == 240 + 30 and dst["intervals"][1] == 25   # a 25-hour day
    assert r["clock_back"] == 1 and r["duplicates"] == 0
    assert r["issues"][0]["kind"] == "clock_back"
    mean, r = lf.read_intervals(path, time_column="time", series="mw")
    assert mean["energy_mwh"][1] == 230 + 20 and r["duplicates"] == 1       # (10 + 30) / 2


# ---- layouts, stamps, periods -------------------------------------------------------------

def test_end_stamps_and_date_hour_columns(tmp_path, load3):
    path, times, mw = load3
    start, _ = lf.read_intervals(path, time_column="time", series="mw")
    ends = [t + pd.Timedelta(minutes=30) for t in times]
    end_path = write_long(tmp_path / "end.csv", ends, {"mw": list(mw)})
    end, _ = lf.read_intervals(end_path, time_column="time", series="mw", stamp="end")
    assert end.to_pandas().equals(start.to_pandas())
    hourly = [(t.strftime("%Y-%m-%d"), t.hour + 1, v) for t, v in
              zip(pd.date_range("2025-01-01", periods=48, freq="h"), range(48))]
    (tmp_path / "he.csv").write_text("Date,Hour,MW\n" + "".join(
        f"{d},{h},{v}\n" for d, h, v in hourly))
    he, _ = lf.read_intervals(tmp_path / "he.csv", date_column="Date", hour_column="Hour",
                              hour_ending=True, series="MW")
    assert he["energy_mwh"].tolist() == [sum(range(24)), sum(range(24, 48))]
    assert he["peak_hour"].tolist() == [23.0, 23.0]
    with pytest.raises(lf.InputError, match=r"he.csv:25:12: expected an hour number 0..23, "
                                            r"got '24'"):
        lf.read_intervals(tmp_path / "he.csv", date_column="Date", hour_column="Hour",
                          series="MW")      # 1..24 read as hour-beginning: 24 is refused


def test_wide_layout(tmp_path):
    values = np.arange(2 * 96, dtype=float).reshape(2, 96)
    header = "date," + ",".join(f"v{k}" for k in range(96))
    rows = [f"2025-06-0{d + 1}," + ",".join(map(str, values[d])) for d in range(2)]
    (tmp_path / "wide.csv").write_text("\n".join([header] + rows) + "\n")
    f, r = lf.read_intervals(tmp_path / "wide.csv", layout="wide", date_column="date",
                             series={"unit": "kW", "prefix": "C9_"})
    assert f.columns[0] == "C9_energy_mwh" and r["interval_minutes"] == 15
    np.testing.assert_allclose(f["C9_energy_mwh"], values.sum(axis=1) / 1000 * 0.25)
    f2, _ = lf.read_intervals(tmp_path / "wide.csv", layout="wide", date_column="date")
    np.testing.assert_allclose(f2["energy_mwh"], values.sum(axis=1) * 0.25)
    with pytest.raises(lf.InputError, match="wide.csv:1: a wide file needs one interval column"):
        lf.read_intervals(tmp_path / "wide.csv", layout="wide", date_column="date",
                          interval_minutes=30)


def test_first_and_last_clip_the_days(load3):
    path, _, mw = load3
    f, r = lf.read_intervals(path, time_column="time", series="mw", first="2025-03-02",
                             last=pd.Timestamp("2025-03-02"))
    assert len(f) == 1 and f.start == pd.Timestamp("2025-03-02")
    assert f["peak_mw"][0] == mw[48:96].max()
    assert [(i["kind"], i["count"], i["line"]) for i in r["issues"]] == \
        [("outside_period", 96, 2)]
    tail, _ = lf.read_intervals(path, time_column="time", series="mw", first="2025-03-03")
    assert len(tail) == 1 and tail.start == pd.Timestamp("2025-03-03")
    head, _ = lf.read_intervals(path, time_column="time", series="mw", last="2025-03-01")
    assert len(head) == 1 and head.start == pd.Timestamp("2025-03-01")
    with pytest.raises(lf.ArgumentError, match=r"last \(2025-03-01\) is before first"):
        lf.read_intervals(path, time_column="time", series="mw", first="2025-03-02",
                          last="2025-03-01")
    with pytest.raises(lf.InputError, match="no data rows inside the configured period"):
        lf.read_intervals(path, time_column="time", series="mw", first="2030-01-01")


def test_partly_covered_days_are_empty(load3):
    path, _, mw = load3
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:1] + lines[1 + 10:]) + "\n")
    f, r = lf.read_intervals(path, time_column="time", series="mw")
    assert np.isnan(f["energy_mwh"][0]) and f["intervals"][0] == 38
    assert [(i["kind"], i["count"]) for i in r["issues"]] == [("incomplete_day", 10)]


# ---- errors -------------------------------------------------------------------------------

def test_file_errors_carry_the_c_message(tmp_path, load3):
    path, _, _ = load3
    with pytest.raises(lf.LibIOError, match="cannot open .*nope.csv"):
        lf.read_intervals(tmp_path / "nope.csv", time_column="time", series="mw")
    lines = path.read_text().splitlines()
    lines[5] = lines[5].split(",")[0] + ",12x"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(lf.InputError) as e:
        lf.read_intervals(path, time_column="time", series="mw")
    assert e.value.message == f"{path}:6:18: expected a number in column 'mw', got '12x'"
    assert e.value.code == 4
    with pytest.raises(lf.InputError, match=r"load.csv:1: no column 'power' in the header"):
        lf.read_intervals(path, time_column="time", series="power")
    lines[5] = "2025-03-01 02:10,5"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(lf.InputError, match=r"load.csv:6:1: interval start 2025-03-01 "
                                            r"02:10:00 is not on the 30-minute grid"):
        lf.read_intervals(path, time_column="time", series="mw")
    with pytest.raises(lf.ArgumentError, match="interval_minutes must be 5, 15, 30 or 60, got 7"):
        lf.read_intervals(path, time_column="time", series="mw", interval_minutes=7)
    with pytest.raises(lf.ArgumentError, match="a long file needs time_column"):
        lf.read_intervals(path, series="mw")


@pytest.mark.parametrize("kwargs,message", [
    (dict(series=None), "series must be"),
    (dict(series=[]), "series must be"),
    (dict(series=3), "series must be"),
    (dict(series=[("mw", "load")]), "series 0 must be a column name or a dict"),
    (dict(series={"column": "mw", "units": "kW"}), r"unknown keys \['units'\]"),
    (dict(series={"column": "mw", "kind": "power"}), "kind must be one of"),
    (dict(series={"column": "mw", "unit": "C"}),
     r"series 0 \(load\) takes one of the units None, 'kW', 'MW', 'GW', 'kWh', 'MWh', not 'C'"),
    (dict(series={"column": "t", "kind": "temperature", "unit": "kW"}),
     "takes one of the units None, 'C', 'F', not 'kW'"),
    (dict(series={"column": "h", "kind": "humidity", "unit": "%"}),
     r"series 0 \(humidity\) takes one of the units None, not '%'"),
    (dict(series={"column": "mw", "unit": ["kW"]}), "takes one of the units"),
    (dict(series={"column": 5}), "column must be a string"),
    (dict(layout="tall"), "layout must be one of 'long', 'wide'"),
    (dict(stamp="middle"), "stamp must be one of"),
    (dict(duplicates="max"), "duplicates must be one of"),
    (dict(interval_minutes=True), "interval_minutes must be an int"),
    (dict(interval_minutes=30.0), "interval_minutes must be an int"),
    (dict(hour_ending=1), "hour_ending must be True or False"),
    (dict(clock_changes="yes"), "clock_changes must be True or False"),
    (dict(max_gap_intervals=-1), "max_gap_intervals must be >= 0"),
    (dict(max_gap_intervals=2.5), "max_gap_intervals must be an int"),
    (dict(delimiter=";;"), "delimiter must be one ASCII character"),
    (dict(delimiter='"'), "delimiter must be one ASCII character"),
    (dict(first=["2025-01-01"]), "first must be one date"),
    (dict(first="2025-02-30"), "2025-02-30"),
    (dict(time_column=b"time"), "time_column must be a string"),
])
def test_bad_arguments_are_refused_before_c(kwargs, message, tmp_path):
    args = dict(time_column="time", series="mw")
    args.update(kwargs)
    with pytest.raises(lf.ArgumentError, match=message):
        lf.read_intervals(tmp_path / "never_read.csv", **args)   # before C opens the file
    with pytest.raises(lf.ArgumentError, match="path must be a str"):
        lf.read_intervals(3, time_column="time", series="mw")


# ---- daily weather ------------------------------------------------------------------------

def test_daily_weather_by_hand(tmp_path):
    (tmp_path / "w.csv").write_text("day,lo,hi,rh,rain\n"
                                    "2025-01-01,32,50,80,0\n"
                                    "2025-01-02,41,59,,1.5\n"
                                    "2025-01-05,50,68,70,3\n")
    w, r = lf.read_daily_weather(tmp_path / "w.csv", date_column="day", tmin_column="lo",
                                 tmax_column="hi", humidity_column="rh", rain_column="rain",
                                 unit="F")
    assert w.columns == ["tmin_c", "tmax_c", "tmean_c", "humidity_pct", "rain_mm"]
    assert w.units == {"tmin_c": "degC", "tmax_c": "degC", "tmean_c": "degC",
                       "humidity_pct": "%", "rain_mm": "mm"}
    df = w.to_pandas()
    assert df.index.equals(pd.date_range("2025-01-01", "2025-01-05", name="date"))
    np.testing.assert_allclose(df["tmin_c"].dropna(), [0, 5, 10], atol=1e-12)
    np.testing.assert_allclose(df["tmean_c"].dropna(), [5, 10, 15], atol=1e-12)  # (min+max)/2
    assert df.loc["2025-01-03":"2025-01-04"].isna().all().all()
    assert np.isnan(df.loc["2025-01-02", "humidity_pct"])
    assert (r["rows"], r["missing_values"], r["left_missing"]) == (3, 1, 2)
    assert [(i["kind"], i["start"], i["count"], i["line"]) for i in r["issues"]] == \
        [("gap_left", pd.Timestamp("2025-01-03"), 2, 4)]
    celsius, _ = lf.read_daily_weather(tmp_path / "w.csv", date_column="day", tmean_column="hi",
                                       last="2025-01-02")
    assert celsius.columns == ["tmean_c"] and celsius["tmean_c"].tolist() == [50, 59]


def test_daily_weather_errors(tmp_path):
    (tmp_path / "w.csv").write_text("date,t\n2025-01-01,1\n2025-01-02,2\n2025-01-01,3\n")
    with pytest.raises(lf.InputError) as e:
        lf.read_daily_weather(tmp_path / "w.csv", date_column="date", tmean_column="t")
    assert e.value.message.startswith(f"{tmp_path / 'w.csv'}:4:") and "line 2" in e.value.message
    with pytest.raises(lf.ArgumentError, match="give tmean_column, or both"):
        lf.read_daily_weather(tmp_path / "w.csv", date_column="date", tmin_column="t")
    with pytest.raises(lf.ArgumentError, match="unit must be 'C', 'F' or None"):
        lf.read_daily_weather(tmp_path / "w.csv", date_column="date", tmean_column="t",
                              unit="K")
    with pytest.raises(lf.LibIOError):
        lf.read_daily_weather(tmp_path / "x.csv", date_column="date", tmean_column="t")
    with pytest.raises(TypeError):
        lf.read_daily_weather(tmp_path / "w.csv", tmean_column="t")    # date_column required


# ---- economic indicators ------------------------------------------------------------------

@pytest.fixture
def economy(tmp_path):
    (tmp_path / "gdp.csv").write_text("year,country,gdp\n2023,CN,100\n2024,CN,200\n"
                                      "2024,US,999\n2025,CN,\n")
    (tmp_path / "q.csv").write_text("quarter,x\n2024Q1,1\n2024-Q2,2\n")
    return tmp_path


def test_add_economy_step_linear_and_filters(economy):
    df = pd.DataFrame({"peak_mw": 1.0}, index=pd.date_range("2023-12-30", "2025-01-02"))
    kw = dict(period_column="year", value_column="gdp", name="gdp", frequency="annual",
              filter_column="country", filter_value="CN")
    step = lf.add_economy(df, economy / "gdp.csv", unit="bn", **kw)
    assert list(df.columns) == ["peak_mw"]                   # the input is not changed
    assert step.columns == ["peak_mw", "gdp"] and step.units["gdp"] == "bn"
    g = step["gdp"]
    assert g["2023-12-31"] == 100 and g["2024-01-01"] == 200 and g["2024-12-31"] == 200
    assert np.isnan(g["2025-01-01"])                          # no value: never extrapolated
    linear = lf.add_economy(df, economy / "gdp.csv", mapping="linear", scale=2, **kw)["gdp"]
    mid23 = pd.Timestamp("2023-07-02")                        # (first + last) / 2, in days
    mid24 = pd.Timestamp("2024-07-01 12:00")
    for day in ("2023-12-31", "2024-01-01", "2024-03-15"):
        t = pd.Timestamp(day)
        expected = 2 * (100 + 100 * (t - mid23) / (mid24 - mid23))
        assert linear[day] == pytest.approx(expected, rel=1e-12)
    assert linear["2024-12-31"] == 400                        # beyond the last mid-point
    quarters = lf.add_economy(df, economy / "q.csv", period_column="quarter", value_column="x",
                              name="x", frequency="quarterly")["x"]
    assert quarters["2024-03-31"] == 1 and quarters["2024-04-01"] == 2
    assert np.isnan(quarters["2024-07-01"])


def test_add_economy_works_on_a_copy(economy):
    df = pd.DataFrame({"a": np.arange(3.0)}, index=pd.date_range("2024-01-01", periods=3))
    view = lf.Frame.from_pandas(df)
    out = lf.add_economy(view, economy / "q.csv", period_column="quarter", value_column="x",
                         name="x", frequency="quarterly")
    assert view.columns == ["a"] and list(df.columns) == ["a"]
    assert out.columns == ["a", "x"] and out["a"].tolist() == [0.0, 1.0, 2.0]
    assert not np.shares_memory(
        np.ctypeslib.as_array(out._c().cols[0].values, shape=(3,)), df["a"].to_numpy())
    assert np.ctypeslib.as_array(view._c().cols[0].values, shape=(3,)).ctypes.data == \
        df["a"].to_numpy().ctypes.data                        # the view still on df's memory
    view.close()
    assert out["x"].tolist() == [1.0, 1.0, 1.0]


def test_add_economy_errors(economy):
    df = pd.DataFrame({"gdp": 1.0}, index=pd.date_range("2024-01-01", periods=2))
    kw = dict(period_column="year", value_column="gdp", frequency="annual")
    with pytest.raises(lf.InputError, match="period given twice"):
        lf.add_economy(df, economy / "gdp.csv", name="g", **kw)       # CN and US rows
    with pytest.raises(lf.ArgumentError, match="already has a column 'gdp'"):
        lf.add_economy(df, economy / "gdp.csv", name="gdp", filter_column="country",
                       filter_value="CN", **kw)
    with pytest.raises(lf.InputError) as e:
        lf.add_economy(df, economy / "q.csv", period_column="quarter", value_column="x",
                       name="x", frequency="monthly")
    assert e.value.message.startswith(f"{economy / 'q.csv'}:2:1: expected a period like 2015-03")
    with pytest.raises(lf.LibIOError):
        lf.add_economy(df, economy / "none.csv", name="g", **kw)
    for bad, message in ((dict(scale=0), "scale must be a finite non-zero"),
                         (dict(scale=float("nan")), "scale must be a finite non-zero"),
                         (dict(scale="2"), "scale must be a number"),
                         (dict(mapping="spline"), "mapping must be one of"),
                         (dict(frequency="weekly"), "frequency must be one of"),
                         (dict(filter_value="CN"), "filter_column and filter_value go together")):
        with pytest.raises(lf.ArgumentError, match=message):
            lf.add_economy(df, economy / "gdp.csv", name="g", **{**kw, **bad})
    with pytest.raises(lf.ArgumentError, match="Frame or a pandas DataFrame"):
        lf.add_economy([1.0], economy / "gdp.csv", name="g", **kw)


# ---- memory -------------------------------------------------------------------------------





def test_frames_from_pandas_and_copies_do_not_leak():
    """3650 days x 3 columns: 88 kB a copy, 175 MB over 2000 if leaked."""
    df = pd.DataFrame(np.random.default_rng(0).random((3650, 3)), columns=["a", "b", "c"],
                      index=pd.date_range("2000-01-01", periods=3650))
    df = df.copy()     # contiguous columns (see test_frame), shared without a copy

    def once():
        f = lf.Frame.from_pandas(df)
        f.copy().to_pandas()            # the copy freed by the collector
        f.close()
    assert grows(once, 2000, warm=30)[0] < BOUND_MB


def test_reads_do_not_leak(tmp_path):
    """120 days of hourly load with a gap every day: 120 issues (12 kB) and a
    daily frame (8 kB) a read, and 10 years of daily weather (29 kB): 100 MB
    over 2000 reads if leaked."""
    times = list(pd.date_range("2024-01-01", periods=24 * 120, freq="h"))
    values = [None if t.hour == 3 else 100.0 for t in times]
    path = write_long(tmp_path / "load.csv", times, {"mw": values})
    weather = tmp_path / "w.csv"
    weather.write_text("date,t\n" + "".join(f"{d.date()},1\n" for d in
                                            pd.date_range("2000-01-01", periods=3650)))

    def once():
        f, r = lf.read_intervals(path, time_column="time", series="mw")
        assert len(r["issues"]) == 120
        lf.read_daily_weather(weather, date_column="date", tmean_column="t")[0].close()
    assert grows(once, 2000, warm=30)[0] < BOUND_MB


def test_projects_do_not_leak(tmp_path):
    """A small project: 120 days x 17 columns (16 kB), the load report and a
    calendar of 11 years a load: 50 MB over 2000 loads if leaked."""
    times = list(pd.date_range("2024-01-01", periods=24 * 120, freq="h"))
    write_long(tmp_path / "load.csv", times, {"mw": [100.0] * len(times)})
    (tmp_path / "w.csv").write_text("date,t\n" + "".join(
        f"{d.date()},1\n" for d in pd.date_range("2024-01-01", periods=120)))
    (tmp_path / "p.yaml").write_text(
        "name: small\ncalendar: {builtin: [CN]}\n"
        "load: {path: load.csv, time_column: time, value_column: mw, interval_minutes: 60}\n"
        "weather: {path: w.csv, date_column: date, tmean_column: t}\n")
    cfg = lf.Config(tmp_path / "p.yaml")
    state = {"k": 0}

    def once():
        p = lf.Project(cfg)
        p.daily.summarize("month")
        p.load_report
        p.calendar.day("2024-02-10")
        state["k"] += 1
        if state["k"] % 2:
            p.close()            # the other half: freed by the collector
    assert grows(once, 2000, warm=30)[0] < BOUND_MB


def test_interval_series_are_the_days_of_the_daily_frame(tmp_path):
    """read_interval_series: the cleaned intervals (MW) whose sums and maxima
    are read_intervals' daily energy and peak; a gap too long to fill stays
    NaN; kW read as MW; which names the series."""
    path = tmp_path / "meter.csv"
    rows = ["time,kw,t"]
    for h in range(48):
        kw = "" if 30 <= h < 36 else str(1000.0 + 10 * (h % 24))   # 6 hours missing on day 2
        rows.append(f"2025-01-{1 + h // 24:02d} {h % 24:02d}:00,{kw},{h % 24}")
    path.write_text("\n".join(rows) + "\n")
    kw = {"column": "kw", "unit": "kW"}
    mw, report = lf.read_interval_series(path, time_column="time", series=[kw, {
        "column": "t", "kind": "temperature"}], max_gap_intervals=2)
    daily, _ = lf.read_intervals(path, time_column="time", series=kw, max_gap_intervals=2)
    assert mw.name == "kw" and len(mw) == 48 and mw.index[1] == pd.Timestamp("2025-01-01 01:00")
    assert mw.iloc[0] == 1.0 and mw.iloc[23] == 1.23            # kW read as MW
    assert mw.iloc[30:36].isna().all() and report["left_missing"] == 6
    assert mw.iloc[:24].sum() == pytest.approx(daily["energy_mwh"].iloc[0], rel=1e-12)
    assert mw.iloc[:24].max() == daily["peak_mw"].iloc[0]
    t, _ = lf.read_interval_series(path, time_column="time", which=1, series=[kw, {
        "column": "t", "kind": "temperature"}])
    assert t.name == "t" and t.iloc[5] == 5.0
    with pytest.raises(lf.ArgumentError, match="which=2"):
        lf.read_interval_series(path, time_column="time", series=kw, which=2)
