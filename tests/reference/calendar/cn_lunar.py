#!/usr/bin/python3
"""Reference for the Chinese lunar calendar, 1901-2099, from python3-lunardate.

Writes tests/fixtures/calendar/cn_lunar.csv (one row per Gregorian year Y):
  year, spring_festival (lunar Y 1/1), eve (last day of lunar month 12 of Y-1,
  found by trying day 30 then 29), dragon_boat (lunar 5/5), mid_autumn (8/15),
  leap_month (0 = none), month_days (lengths of the 12 or 13 months in order).

With --c-table it prints instead the packed table that calendar_cn.c ships
(this is how that table was constructed); the Criterion test then checks the C
code against the CSV for every year, so a slip in packing cannot go unnoticed.
Run from the repository root: /usr/bin/python3 tests/reference/calendar/cn_lunar.py
"""
import csv
import datetime
import sys

from lunardate import LunarDate

FIRST, LAST = 1901, 2099
OUT = "tests/fixtures/calendar/cn_lunar.csv"


def month_length(year, month, leap):
    try:
        LunarDate(year, month, 30, leap).toSolarDate()
        return 30
    except ValueError:
        return 29


def leap_month(year):
    for m in range(1, 13):
        try:
            LunarDate(year, m, 1, True).toSolarDate()
            return m
        except ValueError:
            pass
    return 0


def months(year):
    """(month, is_leap, length) in calendar order: m, then leap m."""
    leap = leap_month(year)
    out = []
    for m in range(1, 13):
        out.append((m, False, month_length(year, m, False)))
        if m == leap:
            out.append((m, True, month_length(year, m, True)))
    return out


def row(year):
    sf = LunarDate(year, 1, 1).toSolarDate()
    eve = None
    for d in (30, 29):
        try:
            eve = LunarDate(year - 1, 12, d).toSolarDate()
            break
        except ValueError:
            pass
    assert eve == sf - datetime.timedelta(days=1), year
    return {
        "year": year,
        "spring_festival": sf.isoformat(),
        "eve": eve.isoformat(),
        "dragon_boat": LunarDate(year, 5, 5).toSolarDate().isoformat(),
        "mid_autumn": LunarDate(year, 8, 15).toSolarDate().isoformat(),
        "leap_month": leap_month(year),
        "month_days": " ".join(str(n) for _, _, n in months(year)),
    }


def packed(year):
    """bits 0-12: month i (in order, leap included) has 30 days;
    bits 13-16: leap month (0 none); bits 17-22: days from Jan 1 to 1/1."""
    bits = 0
    for i, (_, _, n) in enumerate(months(year)):
        if n == 30:
            bits |= 1 << i
    sf = LunarDate(year, 1, 1).toSolarDate()
    offset = (sf - datetime.date(year, 1, 1)).days
    assert 0 <= offset < 64
    return bits | (leap_month(year) << 13) | (offset << 17)


def main():
    if "--c-table" in sys.argv:
        values = ["0x%06x" % packed(y) for y in range(FIRST, LAST + 1)]
        for i in range(0, len(values), 8):
            print("    " + ", ".join(values[i:i + 8]) + ",")
        return
    rows = [row(y) for y in range(FIRST, LAST + 1)]
    with open(OUT, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote %d years to %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
