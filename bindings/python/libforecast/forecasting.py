"""Forecast products (forecast.h): daily paths over weather years x
bootstrapped errors for every economic scenario, new connections (业扩)
added, summarised into months, years or days — energy, peak and load factor
at their normal-weather value, mean and quantiles — with the normal value
explained by driver; and history restated under normal weather.

forecast(energy, peak, history, ...) runs lf_forecast_run on fitted models;
forecast_from_config(cfg) makes the forecast `lfc forecast` makes, by the
same C calls in the same order.  The numbers are lfc's bit for bit when
OpenBLAS runs one thread, as lfc makes it (lfc's main() calls
openblas_set_num_threads(1); e.g. OPENBLAS_NUM_THREADS=1 in the environment
of the Python process).  With more threads OpenBLAS splits the matrix-vector
products of LAPACK's QR (dgeqrf -> dlarf -> dgemv) between them and adds the
partial sums in another order, so results move in the last bits (relative
differences around 1e-14, one digit of the 10 lfc prints now and then).

>>> import libforecast as lf
>>> with lf.Config("datasets/sample/project.yaml") as cfg:
...     run = lf.forecast_from_config(cfg)
>>> run.forecast.scenarios
['low', 'base', 'high']
>>> m = run.forecast.monthly("base")
>>> m.loc["2025-07", ["energy_mwh_p10", "energy_mwh_p50", "energy_mwh_p90"]].astype(float).round(-3).tolist()
[5127000.0, 5267000.0, 5426000.0]
"""
import ctypes
import numbers

import numpy as np
import pandas as pd

from . import _c_forecast as C
from . import _inputs as I
from ._forecast_spec import RESIDUALS, ForecastSpec, as_forecast_spec
from ._handle import Handle, Run
from ._lib import LIB, libc_free
from .dates import to_lf_date, to_timestamp
from ._c_core import LF_ERR_CONFIG
from .errors import ArgumentError, call, error_for
from .frame import _one_day, as_frame, period_kind
from .model import DRIVERS, Model, _calendar_for, fit

__all__ = ["ForecastSpec", "Forecast", "forecast", "forecast_from_config", "ForecastRun",
           "normalize_weather", "MEASURES"]

MEASURES = ("energy_mwh", "peak_mw", "load_factor")   # lf_measure
_PEAK = MEASURES.index("peak_mw")


def _model_or_null(model, what):
    if model is None:
        return None
    if not isinstance(model, Model):
        raise ArgumentError(f"{what} must be a fitted Model or None, not {type(model).__name__}")
    return model._ptr()


def forecast(energy=None, peak=None, *, history, weather=None, calendar=None, spec=None,
             first=None, last=None, months=12, **keywords):
    """Forecast days first..last from fitted energy and/or peak models.

    history: the frame the models were fitted on (its last days feed lags);
    weather: the daily weather history the scenarios are drawn from (None
    when the models read no weather); calendar: as fit's (default: the
    energy model's).  first defaults to the day after history, last to
    `months` months later.  keywords: ForecastSpec's.  Returns a Forecast."""
    if energy is None and peak is None:
        raise ArgumentError("forecast needs an energy model, a peak model or both")
    energy_ptr, peak_ptr = _model_or_null(energy, "energy"), _model_or_null(peak, "peak")
    hist = as_frame(history, "history")
    wx = None if weather is None else as_frame(weather, "weather")
    spec = as_forecast_spec(spec, keywords)
    a = _one_day(first, "first") if first is not None else to_lf_date(hist.end) + 1
    if last is not None:
        b = _one_day(last, "last")
    else:
        if isinstance(months, bool) or not isinstance(months, numbers.Integral) or months < 1:
            raise ArgumentError(f"months must be a positive int, not {months!r}")
        b = to_lf_date(to_timestamp(a) + pd.DateOffset(months=int(months))) - 1
    spec._c.first, spec._c.last = a, b
    model = energy if energy is not None else peak
    cal = model.calendar if calendar is None else _calendar_for(calendar, hist, b)
    out = ctypes.POINTER(C.Forecast)()
    call(LIB.lf_forecast_run, ctypes.byref(spec._c), energy_ptr, peak_ptr, hist._ptr(),
         None if wx is None else wx._ptr(), cal._ptr(), ctypes.byref(out))
    return Forecast(out, spec)


