"""libforecast: electricity load forecasting and planning, a ctypes binding
of the C library libforecast.so (pure Python on numpy and pandas).

This increment covers the library's loading, its errors, dates, the project
config (Config) and the monthly energy balance plan (balance_plan).

>>> import libforecast as lf
>>> lf.__version__
'0.1.0'
"""
from . import _lib
from ._lib import library_path
from .balance import BalancePlan, balance_plan
from .balance_demand import daily_from_csv, demand_from_csv
from .config import Config
from .dates import to_date, to_datetime64, to_lf_date, to_month, to_timestamp
from .errors import (ArgumentError, ClosedError, InfeasiblePlanError, InputError,
                     LibforecastError, LibIOError, OutOfMemoryError, SolverError)

__version__ = _lib.LIB.lf_version().decode()

__all__ = [
    "__version__", "library_path",
    "LibforecastError", "InputError", "ArgumentError", "ClosedError", "LibIOError",
    "SolverError", "OutOfMemoryError", "InfeasiblePlanError",
    "to_lf_date", "to_date", "to_datetime64", "to_timestamp", "to_month",
    "Config",
    "balance_plan", "BalancePlan", "demand_from_csv", "daily_from_csv",
]
