"""select(): the clearly better candidate wins, by CV and by AICc; the
Selection owns the lf_selection and hands out views of its model and CV
backtest (no double free, ClosedError after close)."""
import gc
import os
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import BINDING

CV = {"origins": 2, "horizon": 28, "step": 28}


def data(ndays=210, noise=5.0, seed=3):
    """A strong weekday/weekend shape with small noise: a day-of-week
    regression fits it; a constant cannot; the weekly naive doubles the noise."""
    days = pd.date_range("2024-01-01", periods=ndays)
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"energy_mwh": 1000 + 300 * (days.dayofweek < 5) +
                         rng.normal(0, noise, ndays)}, index=days)


CANDIDATES = {
    "constant": lf.ModelSpec(day_of_week=False, month=False, holiday=False, trend=0),
    "naive": lf.ModelSpec(kind="snaive", season_lag=7),
    "weekdays": lf.ModelSpec(day_of_week=True, month=False, holiday=False, trend=0),
}


@pytest.fixture(scope="module")
def sel():
    with lf.select(data(), CANDIDATES, cv=CV) as s:
        yield s


def test_cv_picks_the_clearly_better_candidate(sel):
    assert sel.chosen == "weekdays"
    assert sel.names == ["constant", "naive", "weekdays"]
    s = sel.scores
    assert s.index.name == "candidate" and s.name == "score"
    assert s.idxmin() == "weekdays"
    assert s["weekdays"] < 0.6 and s["naive"] > s["weekdays"] and s["constant"] > 5
    assert sel.aicc.isna().all()          # CV does not compute AICc
    assert sel.spec == {"by": "cv", "metric": "mape",
                        "cv": {"origins": 2, "horizon": 28, "step": 28, "level": 0.95,
                               "agg": "sum", "min_train_days": 28}}


def test_the_cv_backtest_is_where_the_scores_come_from(sel):
    bt = sel.backtest
    assert bt.models == sel.names and len(bt.origins) == 2 and bt.horizon == 28
    assert np.allclose(bt.accuracy()["mape"].to_numpy(), sel.scores.to_numpy())
    # the last origin's horizon ends on the last day
    assert bt.origins[-1] == data().index[-28]


@pytest.mark.parametrize("metric", ["rmse", "mae", "smape", "mase", "pinball"])
def test_every_metric_scores_the_same_backtest(metric):
    s = lf.select(data(), CANDIDATES, metric=metric, cv=CV)
    assert s.chosen == "weekdays"
    assert np.allclose(s.scores, s.backtest.accuracy()[metric])


def test_aicc_picks_the_better_regression():
    regressions = {k: CANDIDATES[k] for k in ("constant", "weekdays")}
    s = lf.select(data(), regressions, by="aicc")
    assert s.chosen == "weekdays" and s.backtest is None
    assert s.scores.equals(s.aicc.rename("score"))
    assert s.aicc["weekdays"] == pytest.approx(s.model.info["aicc"])
    assert s.spec["by"] == "aicc"


def test_the_model_is_the_chosen_candidate_fitted_on_all_days(sel):
    m = sel.model
    assert isinstance(m, lf.Model)
    assert m.spec == CANDIDATES["weekdays"]
    assert m.training_days == (data().index[0], data().index[-1])
    own = lf.fit(data(), CANDIDATES["weekdays"])
    assert np.allclose(m.coefficients["estimate"], own.coefficients["estimate"])
    p = m.predict(data(), "2024-07-01", "2024-07-07")
    assert np.allclose(p["mean"], own.predict(data(), "2024-07-01", "2024-07-07")["mean"])


def test_days_and_calendar():
    d = data()
    s = lf.select(d, CANDIDATES, cv=CV, first="2024-02-01", last="2024-06-30", calendar="CN")
    assert s.model.training_days == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-06-30"))
    assert s.backtest.origins[-1] == pd.Timestamp("2024-06-03")
    assert s.model.calendar.day("2024-05-01")["type"] == "holiday"


def test_candidates_are_copies_kept_for_the_table(tmp_path, sel):
    specs = sel.candidates
    assert list(specs) == sel.names and specs["naive"] == CANDIDATES["naive"]
    specs["naive"].update(season_lag=364)            # a copy: the selection's is unchanged
    assert sel.candidates["naive"].to_dict()["season_lag"] == 7
    sel.to_csv(tmp_path / "selection.csv")
    lines = (tmp_path / "selection.csv").read_text().splitlines()
    assert lines[0] == "candidate,score,aicc,chosen,note"
    assert [line.split(",")[0] for line in lines[1:]] == sel.names
    assert [line.split(",")[3] for line in lines[1:]] == ["0", "0", "1"]


