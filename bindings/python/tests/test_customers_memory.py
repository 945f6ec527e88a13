"""Repeated customer evaluations do not grow the process (the pattern of
test_memory.py): 2000 evaluations of the sample (half closed, half left to
the collector), 2000 small sets read, 2000 expected arrays and 2000 alert
lists (both malloc'd by C and freed by the binding with free()).

The bound: an evaluation of the sample's 200 customers holds some 180 kB of
C memory (200 lf_customer_result of 848 bytes and the Pareto curve), so 2000
leaked would grow the RSS by 350 MB; a small set of 20 customers by about
20 MB, an expected array of the sample (200 x 24 doubles) by 75 MB, a list
of 240 alerts (56 bytes each) by 27 MB.  8 MB tells a leak from noise."""

import numpy as np
import pandas as pd

import libforecast as lf
from rss import BOUND_MB, N, grows





def test_evaluations_do_not_leak(sample):
    crm = sample / "crm"
    cs = lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv", crm / "payments.csv")
    state = {"k": 0}

    def once():
        ev = lf.evaluate_customers(cs, outlook_default=60)
        ev.tiers
        state["k"] += 1
        if state["k"] % 2:
            ev.close()            # the other half: freed by the collector

    growth, before = grows(once)
    cs.close()
    print(f"evaluations: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_sets_and_expected_arrays_do_not_leak(sample, tmp_path):
    ids = [f"K{i:02d}" for i in range(20)]
    pd.DataFrame({"id": ids, "name": ids, "class": "commercial", "voltage_kv": 10,
                  "capacity_kva": 100}).to_csv(tmp_path / "c.csv", index=False)
    months = pd.period_range("2023-01", periods=24, freq="M").astype(str)
    pd.DataFrame([(i, m, 1000.0, 600.0) for i in ids for m in months],
                 columns=["customer_id", "month", "energy_kwh", "bill_cny"]) \
        .to_csv(tmp_path / "m.csv", index=False)
    (tmp_path / "e.csv").write_text("customer_id,month,expected_kwh\nC001,2024-01,5\n")
    crm = sample / "crm"
    big = lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv")

    def once():
        with lf.CustomerSet(tmp_path / "c.csv", tmp_path / "m.csv") as s:
            s.energy
        big.expected_from_csv(tmp_path / "e.csv")

    growth, before = grows(once)
    big.close()
    print(f"sets and expected arrays: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB


def test_alert_lists_do_not_leak():
    months = pd.period_range("2023-01", periods=24, freq="M")
    rng = np.random.default_rng(1)
    kwh = pd.DataFrame(rng.uniform(50, 150, (24, 20)), index=months,
                       columns=[f"K{i}" for i in range(20)])

    def once():
        a = lf.usage_alerts(kwh, threshold=1e-9, recent_months=12)
        assert len(a) == 240

    growth, before = grows(once)
    print(f"alert lists: RSS {before:.1f} MB, +{growth:.2f} MB after {N}")
    assert growth < BOUND_MB
