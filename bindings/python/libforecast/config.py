"""The project configuration (config.h): Config, an lf_config loaded and
checked by lf_config_load, held as an opaque handle.

Only the first fields of lf_config are mirrored (path, dir, name: see
_c_core.ConfigHead); the next increments pass the handle to the C functions
that take a config (lf_config_plan_supply, lf_config_build_calendar, ...).
"""
import ctypes
import os

import numpy as np
import pandas as pd

from . import _inputs as I
from . import _c_core as T
from . import _c_frame
from ._handle import Handle
from ._lib import LIB
from .calendar import Calendar, _year
from .dates import to_month
from .errors import ArgumentError, call

SUPPLY = ("own_mwh", "purchase_mwh", "own_mw", "import_mw", "outage_mw")  # LF_PLAN_OWN_MWH..

__all__ = ["Config"]


class Config(Handle):
    """A project config (YAML) read and checked by lf_config_load.

    Errors: InputError with the C message "file:line:column: ..." for a bad
    config, LibIOError for a file that cannot be read.  The C memory is freed
    by close(), a ``with`` block, or garbage collection; use after close()
    raises ClosedError.

    >>> import libforecast as lf
    >>> with lf.Config("datasets/sample/project.yaml") as cfg:  # from the repository
    ...     print(cfg.name)
    Sample City
    """

    def __init__(self, path):
        out = ctypes.POINTER(T.ConfigHead)()
        call(LIB.lf_config_load, I.c_path(path), ctypes.byref(out))
        super().__init__(out, LIB.lf_config_free)

    @classmethod
    def from_string(cls, text, *, name="<string>", base_dir=None):
        r"""A config from YAML text (lf_config_load_string): messages name the
        text as `name` ("name:line:column: ..."), relative paths are resolved
        against base_dir (default: the current directory).

        >>> import libforecast as lf
        >>> lf.Config.from_string("name: Region A\nplan: {reserve: 12%}\n").name
        'Region A'
        >>> lf.Config.from_string("name: A\nlaod: {}\n", name="a.yaml")
        Traceback (most recent call last):
        ...
        libforecast.errors.InputError: a.yaml:2:1: unknown key 'laod' at the top level (did you mean 'load'?)
        """
        self = cls.__new__(cls)
        out = ctypes.POINTER(T.ConfigHead)()
        call(LIB.lf_config_load_string, I.c_text(text, "the config text"),
             I.c_text(name, "name"), None if base_dir is None else I.c_path(base_dir, "base_dir"),
             ctypes.byref(out))
        Handle.__init__(self, out, LIB.lf_config_free)
        return self

    def _head(self):
        return self._ptr().contents

    @property
    def path(self):
        """The config file as given to Config()."""
        return os.fsdecode(self._head().path)

    @property
    def dir(self):
        """The directory relative paths in the config are resolved against."""
        return os.fsdecode(self._head().dir)

    @property
    def name(self):
        """The project's name (the config's required 'name')."""
        return self._head().name.decode("utf-8")

    @property
    def output_dir(self):
        """The config's output directory, resolved against its directory."""
        return os.fsdecode(LIB.lf_config_output_dir(self._ptr()))

    def calendar(self, first_year, last_year):
        """The calendar the config describes for first_year..last_year (its
        calendar.years, when given, take precedence): a Calendar."""
        out = ctypes.POINTER(_c_frame.Calendar)()
        call(LIB.lf_config_build_calendar, self._ptr(), _year(first_year, "first_year"),
             _year(last_year, "last_year"), ctypes.byref(out))
        return Calendar._owned(out)

    def plan_supply(self, first, months=12):
        """The supply of the config's plan section for `months` months from
        `first` (lf_config_plan_supply): a DataFrame by month of own_mwh,
        purchase_mwh, own_mw, import_mw, outage_mw — as balance_plan takes
        them (``balance_plan(demand, reserve=..., **supply)``, each column a
        Series by month).  A month the config leaves out of a month map is an
        InputError at the key's file:line:column.

        >>> import libforecast as lf
        >>> with lf.Config("datasets/sample/project.yaml") as cfg:
        ...     supply = cfg.plan_supply("2025-01", 12)
        >>> list(supply.columns), int(supply.loc["2025-07", "import_mw"])
        (['own_mwh', 'purchase_mwh', 'own_mw', 'import_mw', 'outage_mw'], 7850)
        """
        year, month = to_month(first, "first")
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise ArgumentError(f"months must be a positive int, not {months!r}")
        arrays = [np.full(months, np.nan) for _ in SUPPLY]
        rows = (ctypes.POINTER(ctypes.c_double) * len(SUPPLY))(
            *[a.ctypes.data_as(ctypes.POINTER(ctypes.c_double)) for a in arrays])
        call(LIB.lf_config_plan_supply, self._ptr(), year, month, months, rows)
        index = pd.period_range(pd.Period(year=year, month=month, freq="M"), periods=months,
                                freq="M", name="month")
        return pd.DataFrame(dict(zip(SUPPLY, arrays)), index=index)

    def __repr__(self):
        if self.closed:
            return "<Config (closed)>"
        return f"<Config {self.name!r} from {self.path}>"
