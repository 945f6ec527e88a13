"""Forecast every large customer of a project on a Dask cluster.

A utility with thousands of key accounts (and millions of meters) forecasts
each one separately: the work splits by customer, each task fits and
forecasts its own series, and the results come back as one table.  This
example runs the sample project's customers on a LocalCluster of worker
processes, then checks that the numbers are exactly those of a run in this
process — the seed, not the machine, decides every random draw.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/python/forecast_customers_dask.py \
        [--config datasets/sample/project.yaml] [--workers 3] [--out customers_monthly.csv]

On a real cluster, replace LocalCluster with the scheduler's address:
Client("tcp://scheduler:8786").
"""
import argparse
import time

import pandas as pd
from dask.distributed import Client, LocalCluster

import libforecast as lf

WEATHER = ["tmean_c"]


def customer_frames(project):
    """{customer id: daily DataFrame} with the region's daily temperature
    joined: each customer's frame holds columns "<id>_energy_mwh", ... ."""
    weather = project.weather.to_pandas()[WEATHER]
    frames = {}
    for frame in project.customers:
        df = frame.to_pandas()
        cid = df.columns[0].split("_", 1)[0]
        df = df.rename(columns=lambda c: c[len(cid) + 1:])
        frames[cid] = df.join(weather)
    return frames, project.weather.to_pandas()


def specs():
    """One energy and one peak model for every customer, and the forecast."""
    terms = dict(day_of_week=True, holiday=True,
                 temperature={"column": "tmean_c", "hdd": [16.0], "cdd": [24.0]})
    return dict(energy=lf.ModelSpec(trend=1, **terms),
                peak=lf.ModelSpec(target="peak_mw", **terms),
                forecast=lf.ForecastSpec(paths_per_weather=5, seed=7))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", default="datasets/sample/project.yaml")
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--out", default=None, help="write the monthly table here (CSV)")
    args = ap.parse_args()

    with lf.Config(args.config) as cfg, lf.Project(cfg) as project:
        frames, weather = customer_frames(project)
    job = dict(specs(), weather=weather, calendar="CN", months=12, kind=("month", "year"))

    started = time.perf_counter()
    here = lf.forecast_many(frames, **job)
    local_s = time.perf_counter() - started

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        there = lf.forecast_many(frames, executor=client, **job)
        dask_s = time.perf_counter() - started

    for kind in ("month", "year"):
        pd.testing.assert_frame_equal(here[kind], there[kind], check_exact=True)
    yearly = there["year"].xs("base", level="scenario")
    print(f"{len(frames)} customers on {args.workers} workers: identical to the local run "
          f"({local_s:.2f} s here, {dask_s:.2f} s on the cluster incl. scheduling)")
    print("energy by year, GWh:")
    print((yearly[["energy_mwh_p10", "energy_mwh_p50", "energy_mwh_p90"]] / 1e3).round(1)
          .to_string())
    if args.out:
        there["month"].to_csv(args.out)


if __name__ == "__main__":
    main()
