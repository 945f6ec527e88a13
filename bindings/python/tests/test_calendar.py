"""Calendars: China's 2025 holidays and 调休 make-up workdays against the
State Council's notice, holidays and workdays added by hand or from a CSV,
the calendar columns added to a copy of a frame, errors, and views."""
import gc

import numpy as np
import pandas as pd
import pytest

import libforecast as lf



def span(first, last):
    return [str(d.date()) for d in pd.date_range(first, last)]


# 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)
CN_2025_HOLIDAYS = {
    "New Year": span("2025-01-01", "2025-01-01"),
    "Spring Festival": span("2025-01-28", "2025-02-04"),
    "Qingming": span("2025-04-04", "2025-04-06"),
    "Labour Day": span("2025-05-01", "2025-05-05"),
    "Dragon Boat": span("2025-05-31", "2025-06-02"),
    "National Day": span("2025-10-01", "2025-10-08"),     # with Mid-Autumn on 10-06
}
CN_2025_MAKEUP = {"2025-01-26": "Spring Festival", "2025-02-08": "Spring Festival",
                  "2025-04-27": "Labour Day", "2025-09-28": "National Day",
                  "2025-10-11": "National Day"}


@pytest.fixture(scope="module")
def cn2025():
    with lf.Calendar(2025, 2025, builtin="CN") as cal:
        yield cal.days("2025-01-01", "2025-12-31")


def test_cn_2025_days_off_are_the_official_list(cn2025):
    off = cn2025[cn2025["type"] == "holiday"]
    assert sorted(str(d.date()) for d in off.index) == \
        sorted(d for block in CN_2025_HOLIDAYS.values() for d in block)
    for name, block in CN_2025_HOLIDAYS.items():
        rows = cn2025.loc[block]
        assert rows["block_day"].tolist() == list(range(1, len(block) + 1)), name
        assert set(rows["block_length"]) == {len(block)}, name
        expected = {name, "Mid-Autumn"} if name == "National Day" else {name}
        assert set(rows["holiday"]) == expected
    assert cn2025.loc["2025-10-06", "holiday"] == "Mid-Autumn"


def test_cn_2025_makeup_workdays_are_the_official_list(cn2025):
    makeup = cn2025[cn2025["type"] == "makeup_workday"]
    assert {str(d.date()): h for d, h in makeup["holiday"].items()} == CN_2025_MAKEUP
    assert all(d.dayofweek >= 5 for d in makeup.index)       # all Saturdays or Sundays


def test_cn_2025_has_248_working_days(cn2025):
    # 261 weekdays, 18 of them days off, 5 weekend days worked
    counts = cn2025["type"].value_counts()
    assert counts["working"] + counts["makeup_workday"] == 248
    assert counts["weekend"] == 104 - 10 - 5     # weekend days: neither off in a block nor worked


def test_us_holidays_observed_on_a_friday():
    with lf.Calendar(2026, 2026, "US") as us:
        assert us.day("2026-07-03") == {"type": "holiday", "holiday": "Independence Day",
                                        "block_day": 1, "block_length": 3}
        assert us.day("2026-07-04")["type"] == "weekend"


def test_holidays_and_workdays_added_by_hand_the_later_wins():
    cal = lf.Calendar(2025, 2025, ["CN"])
    cal.add_workday("2025-10-08", "back early")         # a Wednesday holiday becomes working
    assert cal.day("2025-10-08")["type"] == "working"
    cal.add_holiday(pd.Timestamp("2025-03-03"), "Founders' Day")
    assert cal.day("2025-03-03")["type"] == "holiday"
    cal.add_workday(np.datetime64("2025-03-08"))         # a Saturday
    assert cal.day("2025-03-08")["type"] == "makeup_workday"
    assert cal.day("2025-03-09")["type"] == "weekend"


