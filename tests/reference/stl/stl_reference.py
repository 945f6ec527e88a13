"""Reference values for tests/test_stl.c (libforecast/models/stl*.c) from
statsmodels' STL (0.13.5, a port of the netlib Fortran).

Rerun from the repository root (first this, then stl_reference.R, which reads
the two input files written here):
    /usr/bin/python3 tests/reference/stl/stl_reference.py
    Rscript tests/reference/stl/stl_reference.R

Files written (numbers as Python's repr, which round-trips):
  synthetic.csv       t,y - 240 days: level + slope + weekly, monthly (30) and
                      120-day waves + Gaussian noise (numpy seed 20240607)
                      + three outliers (robust fits differ visibly)
  nsw_daily.csv       date,energy_mwh - NSW daily energy 2012-01-01..2014-12-31
                      (1096 days): sum of demand_mw * 0.5 per calendar day of
                      $LF_DATA_DIR/aus_elec/nsw_halfhourly.csv (default
                      ../shared/data), rounded to 0.1 MWh.  The rounded values
                      are the input of every reference fit, so the C tests
                      need nothing outside the repository.
  stl_statsmodels.csv case,what,index,value - what = seasonal, trend, weight
                      (weights of robust cases only) at the first and last 20
                      indices (where loess extrapolates) and every 5th
                      (synthetic), 25th (NSW) or, for syn_custom with its
                      interpolating jumps, every index.

Cases (the C test builds the same specs through lf_stl_spec_init):
  syn_default         STL(syn, period=7).fit()
  syn_robust          STL(syn, period=7, robust=True).fit()
  syn_custom          period 7, seasonal 13, trend 23, low_pass 9, degrees
                      0/1/0, jumps 2/3/2, robust, fit(inner_iter=3, outer_iter=4)
  syn_p30             STL(syn, period=30, seasonal=9).fit()
  nsw_week            STL(nsw, period=7).fit()
  nsw_week_robust     STL(nsw, period=7, seasonal=11, robust=True,
                      seasonal_jump=2, trend_jump=3, low_pass_jump=2).fit()
  nsw_year            STL(nsw, period=365).fit()
  nsw_year364_robust  STL(nsw, period=364, seasonal=11, robust=True).fit()

Robust STL with an annual period on three years (three points per
cycle-subseries) can be ill-conditioned: with seasonal_jump=2,
trend_jump=61, low_pass_jump=37 on period 364, say, each of the 15 outer
iterations multiplies a rounding-level difference by about ten, and two
faithful ports (this one and statsmodels) end up 1e-3 apart.  The cases
here are well-conditioned ones.
"""
import os
import pathlib

import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import STL

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
N_SYN = 240


def synthetic():
    rng = np.random.default_rng(20240607)
    t = np.arange(N_SYN, dtype=float)
    y = (1000 + 0.8 * t + 40 * np.sin(2 * np.pi * t / 7) + 15 * np.cos(4 * np.pi * t / 7)
         + 60 * np.sin(2 * np.pi * t / 30) + 25 * np.sin(2 * np.pi * t / 120)
         + rng.normal(0, 8, N_SYN))
    y[50] += 250
    y[171] -= 300
    y[233] += 180
    return y


def nsw_daily():
    data = os.environ.get("LF_DATA_DIR") or str(ROOT.parent / "shared" / "data")
    d = pd.read_csv(f"{data}/aus_elec/nsw_halfhourly.csv", parse_dates=["time"])
    e = d.groupby(d.time.dt.normalize()).demand_mw.sum() * 0.5
    assert len(e) == 1096 and str(e.index[0].date()) == "2012-01-01"
    return pd.Series(np.round(e.values, 1), index=e.index.date)


def keep(n, every):
    return [i for i in range(n) if i < 20 or i >= n - 20 or i % every == 0]


def write_case(rows, case, res, every, robust):
    n = len(res.seasonal)
    parts = [("seasonal", res.seasonal), ("trend", res.trend)]
    if robust:
        parts.append(("weight", res.weights))
    for what, v in parts:
        v = np.asarray(v)
        for i in keep(n, every):
            rows.append(f"{case},{what},{i},{float(v[i])!r}")


def main():
    syn = synthetic()
    with open(HERE / "synthetic.csv", "w") as f:
        f.write("t,y\n")
        for i, v in enumerate(syn):
            f.write(f"{i},{float(v)!r}\n")
    nsw_s = nsw_daily()
    with open(HERE / "nsw_daily.csv", "w") as f:
        f.write("date,energy_mwh\n")
        for day, v in nsw_s.items():
            f.write(f"{day},{v:.1f}\n")
    # the fixture as read back, exactly what the C test reads
    nsw = pd.read_csv(HERE / "nsw_daily.csv").energy_mwh.to_numpy(dtype=float)

    cases = [
        ("syn_default", syn, 5, False, lambda y: STL(y, period=7).fit()),
        ("syn_robust", syn, 5, True, lambda y: STL(y, period=7, robust=True).fit()),
        ("syn_custom", syn, 1, True,
         lambda y: STL(y, period=7, seasonal=13, trend=23, low_pass=9, seasonal_deg=0,
                       trend_deg=1, low_pass_deg=0, seasonal_jump=2, trend_jump=3,
                       low_pass_jump=2, robust=True).fit(inner_iter=3, outer_iter=4)),
        ("syn_p30", syn, 5, False, lambda y: STL(y, period=30, seasonal=9).fit()),
        ("nsw_week", nsw, 25, False, lambda y: STL(y, period=7).fit()),
        ("nsw_week_robust", nsw, 25, True,
         lambda y: STL(y, period=7, seasonal=11, robust=True, seasonal_jump=2, trend_jump=3,
                       low_pass_jump=2).fit()),
        ("nsw_year", nsw, 25, False, lambda y: STL(y, period=365).fit()),
        ("nsw_year364_robust", nsw, 25, True,
         lambda y: STL(y, period=364, seasonal=11, robust=True).fit()),
    ]
    rows = ["case,what,index,value"]
    for case, y, every, robust, fit in cases:
        res = fit(y)
        assert np.allclose(res.seasonal + res.trend + res.resid, y)
        write_case(rows, case, res, every, robust)
    with open(HERE / "stl_statsmodels.csv", "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