class Forecast(Handle):
    """A forecast (lf_forecast); freed by close(), ``with`` or GC.  What it
    returns (DataFrames, arrays) are copies."""

    def __init__(self, ptr, spec):
        super().__init__(ptr, LIB.lf_forecast_free)
        self._spec = spec   # its connections array must outlive the forecast

    @property
    def spec(self):
        return self._spec.copy()

    @property
    def scenarios(self):
        """The economic scenarios' names, in order."""
        n = LIB.lf_forecast_nscenarios(self._ptr())
        return [LIB.lf_forecast_scenario_name(self._ptr(), k).decode() for k in range(n)]

    @property
    def quantiles(self):
        return self._spec.quantiles

    @property
    def npaths(self):
        """Paths per scenario: weather scenarios x error paths."""
        return LIB.lf_forecast_npaths(self._ptr())

    @property
    def weather_years(self):
        """The historical year whose weather each weather scenario replays in
        the forecast's first year (later years take the following ones); []
        when the models read no weather."""
        w = LIB.lf_forecast_weather(self._ptr())
        if not w:
            return []
        w = w.contents
        return [LIB.lf_weather_scenario_year(ctypes.byref(w), k, w.first_year)
                for k in range(w.n)]

    @property
    def residuals(self):
        """Which residuals the bootstrap drew from: "in_sample" or
        "out_of_sample" ("auto" resolved); None when the forecast did not
        bootstrap (error "none" or "model")."""
        nseg, ndays = ctypes.c_size_t(), ctypes.c_size_t()
        r = LIB.lf_forecast_residuals(self._ptr(), ctypes.byref(nseg), ctypes.byref(ndays))
        if r == RESIDUALS.index("auto"):
            return None
        return LIB.lf_residuals_name(r).decode()

    def _scenario(self, scenario):
        names = self.scenarios
        if scenario is None:
            return 0
        if scenario not in names:
            raise ArgumentError(f"no scenario '{scenario}' (the forecast has "
                                f"{', '.join(names)})")
        return names.index(scenario)

    def _labels(self):
        labels = []
        buf = ctypes.create_string_buffer(16)
        for q in self.quantiles:
            LIB.lf_forecast_quantile_label(q, buf, len(buf))
            labels.append(buf.value.decode())
        return labels

    def periods(self, kind="month", scenario=None):
        """The periods of one scenario (default: the first), a DataFrame
        indexed by period label ("2025-07", "2025", "2025-07-01") with the
        columns of lfc forecast's CSV: first, last, days, calendar_days, then
        for energy_mwh, peak_mw and load_factor the normal value, the mean
        and each quantile (energy_mwh_p10 ...), connections_mwh,
        connections_mw, normal_peak_date."""
        n = ctypes.c_size_t()
        p = LIB.lf_forecast_periods(self._ptr(), self._scenario(scenario), period_kind(kind),
                                    ctypes.byref(n))
        rows = [p[k] for k in range(n.value)]
        data = {"first": [to_timestamp(r.first) for r in rows],
                "last": [to_timestamp(r.last) for r in rows],
                "days": [r.days for r in rows], "calendar_days": [r.calendar_days for r in rows]}
        labels = self._labels()
        for m, name in enumerate(MEASURES):
            data[f"{name}_normal"] = [r.value[m].normal for r in rows]
            data[f"{name}_mean"] = [r.value[m].mean for r in rows]
            for k, label in enumerate(labels):
                data[f"{name}_{label}"] = [r.value[m].q[k] for r in rows]
        data["connections_mwh"] = [r.energy_connections for r in rows]
        data["connections_mw"] = [r.peak_connections for r in rows]
        # the day the normal peak falls on: none without a peak model (NaN normal)
        data["normal_peak_date"] = [to_timestamp(r.normal_peak_date)
                                    if r.value[_PEAK].normal == r.value[_PEAK].normal
                                    else pd.NaT
                                    for r in rows]
        index = pd.Index([_label(r, kind) for r in rows], name="period")
        df = pd.DataFrame(data, index=index)
        df.attrs.update(scenario=self.scenarios[self._scenario(scenario)], kind=kind)
        return df

    def monthly(self, scenario=None):
        return self.periods("month", scenario)

    def yearly(self, scenario=None):
        return self.periods("year", scenario)

    def daily(self, scenario=None):
        return self.periods("day", scenario)

    def drivers(self, kind="month", scenario=None, measure="energy_mwh"):
        """The normal forecast explained (energy_mwh or peak_mw): one column
        a driver (base, trend, calendar, weather, economy, event, recent) and
        connections, summing to the normal value; by period."""
        if measure not in ("energy_mwh", "peak_mw"):
            raise ArgumentError("drivers explain energy_mwh or peak_mw")
        n = ctypes.c_size_t()
        p = LIB.lf_forecast_periods(self._ptr(), self._scenario(scenario), period_kind(kind),
                                    ctypes.byref(n))
        rows = [p[k] for k in range(n.value)]
        field = "energy" if measure == "energy_mwh" else "peak"
        data = {d: [getattr(r, f"{field}_drivers")[k] for r in rows]
                for k, d in enumerate(DRIVERS)}
        data["connections"] = [getattr(r, f"{field}_connections") for r in rows]
        return pd.DataFrame(data, index=pd.Index([_label(r, kind) for r in rows],
                                                 name="period"))

    def paths(self, measure="energy_mwh", scenario=None):
        """The daily paths of a scenario, connections included: an array
        npaths x days (a copy) — the distribution every quantile is read from."""
        if measure not in MEASURES:
            raise ArgumentError(f"measure '{measure}' is not one of {', '.join(MEASURES)}")
        npaths, ndays = ctypes.c_size_t(), ctypes.c_size_t()
        p = LIB.lf_forecast_paths(self._ptr(), self._scenario(scenario), MEASURES.index(measure),
                                  ctypes.byref(npaths), ctypes.byref(ndays))
        if not p:
            raise ArgumentError(f"the forecast has no {measure} paths (no model for it)")
        return np.ctypeslib.as_array(p, shape=(npaths.value, ndays.value)).copy()

    def to_csv(self, path, kind="month"):
        """lfc forecast's forecast_<kind>.csv (every scenario), by the C writer."""
        call(LIB.lf_forecast_write_csv, self._ptr(), period_kind(kind), I.c_path(path))

    def drivers_to_csv(self, path, kind="month"):
        """lfc forecast's forecast_drivers_<kind>.csv, by the C writer."""
        call(LIB.lf_forecast_write_drivers_csv, self._ptr(), period_kind(kind), I.c_path(path))

    def __repr__(self):
        if self.closed:
            return "<Forecast (closed)>"
        s = self._spec._c
        return (f"<Forecast {to_timestamp(s.first).date()}..{to_timestamp(s.last).date()}, "
                f"scenarios {self.scenarios}, {self.npaths} paths>")


