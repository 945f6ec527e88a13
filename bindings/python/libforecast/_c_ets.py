"""The C interface of ets.h on a plain series: fit, smooth at given
parameters, log-likelihood, forecast and simulate (see _c_core for what a _c_
module declares).  The mirrors lf_ets_spec and lf_ets, the enums and
lf_ets_name are _c_model's (a model of kind ets holds an lf_ets): a name is
declared once."""
from ctypes import POINTER, c_double, c_int, c_size_t, c_ulong

from ._c_core import Error
from ._c_model import Ets, EtsSpec

MIRRORS = []
OPAQUE = []
SCALARS = {}

_err = POINTER(Error)
_spec = POINTER(EtsSpec)
_ets = POINTER(Ets)
_doubles = POINTER(c_double)

FUNCTIONS = {
    "lf_ets_spec_check": (c_int, [_spec, _err]),
    "lf_ets_param_length": (c_size_t, [_spec]),
    "lf_ets_min_nobs": (c_size_t, [_spec]),
    "lf_ets_fit": (c_int, [_spec, _doubles, c_size_t, POINTER(_ets), _err]),
    "lf_ets_smooth": (c_int, [_spec, _doubles, _doubles, c_size_t, POINTER(_ets), _err]),
    "lf_ets_free": (None, [_ets]),
    "lf_ets_params": (None, [_ets, _doubles]),
    "lf_ets_loglik": (c_int, [_spec, _doubles, _doubles, c_size_t, _doubles, _err]),
    "lf_ets_forecast": (c_int, [_ets, c_size_t, c_double, _doubles, _doubles, _doubles, _err]),
    "lf_ets_simulate": (c_int, [_ets, c_size_t, c_size_t, c_ulong, _doubles, _err]),
}
