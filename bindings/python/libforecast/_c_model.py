"""The C interface of features.h, regress.h, ets.h and model.h: model specs,
fitting, prediction and simulation (see _c_core for what a _c_ module
declares)."""
import ctypes
from ctypes import (POINTER, c_char, c_char_p, c_double, c_int, c_size_t, c_uint, c_ulong,
                    c_void_p)

from ._c_core import ConfigHead, Error, lf_date
from ._c_frame import Calendar, Frame

LF_FEATURE_MAX = 16
LF_FEATURE_NAME_MAX = 48
LF_HOLIDAY_NAME_MAX = 48
LF_DESIGN_NAME_MAX = 64
LF_DRIVER_COUNT = 7
LF_AR_MAX = 14

lf_model_kind = c_int
lf_fit_method = c_int
lf_collinear_policy = c_int
lf_ets_trend = c_int
lf_ets_season = c_int
lf_event_kind = c_int
lf_driver = c_int


class HolidayWindow(ctypes.Structure):
    """lf_holiday_window: days before and after a named holiday."""
    _fields_ = [("holiday", c_char * LF_HOLIDAY_NAME_MAX), ("before", c_int), ("after", c_int)]


class TemperatureSpec(ctypes.Structure):
    """lf_temperature_spec: the temperature terms of a regression."""
    _fields_ = [("column", c_char * LF_FEATURE_NAME_MAX), ("polynomial", c_int),
                ("nhdd", c_size_t), ("ncdd", c_size_t), ("nknots", c_size_t),
                ("hdd", c_double * LF_FEATURE_MAX), ("cdd", c_double * LF_FEATURE_MAX),
                ("knots", c_double * LF_FEATURE_MAX),
                ("auto_hdd", c_int), ("auto_cdd", c_int),
                ("grid_from", c_double), ("grid_to", c_double), ("grid_step", c_double),
                ("grid_coarse", c_double),
                ("by_month", c_int), ("by_day_type", c_int),
                ("nlags", c_size_t), ("nsmooth", c_size_t),
                ("lags", c_int * LF_FEATURE_MAX), ("smooth", c_double * LF_FEATURE_MAX)]


class EconomyTerm(ctypes.Structure):
    """lf_economy_term: an economic driver, optionally logged."""
    _fields_ = [("column", c_char * LF_FEATURE_NAME_MAX), ("log", c_int)]


class EventSpec(ctypes.Structure):
    """lf_event_spec: a step or ramp event column."""
    _fields_ = [("name", c_char * LF_FEATURE_NAME_MAX), ("kind", lf_event_kind),
                ("start", lf_date), ("end", lf_date)]


class FeatureSpec(ctypes.Structure):
    """lf_feature_spec: the regression's terms."""
    _fields_ = [("intercept", c_int), ("trend", c_int), ("trend_damping", c_double),
                ("day_of_week", c_int), ("month", c_int), ("holiday", c_int),
                ("bridge_day", c_int), ("makeup_workday", c_int),
                ("nwindows", c_size_t), ("windows", HolidayWindow * LF_FEATURE_MAX),
                ("fourier", c_int), ("temperature", TemperatureSpec),
                ("humidity", c_char * LF_FEATURE_NAME_MAX),
                ("neconomy", c_size_t), ("economy", EconomyTerm * LF_FEATURE_MAX),
                ("nevents", c_size_t), ("events", EventSpec * LF_FEATURE_MAX)]


class RegressOptions(ctypes.Structure):
    """lf_regress_options: OLS, WLS or ridge, and the collinearity policy."""
    _fields_ = [("method", lf_fit_method), ("ridge_lambda", c_double),
                ("collinear", lf_collinear_policy), ("rank_tol", c_double)]


class EtsSpec(ctypes.Structure):
    """lf_ets_spec: ETS trend, season and period."""
    _fields_ = [("trend", lf_ets_trend), ("season", lf_ets_season), ("period", c_int)]


class ModelSpec(ctypes.Structure):
    """lf_model_spec: any daily model (no pointers: copied by value)."""
    _fields_ = [("kind", lf_model_kind), ("target", c_char * LF_FEATURE_NAME_MAX),
                ("features", FeatureSpec), ("fit", RegressOptions),
                ("weight_column", c_char * LF_FEATURE_NAME_MAX), ("halflife_days", c_double),
                ("ar_order", c_int), ("ar_max", c_int), ("season_lag", c_int),
                ("ets", EtsSpec)]


class ModelInfo(ctypes.Structure):
    """lf_model_info: a fitted model's summary."""
    _fields_ = [("kind", lf_model_kind), ("name", c_char * 64), ("nobs", c_size_t),
                ("nparams", c_double), ("sigma", c_double), ("loglik", c_double),
                ("aic", c_double), ("aicc", c_double), ("bic", c_double)]


class Param(ctypes.Structure):
    """lf_param: a named parameter."""
    _fields_ = [("name", c_char * 64), ("value", c_double)]


class GridTry(ctypes.Structure):
    """lf_grid_try: one try of the degree-day grid search."""
    _fields_ = [("hdd", c_double), ("cdd", c_double), ("aicc", c_double)]


class Coef(ctypes.Structure):
    """lf_coef: one regression coefficient."""
    _fields_ = [("name", c_char * LF_DESIGN_NAME_MAX), ("driver", lf_driver), ("dropped", c_int),
                ("estimate", c_double), ("std_error", c_double), ("t", c_double),
                ("p_value", c_double), ("note", c_char * 160)]


