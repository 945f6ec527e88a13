"""libforecast: electricity load forecasting and planning, a ctypes binding
of the C library libforecast.so (pure Python on numpy and pandas).

Each part of the C API has its module (frame, calendar, project, model,
backtest, forecast, balance, peakshift, tariff, customers, parallel); every
name a module lists in its __all__ is exported here.

>>> import libforecast as lf
>>> lf.__version__
'0.1.0'
"""
from . import _lib
from ._lib import library_path
from . import (backtest, balance, balance_demand, calendar, config, customers, dates, errors,
               forecast, frame, model, parallel, peakshift, project, tariff)

__version__ = _lib.LIB.lf_version().decode()

_MODULES = (errors, dates, config, frame, calendar, project, model, backtest, forecast,
            balance, balance_demand, peakshift, tariff, customers, parallel)

__all__ = ["__version__", "library_path"]
for _module in _MODULES:
    for _name in _module.__all__:
        globals()[_name] = getattr(_module, _name)
    __all__ += _module.__all__
del _module, _name
