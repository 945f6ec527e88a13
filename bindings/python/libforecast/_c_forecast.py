"""The C interface of scenario.h and forecast.h: weather and economic
scenarios, new connections, forecast products and weather normalization (see
_c_core for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_size_t, c_ulong

from ._c_core import LF_SCENARIO_NAME_MAX, ConfigHead, Error, lf_date
from ._c_frame import Calendar, Frame, lf_period_kind
from ._c_model import LF_DRIVER_COUNT, LF_FEATURE_NAME_MAX, Model, ModelSpec

LF_QUANTILE_MAX = 19
LF_SCENARIO_MAX = 8
LF_ECONOMY_YEARS = 16
LF_ECONOMY_PATHS = 8
LF_CONNECTION_NAME_MAX = 64
LF_MEASURE_COUNT = 3

lf_normal_kind = c_int
lf_path_error = c_int
lf_residuals = c_int
lf_measure = c_int


class WeatherSpec(ctypes.Structure):
    """lf_weather_spec: which historical years make the weather scenarios."""
    _fields_ = [("first_year", c_int), ("last_year", c_int), ("shift_days", c_int),
                ("normal", lf_normal_kind), ("normal_years", c_int), ("normal_window", c_int)]


class WeatherScenarios(ctypes.Structure):
    """lf_weather_scenarios: the source years of each weather scenario."""
    _fields_ = [("n", c_size_t), ("nsource", c_size_t), ("source_years", POINTER(c_int)),
                ("first_year", c_int), ("start", POINTER(c_int)), ("shift", POINTER(c_int))]


class EconomyPath(ctypes.Structure):
    """lf_economy_path: an indicator's future by growth rates or values."""
    _fields_ = [("column", c_char * LF_FEATURE_NAME_MAX), ("ngrowth", c_size_t),
                ("growth", c_double * LF_ECONOMY_YEARS), ("nvalues", c_size_t),
                ("value_years", c_int * LF_ECONOMY_YEARS),
                ("values", c_double * LF_ECONOMY_YEARS)]


class EconomyScenario(ctypes.Structure):
    """lf_economy_scenario: a named set of indicator paths."""
    _fields_ = [("name", c_char * LF_SCENARIO_NAME_MAX), ("npaths", c_size_t),
                ("paths", EconomyPath * LF_ECONOMY_PATHS)]


class Connection(ctypes.Structure):
    """lf_connection: a new connection (业扩) ramping up."""
    _fields_ = [("name", c_char * LF_CONNECTION_NAME_MAX), ("start", lf_date), ("end", lf_date),
                ("capacity_mw", c_double), ("ramp_months", c_int), ("load_factor", c_double),
                ("annual_mwh", c_double), ("coincidence", c_double)]


class ForecastSpec(ctypes.Structure):
    """lf_forecast_spec: days, quantiles, scenarios and paths of a forecast."""
    _fields_ = [("first", lf_date), ("last", lf_date), ("nquantiles", c_size_t),
                ("quantiles", c_double * LF_QUANTILE_MAX), ("weather", WeatherSpec),
                ("error", lf_path_error), ("paths_per_weather", c_size_t),
                ("block_days", c_int), ("residuals", lf_residuals),
                ("origin_min_days", c_int), ("origin_step_days", c_int), ("seed", c_ulong),
                ("nscenarios", c_size_t), ("scenarios", EconomyScenario * LF_SCENARIO_MAX),
                ("nconnections", c_size_t), ("connections", POINTER(Connection))]


class ForecastValue(ctypes.Structure):
    """lf_forecast_value: a measure's normal, mean and quantiles."""
    _fields_ = [("normal", c_double), ("mean", c_double), ("q", c_double * LF_QUANTILE_MAX)]


class ForecastPeriod(ctypes.Structure):
    """lf_forecast_period: one month, year or day of a forecast."""
    _fields_ = [("year", c_int), ("month", c_int), ("day", c_int), ("first", lf_date),
                ("last", lf_date), ("days", c_int), ("calendar_days", c_int),
                ("value", ForecastValue * LF_MEASURE_COUNT),
                ("energy_drivers", c_double * LF_DRIVER_COUNT),
                ("energy_connections", c_double),
                ("peak_drivers", c_double * LF_DRIVER_COUNT), ("peak_connections", c_double),
                ("normal_peak_date", lf_date)]


