"""balance_plan's inputs: the forms it takes (arrays, lists, Series, a
DataFrame by months, scalars, "12%"), copies only where needed, and every
bad input an exception: the binding's own (length, shape, dtype) before the
call, or C's, whose message is passed on unchanged."""
import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _inputs
from test_balance import SUPPLY, daily, demand

ARRAYS = {c: demand()[c].to_numpy() for c in demand().columns}


def run(**kw):
    args = dict(reserve=0.1, **SUPPLY)
    args.update(kw)
    d = args.pop("demand", demand())
    with lf.balance_plan(d, **args) as p:
        return p.months


def test_arrays_with_first_are_the_dataframe():
    pd.testing.assert_frame_equal(run(demand=ARRAYS, first="2025-01"), run())
    pd.testing.assert_frame_equal(run(demand={k: list(v) for k, v in ARRAYS.items()},
                                      first=(2025, 1)), run())


def test_a_datetimeindex_names_its_months():
    d = demand().set_axis(pd.DatetimeIndex(["2025-01-31", "2025-02-28", "2025-03-31"]))
    pd.testing.assert_frame_equal(run(demand=d), run())


def test_first_and_months_select_a_window():
    m = run(first="2025-02", months=2, purchase_mwh=[500, 900], import_mw=[30, 50])
    pd.testing.assert_frame_equal(m, run().iloc[1:])
    m = run(months=1, purchase_mwh=[700], import_mw=[30])
    pd.testing.assert_frame_equal(m, run().iloc[:1])


@pytest.mark.parametrize("first,months", [("2024-12", None), ("2025-02", 3), ("2025-04", None)])
def test_a_window_outside_the_demand_is_refused(first, months):
    with pytest.raises(lf.ArgumentError, match=r"the plan's months .* are not all in the "
                       r"demand \(2025-01 \.\. 2025-03\)"):
        run(first=first, months=months)


@pytest.mark.parametrize("months", [0, 241, 2.0, True])
def test_months_must_be_1_to_240(months):
    with pytest.raises(lf.ArgumentError, match=r"months must be an int, 1 \.\. 240"):
        run(months=months)


def test_an_index_with_a_gap_is_refused():
    d = demand().set_axis(pd.PeriodIndex(["2025-01", "2025-02", "2025-04"], freq="M"))
    with pytest.raises(lf.ArgumentError, match="consecutive months in order: 2025-04 follows "
                       "2025-02"):
        run(demand=d)


def test_a_quarterly_index_is_refused():
    d = demand().set_axis(pd.period_range("2025Q1", periods=3, freq="Q"))
    with pytest.raises(lf.ArgumentError, match="monthly periods, not Q"):
        run(demand=d)


def test_arrays_without_first_are_refused():
    with pytest.raises(lf.ArgumentError, match="give first="):
        run(demand=ARRAYS)


def test_a_missing_column_is_named():
    with pytest.raises(lf.ArgumentError, match="demand lacks the column 'peak_high'"):
        run(demand=demand().drop(columns="peak_high"))
    with pytest.raises(lf.ArgumentError, match="demand must be a DataFrame or a mapping"):
        run(demand=np.ones((3, 4)))


@pytest.mark.parametrize("name", ["energy_high", "purchase_mwh", "import_mw"])
def test_a_wrong_length_names_the_argument_and_the_length(name):
    if name == "energy_high":
        kw = {"demand": {**ARRAYS, name: np.ones(2)}, "first": "2025-01"}
    else:
        kw = {name: np.ones(4)}
    with pytest.raises(lf.ArgumentError) as info:
        run(**kw)
    assert str(info.value) == f"{name} has {2 if name == 'energy_high' else 4} values; " \
        "expected 3 (the plan's months)"


def test_a_2d_array_is_refused():
    with pytest.raises(lf.ArgumentError, match=r"own_mw must be one-dimensional .* got shape "
                       r"\(3, 1\)"):
        run(own_mw=np.ones((3, 1)))


@pytest.mark.parametrize("bad,dtype", [(np.array([True, False, True]), "bool"),
                                       (np.array(["1", "2", "3"]), "<U1"),
                                       (np.array(["2025-01-01"] * 3, dtype="datetime64[D]"),
                                        "datetime64"),
                                       (np.ones(3, dtype=complex), "complex128")])
def test_non_numbers_are_refused(bad, dtype):
    with pytest.raises(lf.ArgumentError, match=f"import_mw must hold numbers, not dtype {dtype}"):
        run(import_mw=bad)
    with pytest.raises(lf.ArgumentError, match="import_mw must hold numbers"):
        run(import_mw=list(bad) if dtype == "<U1" else pd.Series(bad))