def test_load_csv_and_its_errors(tmp_path):
    good = tmp_path / "days.csv"
    good.write_text("date,name,type\n2025-03-03,Founders,holiday\n2025-03-08,Make-up,workday\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,name,type\n2025-03-04,Fine,holiday\n2025-13-08,Bad,workday\n")
    cal = lf.Calendar(2025, 2025)
    cal.load_csv(good)
    assert cal.days("2025-03-03", "2025-03-08")["type"].tolist() == \
        ["holiday"] + ["working"] * 4 + ["makeup_workday"]
    with pytest.raises(lf.InputError) as e:
        cal.load_csv(bad)
    assert e.value.message.startswith(f"{bad}:3:1: invalid date '2025-13-08'")
    assert cal.day("2025-03-04")["type"] == "working"      # all or nothing
    with pytest.raises(lf.LibIOError):
        cal.load_csv(tmp_path / "missing.csv")


def test_errors():
    with pytest.raises(lf.InputError, match="unknown built-in calendar 'XX'; known: CN, US"):
        lf.Calendar(2025, 2025, "XX")
    with pytest.raises(lf.InputError, match="1 <= first <= last <= 9999"):
        lf.Calendar(2026, 2025)
    with pytest.raises(lf.InputError, match="covers 1901..2099"):
        lf.Calendar(1800, 1801, "CN")
    for year in ("2025", 2025.0, True, None):
        with pytest.raises(lf.ArgumentError, match="first_year must be an int year"):
            lf.Calendar(year, 2025)
    cal = lf.Calendar(np.int64(2025), 2025)
    with pytest.raises(lf.InputError, match="outside the calendar's years 2025..2025"):
        cal.day("2026-01-01")
    with pytest.raises(lf.ArgumentError, match="must be one date"):
        cal.day(["2025-01-01", "2025-01-02"])
    with pytest.raises(lf.ArgumentError, match="is before first"):
        cal.days("2025-02-01", "2025-01-31")
    with pytest.raises(lf.ArgumentError):
        cal.add_holiday("2025-02-30", "no such day")
    cal.close()
    with pytest.raises(lf.ClosedError):
        cal.day("2025-01-01")


def test_annotate_adds_the_calendar_columns_to_a_copy():
    df = pd.DataFrame({"peak_mw": 1.0}, index=pd.date_range("2025-01-24", "2025-02-09"))
    view = lf.Frame.from_pandas(df)
    cal = lf.Calendar(2025, 2025, "CN")
    out = cal.annotate(view)
    assert view.columns == ["peak_mw"] and list(df.columns) == ["peak_mw"]
    assert out.columns == ["peak_mw", "day_type", "holiday", "block_day", "block_length"]
    types = cal.days("2025-01-24", "2025-02-09")
    assert out["day_type"].tolist() == [lf.DAY_TYPES.index(t) for t in types["type"]]
    assert out["holiday"].tolist() == (types["type"] == "holiday").astype(float).tolist()
    assert out["block_day"].tolist() == types["block_day"].tolist()
    assert out["day_type"]["2025-01-26"] == 3 and out["block_length"]["2025-01-28"] == 8
    assert cal.annotate(df)["day_type"].tolist() == out["day_type"].tolist()
    with pytest.raises(lf.ArgumentError, match="already has a column 'day_type'"):
        cal.annotate(out)


def test_config_and_project_calendars(sample):
    with lf.Config(sample / "project.yaml") as cfg:
        built = cfg.calendar(2025, 2025).days("2025-01-01", "2025-12-31")
    assert built.equals(lf.Calendar(2025, 2025, "CN").days("2025-01-01", "2025-12-31"))
    p = lf.Project(sample / "project.yaml")
    cal = p.calendar
    assert (cal.first_year, cal.last_year) == (2021, 2034)   # the data's years and ten ahead
    del p
    gc.collect()
    assert cal.day("2024-02-10")["block_length"] == 8        # the view keeps the project
    cal._owner.close()
    assert cal.closed
    with pytest.raises(lf.ClosedError, match="view of a Project that is closed"):
        cal.day("2024-02-10")
