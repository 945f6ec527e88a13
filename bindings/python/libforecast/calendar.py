"""Holiday calendars (calendar.h): the type of every day, which the models'
calendar terms and the forecast's days read.

A Calendar covers first_year..last_year with built-in calendars ("CN" with
调休 make-up workdays, "US", "AU-NSW", ...), holidays and workdays added one by
one or from a CSV file.  Config.calendar() builds the config's, and
Project.calendar is the project's.

>>> import libforecast as lf
>>> cal = lf.Calendar(2025, 2025, builtin=["CN"])
>>> cal.day("2025-10-01")["type"], cal.day("2025-09-28")["type"]
('holiday', 'makeup_workday')
>>> cal.days("2025-01-28", "2025-01-29")[["type", "holiday"]]
               type          holiday
date                                
2025-01-28  holiday  Spring Festival
2025-01-29  holiday  Spring Festival
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_frame as C
from . import _inputs as I
from ._c_core import LF_ERR_ARG, Error
from ._handle import Handle
from ._lib import LIB
from .dates import to_timestamp
from .errors import ArgumentError, call, check
from .frame import _one_day, as_frame

__all__ = ["Calendar", "DAY_TYPES"]

# lf_day_type's names, indexed by its value
DAY_TYPES = ("working", "weekend", "holiday", "makeup_workday")
assert [C.LF_DAY_WORKING, C.LF_DAY_WEEKEND, C.LF_DAY_HOLIDAY, C.LF_DAY_MAKEUP_WORKDAY] == \
    list(range(len(DAY_TYPES)))


def _year(value, what):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ArgumentError(f"{what} must be an int year, not {type(value).__name__}")
    return int(value)


class Calendar(Handle):
    """Calendar(first_year, last_year, builtin=()): lf_calendar_new, then
    lf_calendar_add_builtin for each name in builtin (a name or a list).

    Years within 1901..2099 for the built-ins, 1..9999 otherwise; when two
    sources give one date, the later wins.  Owns its C memory (close(),
    ``with``, garbage collection); Project.calendar is a view of the
    project's, closed with it.

    >>> import libforecast as lf
    >>> with lf.Calendar(2024, 2025, builtin="US") as us:
    ...     print(us.first_year, us.last_year, us.day("2025-07-04")["holiday"])
    2024 2025 Independence Day
    """

    def __init__(self, first_year, last_year, builtin=()):
        ptr = _new(_year(first_year, "first_year"), _year(last_year, "last_year"))
        super().__init__(ptr, LIB.lf_calendar_free)
        for name in [builtin] if isinstance(builtin, str) else builtin or ():
            self.add_builtin(name)

    @classmethod
    def _owned(cls, ptr):
        """A calendar C made (lf_config_build_calendar); freed by lf_calendar_free."""
        self = cls.__new__(cls)
        Handle.__init__(self, ptr, LIB.lf_calendar_free)
        return self

    @classmethod
    def _view(cls, ptr, owner):
        """The calendar owner holds (a Project's)."""
        return cls.view(ptr, owner)

    @property
    def first_year(self):
        """The first year covered."""
        return LIB.lf_calendar_first_year(self._ptr())

    @property
    def last_year(self):
        """The last year covered."""
        return LIB.lf_calendar_last_year(self._ptr())

    def add_builtin(self, name):
        """Add a built-in calendar ("CN", "US", "AU-NSW", ...); InputError
        listing the known names for an unknown one."""
        call(LIB.lf_calendar_add_builtin, self._ptr(), I.c_text(name, "the calendar name"))

    def add_holiday(self, date, name):
        """Make date a holiday named name.

        >>> import libforecast as lf
        >>> cal = lf.Calendar(2025, 2025)
        >>> cal.add_holiday("2025-03-03", "Founders' Day"); cal.day("2025-03-03")["type"]
        'holiday'
        """
        call(LIB.lf_calendar_add_holiday, self._ptr(), _one_day(date, "the date"),
             I.c_text(name, "the holiday name"))

    def add_workday(self, date, name=None):
        """Make date a working day (a make-up workday when it is a weekend)."""
        call(LIB.lf_calendar_add_workday, self._ptr(), _one_day(date, "the date"),
             I.c_text(name, "the workday name"))

    def load_csv(self, path):
        """Add the holidays and workdays of a CSV file (lf_calendar_load_csv: a
        'date' column, optional 'name' and 'type' = holiday | workday); all or
        nothing, InputError "file:line:column: ..." for a bad row."""
        call(LIB.lf_calendar_load_csv, self._ptr(), I.c_path(path))

    def day(self, date):
        """{"type", "holiday", "block_day", "block_length"} of one day: type one
        of DAY_TYPES; holiday the name of the holiday (or of the block the day
        belongs to, or a make-up day's); block_day/block_length the position
        in the run of days off holding a holiday (0, 0 outside one).
        InputError for a day outside the calendar's years."""
        info = C.DayInfo()
        call(LIB.lf_calendar_day, self._ptr(), _one_day(date, "the date"),
             ctypes.byref(info))
        return {"type": DAY_TYPES[info.type], "holiday": info.holiday.decode("utf-8"),
                "block_day": info.block_day, "block_length": info.block_length}

    def days(self, first, last):
        """day() for every day first..last, a DataFrame by date."""
        a, b = _one_day(first, "first"), _one_day(last, "last")
        if b < a:
            raise ArgumentError(f"last ({to_timestamp(b).date()}) is before first "
                                f"({to_timestamp(a).date()})")
        rows = [self.day(d) for d in range(a, b + 1)]
        df = pd.DataFrame(rows, index=pd.date_range(to_timestamp(a), periods=b - a + 1))
        df.index.name = "date"
        return df

    def annotate(self, frame):
        """A new owned Frame: a copy of frame (a Frame or a DataFrame) with the
        calendar columns lf_calendar_annotate adds: day_type (the DAY_TYPES
        index), holiday (1/0), block_day, block_length.  The input is not
        changed (C appends columns, which may move them, so it works on a copy).

        >>> import pandas as pd, libforecast as lf
        >>> df = pd.DataFrame({"peak_mw": 1.0}, index=pd.date_range("2025-01-31", periods=3))
        >>> lf.Calendar(2025, 2025, "CN").annotate(df)["day_type"].tolist()
        [2.0, 2.0, 2.0]
        """
        out = as_frame(frame).copy()
        try:
            call(LIB.lf_calendar_annotate, self._ptr(), out._ptr())
        except BaseException:
            out.close()
            raise
        return out

    def __repr__(self):
        if self.closed:
            return "<Calendar (closed)>"
        return f"<Calendar {self.first_year}..{self.last_year}>"


def _new(first_year, last_year):
    """lf_calendar_new, which returns NULL (not a status) on error."""
    err = Error()
    ptr = LIB.lf_calendar_new(first_year, last_year, err)
    if not ptr:
        check(err.code or LF_ERR_ARG, err)
    return ptr
