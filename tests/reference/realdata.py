"""Independent reference values for tests/test_realdata.c (pandas on the raw files).

Run: /usr/bin/python3 tests/reference/realdata.py  [LF_DATA_DIR]
"""
import os
import sys

import pandas as pd

DATA = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LF_DATA_DIR", "../shared/data")

for st in ["nsw", "qld", "sa", "tas", "vic"]:
    d = pd.read_csv(f"{DATA}/aus_elec/{st}_halfhourly.csv", parse_dates=["time"])
    g = d.groupby(d.time.dt.normalize())
    energy, peak, tmean = g.demand_mw.sum() * 0.5, g.demand_mw.max(), g.temperature_c.mean()
    day = pd.Timestamp("2013-07-15")
    print(st, len(d), len(energy), energy[day], peak[day], tmean[day], energy["2013"].sum())

g = pd.read_csv(f"{DATA}/gefcom2014/load_temperature_hourly.csv")
g["Tc"] = (g["T"] - 32) * 5 / 9
for day in ["2006-01-01", "2010-07-06", "2014-12-31"]:
    x = g[g.Date == day]
    print(day, x.load.sum(), x.load.max(), x.Tc.mean(), x.Tc.min(), x.Tc.max(),
          "peak hour ending", int(x.loc[x.load.idxmax(), "Hour"]))

for st in ["nsw", "qld", "sa", "tas", "vic"]:
    w = pd.read_csv(f"{DATA}/aus_weather/{st}_daily_temperature_2000_2015.csv")
    h = pd.read_csv(f"{DATA}/aus_weather/{st}_holidays_2000_2015.csv")
    print(st, len(w), w.loc[w.date == "2010-01-15", "tmean_c"].values, len(h))

e = pd.read_csv(f"{DATA}/economy/gdp_annual.csv")
c = e[e.country == "China"].set_index("year").gdp_usd / 1e9
print("China GDP bn USD 2010, 2011:", repr(c[2010]), repr(c[2011]))
