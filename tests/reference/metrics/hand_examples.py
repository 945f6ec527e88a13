"""Second computation of the hand-worked examples in tests/test_metrics.c.

The C tests compare against exact values derived by hand in their comments;
this script recomputes the same examples independently with numpy / pandas
(straight from the formulas in include/libforecast/metrics.h) and asserts
that they agree, so a slip in the hand arithmetic shows up here.  It writes
nothing; it prints the values and "all examples agree".

Rerun from the repository root:
    /usr/bin/python3 tests/reference/metrics/hand_examples.py
"""
import math

import numpy as np
import pandas as pd


def accuracy(y, f, lo=None, hi=None, level=None, scale=float("nan")):
    y, f = np.asarray(y, float), np.asarray(f, float)
    ok = ~np.isnan(y) & ~np.isnan(f)
    y2, f2 = y[ok], f[ok]
    e = f2 - y2
    nz = y2 != 0
    den = np.abs(y2) + np.abs(f2)
    sape = np.divide(200 * np.abs(e), den, out=np.zeros_like(e), where=den > 0)
    r = {
        "n": int(ok.sum()),
        "mae": np.abs(e).mean(),
        "rmse": math.sqrt((e ** 2).mean()),
        "mape": 100 * (np.abs(e[nz]) / np.abs(y2[nz])).mean() if nz.any() else float("nan"),
        "smape": sape.mean(),
        "bias": e.mean(),
        "bias_pct": 100 * e.sum() / y2.sum() if y2.sum() != 0 else float("nan"),
        "mase": np.abs(e).mean() / scale if scale > 0 and math.isfinite(scale) else float("nan"),
    }
    if lo is not None:
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        ok2 = ok & ~np.isnan(lo) & ~np.isnan(hi)
        yy, l, u = y[ok2], lo[ok2], hi[ok2]
        alpha = 1 - level

        def ql(q, tau):
            d = yy - q
            return np.where(d >= 0, tau * d, (tau - 1) * d)

        r["n_interval"] = int(ok2.sum())
        r["pinball"] = ((ql(l, alpha / 2) + ql(u, 1 - alpha / 2)) / 2).mean()
        r["coverage"] = ((l <= yy) & (yy <= u)).mean()
        r["winkler"] = ((u - l) + 2 / alpha * np.clip(l - yy, 0, None)
                        + 2 / alpha * np.clip(yy - u, 0, None)).mean()
    return r


def mase_scale(train, season):
    s = pd.Series(train, dtype=float)
    d = (s - s.shift(season)).abs().dropna()
    return d.mean() if len(d) else float("nan")


def close(got, want, what):
    assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12), f"{what}: {got} != {want}"
    print(f"{what:40s} {got:.15g}")


def main():
    a = accuracy([100, 200, 0, 50, 150], [110, 180, 10, 50, 165], scale=5.0)
    for k, v in {"mae": 11, "rmse": math.sqrt(165), "mape": 7.5, "smape": 40 + 2360 / 399,
                 "bias": 3, "bias_pct": 3, "mase": 2.2}.items():
        close(a[k], v, f"point example {k}")
    a = accuracy([100, np.nan, 200, 0, 7, 50, np.nan, 150],
                 [110, 999, 180, 10, np.nan, 50, np.nan, 165], scale=5.0)
    close(a["n"], 5, "nan example n")
    close(a["smape"], 40 + 2360 / 399, "nan example smape")

    a = accuracy([0, 0, 4], [2, 0, 5])
    close(a["mape"], 25, "zero example mape")
    close(a["mae"], 1, "zero example mae")
    close(a["smape"], (200 + 200 / 9) / 3, "zero example smape")
    close(a["bias_pct"], 75, "zero example bias_pct")

    train = [10, 12, 14, 16, 18, 20, 22, 11, 12, 16, 13, 18, np.nan, 22, 15, 12, 17, 13, 20, 30]
    close(mase_scale(train, 7), 13 / 11, "mase scale season 7")
    close(mase_scale([1, 3, 2, np.nan, 5], 1), 1.5, "mase scale season 1")
    a = accuracy([100, 200, 0, 50, 150], [110, 180, 10, 50, 165], scale=13 / 11)
    close(a["mase"], 121 / 13, "mase with season-7 scale")

    a = accuracy([100, 80, 130, 50, 70, 90], [105, 95, 112, 55, 75, np.nan],
                 [90, 85, 100, 50, np.nan, 80], [120, 105, 125, 60, 80, 100], level=0.8)
    close(a["n_interval"], 4, "interval example n_interval")
    close(a["pinball"], 2.3125, "interval example pinball")
    close(a["coverage"], 0.5, "interval example coverage")
    close(a["winkler"], 46.25, "interval example winkler")
    a = accuracy([10], [7], [4], [10], level=0.5)
    close(a["pinball"], 0.75, "upper bound example pinball")
    close(a["winkler"], 6, "upper bound example winkler")

    # calendar aggregation: complete months only
    days = pd.date_range("2023-01-30", periods=71, freq="D")
    df = pd.DataFrame({"y": 10.0 + np.arange(71), "f": 20.0}, index=days)
    g = df.groupby(df.index.to_period("M"))
    full = g.size() == g.size().index.days_in_month
    full &= [(p.start_time >= days[0]) and (p.end_time <= days[-1] + pd.Timedelta(days=1))
             for p in g.size().index]
    sums = g.sum()[full]
    print(sums)
    assert list(sums.index.astype(str)) == ["2023-02", "2023-03"]
    close(sums.loc["2023-02", "y"], 714, "february actual sum")
    close(sums.loc["2023-03", "y"], 1705, "march actual sum")
    e = sums["f"] - sums["y"]
    close(e.abs().mean(), 619.5, "monthly mae")
    close(100 * e.sum() / sums["y"].sum(), -123900 / 2419, "monthly bias_pct")
    print("all examples agree")


if __name__ == "__main__":
    main()