class NormalizedPeriod(ctypes.Structure):
    """lf_normalized_period: history restated under normal weather."""
    _fields_ = [("year", c_int), ("month", c_int), ("first", lf_date), ("last", lf_date),
                ("days", c_int), ("days_missing", c_int),
                ("actual_energy_mwh", c_double), ("normalized_energy_mwh", c_double),
                ("actual_peak_mw", c_double), ("normalized_peak_mw", c_double)]


class ConfigForecast(ctypes.Structure):
    """lf_config_forecast: the config's forecast section."""
    _fields_ = [("has_first", c_int), ("has_last", c_int), ("first", lf_date),
                ("last", lf_date), ("months", c_int), ("has_energy", c_int),
                ("has_peak", c_int), ("energy", ModelSpec), ("peak", ModelSpec),
                ("spec", ForecastSpec), ("has_normalize", c_int),
                ("normalize_first", lf_date), ("normalize_last", lf_date)]


class Forecast(ctypes.Structure):
    """lf_forecast (opaque)."""


MIRRORS = [
    ("lf_weather_spec", WeatherSpec, "full"),
    ("lf_weather_scenarios", WeatherScenarios, "full"),
    ("lf_economy_path", EconomyPath, "full"),
    ("lf_economy_scenario", EconomyScenario, "full"),
    ("lf_connection", Connection, "full"),
    ("lf_forecast_spec", ForecastSpec, "full"),
    ("lf_forecast_value", ForecastValue, "full"),
    ("lf_forecast_period", ForecastPeriod, "full"),
    ("lf_normalized_period", NormalizedPeriod, "full"),
    ("lf_config_forecast", ConfigForecast, "full"),
]
OPAQUE = [("lf_forecast", Forecast)]
SCALARS = {"lf_normal_kind": lf_normal_kind, "lf_path_error": lf_path_error,
           "lf_residuals": lf_residuals, "lf_measure": lf_measure}

_err = POINTER(Error)
_fc = POINTER(Forecast)
_model = POINTER(Model)
_frame = POINTER(Frame)

FUNCTIONS = {
    "lf_forecast_spec_init": (None, [POINTER(ForecastSpec)]),
    "lf_connection_init": (None, [POINTER(Connection)]),
    "lf_forecast_run": (c_int, [POINTER(ForecastSpec), _model, _model, _frame, _frame,
                                POINTER(Calendar), POINTER(_fc), _err]),
    "lf_forecast_free": (None, [_fc]),
    "lf_forecast_nscenarios": (c_size_t, [_fc]),
    "lf_forecast_scenario_name": (c_char_p, [_fc, c_size_t]),
    "lf_forecast_npaths": (c_size_t, [_fc]),
    "lf_forecast_weather": (POINTER(WeatherScenarios), [_fc]),
    "lf_weather_scenario_year": (c_int, [POINTER(WeatherScenarios), c_size_t, c_int]),
    "lf_forecast_residuals": (lf_residuals, [_fc, POINTER(c_size_t), POINTER(c_size_t)]),
    "lf_residuals_name": (c_char_p, [lf_residuals]),
    "lf_forecast_periods": (POINTER(ForecastPeriod), [_fc, c_size_t, lf_period_kind,
                                                      POINTER(c_size_t)]),
    "lf_forecast_paths": (POINTER(c_double), [_fc, c_size_t, lf_measure, POINTER(c_size_t),
                                              POINTER(c_size_t)]),
    "lf_forecast_quantile_label": (None, [c_double, c_char_p, c_size_t]),
    "lf_forecast_write_csv": (c_int, [_fc, lf_period_kind, c_char_p, _err]),
    "lf_forecast_write_drivers_csv": (c_int, [_fc, lf_period_kind, c_char_p, _err]),
    "lf_weather_normalize": (c_int, [POINTER(WeatherSpec), _model, _model, _frame, _frame,
                                     POINTER(Calendar), lf_date, lf_date, lf_period_kind,
                                     POINTER(POINTER(NormalizedPeriod)), POINTER(c_size_t),
                                     _err]),
    "lf_config_forecast_section": (POINTER(ConfigForecast), [POINTER(ConfigHead)]),
}