def test_ints_and_float32_are_converted():
    ints = {k: v.astype(np.int64) for k, v in ARRAYS.items()}
    pd.testing.assert_frame_equal(run(demand=ints, first="2025-01",
                                      purchase_mwh=np.array([700, 500, 900], dtype=np.int32)),
                                  run())
    f32 = {k: v.astype(np.float32) for k, v in ARRAYS.items()}
    pd.testing.assert_frame_equal(run(demand=f32, first="2025-01"), run())


def test_a_strided_slice_works_by_a_copy():
    wide = np.array([700.0, -1, 500.0, -1, 900.0, -1])
    assert not wide[::2].flags.c_contiguous
    pd.testing.assert_frame_equal(run(purchase_mwh=wide[::2]), run())


def test_c_contiguous_float64_is_not_copied():
    a = np.array([1.0, 2.0, 3.0])
    assert _inputs.as_doubles(a, "a", 3) is a
    col = demand()["energy_p50"]
    assert np.shares_memory(_inputs.as_doubles(col, "c", 3), col.to_numpy())
    strided = np.arange(6.0)[::2]
    out = _inputs.as_doubles(strided, "s", 3)
    assert out.flags.c_contiguous and not np.shares_memory(out, strided)
    assert _inputs.as_doubles(a.astype(np.int64), "i", 3).dtype == np.float64


def test_nan_in_demand_is_cs_message():
    d = demand()
    d.loc["2025-02", "energy_p50"] = np.nan
    with pytest.raises(lf.ArgumentError) as info:
        run(demand=d)
    assert info.value.code == 2
    assert str(info.value) == "2025-02: the demand energy P50 is missing (NaN)"


def test_none_in_a_list_is_nan_for_c_to_name():
    with pytest.raises(lf.ArgumentError) as info:
        run(own_mw=[30, None, 30])
    assert str(info.value) == "2025-02: the own capacity is missing (NaN); give 0 for none"


def test_negative_and_swapped_values_are_cs_messages():
    with pytest.raises(lf.ArgumentError, match=r"^2025-03: the import capacity is -1 MW; it "
                       r"must be finite and 0 or more$"):
        run(import_mw=[1, 1, -1])
    d = demand()
    d.loc["2025-01", "peak_high"] = 40.0
    with pytest.raises(lf.ArgumentError, match=r"^2025-01: the p90 demand peak 40 MW is below "
                       r"its P50 50 MW"):
        run(demand=d, high_label="p90")


def test_reserve_forms():
    base = run()
    for form in ["10%", " 10 % ", "0.1", np.float64(0.1)]:
        pd.testing.assert_frame_equal(run(reserve=form), base)


@pytest.mark.parametrize("reserve,message", [
    (None, "the reserve margin is not set: give it as a share of the peak, 0.12 for 12 %"),
    (-0.1, "the reserve margin -0.1 is outside 0..1: give a share, 0.12 for 12 %"),
    (12, "the reserve margin 12 is outside 0..1: give a share, 0.12 for 12 % (12 % is 0.12)"),
    ("120%", "the reserve margin 1.2 is outside 0..1: give a share, 0.12 for 12 % "
             "(1.2 % is 0.012)"),
])
def test_reserve_missing_or_outside_is_cs_message(reserve, message):
    with pytest.raises(lf.ArgumentError) as info:
        run(reserve=reserve)
    assert str(info.value) == message


@pytest.mark.parametrize("reserve", ["ten", "%", True, [0.1]])
def test_reserve_not_a_number_is_refused(reserve):
    with pytest.raises(lf.ArgumentError, match="reserve"):
        run(reserve=reserve)


def test_supply_series_by_month():
    by_month = pd.Series([500.0, 900.0, 700.0, 1.0],
                         index=pd.PeriodIndex(["2025-02", "2025-03", "2025-01", "2025-04"],
                                              freq="M"))
    pd.testing.assert_frame_equal(run(purchase_mwh=by_month), run())  # aligned; April left out
    with pytest.raises(lf.ArgumentError, match=r"^purchase_mwh has no figure for 2025-03, a "
                       r"month of the plan \(2025-01 \.\. 2025-03\)$"):
        run(purchase_mwh=by_month.drop(pd.Period("2025-03", "M")))
    assert run(outage_mw=pd.Series([], dtype=float, index=pd.PeriodIndex([], freq="M")))[
        "outage_mw"].tolist() == [0, 0, 0]


