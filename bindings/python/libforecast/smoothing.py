"""Exponential smoothing (ETS, Holt-Winters) of a plain series (ets.h): fit
by maximum likelihood, or smooth at given parameters; forecast with
intervals; simulate future paths.

The model is R forecast::ets's with additive errors: trend "none",
"additive" or "damped"; season "none", "additive" or "multiplicative" with a
period of 2..400 steps.  The defaults, ETS(A,Ad,A) with period 7, are the C
library's (lf_ets_spec_init): a weekly pattern on daily load with a damped
trend.  Unlike lf.fit(data, kind="ets") this takes any series (an array or a
Series; no frame, no calendar).

The parameter vector (ets_param_names) is
    alpha, [beta], [gamma], [phi], level0, [trend0], [season0[0..m-1]]
with season0[j] the seasonal state of y[j]; EtsFit.params gives it for a
fit, and ets_smooth / ets_loglik take it back.

Values are checked by C: a NaN, a series shorter than ets_min_nobs, a
non-positive value under a multiplicative season raise InputError with the
C message (naming y[i]); a bad period ArgumentError with the C message.

>>> import numpy as np, pandas as pd
>>> from libforecast.smoothing import ets_fit
>>> days = pd.date_range("2024-01-01", periods=84)
>>> t = np.arange(84)
>>> week = np.array([-60.0, 25, 30, 28, 22, 15, -60])
>>> noise = np.random.default_rng(1).normal(0, 4, 84)
>>> y = pd.Series(500 + 1.5 * t + week[t % 7] + noise, index=days)
>>> with ets_fit(y) as f:                       # ETS(A,Ad,A), period 7
...     print(f.name, f.converged)
...     fc = f.forecast(14, level=0.9)
ETS(A,Ad,A) True
>>> str(fc.index[0].date()), len(fc)            # the days after the series
('2024-03-25', 14)
>>> bool((fc["lower"] < fc["mean"]).all() and (fc["mean"] < fc["upper"]).all())
True
"""
import ctypes
import numbers

import numpy as np
import pandas as pd

from . import _c_model as M
from . import _inputs as I
from ._handle import Handle
from ._lib import LIB
from ._model_spec import ETS_SEASONS, ETS_TRENDS, _choice
from .decompose import _c_int, _index
from .errors import ArgumentError, call

__all__ = ["EtsFit", "ets_fit", "ets_smooth", "ets_loglik", "ets_param_names", "ets_min_nobs"]

_ULONG_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_ulong)) - 1
_STATS = ("nobs", "nparams", "sse", "mse", "sigma", "loglik", "aic", "aicc", "bic",
          "iterations")


def _spec(trend, season, period):
    """An lf_ets_spec, checked by C (lf_ets_spec_check: the period's range)."""
    spec = M.EtsSpec()
    spec.trend = _choice(trend, ETS_TRENDS, "trend")
    spec.season = _choice(season, ETS_SEASONS, "season")
    spec.period = _c_int(period, "period")
    call(LIB.lf_ets_spec_check, ctypes.byref(spec))
    return spec


def _names(spec):
    """The parameter vector's names, in the layout of lf_ets_param_length."""
    trend, season = ETS_TRENDS[spec.trend], ETS_SEASONS[spec.season]
    names = ["alpha"]
    names += ["beta"] if trend != "none" else []
    names += ["gamma"] if season != "none" else []
    names += ["phi"] if trend == "damped" else []
    names += ["level0"]
    names += ["trend0"] if trend != "none" else []
    names += [f"season0[{j}]" for j in range(spec.period)] if season != "none" else []
    return names


def _params(params, spec):
    """params as C's vector: lf_ets_param_length values (a Series indexed by
    names must list them in the layout's order)."""
    names = _names(spec)
    if isinstance(params, pd.Series) and params.index.dtype == object \
            and list(params.index) != names:
        raise ArgumentError(f"params is indexed by {list(params.index)}; expected {names}")
    n = LIB.lf_ets_param_length(ctypes.byref(spec))
    return I.as_doubles(params, "params", n, f"{', '.join(names)}")


