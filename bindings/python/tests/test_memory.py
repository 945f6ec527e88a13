"""Repeated runs do not grow the process: 2000 balance plans (half closed,
half left to the collector), 2000 reads of each demand file, 2000 configs.

The bound: a 240-month plan holds 46 kB of C memory (240 lf_balance_month
of 192 bytes), so 2000 plans leaked would grow the RSS by some 90 MB; a
240-month monthly file read 2000 times leaks 15 MB, a 7300-day daily file
117 MB, the sample config (an lf_config alone is 63 kB) over 120 MB.
Allocator slack and pandas' caches after a warm-up stay well under 8 MB, so
8 MB tells a leak from noise with a margin both ways."""

import numpy as np
import pandas as pd

import libforecast as lf
from rss import BOUND_MB, N, grows





def test_plans_do_not_leak():
    months = pd.period_range("2025-01", periods=240, freq="M")
    demand = pd.DataFrame({"energy_p50": 100.0, "energy_high": 110.0, "peak_p50": 1.0,
                           "peak_high": 1.2}, index=months)
    state = {"k": 0}

    def once():
        p = lf.balance_plan(demand, reserve=0.1, purchase_mwh=105.0, import_mw=1.5)
        p.totals
        state["k"] += 1
        if state["k"] % 2:
            p.close()             # the other half: freed by the collector

    growth, before = grows(once)
    print(f"balance plans: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_file_reads_do_not_leak(tmp_path):
    months = pd.period_range("2005-01", periods=240, freq="M")
    pd.DataFrame({"period": months.astype(str), "energy_mwh_p50": 100.0,
                  "energy_mwh_p90": 110.0, "peak_mw_p50": 1.0, "peak_mw_p90": 1.2}) \
        .to_csv(tmp_path / "m.csv", index=False)
    days = pd.date_range("2005-01-01", periods=7300)
    pd.DataFrame({"period": days.strftime("%Y-%m-%d"), "peak_mw_p90": np.arange(7300.0)}) \
        .to_csv(tmp_path / "d.csv", index=False)

    def once():
        lf.demand_from_csv(tmp_path / "m.csv")
        lf.daily_from_csv(tmp_path / "d.csv")

    growth, before = grows(once)
    print(f"file reads: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_configs_do_not_leak(sample):
    def once():
        with lf.Config(sample / "project.yaml") as cfg:
            cfg.name
        lf.Config(sample / "project.yaml").name   # freed by the collector

    growth, before = grows(once)
    print(f"configs: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB
