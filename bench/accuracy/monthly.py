"""Monthly and yearly part of the accuracy benchmark: scores `lfc forecast` of each
dataset's test year, ex ante and ex post (run.sh runs lfc; this only reads files).

    /usr/bin/python3 bench/accuracy/monthly.py test-year DAILY_CSV
    /usr/bin/python3 bench/accuracy/monthly.py gefcom-weather HOURLY_CSV OUT_CSV
    /usr/bin/python3 bench/accuracy/monthly.py score OUTDIR DIR1 [DIR2 ...]

score reads DIR/monthly/daily.csv (lfc ingest: the actuals) and, for KIND in
exante and expost, DIR/monthly/KIND/forecast_{monthly,yearly}.csv and
forecast.json, or DIR/monthly/KIND.err when lfc forecast wrote nothing.  Writes OUTDIR/monthly.csv
(one row per dataset) and OUTDIR/monthly.md.  Exit status 1 when any forecast
is missing.
"""
import json
import math
import pathlib
import sys

import numpy as np
import pandas as pd

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
import common  # noqa: E402

KINDS = ("exante", "expost")
MAPE_TARGET = {"exante": 4.0, "expost": 2.0}   # monthly energy MAPE %, at most
COVERAGE_TARGET = (70.0, 90.0)                 # P10-P90 coverage % of monthly energy


def test_year(daily_csv):
    """The last calendar year with an energy value on every one of its days."""
    daily = common.read_daily(daily_csv)
    have = daily["energy_mwh"].notna().groupby(daily.index.year).agg(["sum", "size"])
    full = [y for y, r in have.iterrows() if r["sum"] == r["size"] == pd.Timestamp(y, 12, 31).dayofyear]
    if not full:
        sys.exit(f"{daily_csv}: no complete year of energy_mwh")
    return full[-1]


def gefcom_weather(hourly_csv, out_csv):
    """Daily min/max/mean of GEFCom's hourly T (deg F) for the whole file, 2004 on.
    lfc takes the daily weather history only from a daily file ('weather'); the
    mean of hours 1..24 of each Date is what lfc ingest makes of the load file's
    own temperature column, so training and scenarios see the same numbers."""
    h = pd.read_csv(hourly_csv, usecols=["Date", "T"])
    g = h.groupby("Date")["T"].agg(tmin_f="min", tmax_f="max", tmean_f="mean", hours="size")
    g = g[g.pop("hours") == 24].rename_axis("date").reset_index()
    common.write_csv_atomic(g, out_csv)


def mape(f, a):
    return float(np.mean(np.abs(f - a) / np.abs(a)) * 100.0)


def coverage(lo, hi, a):
    return float(np.mean((lo <= a) & (a <= hi)) * 100.0)


def score_kind(kdir, actual_m, actual_y, year):
    """Metrics of one lfc forecast run (forecast folder kdir) against the actuals."""
    fm = pd.read_csv(kdir / "forecast_monthly.csv", dtype={"period": str})
    fy = pd.read_csv(kdir / "forecast_yearly.csv", dtype={"period": str})
    meta = json.loads((kdir / "forecast.json").read_text())
    fm = fm[fm["scenario"] == "base"].set_index("period")
    fy = fy[(fy["scenario"] == "base") & (fy["period"] == str(year))]
    months = [p for p in actual_m.index if p in fm.index]
    if len(months) != 12 or len(fy) != 1:
        raise ValueError(f"{kdir}: forecast covers {len(months)} of the 12 months of {year}")
    f, a = fm.loc[months], actual_m.loc[months]
    e, p = a["energy_mwh"].to_numpy(), a["peak_mw"].to_numpy()
    yf, ya = fy.iloc[0], actual_y
    years = meta["weather"]["years"]
    out = {"weather_years": "none" if not years else f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}",
           "paths": meta["paths"]}
    for q in ("normal", "p50"):
        out[f"energy_mape_{q}"] = mape(f[f"energy_mwh_{q}"].to_numpy(), e)
        out[f"peak_mape_{q}"] = mape(f[f"peak_mw_{q}"].to_numpy(), p)
        out[f"year_error_{q}"] = 100.0 * (yf[f"energy_mwh_{q}"] - ya) / ya
        out[f"year_ape_{q}"] = abs(out[f"year_error_{q}"])
    # One path (ex post: one weather year, no model error) gives P10 = P90: no interval.
    one = meta["paths"] <= 1
    out["energy_cov"] = math.nan if one else coverage(f["energy_mwh_p10"], f["energy_mwh_p90"], e)
    out["peak_cov"] = math.nan if one else coverage(f["peak_mw_p10"], f["peak_mw_p90"], p)
    return out