def _label(row, kind):
    if kind == "year":
        return f"{row.year:04d}"
    if kind == "month":
        return f"{row.year:04d}-{row.month:02d}"
    return f"{row.year:04d}-{row.month:02d}-{row.day:02d}"


def normalize_weather(energy=None, peak=None, *, history, weather, calendar=None,
                      first=None, last=None, kind="month", spec=None):
    """History restated under normal weather (lf_weather_normalize): by month
    or year of first..last, actual and normalized energy and peak, and the
    weather effect (actual - normalized)."""
    if energy is None and peak is None:
        raise ArgumentError("normalize_weather needs an energy model, a peak model or both")
    energy_ptr, peak_ptr = _model_or_null(energy, "energy"), _model_or_null(peak, "peak")
    hist, wx = as_frame(history, "history"), as_frame(weather, "weather")
    spec = as_forecast_spec(spec, {})
    a = _one_day(hist.start if first is None else first, "first")
    b = _one_day(hist.end if last is None else last, "last")
    model = energy if energy is not None else peak
    cal = model.calendar if calendar is None else _calendar_for(calendar, hist, b)
    out = ctypes.POINTER(C.NormalizedPeriod)()
    n = ctypes.c_size_t()
    call(LIB.lf_weather_normalize, ctypes.byref(spec._c.weather), energy_ptr, peak_ptr,
         hist._ptr(), wx._ptr(), cal._ptr(), a, b, period_kind(kind), ctypes.byref(out),
         ctypes.byref(n))
    try:
        df = _normalized_frame([out[k] for k in range(n.value)], kind)  # rows view out
    finally:
        libc_free(out)
    df["weather_effect_mwh"] = df["actual_energy_mwh"] - df["normalized_energy_mwh"]
    df["weather_effect_mw"] = df["actual_peak_mw"] - df["normalized_peak_mw"]
    return df


