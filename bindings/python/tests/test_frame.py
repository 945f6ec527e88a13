"""Frames: a DataFrame shared with C without a copy (bit-identical, the same
memory), the index and column checks before any call, owned copies, views
closed with their owner, and lf_summarize's monthly / yearly / daily
figures worked by hand."""
import gc

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import frame as frame_module


def days(first, n):
    return pd.date_range(first, periods=n, freq="D")


def c_column(f, k):
    """Column k of a Frame as numpy over the C pointer (no copy)."""
    c = f._c()
    return np.ctypeslib.as_array(c.cols[k].values, shape=(c.ndays,))



def test_public_names_have_examples():
    for name in ["Frame", "as_frame", "Calendar", "Project", "read_intervals",
                 "read_daily_weather", "add_economy"]:
        assert ">>>" in getattr(lf, name).__doc__, name
    for method in ["from_pandas", "copy", "summarize"]:
        assert ">>>" in getattr(lf.Frame, method).__doc__, method


# ---- from pandas: no copy, bit-identical ---------------------------------------------------

def test_float64_columns_are_shared_not_copied_and_read_back_bit_identical():
    rng = np.random.default_rng(7)
    a = rng.normal(size=400) * 1e3
    a[[3, 50]] = np.nan
    a[7], a[8], a[9] = -0.0, 5e-324, np.finfo(float).max      # sign, subnormal, extreme
    df = pd.DataFrame({"a": a, "b": rng.random(400)}, index=days("2023-02-01", 400))
    f = lf.Frame.from_pandas(df)
    for k, name in enumerate(["a", "b"]):
        assert np.shares_memory(c_column(f, k), df[name].to_numpy())
        back = f[name].to_numpy()
        assert back.view(np.uint64).tolist() == df[name].to_numpy().view(np.uint64).tolist()
        assert not np.shares_memory(back, df[name].to_numpy())     # reading back copies
    assert f.start == pd.Timestamp("2023-02-01") and len(f) == 400
    assert f.end == pd.Timestamp("2023-02-01") + pd.Timedelta(days=399)
    out = f.to_pandas()
    assert out.index.equals(df.index) and out.index.name == "date"
    assert out.to_numpy().view(np.uint64).tolist() == df.to_numpy().view(np.uint64).tolist()


def test_a_frame_over_a_dataframe_keeps_its_arrays_after_del_df():
    values = np.arange(1000.0)
    df = pd.DataFrame({"x": values.copy()}, index=days("2020-01-01", 1000))
    f = lf.Frame.from_pandas(df)
    del df
    gc.collect()
    junk = [np.full(1000, -1.0) for _ in range(200)]    # reuse freed memory, if any
    assert c_column(f, 0).tolist() == values.tolist()
    assert f["x"].tolist() == values.tolist()
    del junk


def test_a_dataframe_of_one_2d_array_is_copied_until_df_copy():
    # pandas stores such columns strided (the array's rows); df.copy() lays
    # each column out contiguously, and then they are shared
    df = pd.DataFrame(np.arange(30.0).reshape(10, 3), columns=list("abc"),
                      index=days("2025-01-01", 10))
    strided = lf.Frame.from_pandas(df)
    assert not np.shares_memory(c_column(strided, 1), df["b"].to_numpy())
    assert strided["b"].tolist() == df["b"].tolist()
    df = df.copy()
    assert np.shares_memory(c_column(lf.Frame.from_pandas(df), 1), df["b"].to_numpy())


def test_other_numeric_dtypes_are_converted_a_copy():
    df = pd.DataFrame({"i": np.arange(5), "f32": np.arange(5, dtype=np.float32),
                       "nullable": pd.array([1.5, None, 2, 3, 4], dtype="Float64")},
                      index=days("2025-01-01", 5))
    f = lf.Frame.from_pandas(df)
    assert f["i"].tolist() == [0, 1, 2, 3, 4]
    assert f["f32"].tolist() == [0, 1, 2, 3, 4]
    assert np.isnan(f["nullable"][1]) and f["nullable"][4] == 4
    assert not np.shares_memory(c_column(f, 0), df["i"].to_numpy())


def test_units_series_period_index_and_time_zones():
    df = pd.DataFrame({"e": [1.0, 2.0], "p": [3.0, 4.0]}, index=days("2025-01-01", 2))
    df.attrs["units"] = {"e": "MWh", "p": "kW"}
    assert lf.Frame.from_pandas(df, units={"p": "MW"}).units == {"e": "MWh", "p": "MW"}
    assert lf.Frame.from_pandas(df).to_pandas().attrs["units"] == {"e": "MWh", "p": "kW"}
    s = lf.Frame.from_pandas(pd.Series([1.0, 2.0], index=days("2025-01-01", 2)))
    assert s.columns == ["value"]
    periods = pd.period_range("2025-03-30", periods=3, freq="D")
    assert lf.Frame.from_pandas(pd.DataFrame({"x": 1.0}, index=periods)).start == \
        pd.Timestamp("2025-03-30")
    shanghai = pd.date_range("2025-01-01", periods=2, tz="Asia/Shanghai")
    assert lf.Frame.from_pandas(pd.DataFrame({"x": 1.0}, index=shanghai)).start == \
        pd.Timestamp("2025-01-01")      # the wall clock's day, not UTC's 2024-12-31


