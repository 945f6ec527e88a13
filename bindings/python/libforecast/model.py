"""Daily load models (model.h): fit a regression (trend, calendar,
temperature, economy, events; OLS, WLS or ridge; AR errors), a seasonal
naive or an exponential smoothing on a daily frame, then predict, decompose
and simulate.

fit(data, spec=None, *, calendar=None, first=None, last=None, **keywords)
takes a Frame or a DataFrame by day; the keywords are ModelSpec's.  The
calendar is a Calendar, a built-in name ("CN"), or None: weekends only, no
holidays (an assumption a model with holiday terms should not rely on).

>>> import numpy as np, pandas as pd
>>> import libforecast as lf
>>> days = pd.date_range("2024-01-01", "2024-12-31")
>>> rng = np.random.default_rng(1)
>>> df = pd.DataFrame({"energy_mwh": 1000 + 50 * (days.dayofweek < 5) +
...                    rng.normal(0, 5, len(days))}, index=days)
>>> m = lf.fit(df, day_of_week=True, calendar="CN")
>>> m.info["name"], m.info["nobs"]
('regression', 366)
>>> p = m.predict(df, "2024-12-30", "2024-12-31")
>>> p[["mean", "calendar"]].round(0)
              mean  calendar
date                        
2024-12-30  1050.0      15.0
2024-12-31  1050.0      15.0
"""
import ctypes
import numbers

import numpy as np
import pandas as pd

from . import _c_frame as F
from . import _c_model as M
from . import _inputs as I
from ._handle import Handle
from ._lib import LIB
from ._model_spec import ModelSpec, as_spec
from .calendar import Calendar
from .dates import to_timestamp
from .errors import ArgumentError, call
from .frame import _one_day, as_frame

__all__ = ["ModelSpec", "Model", "fit", "DRIVERS"]

DRIVERS = ("base", "trend", "calendar", "weather", "economy", "event", "recent")  # lf_driver
_ULONG_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_ulong)) - 1


def _calendar_for(calendar, frame, last_day):
    """A Calendar: the one given, a built-in by name over the frame's years
    and ten more, or an empty one (weekends only) over the same years."""
    if isinstance(calendar, Calendar):
        calendar._ptr()
        return calendar
    first_year = frame.start.year
    last_year = max(frame.end.year, to_timestamp(last_day).year) + 10
    if calendar is None:
        return Calendar(first_year, last_year)
    if isinstance(calendar, str):
        return Calendar(first_year, last_year, builtin=[calendar])
    raise ArgumentError(f"calendar must be a Calendar, a built-in name such as 'CN', or None, "
                        f"not {type(calendar).__name__}")


def _days(frame, first, last):
    """first..last as lf_dates, defaulting to the frame's first and last day."""
    a = _one_day(frame.start if first is None else first, "first")
    b = _one_day(frame.end if last is None else last, "last")
    return a, b


def fit(data, spec=None, *, calendar=None, first=None, last=None, **keywords):
    """Fit a model on days first..last (default: every day) of data.

    data: a Frame or a DataFrame by day holding the target and the drivers.
    spec: a ModelSpec; keywords set or override its settings.
    Errors: InputError with the C message (a column missing, with 'did you
    mean'; too few days; a driver without values), ArgumentError for a bad
    keyword.  Returns a Model (owning the C model)."""
    spec = as_spec(spec, keywords)
    frame = as_frame(data)
    a, b = _days(frame, first, last)
    cal = _calendar_for(calendar, frame, b)
    out = ctypes.POINTER(M.Model)()
    call(LIB.lf_model_fit, ctypes.byref(spec._c), frame._ptr(), cal._ptr(), a, b,
         ctypes.byref(out))
    return Model(out, cal)


