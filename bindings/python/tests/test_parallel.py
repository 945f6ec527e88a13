"""forecast_many: many series forecast each on its own, in this process, in a
process pool and on a Dask LocalCluster of worker processes — the same
numbers, bit for bit, whoever runs them; partitioned one task per series;
failures kept to their series."""
import concurrent.futures
import ctypes
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import BINDING, ROOT
from libforecast import parallel

DAYS = pd.date_range("2022-01-01", "2024-12-31")


def synthetic(n, seed=5):
    """n customers: weekday and summer effects of different sizes, noise."""
    rng = np.random.default_rng(seed)
    temp = 15 + 12 * np.sin(2 * np.pi * (DAYS.dayofyear - 110) / 365.25)
    frames = {}
    for k in range(n):
        base = rng.uniform(50, 500)
        energy = (base * (1 + 0.1 * (DAYS.dayofweek < 5)) + 0.02 * base * np.maximum(temp - 22, 0)
                  + rng.normal(0, 0.01 * base, len(DAYS)))
        frames[f"C{k:03d}"] = pd.DataFrame({"energy_mwh": energy, "peak_mw": energy / 20,
                                            "tmean_c": temp}, index=DAYS)
    weather = pd.DataFrame({"tmean_c": temp}, index=DAYS)
    return frames, weather


JOB = dict(energy=lf.ModelSpec(day_of_week=True, holiday=True,
                               temperature={"column": "tmean_c", "cdd": [22.0]}),
           peak=lf.ModelSpec(target="peak_mw", day_of_week=True,
                             temperature={"column": "tmean_c", "cdd": [22.0]}),
           forecast=lf.ForecastSpec(paths_per_weather=4, seed=11,
                                    quantiles=[0.1, 0.5, 0.9]),
           calendar="CN", months=6)


@pytest.fixture(scope="module")
def frames():
    return synthetic(12)


@pytest.fixture(scope="module")
def local(frames):
    series, weather = frames
    return lf.forecast_many(series, weather=weather, **JOB)


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed", reason="python3-distributed (make deps)")
    # workers are new processes: they find the package and the library as the tests do
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BINDING),
                                                             os.environ.get("PYTHONPATH")]))
    os.environ.setdefault("LIBFORECAST_LIB", lf.library_path())
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_one_series_is_worked_by_hand():
    # 250 MWh on weekdays (+10), no holidays asked for: January 2025 has 23
    # weekdays and 8 weekend days, February 20 and 8
    days = pd.date_range("2023-01-01", "2024-12-31")
    frame = pd.DataFrame({"energy_mwh": 250.0 + 10 * (days.dayofweek < 5)}, index=days)
    out = lf.forecast_many({"A": frame}, energy=lf.ModelSpec(day_of_week=True),
                           forecast=lf.ForecastSpec(error="none"), months=2)
    normal = out.loc[("A", "base"), "energy_mwh_normal"]
    assert normal.tolist() == pytest.approx([23 * 260 + 8 * 250, 20 * 260 + 8 * 250], rel=1e-12)
    assert out.index.names == ["series", "scenario", "period"]


def test_each_series_equals_its_own_forecast(frames, local):
    series, weather = frames
    key = "C007"
    alone = parallel.forecast_one(series[key], energy=JOB["energy"], peak=JOB["peak"],
                                  forecast_spec=JOB["forecast"], weather=weather,
                                  calendar="CN", months=6)["month"]
    pd.testing.assert_frame_equal(local.loc[key], alone, check_exact=True)
    assert sorted(local.index.get_level_values("series").unique()) == sorted(series)


def test_dask_cluster_gives_identical_numbers_on_several_workers(frames, local, dask_client):
    series, weather = frames
    there = lf.forecast_many(series, weather=weather, executor=dask_client, **JOB)
    pd.testing.assert_frame_equal(local, there, check_exact=True)
    tasks = there.attrs["tasks"]
    assert [t["series"] for t in tasks] == [[k] for k in series], "one task a series"
    assert len({t["pid"] for t in tasks}) >= 2, "the series ran on several workers"
    assert os.getpid() not in {t["pid"] for t in tasks}, "none ran in this process"