def _count(value, what):
    """A positive int (a horizon, a number of paths)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) \
            or value < 1:
        raise ArgumentError(f"{what} must be a positive int, not {value!r}")
    return int(value)


def ets_param_names(*, trend="damped", season="additive", period=7):
    """The names of the model's parameter vector, in order.

    >>> from libforecast.smoothing import ets_param_names
    >>> ets_param_names(trend="additive", season="none")
    ['alpha', 'beta', 'level0', 'trend0']
    """
    return _names(_spec(trend, season, period))


def ets_min_nobs(*, trend="damped", season="additive", period=7):
    """The shortest series ets_fit accepts (lf_ets_min_nobs): max(2 m, k + 3)
    with a season, k + 3 without, k the parameters counted with sigma^2.

    >>> from libforecast.smoothing import ets_min_nobs
    >>> ets_min_nobs(), ets_min_nobs(season="additive", period=364)
    (16, 728)
    """
    return LIB.lf_ets_min_nobs(ctypes.byref(_spec(trend, season, period)))


def ets_fit(series, *, trend="damped", season="additive", period=7):
    """Fit an ETS model to series by maximum likelihood (lf_ets_fit): an
    EtsFit owning the C fit.

    series: at least ets_min_nobs values, finite (> 0 for a multiplicative
        season).  Its index (a Series') indexes fitted and residuals, and a
        DatetimeIndex or PeriodIndex with a frequency the forecasts.
    trend: "none" | "additive" | "damped"; season: "none" | "additive" |
        "multiplicative"; period: 2..400 (ignored without a season).
    A fit that hits the iteration cap keeps its best point: converged False.
    """
    y = I.as_doubles(series, "series")
    spec = _spec(trend, season, period)
    out = ctypes.POINTER(M.Ets)()
    call(LIB.lf_ets_fit, ctypes.byref(spec), I.pointer(y), len(y), ctypes.byref(out))
    return EtsFit(out, _index(series, len(y)))


def ets_smooth(series, params, *, trend="damped", season="additive", period=7):
    """The model at GIVEN parameters on series (lf_ets_smooth): an EtsFit
    with its fitted values, statistics and forecasts, as if estimated.

    params: the vector of ets_param_names (EtsFit.params of another fit, to
    carry a model to new data); only finite, not necessarily admissible.

    >>> from libforecast.smoothing import ets_smooth
    >>> y = [10.0, 12, 11, 13, 12, 14, 13, 15]
    >>> f = ets_smooth(y, [0.5, 10], trend="none", season="none")
    >>> f.fitted.tolist()[:3], f.forecast(2)["mean"].tolist()
    ([10.0, 10.0, 11.0], [14.0, 14.0])
    """
    y = I.as_doubles(series, "series")
    spec = _spec(trend, season, period)
    p = _params(params, spec)
    out = ctypes.POINTER(M.Ets)()
    call(LIB.lf_ets_smooth, ctypes.byref(spec), I.pointer(p), I.pointer(y), len(y),
         ctypes.byref(out))
    return EtsFit(out, _index(series, len(y)))


def ets_loglik(series, params, *, trend="damped", season="additive", period=7):
    """The log-likelihood of series at given parameters (lf_ets_loglik),
    sigma^2 concentrated out: -n/2 (log(2 pi SSE / n) + 1).

    >>> import numpy as np
    >>> from libforecast.smoothing import ets_loglik
    >>> y = [10.0, 12, 11, 13, 12, 14, 13, 15]     # errors 0, 2, 0, 2, ...: SSE 16
    >>> ll = ets_loglik(y, [0.5, 10], trend="none", season="none")
    >>> round(ll, 9) == round(-8 / 2 * (np.log(2 * np.pi * 16 / 8) + 1), 9)
    True
    """
    y = I.as_doubles(series, "series")
    spec = _spec(trend, season, period)
    p = _params(params, spec)
    loglik = ctypes.c_double()
    call(LIB.lf_ets_loglik, ctypes.byref(spec), I.pointer(p), I.pointer(y), len(y),
         ctypes.byref(loglik))
    return loglik.value


class EtsFit(Handle):
    """A fitted exponential smoothing (lf_ets): freed by close(), ``with`` or
    GC; ClosedError after.  What it returns (Series, DataFrames, arrays) are
    copies, valid after close.

    name ("ETS(A,Ad,A)"), spec, params (Series by ets_param_names), info
    (every statistic), loglik, aic, aicc, bic, sigma, converged, fitted and
    residuals (Series with the series' index); forecast(h, level) and
    simulate(h, npaths, seed).  The information criteria count sigma^2 as a
    parameter, as R's ets does.
    """

    def __init__(self, ptr, index):
        super().__init__(ptr, LIB.lf_ets_free)
        self.index = index

    def _init_view(self, index):
        self.index = index   # a view: a Model's ETS fit (Model.ets_fit)

    def _ets(self):
        return self._ptr().contents

    @property
    def name(self):
        """The model's name, "ETS(A,Ad,A)" (lf_ets_name)."""
        return LIB.lf_ets_name(ctypes.byref(self._ets().spec)).decode()

    @property
    def spec(self):
        """{"trend", "season", "period"} as ets_fit takes them."""
        s = self._ets().spec
        return {"trend": ETS_TRENDS[s.trend], "season": ETS_SEASONS[s.season],
                "period": s.period}

    @property
    def params(self):
        """The parameter vector (lf_ets_params) as a Series by name."""
        e = self._ets()
        values = np.empty(LIB.lf_ets_param_length(ctypes.byref(e.spec)))
        LIB.lf_ets_params(self._ptr(), I.pointer(values))
        return pd.Series(values, index=_names(e.spec), name="value")

    @property
    def info(self):
        """name, nobs, nparams (sigma^2 included), sse, mse, sigma, loglik,
        aic, aicc, bic, converged, iterations."""
        e = self._ets()
        out = {"name": self.name}
        out.update({f: getattr(e, f) for f in _STATS})
        out["converged"] = bool(e.converged)
        return out

    loglik = property(lambda self: self._ets().loglik, doc="The log-likelihood.")
    aic = property(lambda self: self._ets().aic, doc="AIC (sigma^2 counted).")
    aicc = property(lambda self: self._ets().aicc, doc="AICc (sigma^2 counted).")
    bic = property(lambda self: self._ets().bic, doc="BIC (sigma^2 counted).")
    sigma = property(lambda self: self._ets().sigma, doc="sqrt(SSE / (n - k + 1)).")
    converged = property(lambda self: bool(self._ets().converged),
                         doc="False when an iteration cap ended the fit (best point kept).")

    def _series(self, which):
        e = self._ets()
        values = np.ctypeslib.as_array(getattr(e, which), shape=(e.nobs,)).copy()
        return pd.Series(values, index=self.index, name=which)

    @property
    def fitted(self):
        """The one-step-ahead forecasts of the sample, with its index."""
        return self._series("fitted")

    @property
    def residuals(self):
        """y - fitted, with the sample's index."""
        return self._series("residuals")

    def _future(self, h):
        """The index of h steps after the sample: its next dates or periods
        when it has a frequency, else steps 1..h."""
        idx = self.index
        if isinstance(idx, pd.PeriodIndex) and len(idx):
            return pd.period_range(idx[-1] + 1, periods=h, freq=idx.freq, name=idx.name)
        if isinstance(idx, pd.DatetimeIndex) and len(idx):
            freq = idx.freq or (pd.infer_freq(idx) if len(idx) >= 3 else None)
            if freq is not None:
                return pd.date_range(idx[-1], periods=h + 1, freq=freq, name=idx.name)[1:]
        return pd.RangeIndex(1, h + 1, name="h")

    def forecast(self, h, level=0.95):
        """Forecasts of h steps (lf_ets_forecast): a DataFrame of mean,
        lower, upper (the central `level` interval; exact for seasons none
        and additive, from 2000 simulated paths of a fixed seed for a
        multiplicative one), indexed by the days (periods) after the series,
        or by h = 1..h for a series without dates."""
        h = _count(h, "h")
        mean, lower, upper = np.empty(h), np.empty(h), np.empty(h)
        call(LIB.lf_ets_forecast, self._ptr(), h, I.number(level, "level"), I.pointer(mean),
             I.pointer(lower), I.pointer(upper))
        df = pd.DataFrame({"mean": mean, "lower": lower, "upper": upper},
                          index=self._future(h))
        df.attrs["level"] = float(level)
        return df

    def simulate(self, h, npaths=100, seed=1):
        """npaths simulated future paths of h steps (lf_ets_simulate): an
        array npaths x h, filled by C in place.  Gaussian errors N(0,
        sigma^2); the same seed gives the same paths."""
        h, npaths = _count(h, "h"), _count(npaths, "npaths")
        if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral) \
                or not 0 <= seed <= _ULONG_MAX:
            raise ArgumentError(f"seed must be an int in 0..{_ULONG_MAX}, not {seed!r}")
        paths = np.empty((npaths, h))
        call(LIB.lf_ets_simulate, self._ptr(), h, npaths, int(seed), I.pointer(paths))
        return paths

    def __repr__(self):
        if self.closed:
            return "<EtsFit (closed)>"
        e = self._ets()
        return f"<EtsFit {self.name} on {e.nobs} values, loglik {e.loglik:.6g}>"
