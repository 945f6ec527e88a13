"""The BLAS's threads, for results identical to lfc's.

The least-squares fits run LAPACK's QR, whose BLAS calls OpenBLAS splits
between threads above a size; a different split rounds differently, so the
last bits of a fit — and every number drawn from it, some 1e-12 relative —
depend on the BLAS thread count.  lfc runs OpenBLAS on one thread (faster for
these small problems: see libforecast/cli/main.c).  A Python process keeps
OpenBLAS's default, a thread per core, which numpy shares.  For numbers
bit-identical to lfc's, run the libforecast calls on one thread:

    with lf.blas_threads(1):
        run = lf.forecast_from_config(cfg)

or start Python with OPENBLAS_NUM_THREADS=1.  The library itself never
changes the setting (it is the whole process's, numpy's too).  With a BLAS
other than OpenBLAS, these functions do nothing and report None.

>>> import libforecast as lf
>>> with lf.blas_threads(1):
...     lf.get_blas_threads() in (1, None)
True
"""
import contextlib
import ctypes
import threading

from ._lib import LIB
from .errors import ArgumentError

__all__ = ["blas_threads", "get_blas_threads"]

_LOCK = threading.Lock()


def _openblas(name):
    """An OpenBLAS function of the BLAS libforecast loaded, or None."""
    try:
        return getattr(LIB, name)   # dlsym on the library searches its dependencies
    except AttributeError:
        return None


_GET = _openblas("openblas_get_num_threads")
_SET = _openblas("openblas_set_num_threads")
if _SET is not None:
    _SET.argtypes, _SET.restype = [ctypes.c_int], None


def get_blas_threads():
    """OpenBLAS's thread count now, or None with another BLAS."""
    return None if _GET is None else int(_GET())


@contextlib.contextmanager
def blas_threads(n):
    """Run the block with OpenBLAS on n threads, then restore the count."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ArgumentError(f"n must be a positive int, not {n!r}")
    if _SET is None or _GET is None:
        yield None
        return
    with _LOCK:
        before = int(_GET())
        _SET(n)
    try:
        yield n
    finally:
        with _LOCK:
            _SET(before)