def test_dask_batches_partition_the_series(frames, local, dask_client):
    series, weather = frames
    there = lf.forecast_many(series, weather=weather, executor=dask_client, batch=5, **JOB)
    pd.testing.assert_frame_equal(local, there, check_exact=True)
    assert [len(t["series"]) for t in there.attrs["tasks"]] == [5, 5, 2]


def test_this_process_runs_the_tasks_without_an_executor(local):
    assert {t["pid"] for t in local.attrs["tasks"]} == {os.getpid()}


def test_process_pool_gives_identical_numbers(frames, local):
    series, weather = frames
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        there = lf.forecast_many(series, weather=weather, executor=pool, batch=4, **JOB)
    pd.testing.assert_frame_equal(local, there, check_exact=True)


def test_a_long_frame_by_customer_equals_the_dict(frames, local):
    series, weather = frames
    long = pd.concat([df.assign(customer=k) for k, df in series.items()])
    out = lf.forecast_many(long, by="customer", weather=weather, **JOB)
    pd.testing.assert_frame_equal(local, out, check_exact=True)


def test_several_kinds_at_once(frames, local):
    series, weather = frames
    few = {k: series[k] for k in ("C000", "C001")}
    out = lf.forecast_many(few, weather=weather, kind=("month", "year"), **JOB)
    pd.testing.assert_frame_equal(out["month"], local.loc[["C000", "C001"]], check_exact=True)
    assert set(out["year"].index.get_level_values("period")) == {"2025"}


def test_a_bad_series_is_named_or_collected(frames):
    series, weather = frames
    bad = dict(series)
    bad["C003"] = series["C003"].drop(columns=["tmean_c"])
    with pytest.raises(lf.InputError, match=r"series 'C003': .*tmean_c"):
        lf.forecast_many(bad, weather=weather, **JOB)
    out = lf.forecast_many(bad, weather=weather, errors="collect", **JOB)
    assert list(out.attrs["errors"]) == ["C003"] and "tmean_c" in out.attrs["errors"]["C003"]
    assert "C003" not in out.index.get_level_values("series")
    assert len(out.index.get_level_values("series").unique()) == len(series) - 1


def test_specs_cross_processes_as_exact_bytes():
    spec = lf.ModelSpec(trend=2, holiday_windows={"Spring Festival": (7, 9)},
                        temperature={"column": "t", "hdd": [15.5], "lags": [1, 2]})
    assert parallel._model_from_state(parallel._model_state(spec)) == spec
    fspec = lf.ForecastSpec(seed=99, connections=[
        {"name": "plant A", "start": "2025-03-01", "capacity_mw": 40, "load_factor": 0.6}])
    back = parallel._forecast_from_state(parallel._forecast_state(fspec))
    assert {**back.to_dict(), "connections": None} == {**fspec.to_dict(), "connections": None}
    assert back._c.nconnections == 1
    assert bytes(back._c.connections[0]) == bytes(fspec._c.connections[0])
    assert ctypes.addressof(back._c.connections[0]) != ctypes.addressof(fspec._c.connections[0])


@pytest.mark.parametrize("kwargs,message", [
    (dict(), "an energy spec, a peak spec or both"),
    (dict(energy=lf.ModelSpec(), kind="week"), "kind 'week'"),
    (dict(energy=lf.ModelSpec(), batch=0), "batch"),
    (dict(energy=lf.ModelSpec(), errors="ignore"), "errors"),
    (dict(energy="regression"), "ModelSpec"),
    (dict(energy=lf.ModelSpec(), forecast={"seed": 1}), "ForecastSpec"),
])
def test_bad_arguments(frames, kwargs, message):
    series, _ = frames
    with pytest.raises(lf.ArgumentError, match=message):
        lf.forecast_many(series, **kwargs)


def test_a_frame_without_by_is_refused(frames):
    series, _ = frames
    with pytest.raises(lf.ArgumentError, match="by="):
        lf.forecast_many(pd.concat(series.values()), energy=lf.ModelSpec())


def test_the_dask_example_runs(tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed (make deps)")
    out = tmp_path / "customers.csv"
    env = dict(os.environ, PYTHONPATH=str(BINDING))
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "python" /
                                            "forecast_customers_dask.py"),
                        "--workers", "2", "--out", str(out)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "identical to the local run" in r.stdout
    table = pd.read_csv(out)
    assert set(table["series"]) == {"C001", "C002", "C003"} and len(table) == 3 * 12
