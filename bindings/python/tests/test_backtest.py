"""backtest(): a seasonal naive on a series made so its errors are known
exactly; the layout of what a Backtest returns; failures recorded; errors."""
import csv
import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _c_backtest as C
from libforecast._lib import LIB

C_STEP = 7.0            # the series rises by this much every week
DAYS = 140              # 20 weeks from Monday 2024-01-01


def weekly(ndays=DAYS, first="2024-01-01", column="energy_mwh"):
    """y_t = 1000 + 50 (t mod 7) + 7 (t div 7): a weekly shape rising a step
    a week, so y_t - y_{t-7} = 7 exactly."""
    t = np.arange(ndays)
    return pd.DataFrame({column: 1000 + 50.0 * (t % 7) + C_STEP * (t // 7)},
                        index=pd.date_range(first, periods=ndays))


SNAIVE = lf.ModelSpec(kind="snaive", season_lag=7)
MEAN = lf.ModelSpec(day_of_week=False, month=False, holiday=False, trend=0)   # a constant


@pytest.fixture(scope="module")
def bt():
    # 2 origins of 28 days: days 84..111 and 112..139
    with lf.backtest(weekly(), {"week": SNAIVE}, origins=2, horizon=28) as b:
        yield b


def test_origins_and_spec(bt):
    assert bt.models == ["week"]
    assert bt.origins.equals(pd.DatetimeIndex(["2024-03-25", "2024-04-22"], name="origin"))
    assert bt.horizon == 28
    assert bt.spec == {"origins": 2, "horizon": 28, "step": 28, "level": 0.95, "agg": "sum",
                       "min_train_days": 28}


def test_forecasts_repeat_the_last_week(bt):
    y = weekly()["energy_mwh"].to_numpy()
    f = bt.forecasts
    assert list(f.columns) == ["model", "origin", "date", "actual", "mean", "lower", "upper"]
    assert len(f) == 2 * 28
    k = np.tile(np.arange(28) // 7 + 1, 2)            # weeks back to the last one seen
    days = np.r_[84:140]
    assert np.array_equal(f["actual"].to_numpy(), y[days])
    assert np.array_equal(f["mean"].to_numpy(), y[days] - C_STEP * k)
    # sigma = the RMS of the weekly differences in training = 7; bands grow as sqrt(k)
    half = NormalDist().inv_cdf(0.975) * C_STEP * np.sqrt(k)
    assert np.allclose(f["upper"] - f["mean"], half) and np.allclose(f["mean"] - f["lower"], half)
    assert (f["date"] == pd.date_range("2024-03-25", periods=56)).all()
    assert (f["origin"].iloc[[0, 27, 28, 55]] ==
            pd.to_datetime(["2024-03-25", "2024-03-25", "2024-04-22", "2024-04-22"])).all()


def expected_accuracy():
    """The daily accuracy of one origin, by hand: errors -7k, k = 1..4 weeks back."""
    k = np.arange(28) // 7 + 1
    z = NormalDist().inv_cdf(0.975)
    e = -C_STEP * k
    half = z * C_STEP * np.sqrt(k)
    # y = f + 7k is above every lower bound; above the upper one when 7k > half (k = 4)
    above = C_STEP * k > half
    lower_loss = 0.025 * (C_STEP * k + half)
    upper_loss = np.where(above, 0.975 * (C_STEP * k - half), 0.025 * (half - C_STEP * k))
    return {"mae": 2.5 * C_STEP, "rmse": C_STEP * math.sqrt(7.5), "bias": -2.5 * C_STEP,
            "mase": 2.5, "coverage": 21 / 28, "pinball": np.mean((lower_loss + upper_loss) / 2),
            "winkler": np.mean(2 * half + np.where(above, 2 / 0.05 * (C_STEP * k - half), 0)),
            "e": e}


def test_daily_accuracy_known_exactly(bt):
    want = expected_accuracy()
    y = weekly()["energy_mwh"].to_numpy()
    by_origin = bt.accuracy(pooled=False)
    assert by_origin.index.names == ["model", "origin"] and len(by_origin) == 2
    for o, start in enumerate((84, 112)):
        row = by_origin.iloc[o]
        actual = y[start:start + 28]
        assert row["n"] == 28 and row["n_interval"] == 28
        for key in ("mae", "rmse", "bias", "mase", "coverage", "pinball", "winkler"):
            assert row[key] == pytest.approx(want[key]), key
        assert row["mape"] == pytest.approx(100 * np.mean(-want["e"] / actual))
        assert row["smape"] == pytest.approx(
            200 * np.mean(-want["e"] / (actual + actual + want["e"])))
        assert row["bias_pct"] == pytest.approx(100 * want["e"].sum() / actual.sum())
    pooled = bt.accuracy()
    assert list(pooled.index) == ["week"] and pooled.index.name == "model"
    assert list(pooled.columns) == list(lf.ACCURACY_COLUMNS)
    assert pooled.loc["week", "n"] == 56
    for key in ("mae", "rmse", "bias", "mase", "coverage", "pinball"):
        assert pooled.loc["week", key] == pytest.approx(want[key]), key


def test_accuracy_is_lf_accuracy_compute_of_the_forecasts(bt):
    f = bt.forecasts
    a = lf.accuracy(f["actual"], f["mean"], f["lower"], f["upper"])
    pooled = bt.accuracy().loc["week"]
    for key in ("mae", "rmse", "mape", "smape", "bias", "pinball", "coverage", "winkler"):
        assert pooled[key] == pytest.approx(a[key]), key


def test_no_complete_month_in_the_horizon_gives_nan(bt):
    m = bt.accuracy("monthly")
    assert m.loc["week", "n"] == 0 and math.isnan(m.loc["week", "mae"])


@pytest.mark.parametrize("agg", ["sum", "max"])
def test_monthly_accuracy_aggregates_complete_months(agg):
    # one origin of 60 days from 2024-05-20: only June is complete
    data = weekly(200)
    with lf.backtest(data, {"week": SNAIVE}, horizon=60, agg=agg) as b:
        f = b.forecasts.set_index("date")
        june = f.loc["2024-06"]
        stat = {"sum": np.sum, "max": np.max}[agg]
        m = b.accuracy("monthly").loc["week"]
        assert m["n"] == 1
        assert m["mae"] == pytest.approx(abs(stat(june["mean"]) - stat(june["actual"])))
        assert math.isnan(m["mase"]) and math.isnan(m["coverage"])
        assert b.accuracy("yearly").loc["week", "n"] == 0


def test_a_peak_target_aggregates_by_max_unless_told():
    data = weekly(column="peak_mw")
    spec = SNAIVE.copy(target="peak_mw")
    assert lf.backtest(data, {"w": spec}, horizon=28).spec["agg"] == "max"
    assert lf.backtest(data, {"w": spec}, horizon=28, agg="sum").spec["agg"] == "sum"


def test_defaults_are_lf_backtest_spec_init_s():
    spec = C.BacktestSpec()
    LIB.lf_backtest_spec_init(spec)
    b = lf.backtest(weekly(800), {"w": SNAIVE})
    assert b.spec == {"origins": spec.origins, "horizon": spec.horizon,
                      "step": spec.horizon,       # 0: the horizon
                      "level": spec.level, "agg": "sum", "min_train_days": spec.min_train_days}
    assert b.origins[0] == pd.Timestamp("2024-01-01") + pd.Timedelta(days=800 - 365)


def test_step_level_and_days():
    data = weekly()
    data.iloc[:3] = np.nan          # the default days start at the first target value
    data.iloc[-2:] = np.nan         # ... and end at the last
    b = lf.backtest(data, {"w": SNAIVE}, origins=3, horizon=7, step=14, level=0.8,
                    min_train_days=50)
    # the last day with a value is day 137; origins 14 days apart end there
    assert list(b.origins.strftime("%Y-%m-%d")) == ["2024-04-13", "2024-04-27", "2024-05-11"]
    assert b.spec["level"] == 0.8 and b.spec["step"] == 14
    # the first day with a value, day 3, is the first training day: 100 days before
    with pytest.raises(lf.ArgumentError, match="2024-01-04..2024-05-17 is too short .* would "
                                               "have 100 training days, fewer than 101"):
        lf.backtest(data, {"w": SNAIVE}, origins=3, horizon=7, step=14, min_train_days=101)
    b2 = lf.backtest(data, {"w": SNAIVE}, horizon=7, first="2024-02-01", last="2024-03-31")
    assert b2.origins[0] == pd.Timestamp("2024-03-25")
    with pytest.raises(lf.ArgumentError, match="fewer than 28"):
        lf.backtest(data, {"w": SNAIVE}, horizon=7, first="2024-03-01", last="2024-03-31")


def test_candidates_as_pairs_and_dicts_of_keywords():
    data = weekly()
    b = lf.backtest(data, [("b", SNAIVE), ("a", {"day_of_week": True, "trend": 1})],
                    horizon=14)
    assert b.models == ["b", "a"]
    acc = b.accuracy()
    assert acc.loc["b", "mae"] == pytest.approx(1.5 * C_STEP)
    assert acc.loc["a", "n"] == 14 and acc.loc["a", "mae"] < 10


def test_a_failing_candidate_is_recorded_not_raised():
    b = lf.backtest(weekly(), {"week": SNAIVE, "year": lf.ModelSpec(kind="snaive",
                                                                    season_lag=364)},
                    origins=2, horizon=28)
    t = b.timing
    assert t.index.names == ["model", "origin"] and list(t.columns) == ["seconds", "status",
                                                                       "code", "note"]
    assert (t.loc["week", "status"] == "ok").all() and (t.loc["week", "code"] == 0).all()
    assert (t.loc["year", "status"] == "failed").all()
    assert (t.loc["year", "code"] == lf.InputError(6, "").code).all()      # LF_ERR_DATA
    assert t.loc["year", "note"].str.startswith("seasonal naive (lag 364) needs").all()
    assert (t["seconds"] >= 0).all()
    assert b.forecasts_of("year")["mean"].isna().all()
    assert b.accuracy().loc["year", "n"] == 0


def test_forecasts_of_one_model():
    b = lf.backtest(weekly(), {"a": SNAIVE, "b": MEAN}, origins=2, horizon=28)
    one = b.forecasts_of("b")
    assert one.index.names == ["origin", "date"] and len(one) == 56
    assert np.array_equal(one["error"], one["mean"] - one["actual"])
    assert np.array_equal(one["mean"], b.forecasts.query("model == 'b'")["mean"])
    with pytest.raises(KeyError, match="no model 'c' .* a, b"):
        b.forecasts_of("c")


def test_every_model_and_origin_is_scored_on_its_own_forecasts():
    y = weekly()["energy_mwh"]
    b = lf.backtest(weekly(), {"a": SNAIVE, "b": MEAN}, origins=2, horizon=28)
    by_origin = b.accuracy(pooled=False)
    for model in b.models:
        one = b.forecasts_of(model)
        assert np.array_equal(one["actual"], y.iloc[84:140])
        for origin in b.origins:
            f = one.loc[origin]
            want = lf.accuracy(f["actual"], f["mean"], f["lower"], f["upper"])
            got = by_origin.loc[(model, origin)]
            for key in ("n", "mae", "rmse", "mape", "bias", "coverage", "pinball"):
                assert got[key] == pytest.approx(want[key]), (model, origin, key)


def test_auto_adds_the_automatic_choice():
    # the cv's step stays lf_select_spec_init's 91 days unless given
    b = lf.backtest(weekly(), {"a": SNAIVE, "b": MEAN}, origins=2, horizon=14,
                    auto={"metric": "mae", "cv": {"origins": 2, "horizon": 14, "step": 14}})
    assert b.models == ["a", "b", "auto"]
    assert b.timing.loc["auto", "note"].str.startswith("chose a (mae ").all()
    assert np.array_equal(b.forecasts_of("auto")["mean"], b.forecasts_of("a")["mean"])
    assert lf.backtest(weekly(400), {"a": SNAIVE, "b": MEAN}, horizon=14,
                       auto=True).models[-1] == "auto"


def test_csv_files_are_the_c_writers(bt, tmp_path):
    paths = bt.to_csv(tmp_path / "out")
    assert sorted(paths) == ["accuracy", "forecasts", "timing"]
    with open(paths["forecasts"]) as fp:
        rows = list(csv.DictReader(fp))
    assert list(rows[0]) == ["model", "origin", "date", "actual", "forecast", "lower", "upper"]
    assert len(rows) == 56
    assert float(rows[8]["forecast"]) == bt.forecasts["mean"][8]
    with open(paths["accuracy"]) as fp:
        acc = list(csv.DictReader(fp))
    assert [r["origin"] for r in acc] == ["2024-03-25"] * 3 + ["2024-04-22"] * 3 + ["all"] * 3
    assert float(acc[6]["mae"]) == pytest.approx(2.5 * C_STEP)
    with open(paths["timing"]) as fp:
        assert fp.readline() == "model,origin,seconds,status,note\n"
    bt.accuracy_to_csv(tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes() == open(paths["accuracy"], "rb").read()
    with pytest.raises(lf.LibIOError):
        bt.forecasts_to_csv(tmp_path / "missing" / "f.csv")


def test_a_frame_works_as_a_dataframe():
    df = weekly()
    a = lf.backtest(lf.Frame.from_pandas(df), {"w": SNAIVE}, horizon=28).accuracy()
    b = lf.backtest(df, {"w": SNAIVE}, horizon=28, calendar="CN").accuracy()
    assert a.equals(b)


@pytest.mark.parametrize("candidates,kwargs,error,text", [
    ({}, {}, lf.ArgumentError, "a backtest or selection needs at least one candidate model"),
    ([("a", SNAIVE), ("a", SNAIVE)], {}, lf.ArgumentError, "two candidates are named 'a'"),
    ({"a b": SNAIVE}, {}, lf.ArgumentError, "candidate name 'a b' may use only letters"),
    ({"auto": SNAIVE}, {}, lf.ArgumentError, "'auto' is reserved"),
    ({"x" * 48: SNAIVE}, {}, lf.ArgumentError, "longer than 47 bytes"),
    ({"a": SNAIVE, "b": lf.ModelSpec(target="peak_mw")}, {}, lf.ArgumentError,
     "candidates must share one target"),
    (SNAIVE, {}, lf.ArgumentError, r"candidates must be \{name: ModelSpec\}"),
    ([SNAIVE], {}, lf.ArgumentError, "a candidate is a \\(name, ModelSpec\\) pair"),
    ({"a": "snaive"}, {}, lf.ArgumentError, "candidate 'a' must be a ModelSpec"),
    ({"a": {"kinds": "snaive"}}, {}, lf.ArgumentError, "did you mean 'kind'"),
    ({"a": SNAIVE}, {"origins": 0}, lf.ArgumentError, "a backtest needs 1..100 origins, got 0"),
    ({"a": SNAIVE}, {"origins": "2"}, lf.ArgumentError, "origins must be an int"),
    ({"a": SNAIVE}, {"horizon": 2**40}, lf.ArgumentError, "does not fit a C int"),
    ({"a": SNAIVE}, {"level": 1.0}, lf.ArgumentError, "interval level must be between 0 and 1"),
    ({"a": SNAIVE}, {"agg": "mean"}, lf.ArgumentError, "agg 'mean' is not one of sum, max"),
    ({"a": SNAIVE}, {"origins": 5, "horizon": 28}, lf.ArgumentError,
     "is too short for 5 origins"),
    ({"a": SNAIVE}, {"first": "2024-03-01", "last": "2024-02-01", "horizon": 7},
     lf.ArgumentError, "backtest days are reversed"),
    ({"a": SNAIVE}, {"last": "2025-01-01", "horizon": 7}, lf.ArgumentError,
     "backtest days lie outside the frame"),
    ({"a": SNAIVE}, {"auto": "yes"}, lf.ArgumentError, "auto must be True or a dict"),
    ({"a": SNAIVE}, {"auto": {"metric": "r2"}}, lf.ArgumentError, "metric 'r2' is not one of"),
    ({"a": SNAIVE}, {"calendar": 2024}, lf.ArgumentError, "calendar must be"),
])
def test_errors(candidates, kwargs, error, text):
    kwargs.setdefault("horizon", 28)
    with pytest.raises(error, match=text):
        lf.backtest(weekly(), candidates, **kwargs)


def test_a_frame_without_the_target_is_c_s_input_error():
    with pytest.raises(lf.InputError) as e:
        lf.backtest(weekly(column="load"), {"a": SNAIVE}, horizon=28)
    assert e.value.code == 8 and e.value.message == "target column 'energy_mwh' is not in the data"
    with pytest.raises(lf.ArgumentError, match="must be a libforecast Frame or a pandas"):
        lf.backtest({"energy_mwh": [1.0]}, {"a": SNAIVE})


def test_closed_backtest_raises_closed_error_and_copies_stay_valid():
    b = lf.backtest(weekly(), {"a": SNAIVE}, horizon=28)
    f, acc = b.forecasts, b.accuracy()
    b.close()
    b.close()                                     # a second close does nothing
    assert b.closed and repr(b) == "<Backtest (closed)>"
    for use in (lambda: b.accuracy(), lambda: b.forecasts, lambda: b.models,
                lambda: b.to_csv("x")):
        with pytest.raises(lf.ClosedError):
            use()
    assert f["mean"].notna().all() and acc.loc["a", "n"] == 28
