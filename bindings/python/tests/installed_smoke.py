"""make test-install's check of the installed Python package: run from
outside the repository with only PREFIX/lib/python3.X/dist-packages on
PYTHONPATH, it must import the installed package (not the repository's),
load the library installed beside it (PREFIX/lib), and fit and forecast.

    installed_smoke.py PREFIX
"""
import os
import sys

import numpy as np
import pandas as pd


def main(prefix):
    import libforecast as lf
    prefix = os.path.realpath(prefix)
    package = os.path.realpath(os.path.dirname(lf.__file__))
    assert package.startswith(prefix), f"imported {package}, not the package under {prefix}"
    library = os.path.realpath(lf.library_path())
    assert library.startswith(os.path.join(prefix, "lib")), f"loaded {library}"
    days = pd.date_range("2023-01-01", "2024-12-31")
    frame = pd.DataFrame({"energy_mwh": 100.0 + 10 * (days.dayofweek < 5)}, index=days)
    model = lf.fit(frame, day_of_week=True)
    with lf.forecast(model, history=frame, months=1, error="none") as fc:
        january = fc.monthly().loc["2025-01", "energy_mwh_normal"]
    assert np.isclose(january, 23 * 110 + 8 * 100), january
    print(f"installed package {package} on {library}: January 2025 {january:.0f} MWh")


if __name__ == "__main__":
    main(sys.argv[1])
