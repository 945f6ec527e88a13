"""C memory the customer functions hand back: arrays of plain structs copied
into numpy in one go, and free() for the two arrays the caller must free
(lf_customer_expected_load, lf_usage_alerts: "free it with free()").

The binding copies such an array into numpy and frees it at once with
_lib.libc_free (the process's free, matching the library's malloc).
"""
import ctypes

import numpy as np

from ._lib import libc_free

_NUMPY = {ctypes.c_double: np.float64, ctypes.c_int: np.intc, ctypes.c_int32: np.int32,
          ctypes.c_size_t: np.uintp, ctypes.c_long: np.int_}


def c_free(ptr):
    """free() a pointer a C function returned for the caller to free (NULL is fine)."""
    libc_free(ptr)


def _dtype(struct):
    """The numpy dtype of a struct of scalars, at the compiler's offsets."""
    names = [name for name, _ in struct._fields_]
    return np.dtype({"names": names,
                     "formats": [_NUMPY[ctype] for _, ctype in struct._fields_],
                     "offsets": [getattr(struct, name).offset for name in names],
                     "itemsize": ctypes.sizeof(struct)})


def struct_array(ptr, n, struct):
    """A numpy copy of n structs (of scalar fields) at ptr (NULL: n must be 0)."""
    if n == 0 or not ptr:
        return np.zeros(0, dtype=_dtype(struct))
    raw = ctypes.string_at(ptr, n * ctypes.sizeof(struct))
    return np.frombuffer(raw, dtype=_dtype(struct))