class FitStats(ctypes.Structure):
    """lf_fit_stats: a regression's fit statistics."""
    _fields_ = [("nobs", c_size_t), ("nobs_missing_target", c_size_t),
                ("nobs_missing_input", c_size_t), ("nparams", c_size_t), ("ndropped", c_size_t),
                ("df_model", c_double), ("df_resid", c_double),
                ("ssr", c_double), ("tss", c_double), ("sigma", c_double), ("r2", c_double),
                ("adj_r2", c_double), ("loglik", c_double), ("aic", c_double),
                ("aicc", c_double), ("bic", c_double), ("condition", c_double)]


class Regress(ctypes.Structure):
    """lf_regress: a fitted regression (read through lf_model_regress)."""
    _fields_ = [("method", lf_fit_method), ("ridge_lambda", c_double), ("ncoef", c_size_t),
                ("coef", POINTER(Coef)), ("stats", FitStats), ("nrows", c_size_t),
                ("first", lf_date), ("fitted", POINTER(c_double)),
                ("residuals", POINTER(c_double)), ("weights", POINTER(c_double)),
                ("priv_", c_void_p)]


class Ets(ctypes.Structure):
    """lf_ets: a fitted exponential smoothing (read through lf_model_ets)."""
    _fields_ = [("spec", EtsSpec), ("alpha", c_double), ("beta", c_double),
                ("gamma", c_double), ("phi", c_double), ("level0", c_double),
                ("trend0", c_double), ("season0", POINTER(c_double)), ("nobs", c_size_t),
                ("nparams", c_size_t), ("sse", c_double), ("mse", c_double),
                ("sigma", c_double), ("loglik", c_double), ("aic", c_double),
                ("aicc", c_double), ("bic", c_double), ("fitted", POINTER(c_double)),
                ("residuals", POINTER(c_double)), ("converged", c_int),
                ("iterations", c_size_t), ("priv_", c_void_p)]


class Prediction(ctypes.Structure):
    """lf_prediction: predictions with intervals and contributions by driver."""
    _fields_ = [("nrows", c_size_t), ("first", lf_date), ("level", c_double),
                ("mean", POINTER(c_double)), ("lower", POINTER(c_double)),
                ("upper", POINTER(c_double)), ("se_fit", POINTER(c_double)),
                ("contrib", POINTER(c_double)), ("flags", POINTER(c_uint))]


class ConfigModel(ctypes.Structure):
    """lf_config_model: the config's model section."""
    _fields_ = [("spec", ModelSpec), ("has_train", c_int), ("train_first", lf_date),
                ("train_last", lf_date), ("has_test", c_int), ("test_first", lf_date),
                ("test_last", lf_date), ("level", c_double)]


class Model(ctypes.Structure):
    """lf_model (opaque)."""


MIRRORS = [
    ("lf_holiday_window", HolidayWindow, "full"),
    ("lf_temperature_spec", TemperatureSpec, "full"),
    ("lf_economy_term", EconomyTerm, "full"),
    ("lf_event_spec", EventSpec, "full"),
    ("lf_feature_spec", FeatureSpec, "full"),
    ("lf_regress_options", RegressOptions, "full"),
    ("lf_ets_spec", EtsSpec, "full"),
    ("lf_model_spec", ModelSpec, "full"),
    ("lf_model_info", ModelInfo, "full"),
    ("lf_param", Param, "full"),
    ("lf_grid_try", GridTry, "full"),
    ("lf_coef", Coef, "full"),
    ("lf_fit_stats", FitStats, "full"),
    ("lf_regress", Regress, "full"),
    ("lf_ets", Ets, "full"),
    ("lf_prediction", Prediction, "full"),
    ("lf_config_model", ConfigModel, "full"),
]
OPAQUE = [("lf_model", Model)]
SCALARS = {"lf_model_kind": lf_model_kind, "lf_fit_method": lf_fit_method,
           "lf_collinear_policy": lf_collinear_policy, "lf_ets_trend": lf_ets_trend,
           "lf_ets_season": lf_ets_season, "lf_event_kind": lf_event_kind,
           "lf_driver": lf_driver}

_err = POINTER(Error)
_model = POINTER(Model)
_frame = POINTER(Frame)
_cal = POINTER(Calendar)

FUNCTIONS = {
    "lf_model_kind_name": (c_char_p, [lf_model_kind]),
    "lf_model_spec_init": (None, [POINTER(ModelSpec)]),
    "lf_model_fit": (c_int, [POINTER(ModelSpec), _frame, _cal, lf_date, lf_date,
                             POINTER(_model), _err]),
    "lf_model_free": (None, [_model]),
    "lf_model_predict": (c_int, [_model, _frame, _cal, lf_date, lf_date, c_double,
                                 POINTER(POINTER(Prediction)), _err]),
    "lf_prediction_free": (None, [POINTER(Prediction)]),
    "lf_model_spec_of": (POINTER(ModelSpec), [_model]),
    "lf_model_training_days": (None, [_model, POINTER(lf_date), POINTER(lf_date)]),
    "lf_model_regress": (POINTER(Regress), [_model]),
    "lf_model_ets": (POINTER(Ets), [_model]),
    "lf_model_info_of": (POINTER(ModelInfo), [_model]),
    "lf_model_params": (POINTER(Param), [_model, POINTER(c_size_t)]),
    "lf_model_simulate": (c_int, [_model, _frame, _cal, lf_date, lf_date, c_size_t, c_ulong,
                                  POINTER(c_double), _err]),
    "lf_model_grid": (POINTER(GridTry), [_model, POINTER(c_size_t)]),
    "lf_regress_write_coefficients": (c_int, [POINTER(Regress), c_char_p, _err]),
    "lf_ets_name": (c_char_p, [POINTER(EtsSpec)]),
    "lf_config_model_section": (POINTER(ConfigModel), [POINTER(ConfigHead)]),
}
