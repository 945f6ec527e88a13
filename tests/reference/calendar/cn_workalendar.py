#!/usr/bin/python3
"""Cross-check for the CN arrangement table: python3-workalendar's China
calendar, which ships the State Council arrangements for 2018-2023 only.

Writes tests/fixtures/calendar/cn_workalendar_2018_2023.csv: date, working
(1 = a working day for workalendar, 0 = a day off), for every day 2018-2023.
The Criterion test compares it day by day with the "CN" built-in and names
the days where the notices and workalendar disagree.
Run from the repository root: /usr/bin/python3 tests/reference/calendar/cn_workalendar.py
"""
import csv
import datetime
import warnings

from workalendar.asia import China

OUT = "tests/fixtures/calendar/cn_workalendar_2018_2023.csv"


def main():
    warnings.simplefilter("ignore")  # "need update every year"
    cal = China()
    day = datetime.date(2018, 1, 1)
    n = 0
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "working"])
        while day <= datetime.date(2023, 12, 31):
            w.writerow([day.isoformat(), int(cal.is_working_day(day))])
            day += datetime.timedelta(days=1)
            n += 1
    print("wrote %d days to %s" % (n, OUT))


if __name__ == "__main__":
    main()
