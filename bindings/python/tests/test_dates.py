"""lf_date conversions against the C library's own day numbers and formats."""
import ctypes
import datetime

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import dates
from libforecast._lib import PATH


@pytest.fixture(scope="module")
def clib():
    """The library through a separate handle with its own declarations (the
    package's table is not touched): lf_date_from_ymd and lf_date_format."""
    c = ctypes.CDLL(PATH)
    c.lf_date_from_ymd.restype = ctypes.c_int32
    c.lf_date_from_ymd.argtypes = [ctypes.c_int] * 3
    c.lf_date_format.restype = None
    c.lf_date_format.argtypes = [ctypes.c_int32, ctypes.c_char_p]
    return c


def c_format(clib, day):
    buf = ctypes.create_string_buffer(11)
    clib.lf_date_format(day, buf)
    return buf.value.decode()


DAYS = list(range(dates.FIRST, dates.LAST + 1, 9973)) + [dates.FIRST, dates.LAST, -1, 0, 1,
                                                          11016, 19782, 20089]


def test_day_numbers_are_cs(clib):
    for day in DAYS:
        d = lf.to_date(day)
        assert clib.lf_date_from_ymd(d.year, d.month, d.day) == day
        assert d.isoformat() == c_format(clib, day)
        assert lf.to_lf_date(d) == day


def test_vectorised_round_trip(clib):
    arr = np.array(DAYS, dtype=np.int32)
    d64 = lf.to_datetime64(arr)
    assert d64.dtype == np.dtype("datetime64[D]")
    assert [str(x) for x in d64] == [c_format(clib, d) for d in DAYS]
    assert lf.to_lf_date(d64).tolist() == DAYS
    assert lf.to_lf_date(d64).dtype == np.int32
    inside = (arr > -106751) & (arr < 106750)  # pandas' Timestamp[ns]: 1677 .. 2262
    idx = lf.to_timestamp(arr[inside])
    assert isinstance(idx, pd.DatetimeIndex)
    assert lf.to_lf_date(idx).tolist() == arr[inside].tolist()
    assert lf.to_lf_date(pd.Series(idx)).tolist() == lf.to_lf_date(idx).tolist()


def test_scalar_forms():
    assert lf.to_lf_date(datetime.date(2025, 1, 1)) == 20089
    assert lf.to_lf_date(datetime.datetime(2025, 1, 1, 23, 59)) == 20089
    assert lf.to_lf_date(np.datetime64("2025-01-01T12:00")) == 20089
    assert lf.to_lf_date(pd.Timestamp("2025-01-01 12:00")) == 20089
    assert lf.to_lf_date(pd.Timestamp("1969-12-31 23:00")) == -1
    assert lf.to_timestamp(20089) == pd.Timestamp("2025-01-01")
    assert lf.to_datetime64(20089) == np.datetime64("2025-01-01")
    assert isinstance(lf.to_lf_date("2025-01-01"), int)


def test_time_zones_count_on_their_wall_clock():
    ts = pd.Timestamp("2025-01-01 00:30", tz="Asia/Shanghai")   # 2024-12-31 16:30 UTC
    assert lf.to_lf_date(ts) == 20089
    idx = pd.date_range("2025-01-01 00:30", periods=2, freq="D", tz="Asia/Shanghai")
    assert lf.to_lf_date(idx).tolist() == [20089, 20090]
    assert lf.to_lf_date(pd.Series(idx)).tolist() == [20089, 20090]


def test_strings_are_read_by_the_c_parser():
    assert lf.to_lf_date("2025-01-02") == lf.to_lf_date("2025/1/2") == \
        lf.to_lf_date("20250102") == 20090
    assert lf.to_lf_date(["2025-01-01", "2025/1/2"]).tolist() == [20089, 20090]


def test_a_bad_string_is_an_argument_error_with_the_c_message():
    with pytest.raises(lf.ArgumentError) as info:
        lf.to_lf_date("2025-02-30")
    assert "2025-02-30" in str(info.value)
    with pytest.raises(lf.ArgumentError, match="'tomorrow'"):
        lf.to_lf_date("tomorrow")


@pytest.mark.parametrize("bad", [pd.NaT, np.datetime64("NaT"),
                                 np.array(["2025-01-01", "NaT"], dtype="datetime64[D]")])
def test_missing_dates_are_refused(bad):
    with pytest.raises(lf.ArgumentError, match="missing"):
        lf.to_lf_date(bad)


def test_timestamps_outside_pandas_range_are_an_argument_error():
    with pytest.raises(lf.ArgumentError, match="use to_datetime64"):
        lf.to_timestamp(lf.to_lf_date("2300-01-01"))
    with pytest.raises(lf.ArgumentError, match="use to_datetime64"):
        lf.to_timestamp([0, lf.to_lf_date("1600-01-01")])


def test_years_outside_1_to_9999_are_refused():
    with pytest.raises(lf.ArgumentError, match="outside the years 1..9999"):
        lf.to_lf_date(np.datetime64("10000-01-01"))
    with pytest.raises(lf.ArgumentError, match="outside the years 1..9999"):
        lf.to_date(dates.LAST + 1)
    with pytest.raises(lf.ArgumentError, match="outside the years 1..9999"):
        lf.to_datetime64(np.array([0, dates.FIRST - 1]))


@pytest.mark.parametrize("bad", [1.5, True, np.array([1.0, 2.0])])
def test_other_types_are_refused(bad):
    with pytest.raises(lf.ArgumentError):
        lf.to_lf_date(bad)


def test_months():
    for form in ["2025-07", pd.Period("2025-07", "M"), (2025, 7), "2025-07-31",
                 datetime.date(2025, 7, 9), pd.Timestamp("2025-07-01")]:
        assert lf.to_month(form) == (2025, 7), form
    for bad in ["2025-13", "2025-x1", (2025, 0)]:
        with pytest.raises(lf.ArgumentError):
            lf.to_month(bad)
