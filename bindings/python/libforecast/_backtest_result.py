"""Backtest: the result of lf_backtest_run (owned), or the cross-validation
backtest inside a Selection (a view, kept alive by and closed with it).
Everything it returns is a copy, valid after close()."""
import ctypes
import os

import numpy as np
import pandas as pd

from . import _c_backtest as C
from . import _inputs as I
from ._backtest_spec import SCALES, choice, spec_dict
from ._c_core import LF_OK
from ._lib import LIB
from .dates import to_datetime64
from .errors import call
from ._handle import Handle

# lf_accuracy's measures, in the order of backtest_accuracy.csv, then its counts
ACCURACY_COLUMNS = ("n", "mae", "rmse", "mape", "smape", "mase", "bias", "bias_pct",
                    "pinball", "coverage", "winkler", "n_mape", "n_interval")
# the file names lfc backtest writes
FILES = {"forecasts": "backtest_forecasts.csv", "accuracy": "backtest_accuracy.csv",
         "timing": "backtest_timing.csv"}


def accuracy_dict(a):
    """An lf_accuracy as a dict keyed by ACCURACY_COLUMNS."""
    return {k: getattr(a, k) for k in ACCURACY_COLUMNS}


def run_backtest(cands, select, spec, frame, cal, first, last):
    """lf_backtest_run (select: an lf_select_spec or None) -> an owned Backtest."""
    out = ctypes.POINTER(C.Backtest)()
    call(LIB.lf_backtest_run, cands, len(cands),
         None if select is None else ctypes.byref(select), ctypes.byref(spec), frame._ptr(),
         cal._ptr(), first, last, ctypes.byref(out))
    return Backtest._owned(out)


