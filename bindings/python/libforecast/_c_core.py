"""The C interface of the library's core: errors, dates, the config handle.

Every module named _c_<domain>.py declares one part of the C interface, and
_lib gathers them all at import:

    MIRRORS    [(C name, Structure, kind)]: structs mirrored field by field in
               the header's order with the header's types.  kind "full", or
               "prefix" for a mirror of the first fields of a struct only ever
               read through a pointer C returns (never allocated or copied).
    OPAQUE     [(C name, Structure)]: types only ever handled by pointer.
    SCALARS    {C typedef name: ctypes type}: enums and integer typedefs.
    FUNCTIONS  {name: (restype, argtypes)}: every C function the binding calls.
    LF_* ints  the header's constants the mirrors need.

tests/test_abi.py compiles a C program against include/ and compares every
size, offset, field name, constant and prototype with these declarations, so
a struct or a signature changed on one side only fails the tests instead of
corrupting memory.
"""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_int, c_int32

# error.h
LF_OK = 0
LF_ERR_NOMEM = 1
LF_ERR_ARG = 2
LF_ERR_IO = 3
LF_ERR_PARSE = 4
LF_ERR_CONFIG = 5
LF_ERR_DATA = 6
LF_ERR_RANGE = 7
LF_ERR_NOTFOUND = 8
LF_ERR_SOLVER = 9
LF_ERROR_MESSAGE_MAX = 512

# scenario.h
LF_SCENARIO_NAME_MAX = 32

lf_date = c_int32  # days since 1970-01-01 (date.h)


class Error(ctypes.Structure):
    """lf_error: the status code and message every fallible call fills."""
    _fields_ = [("code", c_int),
                ("message", c_char * LF_ERROR_MESSAGE_MAX)]


class ConfigHead(ctypes.Structure):
    """The first fields of lf_config, a PREFIX mirror: the whole struct (some
    63 kB of nested specs) is not mirrored, so a ConfigHead is only ever read
    through the pointer lf_config_load returns, never allocated or copied."""
    _fields_ = [("path", c_char_p),
                ("dir", c_char_p),
                ("name", c_char_p)]


MIRRORS = [
    ("lf_error", Error, "full"),
    ("lf_config", ConfigHead, "prefix"),
]
OPAQUE = []
SCALARS = {"lf_date": lf_date}

_err = POINTER(Error)

FUNCTIONS = {
    # libforecast.h, error.h
    "lf_version": (c_char_p, []),
    "lf_strerror": (c_char_p, [c_int]),
    # date.h
    "lf_date_parse": (c_int, [c_char_p, POINTER(lf_date), _err]),
    # config.h
    "lf_config_load": (c_int, [c_char_p, POINTER(POINTER(ConfigHead)), _err]),
    "lf_config_load_string": (c_int, [c_char_p, c_char_p, c_char_p,
                                      POINTER(POINTER(ConfigHead)), _err]),
    "lf_config_free": (None, [POINTER(ConfigHead)]),
    "lf_config_output_dir": (c_char_p, [POINTER(ConfigHead)]),
}