def _normalized_frame(rows, kind):
    return pd.DataFrame({
        "days": [r.days for r in rows], "days_missing": [r.days_missing for r in rows],
        "actual_energy_mwh": [r.actual_energy_mwh for r in rows],
        "normalized_energy_mwh": [r.normalized_energy_mwh for r in rows],
        "actual_peak_mw": [r.actual_peak_mw for r in rows],
        "normalized_peak_mw": [r.normalized_peak_mw for r in rows]},
        index=pd.Index([f"{r.year:04d}" if kind == "year" else f"{r.year:04d}-{r.month:02d}"
                        for r in rows], name="period"))


class ForecastRun(Run):
    """What forecast_from_config makes: .forecast, .energy and .peak models
    (None when the config fits none), .normalized {"month": df, "year": df}
    (None when the models read no weather), .project, and the days."""

    CLOSES = ("forecast", "energy", "peak")


def forecast_from_config(config, *, project=None, seed=None):
    """The forecast of the config's forecast section, as lfc forecast makes
    it: the forecast days (first: the day after the load data, unless
    given; last: `months` later), the energy and peak models fitted on the
    history before them (from model.train.first when given), the forecast
    of every scenario, and the history normalized to normal weather.  seed
    overrides the section's (lfc forecast --seed).  config: a Config or a
    config file's path.  The same numbers as lfc with one BLAS thread (see
    the module's doc)."""
    from .config import Config
    from .project import Project
    if not isinstance(config, Config):
        config = Config(config)
    section = LIB.lf_config_forecast_section(config._ptr()).contents
    project = Project(config) if project is None else project
    daily = project.daily
    if daily is None:
        raise error_for(LF_ERR_CONFIG, f"{config.path}: a forecast needs 'load' data")
    spec = ForecastSpec._from_c(section.spec)
    if seed is not None:
        spec.update(seed=seed)
    first = section.first if section.has_first else to_lf_date(daily.end) + 1
    last = (section.last if section.has_last else
            to_lf_date(to_timestamp(first) + pd.DateOffset(months=section.months)) - 1)
    train_first, train_last = _training_days(config, daily, first)
    cal = project.calendar
    from ._model_spec import ModelSpec
    energy = (fit(daily, ModelSpec._from_c(section.energy), calendar=cal, first=train_first,
                  last=train_last) if section.has_energy else None)
    peak = (fit(daily, ModelSpec._from_c(section.peak), calendar=cal, first=train_first,
                last=train_last) if section.has_peak else None)
    fc = forecast(energy, peak, history=daily, weather=project.weather, spec=spec,
                  first=to_timestamp(first), last=to_timestamp(last), calendar=cal)
    normalized = None
    if LIB.lf_forecast_weather(fc._ptr()):
        a = section.normalize_first if section.has_normalize else train_first
        b = section.normalize_last if section.has_normalize else train_last
        normalized = {k: normalize_weather(energy, peak, history=daily, weather=project.weather,
                                           calendar=cal, first=to_timestamp(a),
                                           last=to_timestamp(b), kind=k, spec=spec)
                      for k in ("month", "year")}
    return ForecastRun(forecast=fc, energy=energy, peak=peak, normalized=normalized,
                       project=project, first=to_timestamp(first), last=to_timestamp(last),
                       train_first=to_timestamp(train_first), train_last=to_timestamp(train_last))


def _training_days(config, daily, first):
    section = LIB.lf_config_model_section(config._ptr())
    train_first = (section.contents.train_first if section and section.contents.has_train
                   else to_lf_date(daily.start))
    train_last = first - 1
    # as forecast_run.c: the last training day must be a day of the load data
    if (train_last <= train_first or train_last > to_lf_date(daily.end)
            or train_last < to_lf_date(daily.start)):
        raise error_for(LF_ERR_CONFIG, f"{config.path}: the forecast starts on "
                        f"{to_timestamp(first).date()}, which leaves no history to fit on "
                        "inside the load data")
    return train_first, train_last
