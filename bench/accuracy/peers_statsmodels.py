"""statsmodels peers of the accuracy benchmark.

    /usr/bin/python3 bench/accuracy/peers_statsmodels.py DIR TARGET

Reads DIR/daily.csv, fits on every day with a TARGET value before the holdout (the
last 365 such days) and forecasts the holdout ex post (actual weather). Writes, per
model M, DIR/TARGET/forecasts_M.csv (model,date,forecast,lower,upper) and
DIR/TARGET/timing_M.csv (model,seconds,status,note). Models:

  sm_ols_vanilla   OLS on a daily form of Tao Hong's vanilla benchmark: intercept,
                   linear trend, day-of-week and month dummies, holiday dummy, T, T^2,
                   T^3 and month x T; 95 % prediction interval (obs_ci).
  sm_holt_winters  Holt-Winters: additive damped trend, additive weekly seasonality
                   (period 7), parameters by statsmodels' default optimizer; no
                   weather, no interval.

T is tmean_c for energy_mwh and tmax_c for peak_mw (common.temperature_column).
A model that raises is recorded as failed and the next one still runs.
"""
import os

# Single-core timings: OpenBLAS reads this when numpy loads, so set it first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import pathlib
import sys
import time
import traceback
import warnings

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.holtwinters import ExponentialSmoothing

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
import common  # noqa: E402

MODELS = ("sm_ols_vanilla", "sm_holt_winters")


def ols_design(daily, dates, origin, t_center, temp, hol):
    """Design rows for `dates`. `origin` anchors the trend and `t_center` (the
    training mean of T) centres the polynomial so T^3 stays well conditioned; the
    fitted values are the same as with raw T because the dummies absorb the shift."""
    t = temp.loc[dates].to_numpy() - t_center
    month = dates.month.to_numpy()
    X = {"const": np.ones(len(dates)),
         "trend": (dates - origin).days.to_numpy(dtype=float)}
    for d in range(1, 7):                                   # Monday is the reference
        X[f"dow{d}"] = (dates.dayofweek.to_numpy() == d).astype(float)
    for m in range(2, 13):                                  # January is the reference
        X[f"month{m}"] = (month == m).astype(float)
    X["holiday"] = hol.loc[dates].to_numpy()
    X["T"], X["T2"], X["T3"] = t, t ** 2, t ** 3
    for m in range(2, 13):                                  # January's slope is T itself
        X[f"month{m}_T"] = (month == m) * t
    return pd.DataFrame(X, index=dates)


def fit_ols(daily, target, train, test):
    tcol = common.temperature_column(target)
    temp = common.weather_filled(daily, [tcol])[tcol]
    hol, hol_note = common.holiday_flag(daily)
    origin, t_center = train[0], float(temp.loc[train].mean())
    X = ols_design(daily, train, origin, t_center, temp, hol)
    # A column that is constant in training (a month never seen, no holidays) cannot
    # be estimated; drop it rather than lean on the pseudo-inverse.
    keep = [c for c in X.columns if c == "const" or X[c].std() > 0]
    dropped = [c for c in X.columns if c not in keep]
    res = sm.OLS(daily.loc[train, target].to_numpy(), X[keep]).fit()
    Xt = ols_design(daily, test, origin, t_center, temp, hol)[keep]
    frame = res.get_prediction(Xt).summary_frame(alpha=0.05)
    out = pd.DataFrame({"forecast": frame["mean"].to_numpy(),
                        "lower": frame["obs_ci_lower"].to_numpy(),
                        "upper": frame["obs_ci_upper"].to_numpy()}, index=test)
    notes = [f"T={tcol}", f"{len(keep)} coefficients", f"R2={res.rsquared:.4f}"]
    if hol_note:
        notes.append(hol_note)
        dropped = [c for c in dropped if c != "holiday"]
    if dropped:
        notes.append("dropped constant " + "/".join(dropped))
    return out, "; ".join(notes)


def fit_holt_winters(daily, target, train, test):
    # Holt-Winters needs an unbroken series: fill interior gaps of the training
    # target linearly (lfc's daily files for the benchmark have none).
    span = pd.date_range(train[0], train[-1], freq="D")
    y = daily.loc[span, target].interpolate(method="linear")
    model = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add",
                                 seasonal_periods=7)
    res = model.fit()
    horizon = (test[-1] - train[-1]).days
    fc = pd.Series(np.asarray(res.forecast(horizon)),
                   index=pd.date_range(train[-1] + pd.Timedelta(days=1), periods=horizon, freq="D"))
    p = res.params
    note = (f"alpha={p['smoothing_level']:.4g} beta={p['smoothing_trend']:.4g} "
            f"gamma={p['smoothing_seasonal']:.4g} phi={p['damping_trend']:.4g}")
    out = pd.DataFrame({"forecast": fc.loc[test].to_numpy(), "lower": np.nan, "upper": np.nan},
                       index=test)
    return out, note


FITTERS = {"sm_ols_vanilla": fit_ols, "sm_holt_winters": fit_holt_winters}


def run_model(name, outdir, daily, target, split_error):
    fc_path, tm_path = outdir / f"forecasts_{name}.csv", outdir / f"timing_{name}.csv"
    # Mark the model as started before it runs: if the process dies the scorer sees
    # a failure instead of a stale result or a silent gap.
    if fc_path.exists():
        fc_path.unlink()
    common.write_csv_atomic(common.timing_frame(
        name, None, "failed", "started but did not finish (process killed or crashed)"), tm_path)
    if split_error is not None:
        common.write_csv_atomic(common.timing_frame(name, None, "failed", split_error), tm_path)
        return
    train, test = common.split(daily, target)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t0 = time.perf_counter()
            out, note = FITTERS[name](daily, target, train, test)
            seconds = time.perf_counter() - t0
        if not np.isfinite(out["forecast"].to_numpy()).all():
            raise RuntimeError("non-finite forecast")
        convergence = [str(w.message) for w in caught if "converge" in str(w.message).lower()]
        if convergence:
            note += "; warning: " + convergence[0].splitlines()[0]
        frame = out.reset_index(names="date")
        frame.insert(0, "model", name)
        frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
        common.write_csv_atomic(frame[["model", "date", "forecast", "lower", "upper"]], fc_path)
        common.write_csv_atomic(common.timing_frame(name, seconds, "ok", note), tm_path)
        print(f"{name} {target}: {seconds:.2f} s, {note}")
    except Exception as exc:  # one failing peer must not stop the others
        traceback.print_exc()
        msg = f"{type(exc).__name__}: {exc}".replace("\n", " ")
        common.write_csv_atomic(common.timing_frame(name, None, "failed", msg), tm_path)


def main(argv):
    if len(argv) != 3 or argv[2] not in common.TARGETS:
        sys.exit(f"usage: {argv[0]} DIR {{{'|'.join(common.TARGETS)}}}")
    data_dir, target = pathlib.Path(argv[1]), argv[2]
    outdir = data_dir / target
    outdir.mkdir(parents=True, exist_ok=True)
    daily, split_error = None, None
    try:
        daily = common.read_daily(data_dir / "daily.csv")
        common.split(daily, target)
    except Exception as exc:
        split_error = f"bad input: {type(exc).__name__}: {exc}"
        print(split_error, file=sys.stderr)
    (outdir / "versions_statsmodels.txt").write_text(
        f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"statsmodels {statsmodels.__version__}\n")
    for name in MODELS:
        run_model(name, outdir, daily, target, split_error)


if __name__ == "__main__":
    main(sys.argv)
