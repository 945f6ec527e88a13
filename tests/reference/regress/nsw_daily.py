"""statsmodels reference for the NSW daily-energy regression (OLS, WLS, ridge).

Reads $LF_DATA_DIR/aus_elec/nsw_halfhourly.csv and
$LF_DATA_DIR/aus_weather/nsw_holidays_2000_2015.csv (LF_DATA_DIR defaults to
../shared/data from the repository root), builds the daily design matrix, fits on
2012-01-06..2013-12-31 and writes, all numbers with 17 significant digits:
  nsw_design_check.csv            date,name,value for six dates, every design column
  nsw_{ols,wls,ridge}_coef.csv    name,estimate,std_error,t,p_value
  nsw_{ols,wls,ridge}_stats.csv   name,value (nobs, df_resid, ssr, sigma, r2, adj_r2,
                                  loglik, aic, bic, aicc)
  nsw_ols_pred.csv                date,mean,se_fit,lower,upper,flag_temperature (2014)
and prints numerical diagnostics (pinv vs QR, condition numbers).

Rerun from the repository root:
    /usr/bin/python3 tests/reference/regress/nsw_daily.py [--out DIR]
"""
import argparse
import math
import os
import pathlib
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DAY = pd.Timedelta(days=1)
ORIGIN, TRAIN_END = pd.Timestamp("2012-01-01"), pd.Timestamp("2013-12-31")
PRED = (pd.Timestamp("2014-01-01"), pd.Timestamp("2014-12-31"))
CHECK_DATES = ["2012-01-06", "2012-07-15", "2013-01-01", "2013-12-25", "2014-01-15", "2014-07-20"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
EMA_A = 0.5
EMA_W = math.ceil(math.log(0.05) / math.log(1 - EMA_A))     # 5 days without a value
RIDGE_LAMBDA = 5.0


def load_daily(data):
    hh = pd.read_csv(data / "aus_elec" / "nsw_halfhourly.csv", dtype={"time": str})
    hh["date"] = pd.to_datetime(hh.time.str[:10])
    g = hh.groupby("date")
    n = g.size()
    if (n != 48).any() or hh[["demand_mw", "temperature_c"]].isna().any().any():
        sys.exit(f"bad input: days without 48 rows: {list(n[n != 48].index)}, or NaN values")
    daily = pd.DataFrame({"energy_mwh": g.demand_mw.sum() * 0.5, "T": g.temperature_c.mean()})
    if not (daily.index.to_series().diff().dropna() == DAY).all():
        sys.exit("bad input: missing calendar dates")
    hol = pd.to_datetime(pd.read_csv(data / "aus_weather" / "nsw_holidays_2000_2015.csv").date)
    return daily, set(hol.drop_duplicates())


def build_design(daily, holidays):
    """Design columns in the agreed order; NaN where a value is missing."""
    d = daily.index
    is_hol = lambda days: np.array([x in holidays for x in days])
    nonwork = lambda days: (days.dayofweek >= 5) | is_hol(days)
    hol, nw = is_hol(d), nonwork(d)
    prev_nw, next_nw = nonwork(d - DAY), nonwork(d + DAY)  # calendar neighbours
    prev_h, next_h = is_hol(d - DAY), is_hol(d + DAY)
    bridge = ~nw & ((prev_h & next_nw) | (next_h & prev_nw))

    T = daily["T"].to_numpy()
    lag = np.r_[np.nan, T[:-1]]
    ema = np.empty_like(T)
    ema[0] = T[0]
    for i in range(1, len(T)):
        ema[i] = EMA_A * T[i] + (1 - EMA_A) * ema[i - 1]
    ema[:EMA_W] = np.nan

    train = d <= TRAIN_END
    X = pd.DataFrame(index=d)
    X["intercept"] = 1.0
    X["trend"] = (d - ORIGIN).days / 365.25
    for k, name in enumerate(["tue", "wed", "thu", "fri", "sat", "sun"], start=1):
        X[f"dow_{name}"] = (d.dayofweek == k).astype(float)
    for m in range(2, 13):
        X[f"month_{MONTHS[m - 1]}"] = (d.month == m).astype(float)
    X["holiday"] = hol.astype(float)
    X["bridge_day"] = bridge.astype(float)

    ranges, outside = {}, np.zeros(len(d), bool)

    def terms(x, suffix, src):
        lo, hi = np.nanmin(x[train]), np.nanmax(x[train])
        ranges[src] = (lo, hi)
        x0 = np.clip(x, lo, hi)
        sq = np.where((x < lo) | (x > hi), x0 * x0 + 2 * x0 * (x - x0), x * x)
        with np.errstate(invalid="ignore"):
            outside[:] |= (x < lo) | (x > hi)
        return {f"T{suffix}": x, f"T{suffix}^2": sq,
                f"HDD16{suffix}": np.maximum(0.0, 16 - x), f"CDD22{suffix}": np.maximum(0.0, x - 22)}

    cur = terms(T, "", "T")
    for k, v in cur.items():
        X[k] = v
    for k, v in cur.items():
        X[f"{k}:nonworking"] = v * nw
    for suffix, x, src in [("_lag1", lag, "T_lag1"), (f"_ema{EMA_A:g}", ema, f"T_ema{EMA_A:g}")]:
        for k, v in terms(x, suffix, src).items():
            X[k] = v

    start, end = pd.Timestamp("2012-06-01"), pd.Timestamp("2012-08-31")
    ramp = ((d - start).days + 1) / ((end - start).days + 1)
    X["plant_ramp"] = np.clip(ramp, 0.0, 1.0)
    X["plant_step"] = (d >= pd.Timestamp("2013-07-01")).astype(float)
    return X, pd.Series(outside, index=d), ranges


def fmt(v):
    return f"{v:.17g}"


def write_coef(path, names, est, se, df):
    t = est / se
    p = 2 * stats.t.sf(np.abs(t), df)
    with open(path, "w") as f:
        f.write("name,estimate,std_error,t,p_value\n")
        for row in zip(names, est, se, t, p):
            f.write(row[0] + "," + ",".join(fmt(v) for v in row[1:]) + "\n")


def write_stats(path, n, k, df_resid, ssr, r2, llf, k_const=1):
    adj = 1 - (n - k_const) / df_resid * (1 - r2)
    aic, bic = -2 * llf + 2 * k, -2 * llf + k * math.log(n)
    aicc = aic + 2 * k * (k + 1) / (n - k - 1)
    vals = dict(nobs=n, df_resid=df_resid, ssr=ssr, sigma=math.sqrt(ssr / df_resid), r2=r2,
                adj_r2=adj, loglik=llf, aic=aic, bic=bic, aicc=aicc)
    with open(path, "w") as f:
        f.write("name,value\n")
        for name, v in vals.items():
            f.write(f"{name},{fmt(v)}\n")
    return vals


def check_stats(vals, res):
    """Our formulas must agree with statsmodels' own results where it has them."""
    theirs = dict(nobs=res.nobs, df_resid=res.df_resid, ssr=res.ssr, sigma=math.sqrt(res.scale),
                  r2=res.rsquared, adj_r2=res.rsquared_adj, loglik=res.llf, aic=res.aic,
                  bic=res.bic)
    for k, v in theirs.items():
        assert math.isclose(vals[k], v, rel_tol=1e-12), (k, vals[k], v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE), help="output folder (default: this script's)")
    ap.add_argument("--data", default=os.environ.get("LF_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    daily, holidays = load_daily(pathlib.Path(args.data))
    X, flag, ranges = build_design(daily, holidays)
    names = list(X.columns)
    y = daily.energy_mwh
    d = X.index
    fit_rows = (d <= TRAIN_END) & X.notna().all(axis=1).to_numpy()
    pred_rows = (d >= PRED[0]) & (d <= PRED[1])
    Xf, yf = X[fit_rows].to_numpy(), y[fit_rows].to_numpy()
    n, k = Xf.shape
    print(f"fit rows {d[fit_rows][0].date()}..{d[fit_rows][-1].date()} n={n} k={k}; "
          f"bridge days in fit: {[str(x.date()) for x in d[fit_rows & (X.bridge_day == 1)]]}")
    print("training ranges:", {s: (fmt(lo), fmt(hi)) for s, (lo, hi) in ranges.items()})

    with open(out / "nsw_design_check.csv", "w") as f:
        f.write("date,name,value\n")
        for day in CHECK_DATES:
            for name in names:
                f.write(f"{day},{name},{fmt(X.at[pd.Timestamp(day), name])}\n")

    # 1. OLS
    ols = sm.OLS(yf, Xf).fit()
    write_coef(out / "nsw_ols_coef.csv", names, ols.params, ols.bse, ols.df_resid)
    check_stats(write_stats(out / "nsw_ols_stats.csv", n, k, ols.df_resid, ols.ssr,
                            ols.rsquared, ols.llf), ols)
    fr = ols.get_prediction(X[pred_rows].to_numpy()).summary_frame(alpha=0.05)
    with open(out / "nsw_ols_pred.csv", "w") as f:
        f.write("date,mean,se_fit,lower,upper,flag_temperature\n")
        for day, r, fl in zip(d[pred_rows], fr.itertuples(), flag[pred_rows]):
            f.write(f"{day.date()},{fmt(r.mean)},{fmt(r.mean_se)},{fmt(r.obs_ci_lower)},"
                    f"{fmt(r.obs_ci_upper)},{int(fl)}\n")

    # 2. WLS, half-life one year back from the end of training
    w = 0.5 ** ((TRAIN_END - d[fit_rows]).days.to_numpy() / 365)
    wls = sm.WLS(yf, Xf, weights=w).fit()
    write_coef(out / "nsw_wls_coef.csv", names, wls.params, wls.bse, wls.df_resid)
    check_stats(write_stats(out / "nsw_wls_stats.csv", n, k, wls.df_resid, wls.ssr,
                            wls.rsquared, wls.llf), wls)

    # 3. ridge: penalty lambda * sum (s_j b_j)^2, intercept unpenalised
    s = Xf[:, 1:].std(axis=0, ddof=0)
    pen = np.zeros((k - 1, k))
    pen[:, 1:] = np.diag(math.sqrt(RIDGE_LAMBDA) * s)
    b = np.linalg.lstsq(np.vstack([Xf, pen]), np.r_[yf, np.zeros(k - 1)], rcond=None)[0]
    P = np.diag(np.r_[0.0, RIDGE_LAMBDA * s * s])
    xtx = Xf.T @ Xf
    A = np.linalg.inv(xtx + P)
    k_eff = np.trace(Xf @ A @ Xf.T)
    ssr = float(np.sum((yf - Xf @ b) ** 2))
    df = n - k_eff
    cov = ssr / df * A @ xtx @ A
    write_coef(out / "nsw_ridge_coef.csv", names, b, np.sqrt(np.diag(cov)), df)
    r2 = 1 - ssr / np.sum((yf - yf.mean()) ** 2)
    llf = -n / 2 * (math.log(2 * math.pi * ssr / n) + 1)
    write_stats(out / "nsw_ridge_stats.csv", n, k_eff, df, ssr, r2, llf)

    # diagnostics: is a 1e-8 relative parity test meaningful?
    qr = sm.OLS(yf, Xf).fit(method="qr")
    qr_pred = qr.get_prediction(X[pred_rows].to_numpy()).summary_frame(alpha=0.05)
    rel = lambda a, b_: float(np.max(np.abs(np.asarray(a) / np.asarray(b_) - 1)))
    print(f"pinv vs qr max rel diff: params {rel(ols.params, qr.params):.3g}, "
          f"bse {rel(ols.bse, qr.bse):.3g}, ssr {rel([ols.ssr], [qr.ssr]):.3g}, "
          f"pred mean {rel(fr['mean'], qr_pred['mean']):.3g}, "
          f"pred se {rel(fr.mean_se, qr_pred.mean_se):.3g}")
    print(f"cond(X) = {np.linalg.cond(Xf):.4g}; cond(X, unit-norm columns) = "
          f"{np.linalg.cond(Xf / np.linalg.norm(Xf, axis=0)):.4g}; cond(X, standardised "
          f"non-intercept columns) = {np.linalg.cond(np.c_[Xf[:, :1], (Xf[:, 1:] - Xf[:, 1:].mean(0)) / s]):.4g}")
    print(f"ridge k_eff = {k_eff:.6f}; 2014 days flagged outside training temperature: "
          f"{[str(x.date()) for x in d[pred_rows & flag.to_numpy()]]}")


if __name__ == "__main__":
    main()
