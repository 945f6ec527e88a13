"""A balance plan straight from a Forecast in memory, as lfc plan makes it:
the demand and daily peaks of lf_balance_demand_from_forecast /
lf_balance_daily_from_forecast, the supply of the config's plan section
(Config.plan_supply), and the plan's CSV byte-identical to lfc plan's
(BLAS on one thread, as lfc runs it)."""
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf


@pytest.fixture(scope="module")
def run(sample):
    with lf.Config(sample / "project.yaml") as cfg, lf.blas_threads(1):
        yield lf.forecast_from_config(cfg)


def test_the_demand_is_the_forecasts_months(run, forecast_dir):
    demand = lf.demand_from_forecast(run.forecast, "base", "p90")
    monthly = run.forecast.monthly("base")
    np.testing.assert_array_equal(demand["energy_p50"], monthly["energy_mwh_p50"].to_numpy())
    np.testing.assert_array_equal(demand["peak_high"], monthly["peak_mw_p90"].to_numpy())
    assert demand.attrs == {"scenario": "base", "high_label": "p90"}
    # the same months as lfc forecast's file, to its 10 digits
    files = lf.demand_from_csv(forecast_dir / "forecast_monthly.csv", "base", "p90")
    pd.testing.assert_frame_equal(demand, files, rtol=1e-9)
    daily = lf.daily_from_forecast(run.forecast, "high", "p90")
    assert len(daily) == len(run.forecast.daily("high")) and daily.name == "peak_mw_p90"
    np.testing.assert_array_equal(daily.to_numpy(),
                                  run.forecast.daily("high")["peak_mw_p90"].to_numpy())


def test_a_scenario_or_quantile_the_forecast_lacks_is_named(run):
    with pytest.raises(lf.ArgumentError, match="nosuch"):
        lf.demand_from_forecast(run.forecast, "nosuch")
    with pytest.raises(lf.ArgumentError, match="p97"):
        lf.daily_from_forecast(run.forecast, "base", "p97")
    with pytest.raises(lf.ArgumentError, match="Forecast"):
        lf.demand_from_forecast("forecast_monthly.csv")


def test_the_supply_is_the_configs(sample):
    with lf.Config(sample / "project.yaml") as cfg:
        supply = cfg.plan_supply("2025-01", 12)
        assert supply.loc["2025-07", "purchase_mwh"] == 4.4e6
        assert supply.loc["2025-04", "outage_mw"] == 600 and supply.loc["2025-05", "outage_mw"] == 0
        assert (supply["own_mw"] == 2400).all()
        # a month map naming a month outside the asked months is a likely typo
        with pytest.raises(lf.InputError, match=r"project.yaml:\d+:\d+: '2025-01' in "
                                                r"'plan.supply.own_mwh' is outside"):
            cfg.plan_supply("2025-06", 12)
    with lf.Config.from_string("name: x\n") as bare, pytest.raises(lf.InputError, match="plan"):
        bare.plan_supply("2025-01")


def test_the_plan_is_lfc_plans_byte_for_byte(lfc, sample, run, tmp_path):
    r = subprocess.run([lfc, "plan", "--config", str(sample / "project.yaml"), "--out",
                        str(tmp_path / "cli"), "--quiet"], capture_output=True, text=True)
    assert r.returncode in (0, 3), r.stderr
    with lf.Config(sample / "project.yaml") as cfg:
        supply = cfg.plan_supply("2025-01", 12)
    demand = lf.demand_from_forecast(run.forecast, "base", "p90")
    plan = lf.balance_plan(demand, reserve="10%", first="2025-01", months=12,
                           daily=lf.daily_from_forecast(run.forecast, "base", "p90"),
                           **{k: supply[k] for k in supply})
    plan.to_csv(tmp_path / "plan_balance.csv")
    assert (tmp_path / "plan_balance.csv").read_bytes() == \
        (tmp_path / "cli" / "plan_balance.csv").read_bytes()