@pytest.mark.parametrize("index,message", [
    (pd.DatetimeIndex(["2025-01-01", "2025-01-02", "2025-01-04"]), "2025-01-04 follows 2025-01-02"),
    (pd.DatetimeIndex(["2025-01-01", "2025-01-01", "2025-01-02"]), "consecutive days"),
    (pd.DatetimeIndex(["2025-01-02", "2025-01-01", "2025-01-03"]), "in order"),
    (pd.DatetimeIndex(["2025-01-01 00:00", "2025-01-02 12:00", "2025-01-03"]), "times of day"),
    (pd.DatetimeIndex(["2025-01-01", pd.NaT, "2025-01-03"]), "NaT"),
    (pd.RangeIndex(3), "DatetimeIndex"),
    (pd.period_range("2025-01", periods=3, freq="M"), "daily periods"),
])
def test_bad_indexes_are_refused(index, message):
    with pytest.raises(lf.ArgumentError, match=message):
        lf.Frame.from_pandas(pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=index))


@pytest.mark.parametrize("column,message", [
    ([True, False, True], "numbers"),
    (["1", "2", "3"], "numbers"),
    (pd.to_datetime(["2025-01-01"] * 3), "numbers"),
    ([1 + 1j, 2, 3], "numbers"),
])
def test_non_numeric_columns_are_refused(column, message):
    df = pd.DataFrame({"ok": 1.0, "bad": column}, index=days("2025-01-01", 3))
    with pytest.raises(lf.ArgumentError, match=f"column 'bad' must hold {message}"):
        lf.Frame.from_pandas(df)


def test_other_bad_inputs_raise_argument_errors():
    idx = days("2025-01-01", 2)
    for value in ([1.0, 2.0], {"x": [1.0]}, np.ones(2), None):
        with pytest.raises(lf.ArgumentError, match="DataFrame"):
            lf.Frame.from_pandas(value)
    with pytest.raises(lf.ArgumentError, match="no rows"):
        lf.Frame.from_pandas(pd.DataFrame({"x": []}, index=pd.DatetimeIndex([])))
    with pytest.raises(lf.ArgumentError, match="twice"):
        lf.Frame.from_pandas(pd.DataFrame([[1.0, 2.0]] * 2, columns=["a", "a"], index=idx))
    with pytest.raises(lf.ArgumentError, match="without a name"):
        lf.Frame.from_pandas(pd.DataFrame({"": [1.0, 2.0]}, index=idx))
    with pytest.raises(lf.ArgumentError, match=r"units are given for \['y'\]"):
        lf.Frame.from_pandas(pd.DataFrame({"x": [1.0, 2.0]}, index=idx), units={"y": "MW"})
    with pytest.raises(lf.ArgumentError, match="Frame or a pandas DataFrame"):
        frame_module.as_frame("x")


# ---- owned frames, views, closing ----------------------------------------------------------

def test_copy_is_owned_independent_and_outlives_the_original():
    df = pd.DataFrame({"e": [1.0, np.nan, 3.0], "p": [4.0, 5.0, 6.0]},
                      index=days("2024-02-28", 3))
    f = lf.Frame.from_pandas(df, units={"e": "MWh"})
    g = f.copy()
    assert g.columns == ["e", "p"] and g.units == {"e": "MWh", "p": ""}
    assert g.start == f.start and len(g) == 3
    assert not np.shares_memory(c_column(g, 0), df["e"].to_numpy())
    df.iloc[0, 0] = 99.0                         # the view sees it, the copy does not
    assert f["e"][0] == 99.0 and g["e"][0] == 1.0
    f.close()
    assert np.isnan(g["e"][1]) and g["p"].tolist() == [4.0, 5.0, 6.0]
    g.close()
    assert g.closed


def test_closed_frames_raise_closed_error():
    f = lf.Frame.from_pandas(pd.DataFrame({"x": [1.0]}, index=days("2025-01-01", 1)))
    with f:
        assert len(f) == 1
    assert f.closed and repr(f) == "<Frame (closed)>"
    for use in (len, lambda f: f.columns, lambda f: f["x"], lambda f: f.to_pandas(),
                lambda f: f.summarize(), lambda f: f.copy(), frame_module.as_frame):
        with pytest.raises(lf.ClosedError):
            use(f)
    f.close()                                   # a second close does nothing


def test_to_csv_writes_the_c_format(tmp_path):
    df = pd.DataFrame({"a": [1.0, np.nan, 2.5]}, index=days("2025-01-30", 3))
    lf.Frame.from_pandas(df).to_csv(tmp_path / "f.csv")
    assert (tmp_path / "f.csv").read_text() == \
        "date,a\n2025-01-30,1\n2025-01-31,\n2025-02-01,2.5\n"
    with pytest.raises(lf.LibIOError):
        lf.Frame.from_pandas(df).to_csv(tmp_path / "no" / "such" / "dir.csv")


