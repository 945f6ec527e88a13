"""C memory the customer functions hand back: arrays of plain structs copied
into numpy in one go.  The two arrays the caller must free
(lf_customer_expected_load, lf_usage_alerts) are freed at once with
_lib.libc_free after the copy.
"""
import ctypes

import numpy as np


_NUMPY = {ctypes.c_double: np.float64, ctypes.c_int: np.intc, ctypes.c_int32: np.int32,
          ctypes.c_size_t: np.uintp, ctypes.c_long: np.int_}


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
