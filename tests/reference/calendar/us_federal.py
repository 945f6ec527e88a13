#!/usr/bin/python3
"""Reference for US federal holidays 1990-2030 from python3-holidays.

Writes tests/fixtures/calendar/us_federal_1990_2030.csv: date, name, one line
per observed federal holiday, exactly as python3-holidays (observed=True) lists
them.  Only dates inside 1990-2030 are kept (the package also lists a
New Year's Day observed on Dec 31 of the year before).  Known gap: version
0.10 of the package predates Juneteenth (federal from 2021); the Criterion test
names that exception rather than this script patching it.
Run from the repository root: /usr/bin/python3 tests/reference/calendar/us_federal.py
"""
import csv
import datetime

import holidays

FIRST, LAST = 1990, 2030
OUT = "tests/fixtures/calendar/us_federal_1990_2030.csv"


def main():
    us = holidays.US(years=range(FIRST, LAST + 1), observed=True)
    rows = sorted((d, n) for d, n in us.items()
                  if datetime.date(FIRST, 1, 1) <= d <= datetime.date(LAST, 12, 31))
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "name"])
        for d, n in rows:
            w.writerow([d.isoformat(), n])
    print("wrote %d holidays (version %s) to %s" % (len(rows), holidays.__version__, OUT))


if __name__ == "__main__":
    main()