class Model(Handle):
    """A fitted model (lf_model); freed by close(), ``with`` or GC.  The
    calendar it was fitted with is kept for predict and simulate."""

    def __init__(self, ptr, calendar):
        super().__init__(ptr, LIB.lf_model_free)
        self.calendar = calendar

    def _init_view(self, calendar):
        self.calendar = calendar   # a view: a Selection's model (Model.view)

    def _cal(self, frame, calendar, last_day):
        return self.calendar if calendar is None else _calendar_for(calendar, frame, last_day)

    @property
    def spec(self):
        """The ModelSpec fitted, degree-day bases resolved (a copy)."""
        return ModelSpec._from_c(LIB.lf_model_spec_of(self._ptr()).contents)

    @property
    def kind(self):
        return LIB.lf_model_kind_name(self.spec._c.kind).decode()

    @property
    def training_days(self):
        """(first, last) training days, Timestamps."""
        first, last = F.lf_date(), F.lf_date()
        LIB.lf_model_training_days(self._ptr(), ctypes.byref(first), ctypes.byref(last))
        return to_timestamp(first.value), to_timestamp(last.value)

    @property
    def info(self):
        """name, nobs, nparams, sigma, loglik, aic, aicc, bic."""
        i = LIB.lf_model_info_of(self._ptr()).contents
        return {"kind": LIB.lf_model_kind_name(i.kind).decode(), "name": i.name.decode(),
                "nobs": i.nobs, "nparams": i.nparams, "sigma": i.sigma, "loglik": i.loglik,
                "aic": i.aic, "aicc": i.aicc, "bic": i.bic}

    @property
    def params(self):
        """The named parameters (AR coefficients, ETS smoothing) as a Series."""
        n = ctypes.c_size_t()
        p = LIB.lf_model_params(self._ptr(), ctypes.byref(n))
        return pd.Series({p[k].name.decode(): p[k].value for k in range(n.value)},
                         dtype=float, name="value")

    @property
    def coefficients(self):
        """The regression's coefficients (None for other kinds): estimate,
        std_error, t, p_value, driver, dropped, note by name."""
        r = LIB.lf_model_regress(self._ptr())
        if not r:
            return None
        r = r.contents
        rows = [r.coef[k] for k in range(r.ncoef)]
        return pd.DataFrame({
            "estimate": [c.estimate for c in rows], "std_error": [c.std_error for c in rows],
            "t": [c.t for c in rows], "p_value": [c.p_value for c in rows],
            "driver": [DRIVERS[c.driver] for c in rows], "dropped": [bool(c.dropped) for c in rows],
            "note": [c.note.decode("utf-8") for c in rows]},
            index=pd.Index([c.name.decode("utf-8") for c in rows], name="name"))

    @property
    def fit_stats(self):
        """The regression's statistics (r2, adj_r2, aicc, condition, ...), or None."""
        r = LIB.lf_model_regress(self._ptr())
        if not r:
            return None
        s = r.contents.stats
        return {f: getattr(s, f) for f, _ in M.FitStats._fields_}

    def _series(self, which):
        """fitted or residuals: the regression's, or the ETS fit's (EtsFit's)."""
        r = LIB.lf_model_regress(self._ptr())
        if not r:
            fit = self.ets_fit
            return None if fit is None else getattr(fit, which)
        r = r.contents
        values = np.ctypeslib.as_array(getattr(r, which), shape=(r.nrows,)).copy()
        return pd.Series(values, index=pd.date_range(to_timestamp(r.first), periods=len(values)),
                         name=which)

    @property
    def fitted(self):
        """In-sample fitted values by day (regression and ETS; None otherwise)."""
        return self._series("fitted")

    @property
    def residuals(self):
        """In-sample residuals by day (regression and ETS; None otherwise)."""
        return self._series("residuals")

    @property
    def ets(self):
        """The ETS fit's parameters and statistics (None for other kinds)."""
        e = LIB.lf_model_ets(self._ptr())
        if not e:
            return None
        e = e.contents
        out = {"name": LIB.lf_ets_name(ctypes.byref(e.spec)).decode()}
        out.update({f: getattr(e, f) for f in ("alpha", "beta", "gamma", "phi", "level0",
                                               "trend0", "nobs", "nparams", "sse", "mse",
                                               "sigma", "loglik", "aic", "aicc", "bic",
                                               "converged", "iterations")})
        return out

    @property
    def ets_fit(self):
        """The ETS fit as an EtsFit (forecast, simulate, params, ...): a view
        that keeps this model alive and is closed with it; None for other
        kinds.

        >>> import numpy as np, pandas as pd, libforecast as lf
        >>> days = pd.date_range("2024-01-01", periods=84)
        >>> noise = np.random.default_rng(1).normal(0, 0.5, len(days))
        >>> y = pd.DataFrame({"energy_mwh": 100 + 10.0 * (days.dayofweek < 5) + noise},
        ...                  index=days)
        >>> m = lf.fit(y, kind="ets", ets={"trend": "none", "season": "additive"})
        >>> m.ets_fit.forecast(7)["mean"].round(0).tolist()   # from Monday 25 March
        [110.0, 110.0, 110.0, 110.0, 110.0, 100.0, 100.0]
        """
        from .smoothing import EtsFit   # smoothing imports model's modules
        e = LIB.lf_model_ets(self._ptr())
        if not e:
            return None
        first = self.training_days[0]
        return EtsFit.view(e, self, pd.date_range(first, periods=e.contents.nobs, freq="D"))

    @property
    def grid(self):
        """The degree-day grid search's tries (hdd, cdd, aicc), or an empty frame."""
        n = ctypes.c_size_t()
        g = LIB.lf_model_grid(self._ptr(), ctypes.byref(n))
        return pd.DataFrame({"hdd": [g[k].hdd for k in range(n.value)],
                             "cdd": [g[k].cdd for k in range(n.value)],
                             "aicc": [g[k].aicc for k in range(n.value)]})

    def predict(self, data, first=None, last=None, *, level=0.95, calendar=None):
        """Predictions for days first..last of data (default: all its days):
        a DataFrame by date of mean, lower, upper, se_fit, the contribution of
        each driver (base, trend, calendar, weather, economy, event, recent)
        and flags (LF_FLAG_* bits).  Earlier rows feed lags and smoothing."""
        frame = as_frame(data)
        a, b = _days(frame, first, last)
        cal = self._cal(frame, calendar, b)
        out = ctypes.POINTER(M.Prediction)()
        call(LIB.lf_model_predict, self._ptr(), frame._ptr(), cal._ptr(), a, b,
             I.number(level, "level"), ctypes.byref(out))
        try:
            return _prediction_frame(out.contents)
        finally:
            LIB.lf_prediction_free(out)

    def simulate(self, data, first=None, last=None, *, npaths=100, seed=1, calendar=None):
        """npaths simulated daily paths of first..last: an array npaths x days
        (filled by C in place: no copy).  The same seed gives the same paths."""
        frame = as_frame(data)
        a, b = _days(frame, first, last)
        if (isinstance(npaths, (bool, np.bool_)) or not isinstance(npaths, numbers.Integral)
                or npaths < 1):
            raise ArgumentError(f"npaths must be a positive int, not {npaths!r}")
        if (isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral)
                or not 0 <= seed <= _ULONG_MAX):
            raise ArgumentError(f"seed must be an int in 0..{_ULONG_MAX}, not {seed!r}")
        npaths, seed = int(npaths), int(seed)
        if b < a:
            raise ArgumentError("last is before first")
        cal = self._cal(frame, calendar, b)
        paths = np.empty((npaths, b - a + 1))
        call(LIB.lf_model_simulate, self._ptr(), frame._ptr(), cal._ptr(), a, b, npaths, seed,
             paths.ctypes.data_as(ctypes.POINTER(ctypes.c_double)))
        return paths

    def write_coefficients(self, path):
        """The regression's coefficients CSV (as lfc fit writes it)."""
        r = LIB.lf_model_regress(self._ptr())
        if not r:
            raise ArgumentError(f"a {self.kind} model has no coefficients")
        call(LIB.lf_regress_write_coefficients, r, I.c_path(path))

    def __repr__(self):
        if self.closed:
            return "<Model (closed)>"
        a, b = self.training_days
        return f"<Model {self.info['name']} of {self.spec.target}, {a.date()}..{b.date()}>"


def _prediction_frame(p):
    n = p.nrows

    def col(ptr):
        return np.ctypeslib.as_array(ptr, shape=(n,)).copy() if ptr else np.full(n, np.nan)

    df = pd.DataFrame({"mean": col(p.mean), "lower": col(p.lower), "upper": col(p.upper),
                       "se_fit": col(p.se_fit)},
                      index=pd.date_range(to_timestamp(p.first), periods=n, name="date"))
    if p.contrib:
        contrib = np.ctypeslib.as_array(p.contrib, shape=(n, len(DRIVERS))).copy()
        for k, d in enumerate(DRIVERS):
            df[d] = contrib[:, k]
    df["flags"] = np.ctypeslib.as_array(p.flags, shape=(n,)).copy() if p.flags else 0
    df.attrs["level"] = p.level
    return df