def test_a_candidate_out_of_the_running_has_no_score():
    s = lf.select(data(), {**CANDIDATES, "year": lf.ModelSpec(kind="snaive", season_lag=364)},
                  cv=CV)
    assert s.chosen == "weekdays" and np.isnan(s.scores["year"])


@pytest.mark.parametrize("kwargs,error,text", [
    ({"metric": "r2"}, lf.ArgumentError,
     "metric 'r2' is not one of mape, rmse, mae, smape, mase, pinball"),
    ({"by": "bic"}, lf.ArgumentError, "by 'bic' is not one of cv, aicc"),
    ({"cv": {"horizn": 3}}, lf.ArgumentError, "cv has no setting 'horizn' \\(did you mean"),
    ({"cv": 3}, lf.ArgumentError, "cv must be a dict"),
    ({"cv": {"origins": 101}}, lf.ArgumentError, "a backtest needs 1..100 origins, got 101"),
])
def test_argument_errors(kwargs, error, text):
    with pytest.raises(error, match=text):
        lf.select(data(), CANDIDATES, **kwargs)


def test_c_errors_raised_unchanged():
    with pytest.raises(lf.ArgumentError, match="^a backtest or selection needs at least one"):
        lf.select(data(), [], cv=CV)
    with pytest.raises(lf.ArgumentError, match="^two candidates are named 'a'$"):
        lf.select(data(), [("a", CANDIDATES["naive"]), ("a", CANDIDATES["weekdays"])], cv=CV)
    with pytest.raises(lf.InputError) as e:
        lf.select(data().rename(columns={"energy_mwh": "load"}), CANDIDATES, cv=CV)
    assert e.value.message == "target column 'energy_mwh' is not in the data"
    with pytest.raises(lf.InputError) as e:
        lf.select(data(), {"year": lf.ModelSpec(kind="snaive", season_lag=364)}, cv=CV)
    assert e.value.code == 6 and e.value.message.startswith(
        "no candidate could be scored: year: seasonal naive (lag 364)")


def test_views_keep_the_selection_alive():
    s = lf.select(data(), CANDIDATES, cv=CV)
    m, bt = s.model, s.backtest
    del s
    gc.collect()
    assert m.predict(data(), "2024-07-01", "2024-07-01")["mean"].notna().all()
    assert bt.accuracy().loc["weekdays", "n"] == 56


def test_closing_the_selection_closes_its_views():
    s = lf.select(data(), CANDIDATES, cv=CV)
    m, bt = s.model, s.backtest
    coefficients = m.coefficients              # a copy
    s.close()
    s.close()
    assert s.closed and m.closed and bt.closed
    for use in (lambda: m.predict(data()), lambda: m.info, lambda: bt.accuracy(),
                lambda: s.chosen, lambda: s.scores, lambda: s.model, lambda: s.to_csv("x"),
                lambda: s.names):
        with pytest.raises(lf.ClosedError):
            use()
    assert repr(s) == "<Selection (closed)>" and repr(m) == "<Model (closed)>"
    assert len(coefficients) > 0


def test_closing_a_view_frees_nothing():
    s = lf.select(data(), CANDIDATES, cv=CV)
    m = s.model
    m.close()
    with pytest.raises(lf.ClosedError):
        m.info
    assert s.model.info["nobs"] == 210          # a fresh view of the same model
    with s.backtest as bt:
        pass
    assert bt.closed and s.backtest.models == s.names
    s.close()


OWNERSHIP = """
import gc, sys
import numpy as np, pandas as pd
import libforecast as lf
days = pd.date_range("2024-01-01", periods=120)
df = pd.DataFrame({"energy_mwh": 1000 + 300 * (days.dayofweek < 5) + np.arange(120) % 3},
                  index=days)
cands = {"naive": lf.ModelSpec(kind="snaive", season_lag=7),
         "weekdays": lf.ModelSpec(day_of_week=True)}
cv = {"origins": 2, "horizon": 14, "step": 14}
for k in range(200):
    s = lf.select(df, cands, cv=cv)
    m, bt = s.model, s.backtest
    if k % 4 == 0:
        m.close(); bt.close(); s.close()          # views first
    elif k % 4 == 1:
        s.close(); m.close(); bt.close()          # owner first
    elif k % 4 == 2:
        del s; m.info; del m; bt.models; del bt   # collected: views keep the owner
    else:
        m2 = s.model; del s, m; gc.collect(); m2.predict(df, "2024-04-01", "2024-04-02")
gc.collect()
print("ok")
"""


def test_no_double_free_under_malloc_check():
    # glibc aborts on a double free or a heap corruption it detects
    env = dict(os.environ, MALLOC_CHECK_="3", PYTHONPATH=str(BINDING))
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(OWNERSHIP)], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout == "ok\n", r.stderr[-2000:]