# ---- summaries worked by hand --------------------------------------------------------------

@pytest.fixture(scope="module")
def two_months():
    """2024-01-01 .. 2024-02-29 (a leap February), energy and peaks known; one
    February day without energy."""
    idx = days("2024-01-01", 60)
    rng = np.random.default_rng(1)
    energy = 2000 + 100 * rng.random(60)
    peak = 100 + 20 * rng.random(60)
    low = 50 + 5 * rng.random(60)
    tmean = 10 * rng.random(60)
    energy[45] = np.nan                          # 2024-02-15
    df = pd.DataFrame({"energy_mwh": energy, "peak_mw": peak, "min_mw": low,
                       "tmean_c": tmean}, index=idx)
    return df


def test_monthly_summary_by_hand(two_months):
    df = two_months
    s = lf.Frame.from_pandas(df).summarize("month")
    assert list(s.index.astype(str)) == ["2024-01", "2024-02"]
    assert list(s.columns) == ["days", "days_missing", "energy_mwh", "peak_mw", "peak_date",
                               "min_mw", "load_factor", "tmean_c"]    # monthly.csv's
    jan = df.loc["2024-01"]
    energy = jan["energy_mwh"].sum()
    peak = jan["peak_mw"].max()
    assert s.loc["2024-01", "days"] == 31 and s.loc["2024-01", "days_missing"] == 0
    assert s.loc["2024-01", "energy_mwh"] == pytest.approx(energy, rel=1e-13)
    assert s.loc["2024-01", "peak_mw"] == peak
    assert s.loc["2024-01", "peak_date"] == jan["peak_mw"].idxmax()
    assert s.loc["2024-01", "min_mw"] == jan["min_mw"].min()
    assert s.loc["2024-01", "load_factor"] == pytest.approx(energy / (peak * 31 * 24), rel=1e-13)
    assert s.loc["2024-01", "tmean_c"] == pytest.approx(jan["tmean_c"].mean(), rel=1e-13)
    feb = df.loc["2024-02"]
    assert s.loc["2024-02", "days"] == 29 and s.loc["2024-02", "days_missing"] == 1
    assert np.isnan(s.loc["2024-02", "energy_mwh"]) and np.isnan(s.loc["2024-02", "load_factor"])
    assert s.loc["2024-02", "peak_mw"] == feb["peak_mw"].max()   # the peak of the days present


def test_a_month_partly_covered_counts_the_days_outside(two_months):
    s = lf.Frame.from_pandas(two_months.loc["2024-01-11":]).summarize("month")
    assert s.loc["2024-01", "days_missing"] == 10 and np.isnan(s.loc["2024-01", "energy_mwh"])


def test_yearly_and_daily_summaries_and_a_prefix(two_months):
    df = two_months.add_prefix("C1_").rename(columns={"C1_tmean_c": "tmean_c"})
    year = lf.Frame.from_pandas(df).summarize("year", prefix="C1_")
    assert list(year.index.astype(str)) == ["2024"] and year["days"].tolist() == [366]
    assert year["days_missing"].tolist() == [306 + 1]        # Mar..Dec, and 2024-02-15
    assert year["peak_mw"][0] == df["C1_peak_mw"].max()
    daily = lf.Frame.from_pandas(two_months.iloc[:3]).summarize("day")
    assert list(daily.index.astype(str)) == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert daily["energy_mwh"].tolist() == two_months["energy_mwh"][:3].tolist()
    assert daily["load_factor"].tolist() == pytest.approx(
        (two_months["energy_mwh"] / (two_months["peak_mw"] * 24))[:3].tolist(), rel=1e-13)


def test_summary_errors(two_months):
    f = lf.Frame.from_pandas(two_months[["tmean_c"]])
    with pytest.raises(lf.InputError, match="no columns energy_mwh and peak_mw") as e:
        f.summarize()
    assert e.value.code == 8                     # LF_ERR_NOTFOUND, C's message
    with pytest.raises(lf.InputError, match="C9_energy_mwh"):
        lf.Frame.from_pandas(two_months).summarize(prefix="C9_")
    for kind in ("week", 1, None, ["month"]):
        with pytest.raises(lf.ArgumentError, match="period kind"):
            lf.Frame.from_pandas(two_months).summarize(kind)


def test_units_carried_in_attrs_follow_a_column_selection():
    """pandas keeps df.attrs through a selection: the units of the columns
    left out are dropped, those kept are used; units= must name columns."""
    days = pd.date_range("2025-01-01", periods=3)
    df = pd.DataFrame({"energy_mwh": [1.0, 2.0, 3.0], "peak_mw": [1.0, 1.0, 1.0]}, index=days)
    df.attrs["units"] = {"energy_mwh": "MWh", "peak_mw": "MW"}
    f = lf.Frame.from_pandas(df[["energy_mwh"]])
    assert f.units == {"energy_mwh": "MWh"}
    with pytest.raises(lf.ArgumentError, match="peak_mw"):
        lf.Frame.from_pandas(df[["energy_mwh"]], units={"peak_mw": "MW"})
