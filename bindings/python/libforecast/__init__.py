"""libforecast: electricity load forecasting and planning, a ctypes binding
of the C library libforecast.so (pure Python on numpy and pandas).

Each part of the C API has its module (frame, calendar, ingest, project, model,
decompose, smoothing, backtesting, forecasting, balance, peakshifting, tariff,
customers, parallel, blas); every name a module lists in its __all__ is
exported here.

>>> import libforecast as lf
>>> lf.__version__
'0.1.0'
"""
from . import _lib
from ._lib import library_path
from . import (backtesting, balance, balance_demand, blas, calendar, config, customers, dates,
               decompose, errors, forecasting, frame, ingest, model, parallel, peakshifting,
               project, smoothing, tariff)

__version__ = _lib.LIB.lf_version().decode()

_MODULES = (errors, dates, config, frame, calendar, ingest, project, model, decompose,
            smoothing, backtesting, forecasting, balance, balance_demand, peakshifting, tariff,
            customers, parallel, blas)

__all__ = ["__version__", "library_path"]
for _module in _MODULES:
    for _name in _module.__all__:
        if _name in __all__:   # two modules exporting one name: one would hide the other
            raise ImportError(f"libforecast: {_module.__name__} exports {_name}, which another "
                              "module exports too")
        globals()[_name] = getattr(_module, _name)
    __all__ += _module.__all__
del _module, _name