class Backtest(Handle):
    """A rolling-origin backtest (lf_backtest): for every model (the
    candidates, then "auto" when the automatic choice was backtested too)
    and origin, the forecasts of `horizon` days, the time taken, the status
    and the accuracy at the daily, monthly and yearly scale.

    Made by backtest() (owned: freed by close(), ``with`` or GC) or
    Selection.backtest (a view of the selection's, closed with it).

    >>> import numpy as np, pandas as pd, libforecast as lf
    >>> days = pd.date_range("2024-01-01", periods=70)
    >>> df = pd.DataFrame({"energy_mwh": 100.0 + np.arange(70) % 7}, index=days)
    >>> bt = lf.backtest(df, {"week": lf.ModelSpec(kind="snaive")}, origins=2, horizon=7)
    >>> bt.models, bt.horizon, bt.spec["step"], bt.accuracy().loc["week", "mae"]
    (['week'], 7, 7, 0.0)
    >>> bt.forecasts.tail(2)[["model", "date", "actual", "mean"]]
       model       date  actual   mean
    12  week 2024-03-09   105.0  105.0
    13  week 2024-03-10   106.0  106.0
    >>> bt.timing["status"].tolist(), bt.close(), bt.closed
    (['ok', 'ok'], None, True)
    """

    @classmethod
    def _owned(cls, ptr):
        return cls(ptr, LIB.lf_backtest_free)

    @classmethod
    def _view(cls, ptr, owner):
        return cls.view(ptr, owner)

    def _c(self):
        return self._ptr().contents

    def _array(self, field, *shape):
        return np.ctypeslib.as_array(getattr(self._c(), field), shape=shape).copy()

    @property
    def models(self):
        """The models' names, in order."""
        c = self._c()
        return [c.names[m].value.decode("utf-8") for m in range(c.nmodels)]

    @property
    def origins(self):
        """The first forecast day of each origin (a DatetimeIndex)."""
        return pd.DatetimeIndex(to_datetime64(self._array("starts", self._c().norigins)),
                                name="origin")

    @property
    def horizon(self):
        """Days forecast from each origin."""
        return self._c().horizon

    @property
    def spec(self):
        """origins, horizon, step (resolved), level, agg, min_train_days."""
        return spec_dict(self._c().spec)

    def accuracy(self, scale="daily", pooled=True):
        """Accuracy by model (pooled over the origins), or by model and origin
        (pooled=False): n, mae, rmse, mape, smape, mase, bias, bias_pct,
        pinball, coverage, winkler (metrics.h), n_mape, n_interval.  scale:
        "daily", "monthly" or "yearly" (complete calendar periods only; no
        intervals or MASE there: NaN)."""
        k = choice(scale, SCALES, "scale")
        c, ptr, models = self._c(), self._ptr(), self.models
        if pooled:
            pooled_index = ctypes.c_size_t(C.LF_BACKTEST_POOLED)
            rows = [accuracy_dict(LIB.lf_backtest_accuracy(ptr, m, pooled_index, k).contents)
                    for m in range(c.nmodels)]
            index = pd.Index(models, name="model")
        else:
            rows = [accuracy_dict(LIB.lf_backtest_accuracy(ptr, m, o, k).contents)
                    for m in range(c.nmodels) for o in range(c.norigins)]
            index = pd.MultiIndex.from_product([models, self.origins], names=["model", "origin"])
        return pd.DataFrame(rows, index=index, columns=list(ACCURACY_COLUMNS))

    @property
    def forecasts(self):
        """Every forecast, long: model, origin, date, actual, mean, lower, upper
        (NaN where a model failed); backtest_forecasts.csv's rows."""
        c = self._c()
        nm, no, h = c.nmodels, c.norigins, c.horizon
        starts = to_datetime64(self._array("starts", no))
        dates = (starts[:, None] + np.arange(h)).ravel()
        return pd.DataFrame({
            "model": np.repeat(self.models, no * h),
            "origin": np.tile(np.repeat(starts, h), nm),
            "date": np.tile(dates, nm),
            "actual": np.tile(self._array("actual", no * h), nm),
            "mean": self._array("mean", nm * no * h),
            "lower": self._array("lower", nm * no * h),
            "upper": self._array("upper", nm * no * h)})

    def forecasts_of(self, model):
        """One model's forecasts by (origin, date): actual, mean, lower, upper
        and error (mean - actual).  KeyError naming the models for another."""
        m = LIB.lf_backtest_model_index(self._ptr(), I.c_text(model, "model"))
        if m < 0:
            raise KeyError(f"the backtest has no model '{model}' (it has "
                           f"{', '.join(self.models)})")
        h = self.horizon
        df = self.forecasts.iloc[m * len(self.origins) * h:(m + 1) * len(self.origins) * h]
        df = df.drop(columns="model").set_index(["origin", "date"])
        df["error"] = df["mean"] - df["actual"]
        return df

    @property
    def timing(self):
        """By model and origin: seconds (fit + forecast, wall clock), status
        ("ok" or "failed"), code (the C status, 0 when ok) and note (the
        error message, or the automatic choice's pick)."""
        c = self._c()
        runs = c.nmodels * c.norigins
        codes = self._array("status", runs)
        return pd.DataFrame(
            {"seconds": self._array("seconds", runs),
             "status": np.where(codes == LF_OK, "ok", "failed"),
             "code": codes,
             "note": [c.notes[r].value.decode("utf-8", "replace") for r in range(runs)]},
            index=pd.MultiIndex.from_product([self.models, self.origins],
                                             names=["model", "origin"]))

    def forecasts_to_csv(self, path):
        """backtest_forecasts.csv (lf_backtest_write_forecasts, atomic)."""
        call(LIB.lf_backtest_write_forecasts, self._ptr(), I.c_path(path))

    def accuracy_to_csv(self, path):
        """backtest_accuracy.csv: every model, origin ("all": pooled) and scale."""
        call(LIB.lf_backtest_write_accuracy, self._ptr(), I.c_path(path))

    def timing_to_csv(self, path):
        """backtest_timing.csv: model, origin, seconds, status, note."""
        call(LIB.lf_backtest_write_timing, self._ptr(), I.c_path(path))

    def to_csv(self, directory):
        """The three files lfc backtest writes, in directory (made if need be):
        {"forecasts": path, "accuracy": path, "timing": path}."""
        os.makedirs(directory, exist_ok=True)
        paths = {k: os.path.join(directory, name) for k, name in FILES.items()}
        self.forecasts_to_csv(paths["forecasts"])
        self.accuracy_to_csv(paths["accuracy"])
        self.timing_to_csv(paths["timing"])
        return paths

    def __repr__(self):
        if self.closed:
            return "<Backtest (closed)>"
        c = self._c()
        return (f"<Backtest of {', '.join(self.models)}: {c.norigins} origins of "
                f"{c.horizon} days>")