def score_dataset(d):
    daily = common.read_daily(d / "monthly" / "daily.csv")
    year = test_year(d / "monthly" / "daily.csv")
    days = daily.loc[str(year)]
    per = days.index.to_period("M").astype(str)
    actual_m = days.groupby(per).agg({"energy_mwh": "sum", "peak_mw": "max"})
    row = {"dataset": d.resolve().name, "test_year": year,
           "train_first": daily["energy_mwh"].first_valid_index().date(),
           "actual_energy_mwh": days["energy_mwh"].sum()}
    errors = []
    for kind in KINDS:
        try:
            m = score_kind(d / "monthly" / kind, actual_m, row["actual_energy_mwh"], year)
        except (OSError, ValueError, KeyError) as exc:
            err = d / "monthly" / f"{kind}.err"
            msg = err.read_text().strip() if err.is_file() and err.read_text().strip() else str(exc)
            errors.append(f"{row['dataset']} {kind}: {msg}")
            m = {"status": "failed"}
        row.update({f"{kind}_{k}": v for k, v in m.items()})
        row.setdefault(f"{kind}_status", "ok")
    # Targets, checked on the normal-weather (point) forecast; p50 is reported beside it.
    for kind in KINDS:
        v = row.get(f"{kind}_energy_mape_normal", math.nan)
        row[f"{kind}_mape_target_met"] = bool(v <= MAPE_TARGET[kind]) if np.isfinite(v) else ""
    c = row.get("exante_energy_cov", math.nan)
    row["exante_cov_target_met"] = bool(COVERAGE_TARGET[0] <= c <= COVERAGE_TARGET[1]) if np.isfinite(c) else ""
    return row, errors


def fmt(x, nd=2):
    return "–" if x is None or (isinstance(x, float) and not np.isfinite(x)) else f"{x:.{nd}f}"


def yes(flag):
    return {True: "yes", False: "**no**"}.get(flag, "–")


def report(rows, errors):
    lo, hi = COVERAGE_TARGET
    md = ["## Monthly and yearly forecasts (`lfc forecast`)", "",
          "Each dataset's test year is its last complete year of load; `lfc forecast` fits the "
          "plain `model` of `projects/models.yaml.in` (energy, and the same features for peak_mw) "
          "on every earlier day and forecasts the year's months. **Ex ante**: weather scenarios "
          "from every complete history year before the test year, bootstrap model error "
          "(20 paths per year, 30-day blocks, seed 1; out-of-sample errors when the training "
          "days allow, else in-sample residuals). **Ex post**: the test year's actual "
          "weather only, no model error (one path, so normal = P50 = P10 = P90 and no coverage). "
          "Actuals: month = sum of daily energy, max of daily peak (lfc ingest). MAPE over the "
          "12 months; year error = 100 × (F − A) / A of the year's energy; coverage = % of the "
          "12 months with P10 ≤ actual ≤ P90.", "",
          f"Targets (on the normal forecast): ex-post monthly energy MAPE ≤ {MAPE_TARGET['expost']:g} %, "
          f"ex-ante ≤ {MAPE_TARGET['exante']:g} %, ex-ante P10–P90 coverage of monthly energy "
          f"{lo:g}–{hi:g} %.", "",
          "| dataset | year | run | weather years | energy MAPE % normal | P50 | year error % normal "
          "| P50 | peak MAPE % normal | P50 | energy P10–P90 cov. % | peak cov. % | MAPE target "
          "| coverage target |",
          "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        for kind in KINDS:
            k = lambda name: r.get(f"{kind}_{name}", math.nan)  # noqa: E731
            if k("status") != "ok":
                md.append(f"| {r['dataset']} | {r['test_year']} | {kind} | failed | "
                          + " | ".join(["–"] * 8) + f" | {yes(k('mape_target_met'))} | – |")
                continue
            cov = yes(r["exante_cov_target_met"]) if kind == "exante" else "–"
            md.append(f"| {r['dataset']} | {r['test_year']} | {kind} | {k('weather_years')} | "
                      f"{fmt(k('energy_mape_normal'))} | {fmt(k('energy_mape_p50'))} | "
                      f"{fmt(k('year_error_normal'))} | {fmt(k('year_error_p50'))} | "
                      f"{fmt(k('peak_mape_normal'))} | {fmt(k('peak_mape_p50'))} | "
                      f"{fmt(k('energy_cov'), 0)} | {fmt(k('peak_cov'), 0)} | "
                      f"{yes(k('mape_target_met'))} | {cov} |")
    met = {t: sum(r[t] is True for r in rows) for t in
           ("expost_mape_target_met", "exante_mape_target_met", "exante_cov_target_met")}
    md += ["", f"Targets met on {len(rows)} datasets: ex-post MAPE {met['expost_mape_target_met']}, "
               f"ex-ante MAPE {met['exante_mape_target_met']}, ex-ante coverage "
               f"{met['exante_cov_target_met']}."]
    if errors:
        md += ["", "Errors:", ""] + [f"- {e}" for e in errors]
    return "\n".join(md) + "\n"


def score(outdir, dirs):
    rows, errors = [], []
    for d in dirs:
        row, errs = score_dataset(d)
        rows.append(row)
        errors += errs
    common.write_csv_atomic(pd.DataFrame(rows), outdir / "monthly.csv")
    (outdir / "monthly.md").write_text(report(rows, errors))
    print(f"wrote {outdir / 'monthly.csv'} and {outdir / 'monthly.md'}")
    return 1 if errors else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "test-year":
        print(test_year(argv[2]))
    elif len(argv) == 4 and argv[1] == "gefcom-weather":
        gefcom_weather(argv[2], argv[3])
    elif len(argv) >= 4 and argv[1] == "score":
        return score(pathlib.Path(argv[2]), [pathlib.Path(a) for a in argv[3:]])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
