"""The project configuration (config.h): Config, an lf_config loaded and
checked by lf_config_load, held as an opaque handle.

Only the first fields of lf_config are mirrored (path, dir, name: see
_c_core.ConfigHead); the next increments pass the handle to the C functions
that take a config (lf_config_plan_supply, lf_config_build_calendar, ...).
"""
import ctypes
import os

from . import _inputs as I
from . import _c_core as T
from ._handle import Handle
from ._lib import LIB
from .errors import call

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

    def __repr__(self):
        if self.closed:
            return "<Config (closed)>"
        return f"<Config {self.name!r} from {self.path}>"
