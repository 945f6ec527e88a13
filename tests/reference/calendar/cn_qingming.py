#!/usr/bin/python3
"""Reference for Qingming (清明), 1901-2099, from python3-ephem.

Qingming is the day, in Beijing time (UTC+8), on which the Sun's apparent
geocentric ecliptic longitude (equinox of date) reaches 15 degrees.  For each
year the instant is found by bisection on ephem's apparent position of the Sun
(ephem works in UT and applies delta-T itself) and written with the Beijing
clock time, so a test can see how close to midnight each year is.

Writes tests/fixtures/calendar/cn_qingming.csv: year, date, beijing_time.
Run from the repository root: /usr/bin/python3 tests/reference/calendar/cn_qingming.py
"""
import csv
import math

import ephem

FIRST, LAST = 1901, 2099
OUT = "tests/fixtures/calendar/cn_qingming.csv"
TARGET = math.radians(15.0)


def longitude(t):
    sun = ephem.Sun(t)
    eq = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=t)
    return float(ephem.Ecliptic(eq, epoch=t).lon)


def qingming(year):
    lo = ephem.Date("%d/3/30" % year)
    hi = ephem.Date("%d/4/10" % year)
    assert longitude(lo) < TARGET < longitude(hi)
    while hi - lo > 1e-7:  # ephem dates are in days: ~0.01 s
        mid = ephem.Date((lo + hi) / 2)
        if longitude(mid) < TARGET:
            lo = mid
        else:
            hi = mid
    return ephem.Date(hi + 8 * ephem.hour)  # Beijing time


def main():
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "date", "beijing_time"])
        for y in range(FIRST, LAST + 1):
            yy, mm, dd, h, mi, s = qingming(y).tuple()
            w.writerow([y, "%04d-%02d-%02d" % (yy, mm, dd),
                        "%02d:%02d:%02d" % (h, mi, int(s))])
    print("wrote %d years to %s" % (LAST - FIRST + 1, OUT))


if __name__ == "__main__":
    main()
