#!/usr/bin/python3
"""Reference for the AU-WA, AU-ACT and AU-NT calendars from python3-holidays
(the shared data has no files for these three), years 2000-2030.

Writes tests/fixtures/calendar/au_python_holidays_2000_2030.csv: state, date,
name, as the package lists them with observed=True.  Version 0.10 of the
package is coarse in places (it predates King's Birthday and some later
changes); the Criterion test names every date where libforecast differs and why.
Run from the repository root: /usr/bin/python3 tests/reference/calendar/au_python_holidays.py
"""
import csv

import holidays

STATES = ("WA", "ACT", "NT")
FIRST, LAST = 2000, 2030
OUT = "tests/fixtures/calendar/au_python_holidays_2000_2030.csv"


def main():
    rows = []
    for st in STATES:
        au = holidays.Australia(prov=st, years=range(FIRST, LAST + 1), observed=True)
        rows += [(st, d.isoformat(), n) for d, n in sorted(au.items())]
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["state", "date", "name"])
        w.writerows(rows)
    print("wrote %d rows to %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
