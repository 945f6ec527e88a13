"""A project's data (project.h): everything a config names, read into frames
by the ingest pipeline (lf_project_load), as `lfc ingest` reads it — the
region's daily load with its weather, calendar columns and economic
indicators, the whole weather history, the calendar, and one frame per
large customer.

>>> import libforecast as lf
>>> with lf.Project("datasets/sample/project.yaml") as p:
...     print(p.daily.start.date(), p.daily.end.date(), "energy_mwh" in p.daily)
...     print(p.calendar.day("2024-02-10")["holiday"], len(p.customers))
2021-01-01 2024-12-31 True
Spring Festival 3
"""
import ctypes

from . import _c_frame as C
from .calendar import Calendar
from .config import Config
from .errors import ArgumentError, call
from .frame import Frame
from .ingest import _report
from ._handle import Handle
from ._lib import LIB

__all__ = ["Project"]


def _free_project(config):
    def free(ptr):
        LIB.lf_project_free(ptr)
        config.clear()   # the config may go once the project is freed
    return free


class Project(Handle):
    """Project(config): lf_project_load of a Config, or of a config file's
    path (loaded, and kept as .config).

    The frames and the calendar it gives are views into the project's C
    memory: each keeps the project alive (also after the Project object is
    dropped) and is closed when the project is closed (ClosedError on use).
    They are made afresh at each access; to_pandas() or copy() one to keep
    its data beyond the project.  Errors: those of Config, and InputError /
    LibIOError with the C message for a data file.

    >>> import libforecast as lf
    >>> p = lf.Project("datasets/sample/project.yaml")
    >>> daily = p.daily; del p                   # the frame keeps the project
    >>> daily.summarize("year")["days_missing"].tolist()   # 2023-07-19: a gap left
    [0, 0, 1, 0]
    """

    def __init__(self, config):
        if not isinstance(config, Config):
            if not isinstance(config, (str, bytes)) and not hasattr(config, "__fspath__"):
                raise ArgumentError(f"a Project is loaded from a Config or a config file's "
                                    f"path, not {type(config).__name__}")
            config = Config(config)
        out = ctypes.POINTER(C.Project)()
        call(LIB.lf_project_load, config._ptr(), ctypes.byref(out))
        super().__init__(out, _free_project([config]))
        self.config = config

    def _c(self):
        return self._ptr().contents

    def _frame(self, ptr):
        return Frame._view(ptr, self) if ptr else None

    @property
    def daily(self):
        """The region's daily frame: load, weather, calendar and economy
        columns (None without load data); lfc ingest's daily.csv."""
        return self._frame(self._c().daily)

    @property
    def weather(self):
        """The whole daily weather history, degC (None without weather)."""
        return self._frame(self._c().weather)

    @property
    def calendar(self):
        """The config's calendar over the data's years and ten ahead."""
        return Calendar._view(self._c().calendar, self)

    @property
    def customers(self):
        """One daily frame per large customer, in the config's order (columns
        prefixed "<id>_")."""
        c = self._c()
        return [self._frame(c.customers[k]) for k in range(c.ncustomers)]

    @property
    def load_report(self):
        """What reading the load file found (gaps, duplicates, clock changes):
        a dict as read_intervals returns it."""
        return _report(self._c().load_report)

    @property
    def weather_report(self):
        """What reading the weather file found (days missing): a dict."""
        return _report(self._c().weather_report)

    @property
    def customer_reports(self):
        """What reading each customer's file found: a list of dicts."""
        c = self._c()
        return [_report(c.customer_reports[k]) for k in range(c.ncustomers)]

    def __repr__(self):
        if self.closed:
            return "<Project (closed)>"
        d = self.daily
        days = f"{d.start.date()}..{d.end.date()}" if d is not None else "no load"
        return f"<Project {days}, {len(self.customers)} customers>"
