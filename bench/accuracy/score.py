"""Score the accuracy benchmark.

    /usr/bin/python3 bench/accuracy/score.py OUTDIR DIR1 [DIR2 ...]

For each dataset folder DIR (its name is the dataset's name) and each target
subfolder DIR/TARGET (a column of DIR/daily.csv, e.g. energy_mwh, peak_mw), reads
the actuals from DIR/daily.csv and every DIR/TARGET/forecasts_*.csv
(model,date,forecast,lower,upper; extra columns ignored) and timing_*.csv
(model,seconds,status,note). Models from forecasts_lfc.csv / timing_lfc.csv are
ours ("auto" is lfc's automatic choice, the others its candidates); the rest are
peers. An expected peer with no file at all is reported as missing.

Writes OUTDIR/accuracy.csv (one row per dataset x target x model) and
OUTDIR/accuracy.md (header, summary, one table per dataset and target) and prints
the summary. Exit status 1 when a dataset could not be read at all.
"""
import datetime as dt
import math
import os
import pathlib
import sys
import tempfile

import numpy as np
import pandas as pd

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
import common  # noqa: E402

OURS = "lfc"          # forecasts_lfc.csv / timing_lfc.csv
AUTO = "auto"         # lfc's automatic model choice
SPEED_PEER = "r_auto_arima"

PEER_SPECS = {
    "sm_ols_vanilla": "statsmodels OLS, daily form of Tao Hong's vanilla benchmark: intercept, "
                      "linear trend, day-of-week (6) and month (11) dummies, holiday dummy, T, T^2, "
                      "T^3 (T centred at its training mean) and month x T (11); interval = 95 % OLS "
                      "prediction interval (`get_prediction().summary_frame(alpha=0.05)` obs_ci).",
    "sm_holt_winters": "statsmodels `ExponentialSmoothing(trend='add', damped_trend=True, "
                       "seasonal='add', seasonal_periods=7).fit()` (default optimizer), no weather, "
                       "no interval.",
    "r_tbats": "R `forecast::tbats(msts(y, seasonal.periods=c(7, 365.25)), use.parallel=FALSE)`, "
               "`forecast(h, level=95)`; no weather.",
    "r_auto_arima": "R `forecast::auto.arima(ts(y, frequency=7), xreg, seasonal=FALSE)` (default "
                    "stepwise search): regression with non-seasonal ARIMA errors, xreg = "
                    "`fourier(msts(y, c(7, 365.25)), K=c(3, 10))` (full weekly shape + 10 annual "
                    "harmonics), centred T and T^2, holiday dummy; future xreg = actual test-year "
                    "values; 95 % interval.",
    "r_prophet": "R `prophet` 1.0: linear growth, yearly + weekly seasonality (no daily), one "
                 "holiday effect on every day `holiday` = 1 (train and test), extra regressors "
                 "centred T and T^2, `interval.width=0.95`, `uncertainty.samples=1000` (default), "
                 "`set.seed(1)`.",
}


# ---------------------------------------------------------------- metrics

def mape(f, a):
    """mean(|f - a| / |a|) * 100."""
    f, a = np.asarray(f, float), np.asarray(a, float)
    return float(np.mean(np.abs(f - a) / np.abs(a)) * 100.0)


def period_agg(target):
    """How days add up to a month or a year: energy sums, a peak (MW) is the max."""
    return "sum" if target.endswith("mwh") else "max"


def complete_months(test_dates):
    """Calendar months all of whose days are holdout days."""
    s = pd.Series(1, index=test_dates)
    counts = s.groupby(test_dates.to_period("M")).size()
    return [p for p, n in counts.items() if n == p.days_in_month]


