"""Shared rules of the accuracy benchmark: reading daily.csv, the holdout split,
the temperature each target uses, and writing result files.

peers_r.R implements the same rules in R; keep the two in step (the scorer checks
that every model covers exactly the holdout days chosen here).
"""
import math
import os
import pathlib
import tempfile

import numpy as np
import pandas as pd

HOLDOUT_DAYS = 365
TARGETS = ("energy_mwh", "peak_mw")
EXPECTED_PEERS = ("sm_ols_vanilla", "sm_holt_winters", "r_tbats", "r_auto_arima", "r_prophet")
WEATHER = ("tmin_c", "tmax_c", "tmean_c")


def temperature_column(target):
    """Daily energy follows the whole day's temperature, the daily peak the hottest
    part of it; every peer uses the same column for a given target."""
    return "tmax_c" if target == "peak_mw" else "tmean_c"


def read_daily(path):
    """daily.csv as a frame indexed by date, every day from the first to the last row.

    Columns are selected by name; unknown columns are kept and ignored."""
    df = pd.read_csv(path, na_values=["", "NA", "NaN", "nan", "null", "-"], keep_default_na=True)
    if "date" not in df.columns:
        raise ValueError(f"{path}: no 'date' column")
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    df = df.set_index("date").sort_index()
    if df.index.has_duplicates:
        raise ValueError(f"{path}: duplicate dates")
    # lfc writes consecutive days; reindex anyway so a gap can never shift a lag.
    return df.reindex(pd.date_range(df.index[0], df.index[-1], freq="D"))


def split(daily, target, holdout_days=HOLDOUT_DAYS):
    """(train_dates, test_dates): test = the last `holdout_days` days with a target,
    train = every earlier day with a target. Leading days without one drop out."""
    if target not in daily.columns:
        raise ValueError(f"daily.csv has no column '{target}'")
    have = daily.index[daily[target].notna() & np.isfinite(daily[target])]
    if len(have) <= holdout_days:
        raise ValueError(f"{target}: only {len(have)} days with a value, need more than {holdout_days}")
    return have[:-holdout_days], have[-holdout_days:]


def weather_filled(daily, columns):
    """Weather columns with interior gaps linearly interpolated and the edges held;
    the peers need a value for every day they fit or predict. (lfc's real inputs
    have complete weather; this only keeps a stray gap from killing a peer.)"""
    out = {}
    for c in columns:
        if c not in daily.columns:
            raise ValueError(f"daily.csv has no column '{c}'")
        out[c] = daily[c].interpolate(method="linear", limit_direction="both")
    return pd.DataFrame(out, index=daily.index)


def holiday_flag(daily):
    """0/1 public holiday or day off; zeros (and a note) when the column is absent."""
    if "holiday" not in daily.columns:
        return pd.Series(0.0, index=daily.index), "no holiday column: holiday dummy omitted"
    return (daily["holiday"].fillna(0) != 0).astype(float), ""


def write_csv_atomic(frame, path):
    """Write to a temporary file in the same folder, then rename over `path`, so a
    reader sees the old file or the complete new one, never a partial file."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="") as fh:
            frame.to_csv(fh, index=False, float_format="%.10g", na_rep="")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def timing_frame(model, seconds, status, note):
    secs = "" if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)) else round(seconds, 4)
    return pd.DataFrame({"model": [model], "seconds": [secs], "status": [status], "note": [note]})
