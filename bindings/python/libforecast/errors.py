"""The exceptions of libforecast, and check(): a C status into an exception.

Every C error becomes one of these, carrying the C status as ``.code`` and
the C message, unchanged, as ``.message`` (and str(exc)); a message about an
input file starts with "file:line:column: ".

    LibforecastError                 every error of the binding
    +-- InputError                   a bad file or config: LF_ERR_PARSE,
    |                                LF_ERR_CONFIG, LF_ERR_DATA, LF_ERR_RANGE,
    |                                LF_ERR_NOTFOUND
    +-- ArgumentError (ValueError)   a bad argument from Python: LF_ERR_ARG,
    |   +-- ClosedError              an object used after close()
    +-- LibIOError (OSError)         a file not read or written: LF_ERR_IO
    +-- SolverError                  an optimization solver failed: LF_ERR_SOLVER
    +-- OutOfMemoryError (MemoryError)  LF_ERR_NOMEM
    +-- InfeasiblePlanError          raised by Python (BalancePlan.raise_if_infeasible),
                                     code 0: no C call failed

>>> import libforecast as lf
>>> try:
...     lf.balance_plan({"energy_p50": [1.0]}, first="2025-01", reserve=0.1)
... except lf.ArgumentError as e:
...     print(e.code)
2
"""
from . import _c_core as T
from ._lib import LIB

__all__ = ["LibforecastError", "InputError", "ArgumentError", "ClosedError", "LibIOError", "SolverError", "OutOfMemoryError", "InfeasiblePlanError"]


class LibforecastError(Exception):
    """Base of every libforecast exception: ``.code`` (an lf_status int) and
    ``.message`` (the C message, or the binding's own)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class InputError(LibforecastError):
    """A file or a config that cannot be used: malformed (LF_ERR_PARSE), an
    invalid config (LF_ERR_CONFIG), inconsistent data (LF_ERR_DATA), a value
    out of range (LF_ERR_RANGE) or a missing column or key (LF_ERR_NOTFOUND)."""


class ArgumentError(LibforecastError, ValueError):
    """An invalid argument (LF_ERR_ARG), from the C checks or the binding's
    own (wrong length, dtype or shape); also a ValueError."""

    def __init__(self, message, code=T.LF_ERR_ARG):
        super().__init__(code, message)


class ClosedError(ArgumentError):
    """An object used after close() (its C memory is freed)."""


class LibIOError(LibforecastError, OSError):
    """A file that cannot be opened, read or written (LF_ERR_IO); also an OSError."""


class SolverError(LibforecastError):
    """An optimization solver failed (LF_ERR_SOLVER), not: found no solution."""


class OutOfMemoryError(LibforecastError, MemoryError):
    """The C library ran out of memory (LF_ERR_NOMEM); also a MemoryError."""


class InfeasiblePlanError(LibforecastError):
    """A plan that does not close, raised by Python code (no C call failed,
    so ``.code`` is 0); ``.months`` lists the months at fault (pandas Periods)."""

    def __init__(self, message, months=()):
        super().__init__(T.LF_OK, message)
        self.months = list(months)


_BY_CODE = {
    T.LF_ERR_NOMEM: OutOfMemoryError,
    T.LF_ERR_IO: LibIOError,
    T.LF_ERR_PARSE: InputError,
    T.LF_ERR_CONFIG: InputError,
    T.LF_ERR_DATA: InputError,
    T.LF_ERR_RANGE: InputError,
    T.LF_ERR_NOTFOUND: InputError,
    T.LF_ERR_SOLVER: SolverError,
}


def error_for(code, message):
    """The exception for a C status and message (not raised)."""
    if code == T.LF_ERR_ARG:
        return ArgumentError(message)
    return _BY_CODE.get(code, LibforecastError)(code, message)


def check(rc, err):
    """Raise the exception for status rc with err's message; nothing when rc is 0.

    The C message is kept as it is; a status without one (never expected)
    gets lf_strerror's name of the code.
    """
    if rc == T.LF_OK:
        return
    message = err.message.decode("utf-8", "replace")
    if not message:
        message = LIB.lf_strerror(rc).decode("utf-8", "replace")
    raise error_for(rc, message)


def call(fn, *args):
    """fn(*args, &err) for a fallible C function, checked: the one way the
    binding calls one."""
    err = T.Error()
    check(fn(*args, err), err)