def score_model(f, actual, target):
    """Metrics of one model over the holdout; f is indexed by date and covers every
    holdout day (checked by the caller)."""
    agg = period_agg(target)
    a, fc = actual.to_numpy(float), f["forecast"].to_numpy(float)
    out = {"daily_mape_pct": mape(fc, a)}

    months = complete_months(actual.index)
    if months:
        per = actual.index.to_period("M")
        keep = per.isin(months)
        ma = actual[keep].groupby(per[keep]).agg(agg)
        mf = f["forecast"][keep].groupby(per[keep]).agg(agg)
        out["monthly_mape_pct"] = mape(mf.loc[ma.index], ma)
    else:
        out["monthly_mape_pct"] = math.nan
    out["months"] = len(months)

    ya, yf = (a.sum(), fc.sum()) if agg == "sum" else (a.max(), fc.max())
    out["annual_error_pct"] = float(100.0 * (yf - ya) / ya)

    lo, hi = f["lower"].to_numpy(float), f["upper"].to_numpy(float)
    has = np.isfinite(lo) & np.isfinite(hi)
    out["coverage95_pct"] = float(100.0 * np.mean((lo[has] <= a[has]) & (a[has] <= hi[has]))) if has.any() else math.nan
    out["interval_days"] = int(has.sum())
    return out


# ---------------------------------------------------------------- reading outputs

def read_outputs(tdir, not_before_ns):
    """(forecasts by (source, model), timing rows by (source, model), version lines,
    sources skipped as stale). A file older than daily.csv cannot come from this
    input (a peer that could not run this time, e.g. R uninstalled), so it is skipped."""
    forecasts, timings, versions, stale = {}, {}, [], set()

    def fresh(path, prefix):
        if path.stat().st_mtime_ns < not_before_ns:
            stale.add(path.stem[len(prefix):])
            return False
        return True

    for path in sorted(tdir.glob("forecasts_*.csv")):
        if not fresh(path, "forecasts_"):
            continue
        source = path.stem[len("forecasts_"):]
        df = pd.read_csv(path, dtype={"model": str, "date": str})
        missing = {"model", "date", "forecast"} - set(df.columns)
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        for c in ("lower", "upper"):
            if c not in df.columns:
                df[c] = np.nan
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
        for model, g in df.groupby("model", sort=False):
            forecasts[(source, model)] = g[["date", "forecast", "lower", "upper"]]
    for path in sorted(tdir.glob("timing_*.csv")):
        if not fresh(path, "timing_"):
            continue
        source = path.stem[len("timing_"):]
        df = pd.read_csv(path, dtype={"model": str, "status": str, "note": str})
        for row in df.itertuples(index=False):      # a later row for a model wins
            timings[(source, row.model)] = row
    for path in sorted(tdir.glob("versions_*.txt")):
        versions += [ln.strip() for ln in path.read_text().splitlines() if ln.strip()]
    return forecasts, timings, versions, stale - {s for s, _ in list(forecasts) + list(timings)}


def text(x):
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def score_target(dataset, target, daily, tdir, not_before_ns):
    train, test = common.split(daily, target)
    actual = daily.loc[test, target].astype(float)
    if (actual == 0).any():
        raise ValueError(f"{dataset}/{target}: zero actual in the holdout, MAPE undefined")
    forecasts, timings, versions, stale = read_outputs(tdir, not_before_ns)

    # Every expected model gets a row, found or not: ours ("auto") and each peer.
    keys = list(dict.fromkeys(list(forecasts) + list(timings)))
    if (OURS, AUTO) not in keys:
        keys.insert(0, (OURS, AUTO))
    found_models = {m for s, m in keys if s != OURS}
    keys += [(m, m) for m in common.EXPECTED_PEERS if m not in found_models]

    rows = []
    for source, model in keys:
        t = timings.get((source, model))
        status = text(getattr(t, "status", None)) or ("ok" if (source, model) in forecasts else "missing")
        note = text(getattr(t, "note", None))
        seconds = float(t.seconds) if t is not None and text(t.seconds) != "" else math.nan
        if status == "missing" and not note:
            note = ("only a stale output, older than daily.csv: not rerun" if source in stale
                    else "no output at all: not installed or not run")
        row = {"dataset": dataset, "target": target, "source": source, "model": model,
               "ours": source == OURS, "status": status, "seconds": seconds, "note": note,
               "holdout_first": test[0].date(), "holdout_last": test[-1].date(),
               "holdout_days": len(test), "train_days": len(train)}
        f = forecasts.get((source, model))
        if status == "ok":
            if f is None:
                row["status"], row["note"] = "failed", "timing says ok but no forecasts: " + note
            elif f["date"].duplicated().any():
                row["status"], row["note"] = "failed", "duplicate forecast dates; " + note
            else:
                f = f.set_index("date").reindex(test)
                covered = int(np.isfinite(f["forecast"].to_numpy(float)).sum())
                if covered != len(test):
                    row["status"] = "failed"
                    row["note"] = f"forecast covers {covered} of {len(test)} holdout days; " + note
                else:
                    if t is None:
                        row["note"] = "no timing file"
                    row.update(score_model(f, actual, target))
        rows.append(row)
    return rows, versions


