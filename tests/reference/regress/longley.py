"""Exact OLS reference for the Longley (1967) data (NIST StRD "Longley").

Produces longley_reference.csv (name,value; 17 significant digits): the OLS fit of
y on intercept + x1..x6 from tests/fixtures/regress/longley.csv, computed in exact
rational arithmetic (fractions.Fraction; square roots with decimal at 40 digits).
Also checks the result against the NIST certified values and prints, for
information, the largest relative difference from statsmodels OLS (if installed).

Rerun from the repository root:
    /usr/bin/python3 tests/reference/regress/longley.py [--out DIR]
"""
import argparse
import csv
import decimal
import pathlib
from fractions import Fraction

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parents[1] / "fixtures" / "regress" / "longley.csv"
NAMES = ["intercept"] + [f"x{j}" for j in range(1, 7)]

# NIST StRD certified values (15 significant digits), used only as a check.
NIST = {
    "intercept": -3482258.63459582, "x1": 15.0618722713733, "x2": -0.358191792925910e-01,
    "x3": -2.02022980381683, "x4": -1.03322686717359, "x5": -0.511041056535807e-01,
    "x6": 1829.15146461355,
    "se_intercept": 890420.383607373, "se_x1": 84.9149257747669,
    "se_x2": 0.334910077722432e-01, "se_x3": 0.488399681651699,
    "se_x4": 0.214274163161675, "se_x5": 0.226073200069370, "se_x6": 455.478499142212,
    "sigma": 304.854073561965, "r2": 0.995479004577296, "ssr": 836424.055505915,
}


def inverse(a):
    """Exact Gauss-Jordan inverse of a square matrix of Fractions."""
    n = len(a)
    m = [row[:] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        m[c] = [v / piv for v in m[c]]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c]
                m[r] = [v - f * w for v, w in zip(m[r], m[c])]
    return [row[n:] for row in m]


def sqrt(q):
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        return float((decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)).sqrt())


def fit():
    rows = list(csv.DictReader(open(DATA)))
    y = [Fraction(r["y"]) for r in rows]            # Fraction("88.5") is exact
    X = [[Fraction(1)] + [Fraction(r[f"x{j}"]) for j in range(1, 7)] for r in rows]
    n, k = len(X), len(X[0])
    xtx = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(k)] for a in range(k)]
    xty = [sum(X[i][a] * y[i] for i in range(n)) for a in range(k)]
    inv = inverse(xtx)
    b = [sum(inv[a][c] * xty[c] for c in range(k)) for a in range(k)]
    resid = [y[i] - sum(X[i][a] * b[a] for a in range(k)) for i in range(n)]
    ssr = sum(e * e for e in resid)
    s2 = ssr / (n - k)
    ybar = sum(y) / n
    tss = sum((v - ybar) ** 2 for v in y)
    out = {NAMES[a]: float(b[a]) for a in range(k)}
    out.update({"se_" + NAMES[a]: sqrt(s2 * inv[a][a]) for a in range(k)})
    out.update(ssr=float(ssr), sigma=sqrt(s2), r2=float(1 - ssr / tss))
    return out, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE), help="output folder (default: this script's)")
    out_dir = pathlib.Path(ap.parse_args().out)
    out_dir.mkdir(parents=True, exist_ok=True)
    ref, rows = fit()
    with open(out_dir / "longley_reference.csv", "w") as f:
        f.write("name,value\n")
        for name, v in ref.items():
            f.write(f"{name},{v:.17g}\n")

    worst = max(abs(ref[k] / NIST[k] - 1) for k in NIST)
    print(f"max rel diff vs NIST certified (15 digits): {worst:.3g}")
    assert worst < 5e-15, "exact fit does not reproduce the NIST certified values"
    try:
        import numpy as np
        import statsmodels.api as sm
    except ImportError:
        print("statsmodels not installed: comparison skipped")
        return
    y = np.array([float(r["y"]) for r in rows])
    X = sm.add_constant(np.array([[float(r[f"x{j}"]) for j in range(1, 7)] for r in rows]))
    for method in ("pinv", "qr"):
        res = sm.OLS(y, X).fit(method=method)
        got = dict(zip(NAMES, res.params))
        got.update(zip(["se_" + n for n in NAMES], res.bse))
        got.update(ssr=res.ssr, sigma=np.sqrt(res.scale), r2=res.rsquared)
        d = max(abs(got[k] / ref[k] - 1) for k in ref)
        print(f"max rel diff statsmodels OLS ({method}) vs exact: {d:.3g}")
    print(f"cond(X) = {np.linalg.cond(X):.4g}, "
          f"cond(X, unit-norm columns) = {np.linalg.cond(X / np.linalg.norm(X, axis=0)):.4g}")


if __name__ == "__main__":
    main()
