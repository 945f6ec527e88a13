"""The C interface of stl.h: STL and MSTL seasonal decomposition and the
seasonally adjusted series (see _c_core for what a _c_ module declares)."""
import ctypes
from ctypes import POINTER, c_double, c_int, c_size_t

from ._c_core import Error

LF_STL_AUTO = -1
LF_STL_PERIODIC = -2
LF_MSTL_MAX_PERIODS = 4

lf_stl_defaults = c_int  # LF_STL_STATSMODELS = 0, LF_STL_R = 1


class StlSpec(ctypes.Structure):
    """lf_stl_spec: the period, the windows, degrees and jumps of the three
    smooths, the iterations and whose rules fill the automatic fields."""
    _fields_ = [("period", c_int), ("seasonal", c_int), ("trend", c_int), ("low_pass", c_int),
                ("seasonal_deg", c_int), ("trend_deg", c_int), ("low_pass_deg", c_int),
                ("seasonal_jump", c_int), ("trend_jump", c_int), ("low_pass_jump", c_int),
                ("robust", c_int), ("inner", c_int), ("outer", c_int),
                ("defaults", lf_stl_defaults)]


class MstlSpec(ctypes.Structure):
    """lf_mstl_spec: up to LF_MSTL_MAX_PERIODS periods with their seasonal
    windows, the iterations and the STL settings of every fit."""
    _fields_ = [("nperiods", c_int), ("periods", c_int * LF_MSTL_MAX_PERIODS),
                ("seasonal", c_int * LF_MSTL_MAX_PERIODS), ("iterations", c_int),
                ("stl", StlSpec)]


MIRRORS = [
    ("lf_stl_spec", StlSpec, "full"),
    ("lf_mstl_spec", MstlSpec, "full"),
]
OPAQUE = []
SCALARS = {"lf_stl_defaults": lf_stl_defaults}

_err = POINTER(Error)
_doubles = POINTER(c_double)

FUNCTIONS = {
    "lf_stl_spec_init": (None, [POINTER(StlSpec), c_int]),
    "lf_stl_spec_resolve": (c_int, [POINTER(StlSpec), c_size_t, POINTER(StlSpec), _err]),
    "lf_stl": (c_int, [POINTER(StlSpec), _doubles, c_size_t, _doubles, _doubles, _doubles,
                       _doubles, _err]),
    "lf_mstl_spec_init": (None, [POINTER(MstlSpec), c_int, POINTER(c_int)]),
    "lf_mstl": (c_int, [POINTER(MstlSpec), _doubles, c_size_t, _doubles, _doubles, _doubles,
                        POINTER(c_int), _err]),
    "lf_stl_adjust": (c_int, [_doubles, c_size_t, _doubles, c_size_t, _doubles, _err]),
}