# ---------------------------------------------------------------- report

COLUMNS = ["dataset", "target", "source", "model", "ours", "status", "daily_mape_pct",
           "monthly_mape_pct", "months", "annual_error_pct", "coverage95_pct", "interval_days",
           "seconds", "holdout_first", "holdout_last", "holdout_days", "train_days", "note"]


def fmt(x, nd=2):
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{nd}f}"


def md_escape(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def label(r):
    if r["source"] == OURS:
        return f"**lfc {r['model']}** ◀" if r["model"] == AUTO else f"lfc {r['model']}"
    return r["model"]


def ordered(rows):
    """Scored models by daily MAPE, then the rest (failed, missing) by name."""
    ok = sorted((r for r in rows if "daily_mape_pct" in r), key=lambda r: r["daily_mape_pct"])
    rest = sorted((r for r in rows if "daily_mape_pct" not in r), key=lambda r: (r["status"], r["model"]))
    return ok, rest


def target_table(rows):
    ok, rest = ordered(rows)
    lines = ["| # | model | daily MAPE % | monthly MAPE % (months) | annual error % | "
             "95 % coverage % | seconds | status | note |",
             "|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for i, r in enumerate(ok + rest, 1):
        rank = str(i) if "daily_mape_pct" in r else "–"
        monthly = f"{fmt(r.get('monthly_mape_pct', math.nan))} ({r.get('months', 0)})" if "daily_mape_pct" in r else "–"
        lines.append(f"| {rank} | {label(r)} | {fmt(r.get('daily_mape_pct', math.nan))} | {monthly} | "
                     f"{fmt(r.get('annual_error_pct', math.nan))} | {fmt(r.get('coverage95_pct', math.nan), 1)} | "
                     f"{fmt(r['seconds'], 3)} | {r['status']} | {md_escape(r['note'])} |")
    return lines


def summary_rows(rows_by_key, target):
    out = []
    for (dataset, tgt), rows in rows_by_key.items():
        if tgt != target:
            continue
        auto = next((r for r in rows if r["source"] == OURS and r["model"] == AUTO), None)
        peers = [r for r in rows if r["source"] != OURS and "daily_mape_pct" in r]
        best = min(peers, key=lambda r: r["daily_mape_pct"]) if peers else None
        arima = next((r for r in rows if r["model"] == SPEED_PEER and r["source"] != OURS), None)
        auto_mape = auto.get("daily_mape_pct") if auto else None
        if auto_mape is not None and best is not None:
            wins = "yes" if auto_mape < best["daily_mape_pct"] else "no"
        else:
            wins = "n/a"
        ratio = "n/a"
        if auto and arima and arima["status"] == "ok" and auto["status"] == "ok":
            a_s, r_s = auto["seconds"], arima["seconds"]
            if np.isfinite(a_s) and np.isfinite(r_s) and a_s > 0:
                ratio = f"{r_s / a_s:.0f}×" if r_s / a_s >= 10 else f"{r_s / a_s:.2f}×"
        out.append({"dataset": dataset,
                    "auto": "missing" if auto is None else (fmt(auto_mape) if auto_mape is not None else auto["status"]),
                    "chose": md_escape(auto["note"]) if auto else "",
                    "best": f"{best['model']}" if best else "none",
                    "best_mape": fmt(best["daily_mape_pct"]) if best else "–",
                    "wins": wins, "ratio": ratio})
    return out


def summary_table(srows, what):
    lines = [f"| dataset | lfc auto daily {what} MAPE % | auto chose | best peer | peer daily MAPE % | "
             f"auto wins | {SPEED_PEER} s / lfc auto s |",
             "|---|---:|---|---|---:|---|---:|"]
    for s in srows:
        lines.append(f"| {s['dataset']} | {s['auto']} | {s['chose']} | {s['best']} | {s['best_mape']} | "
                     f"{s['wins']} | {s['ratio']} |")
    return lines


def write_text_atomic(content, path):
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    with os.fdopen(fd, "w") as fh:
        fh.write(content)
    os.replace(tmp, path)


def main(argv):
    if len(argv) < 3:
        sys.exit(f"usage: {argv[0]} OUTDIR DIR1 [DIR2 ...]")
    outdir = pathlib.Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    rows_by_key, versions, errors = {}, [], []
    for d in map(pathlib.Path, argv[2:]):
        dataset = d.resolve().name
        try:
            daily = common.read_daily(d / "daily.csv")
        except Exception as exc:
            errors.append(f"{dataset}: cannot read {d / 'daily.csv'}: {exc}")
            continue
        targets = [t for t in list(common.TARGETS) + sorted(daily.columns)
                   if (d / t).is_dir() and t in daily.columns]
        targets = list(dict.fromkeys(targets))
        if not targets:
            errors.append(f"{dataset}: no target folder ({', '.join(common.TARGETS)}) in {d}")
        for t in targets:
            try:
                rows, v = score_target(dataset, t, daily, d / t,
                                       (d / "daily.csv").stat().st_mtime_ns)
            except Exception as exc:
                errors.append(f"{dataset}/{t}: {exc}")
                continue
            rows_by_key[(dataset, t)] = rows
            versions += v

    all_rows = [r for rows in rows_by_key.values() for r in rows]
    table = pd.DataFrame(all_rows).reindex(columns=COLUMNS)
    common.write_csv_atomic(table, outdir / "accuracy.csv")

    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = ["# Accuracy benchmark: lfc against peer forecasters", "",
          f"Run {now}. Datasets: {', '.join(dict.fromkeys(k[0] for k in rows_by_key)) or 'none'}.", "",
          f"**Holdout**: for each dataset and target, the last {common.HOLDOUT_DAYS} days that have a "
          "target value; every earlier day with a value trains (leading days without one are dropped). "
          "Forecasts are ex post: every model is given the actual weather and calendar of the holdout. "
          "T is `tmean_c` for daily energy and `tmax_c` for daily peak, for every model that uses weather.", "",
          "**Metrics** over the holdout days: daily MAPE % = mean(|f − a| / |a|) × 100; monthly MAPE % "
          "the same over complete calendar months inside the holdout (every day of the month a holdout "
          "day; month value = sum of days for energy, max of days for peak); annual error % = "
          "100 × (F − A) / A with F, A the holdout's total (energy) or maximum (peak); 95 % coverage = "
          "share of days with lower ≤ a ≤ upper (models that give intervals); seconds = fit + forecast "
          "wall time, single-threaded BLAS.", "",
          "**Ours**: the rows from `lfc backtest` (`forecasts_lfc.csv`); **lfc auto** ◀ is lfc's "
          "automatic choice (its note says which candidate), the other `lfc` rows are its candidates.", "",
          "**Peers**:", ""]
    md += [f"- `{name}`: {spec}" for name, spec in PEER_SPECS.items()]
    if versions:
        md += ["", "Software: " + "; ".join(dict.fromkeys(versions)) + "."]
    summary = []
    for target, what in (("energy_mwh", "energy"), ("peak_mw", "peak")):
        srows = summary_rows(rows_by_key, target)
        if srows:
            summary += ["", f"### Daily {what} ({target})", ""] + summary_table(srows, what)
    md += ["", "## Summary"] + summary
    for (dataset, target), rows in rows_by_key.items():
        r0 = rows[0]
        md += ["", f"## {dataset}: {target}", "",
               f"Holdout {r0['holdout_first']} .. {r0['holdout_last']} ({r0['holdout_days']} days), "
               f"trained on {r0['train_days']} days.", ""] + target_table(rows)
    if errors:
        md += ["", "## Errors", ""] + [f"- {md_escape(e)}" for e in errors]
    write_text_atomic("\n".join(md) + "\n", outdir / "accuracy.md")

    print("\n".join(summary).strip() or "no results")
    print(f"\nwrote {outdir / 'accuracy.csv'} and {outdir / 'accuracy.md'}")
    for e in errors:
        print("error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
