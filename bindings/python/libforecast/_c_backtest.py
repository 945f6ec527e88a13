"""The C interface of metrics.h and backtest.h: accuracy measures, rolling-
origin backtests of named candidate models and the automatic choice among
them, and the config's candidates, selection and backtest sections (see
_c_core for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_long, c_size_t

from ._c_core import LF_ERROR_MESSAGE_MAX, ConfigHead, Error, lf_date
from ._c_frame import Calendar, Frame, lf_period_kind
from ._c_model import Model, ModelSpec

LF_CANDIDATE_NAME_MAX = 48
LF_BACKTEST_MAX_ORIGINS = 100
LF_BACKTEST_MAX_DAYS = 3660
LF_BACKTEST_POOLED = -1   # (size_t)-1: pass as c_size_t(LF_BACKTEST_POOLED)
LF_SCALE_DAILY, LF_SCALE_MONTHLY, LF_SCALE_YEARLY = 0, 1, 2
LF_SCALE_COUNT = 3
LF_SELECT_CV, LF_SELECT_AICC = 0, 1
(LF_METRIC_MAPE, LF_METRIC_RMSE, LF_METRIC_MAE, LF_METRIC_SMAPE, LF_METRIC_MASE,
 LF_METRIC_PINBALL) = range(6)
LF_METRIC_COUNT = 6
LF_AGG_SUM, LF_AGG_MAX = 0, 1

lf_agg_stat = c_int
lf_backtest_scale = c_int
lf_select_by = c_int
lf_select_metric = c_int


class Accuracy(ctypes.Structure):
    """lf_accuracy: point and interval measures of n forecast/actual pairs."""
    _fields_ = [("n", c_size_t), ("n_mape", c_size_t), ("n_interval", c_size_t),
                ("mae", c_double), ("rmse", c_double), ("mape", c_double), ("smape", c_double),
                ("mase", c_double), ("bias", c_double), ("bias_pct", c_double),
                ("pinball", c_double), ("coverage", c_double), ("winkler", c_double)]


class Candidate(ctypes.Structure):
    """lf_candidate: a model spec with a name (no pointers: copied by value)."""
    _fields_ = [("name", c_char * LF_CANDIDATE_NAME_MAX), ("spec", ModelSpec)]


class BacktestSpec(ctypes.Structure):
    """lf_backtest_spec: origins, horizon, step, interval level, aggregation."""
    _fields_ = [("origins", c_int), ("horizon", c_int), ("step", c_int), ("level", c_double),
                ("agg", lf_agg_stat), ("min_train_days", c_int)]


class SelectSpec(ctypes.Structure):
    """lf_select_spec: by CV (metric, cv backtest) or by AICc."""
    _fields_ = [("by", lf_select_by), ("metric", lf_select_metric), ("cv", BacktestSpec)]


class Backtest(ctypes.Structure):
    """lf_backtest: a backtest's forecasts, times, statuses and accuracy."""
    _fields_ = [("spec", BacktestSpec), ("nmodels", c_size_t), ("norigins", c_size_t),
                ("horizon", c_size_t), ("names", POINTER(c_char * LF_CANDIDATE_NAME_MAX)),
                ("starts", POINTER(lf_date)), ("actual", POINTER(c_double)),
                ("mean", POINTER(c_double)), ("lower", POINTER(c_double)),
                ("upper", POINTER(c_double)), ("seconds", POINTER(c_double)),
                ("status", POINTER(c_int)), ("notes", POINTER(c_char * LF_ERROR_MESSAGE_MAX)),
                ("accuracy", POINTER(Accuracy))]


class Selection(ctypes.Structure):
    """lf_selection: the scores, the chosen candidate and its fitted model."""
    _fields_ = [("spec", SelectSpec), ("ncandidates", c_size_t), ("chosen", c_size_t),
                ("score", POINTER(c_double)), ("aicc", POINTER(c_double)),
                ("cv", POINTER(Backtest)), ("model", POINTER(Model))]


class ConfigBacktest(ctypes.Structure):
    """lf_config_backtest: the config's backtest section."""
    _fields_ = [("spec", BacktestSpec), ("has_first", c_int), ("first", lf_date),
                ("has_last", c_int), ("last", lf_date), ("has_agg", c_int)]


MIRRORS = [
    ("lf_accuracy", Accuracy, "full"),
    ("lf_candidate", Candidate, "full"),
    ("lf_backtest_spec", BacktestSpec, "full"),
    ("lf_select_spec", SelectSpec, "full"),
    ("lf_backtest", Backtest, "full"),
    ("lf_selection", Selection, "full"),
    ("lf_config_backtest", ConfigBacktest, "full"),
]
OPAQUE = []
SCALARS = {"lf_agg_stat": lf_agg_stat, "lf_backtest_scale": lf_backtest_scale,
           "lf_select_by": lf_select_by, "lf_select_metric": lf_select_metric}

_err = POINTER(Error)
_bt = POINTER(Backtest)
_sel = POINTER(Selection)
_cand = POINTER(Candidate)
_doubles = POINTER(c_double)

FUNCTIONS = {
    # metrics.h
    "lf_accuracy_compute": (c_int, [_doubles, _doubles, _doubles, _doubles, c_size_t, c_double,
                                    c_double, POINTER(Accuracy), _err]),
    "lf_mase_scale": (c_int, [_doubles, c_size_t, c_int, _doubles, _err]),
    "lf_accuracy_aggregate": (c_int, [lf_date, c_size_t, _doubles, _doubles, lf_period_kind,
                                      lf_agg_stat, POINTER(POINTER(lf_date)),
                                      POINTER(_doubles), POINTER(_doubles), POINTER(c_size_t),
                                      _err]),
    # backtest.h
    "lf_backtest_spec_init": (None, [POINTER(BacktestSpec)]),
    "lf_backtest_scale_name": (c_char_p, [lf_backtest_scale]),
    "lf_select_metric_name": (c_char_p, [lf_select_metric]),
    "lf_select_spec_init": (None, [POINTER(SelectSpec)]),
    "lf_backtest_run": (c_int, [_cand, c_size_t, POINTER(SelectSpec), POINTER(BacktestSpec),
                                POINTER(Frame), POINTER(Calendar), lf_date, lf_date,
                                POINTER(_bt), _err]),
    "lf_backtest_free": (None, [_bt]),
    "lf_backtest_accuracy": (POINTER(Accuracy), [_bt, c_size_t, c_size_t, lf_backtest_scale]),
    "lf_backtest_model_index": (c_long, [_bt, c_char_p]),
    "lf_backtest_write_forecasts": (c_int, [_bt, c_char_p, _err]),
    "lf_backtest_write_accuracy": (c_int, [_bt, c_char_p, _err]),
    "lf_backtest_write_timing": (c_int, [_bt, c_char_p, _err]),
    "lf_select": (c_int, [_cand, c_size_t, POINTER(SelectSpec), POINTER(Frame),
                          POINTER(Calendar), lf_date, lf_date, POINTER(_sel), _err]),
    "lf_selection_free": (None, [_sel]),
    "lf_selection_write": (c_int, [_sel, _cand, c_char_p, _err]),
    # config.h
    "lf_config_candidates": (_cand, [POINTER(ConfigHead), POINTER(c_size_t)]),
    "lf_config_selection_section": (POINTER(SelectSpec), [POINTER(ConfigHead)]),
    "lf_config_backtest_section": (POINTER(ConfigBacktest), [POINTER(ConfigHead)]),
}