@pytest.mark.parametrize("bad", [True, np.bool_(False), 3j, object()])
def test_a_supply_scalar_must_be_a_number(bad):
    with pytest.raises(lf.ArgumentError, match=f"^own_mw must be a number, not "
                       f"{type(bad).__name__}$"):
        run(own_mw=bad)


def test_an_empty_demand_is_refused():
    with pytest.raises(lf.ArgumentError, match=r"demand has no months \(energy_p50 is empty\)"):
        run(demand={c: [] for c in ARRAYS}, first="2025-01")
    with pytest.raises(lf.ArgumentError, match=r"demand has no months \(its index is empty\)"):
        run(demand=demand().iloc[:0])


def test_supply_none_is_zero():
    m = run(own_mwh=None, own_mw=None, outage_mw=None)
    assert (m["own_generation_mwh"] == 0).all() and (m["own_mw"] == 0).all()


def test_a_supply_dataframe_spreads_as_keywords():
    supply = pd.DataFrame({"own_mwh": 400.0, "purchase_mwh": [700.0, 500.0, 900.0],
                           "own_mw": 30.0, "import_mw": [30.0, 30, 50],
                           "outage_mw": [0.0, 10, 0]}, index=demand().index)
    with lf.balance_plan(demand(), reserve=0.1, **supply) as p:
        pd.testing.assert_frame_equal(p.months, run())


def test_daily_longer_than_the_plan_is_cut():
    long = pd.concat([pd.Series(1.0, index=pd.date_range("2024-12-01", "2024-12-31")),
                      daily(), pd.Series(999.0, index=pd.date_range("2025-04-01", periods=9))])
    pd.testing.assert_frame_equal(run(daily=long), run(daily=daily()))
    pd.testing.assert_frame_equal(run(daily=daily().to_numpy()), run(daily=daily()))


def test_daily_starting_late_or_ending_early_is_cs_message():
    with pytest.raises(lf.ArgumentError) as info:
        run(daily=daily()["2025-01-02":])
    assert str(info.value) == ("the daily peaks start on 2025-01-02; they must start on "
                               "2025-01-01, the first day of the balance months (2025-01-01 "
                               ".. 2025-03-31)")
    with pytest.raises(lf.ArgumentError) as info:
        run(daily=daily()[:"2025-03-29"])
    assert str(info.value) == ("the daily peaks do not cover the balance months (2025-01-01 .. "
                               "2025-03-31): 2025-03-30 .. 2025-03-31 are missing")


@pytest.mark.parametrize("peaks", [pd.Series(1.0, index=pd.date_range("2024-01-01", periods=9)),
                                   pd.Series([], dtype=float, index=pd.DatetimeIndex([]))])
def test_daily_without_a_day_of_the_plan_is_refused(peaks):
    with pytest.raises(lf.ArgumentError, match=r"^the daily peaks hold no day of the balance "
                       r"months \(2025-01 \.\. 2025-03\)$"):
        run(daily=peaks)


def test_daily_as_an_array_must_have_every_day():
    with pytest.raises(lf.ArgumentError, match=r"^daily has 89 values; expected 90 \(one peak "
                       r"a day of 2025-01 \.\. 2025-03\)$"):
        run(daily=np.ones(89))


def test_daily_with_a_gap_or_nan_is_refused():
    with pytest.raises(lf.ArgumentError, match="consecutive days in order: 2025-01-03 follows "
                       "2025-01-01"):
        run(daily=daily().drop(pd.Timestamp("2025-01-02")))
    d = daily()
    d["2025-02-03"] = np.nan
    with pytest.raises(lf.ArgumentError, match=r"^2025-02-03: the daily peak is nan MW"):
        run(daily=d)


def test_daily_of_another_quantile_is_refused():
    d = daily()
    d.attrs["high_label"] = "p97.5"
    with pytest.raises(lf.ArgumentError, match="the daily peaks are at p97.5, the monthly "
                       "demand at p90: read both at one quantile"):
        run(daily=d, high_label="p90")


@pytest.mark.parametrize("label,message", [
    ("p50", "the high quantile's label is p50, the median's: give the high quantile's, such "
            "as p90"),
    ("p 90", "the high quantile's label 'p 90' must have 1 to 15 letters, digits, '.', '_' or "
             "'-' (such as p90)"),
])
def test_a_bad_label_is_cs_message(label, message):
    with pytest.raises(lf.ArgumentError) as info:
        run(high_label=label)
    assert str(info.value) == message


def test_a_long_scenario_is_cs_message():
    with pytest.raises(lf.ArgumentError, match="longer than 31 bytes"):
        run(scenario="s" * 32)
    with pytest.raises(lf.ArgumentError, match="NUL"):
        run(scenario="a\0b")
